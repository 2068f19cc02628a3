/**
 * A road graph ready for queries: its network islands, a snapping index over the pieces of
 * network big enough to matter, the off-road speed and snap distance, and a reusable search
 * workspace. Build one per loaded graph and keep it (building the index is the costly part).
 */
import { DijkstraWorkspace } from './dijkstra.ts';
import { components, strongComponents, type Components, type RoadGraph } from './graph.ts';
import { M_PER_DEG_LAT, mPerDegLon } from './geo.ts';
import { DEFAULT_MAX_SNAP_M, DEFAULT_OFF_ROAD_KMH, SegmentIndex, seedsOf, type Snap } from './snap.ts';

export interface NetworkOptions {
  /** Speed of the straight leg between a point and its road, km/h. */
  offRoadKmh?: number;
  /** Points farther than this from every road are not snapped, metres. */
  maxSnapM?: number;
  /**
   * Islands (pieces of network joined to nothing else) smaller than this share of the largest
   * are not snapped to: a point beside a stray private road snaps to the real network instead.
   */
  minIslandShare?: number;
}

export interface IslandReport {
  /** Number of separate pieces of network. */
  islands: number;
  /** Nodes in the largest piece and in all the others. */
  mainNodes: number;
  otherNodes: number;
  /** Islands too small to snap to (see `minIslandShare`). */
  ignoredIslands: number;
  /**
   * Nodes of the snapped-to islands that one cannot both drive to and leave (one-way dead ends,
   * streets that can be left but never entered): points are snapped to the roads around them.
   */
  oneWayTrappedNodes: number;
}

export class RoutingNetwork {
  readonly offRoadKmh: number;
  readonly maxSnapM: number;
  readonly components: Components;
  /**
   * 1 for nodes of a strongly connected piece big enough to matter (see `minIslandShare`): the
   * roads points are snapped to, and the ones an isochrone must keep out when it does not reach them.
   */
  readonly drivable: Uint8Array;
  readonly index: SegmentIndex;
  readonly islands: IslandReport;
  private workspace: DijkstraWorkspace | null = null;

  constructor(
    readonly graph: RoadGraph,
    options: NetworkOptions = {},
  ) {
    this.offRoadKmh = options.offRoadKmh ?? DEFAULT_OFF_ROAD_KMH;
    this.maxSnapM = options.maxSnapM ?? DEFAULT_MAX_SNAP_M;
    this.components = components(graph);
    const sizes = this.components.sizes;
    const minSize = Math.max(2, Math.ceil((sizes[0] ?? 0) * (options.minIslandShare ?? 0.01)));
    // pieces of network joined to nothing else, and within them one-way traps, are not snapped to
    // (as OSRM leaves out its "tiny components"): a target there could never be reached
    const strong = strongComponents(graph);
    const minStrong = Math.max(2, Math.ceil((strong.sizes[0] ?? 0) * (options.minIslandShare ?? 0.01)));
    this.drivable = new Uint8Array(graph.nodeCount);
    let trapped = 0;
    for (let n = 0; n < graph.nodeCount; n++) {
      if (sizes[this.components.componentOf[n]!]! < minSize) continue;
      if (strong.sizes[strong.componentOf[n]!]! >= minStrong) this.drivable[n] = 1;
      else trapped++;
    }
    this.index = new SegmentIndex(graph, this.drivable);
    this.islands = {
      islands: sizes.length,
      mainNodes: sizes[0] ?? 0,
      otherNodes: graph.nodeCount - (sizes[0] ?? 0),
      ignoredIslands: sizes.filter((s) => s < minSize).length,
      oneWayTrappedNodes: trapped,
    };
  }

  private longest: Float32Array | null = null;

  /** Length of the longest road piece at each node, metres (so isochrones can skip short pieces without touching them). */
  get longestPieceM(): Float32Array {
    if (this.longest) return this.longest;
    const g = this.graph;
    const out = new Float32Array(g.nodeCount);
    for (let u = 0; u < g.nodeCount; u++) {
      let m = 0;
      const kx = mPerDegLon(g.lat[u]!);
      for (let e = g.offsets[u]!, end = g.offsets[u + 1]!; e < end; e++) {
        const v = g.targets[e]!;
        const d = Math.hypot((g.lon[v]! - g.lon[u]!) * kx, (g.lat[v]! - g.lat[u]!) * M_PER_DEG_LAT);
        if (d > m) m = d;
      }
      out[u] = m;
    }
    return (this.longest = out);
  }

  /** Nearest road piece to a lon/lat point (degrees), or null when farther than `maxSnapM`. */
  snap(lon: number, lat: number): Snap | null {
    return this.index.nearest(lon, lat, this.maxSnapM);
  }

  /** Search from a snapped point within `limitSeconds`; the returned workspace is reused by the next search. */
  search(from: Snap, limitSeconds = Infinity): DijkstraWorkspace {
    const ws = (this.workspace ??= new DijkstraWorkspace(this.graph));
    const seeds = seedsOf(this.graph, from, this.offRoadKmh);
    ws.run(seeds.nodes, seeds.seconds, limitSeconds);
    return ws;
  }
}
