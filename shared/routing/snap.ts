/**
 * Snapping points to the nearest road piece: a uniform grid (degrees) over the graph's segments
 * (one entry per road piece, however many directions it can be driven), searched ring by ring
 * outwards from the point's cell. Distances are metres in a local plane around the query point
 * (equirectangular; exact enough for the few kilometres a snap may span).
 */
import { findEdge, type RoadGraph } from './graph.ts';
import { M_PER_DEG_LAT, mPerDegLon } from './geo.ts';

/**
 * Speed of the leg between a point and the road it snaps to, km/h: driveways, yards, parking
 * lots and unmapped minor streets, travelled in a straight line. 20 km/h is Tessera's planning
 * assumption (a slow drive, or a brisk walk to the car on short legs), not a published figure.
 */
export const DEFAULT_OFF_ROAD_KMH = 20;
/** Points farther than this from every road are "far from any road": the network cannot answer for them, metres. */
export const DEFAULT_MAX_SNAP_M = 3000;

export interface Snap {
  /** Segment index in the SegmentIndex. */
  segment: number;
  /** End nodes of the road piece and the point's position along it (0 at a, 1 at b). */
  a: number;
  b: number;
  fraction: number;
  /** Edge a -> b and b -> a, or -1 when that direction cannot be driven. */
  forward: number;
  backward: number;
  /** Straight-line distance from the point to the road, metres. */
  distanceM: number;
}

export class SegmentIndex {
  readonly segmentCount: number;
  readonly segA: Int32Array;
  readonly segB: Int32Array;
  readonly segForward: Int32Array;
  readonly segBackward: Int32Array;
  private readonly minLon: number;
  private readonly minLat: number;
  /** Grid cell size, degrees. */
  private readonly cell: number;
  private readonly nx: number;
  private readonly ny: number;
  private readonly cellStart: Int32Array;
  private readonly cellItems: Int32Array;

  /**
   * @param allowNode optional mask: only road pieces whose two nodes have a non-zero entry are
   *   indexed (for example, to snap only onto pieces of network big enough to matter).
   */
  constructor(
    readonly graph: RoadGraph,
    allowNode?: Uint8Array,
  ) {
    const g = graph;
    const a: number[] = [];
    const b: number[] = [];
    const fwd: number[] = [];
    const back: number[] = [];
    for (let u = 0; u < g.nodeCount; u++) {
      if (allowNode && !allowNode[u]) continue;
      for (let e = g.offsets[u]!, end = g.offsets[u + 1]!; e < end; e++) {
        const v = g.targets[e]!;
        if (allowNode && !allowNode[v]) continue;
        const rev = findEdge(g, v, u);
        if (rev >= 0 && v < u) continue; // a two-way piece is listed once, from its lower node
        if (findEdge(g, u, v) !== e) continue; // parallel duplicates: keep the fastest
        a.push(u);
        b.push(v);
        fwd.push(e);
        back.push(rev);
      }
    }
    this.segmentCount = a.length;
    this.segA = Int32Array.from(a);
    this.segB = Int32Array.from(b);
    this.segForward = Int32Array.from(fwd);
    this.segBackward = Int32Array.from(back);

    let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
    for (let s = 0; s < this.segmentCount; s++) {
      for (const n of [this.segA[s]!, this.segB[s]!]) {
        const x = g.lon[n]!, y = g.lat[n]!;
        if (x < minLon) minLon = x;
        if (x > maxLon) maxLon = x;
        if (y < minLat) minLat = y;
        if (y > maxLat) maxLat = y;
      }
    }
    if (this.segmentCount === 0) minLon = minLat = maxLon = maxLat = 0;
    const area = Math.max(1e-12, (maxLon - minLon) * (maxLat - minLat));
    this.cell = Math.max(1e-5, Math.sqrt(area / Math.max(1, this.segmentCount)) * 1.5);
    this.minLon = minLon;
    this.minLat = minLat;
    this.nx = Math.max(1, Math.floor((maxLon - minLon) / this.cell) + 1);
    this.ny = Math.max(1, Math.floor((maxLat - minLat) / this.cell) + 1);

    const counts = new Int32Array(this.nx * this.ny + 1);
    const each = (s: number, visit: (c: number) => void) => {
      const x0 = this.cx(Math.min(g.lon[this.segA[s]!]!, g.lon[this.segB[s]!]!));
      const x1 = this.cx(Math.max(g.lon[this.segA[s]!]!, g.lon[this.segB[s]!]!));
      const y0 = this.cy(Math.min(g.lat[this.segA[s]!]!, g.lat[this.segB[s]!]!));
      const y1 = this.cy(Math.max(g.lat[this.segA[s]!]!, g.lat[this.segB[s]!]!));
      for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) visit(y * this.nx + x);
    };
    for (let s = 0; s < this.segmentCount; s++) each(s, (c) => counts[c + 1]!++);
    for (let c = 0; c < this.nx * this.ny; c++) counts[c + 1]! += counts[c]!;
    this.cellStart = counts;
    this.cellItems = new Int32Array(counts[this.nx * this.ny]!);
    const fill = counts.slice(0, this.nx * this.ny);
    for (let s = 0; s < this.segmentCount; s++) each(s, (c) => (this.cellItems[fill[c]!++] = s));
  }

  private cx(lon: number): number {
    return Math.min(this.nx - 1, Math.max(0, Math.floor((lon - this.minLon) / this.cell)));
  }

  private cy(lat: number): number {
    return Math.min(this.ny - 1, Math.max(0, Math.floor((lat - this.minLat) / this.cell)));
  }

  /** The nearest road piece to a lon/lat point (degrees) within `maxMeters`, or null. */
  nearest(lon: number, lat: number, maxMeters = DEFAULT_MAX_SNAP_M): Snap | null {
    if (this.segmentCount === 0) return null;
    const g = this.graph;
    const kx = mPerDegLon(lat);
    const ky = M_PER_DEG_LAT;
    const cellM = this.cell * Math.min(kx, ky);
    // distance from the point to the grid, when it lies outside it
    const gx = Math.max(0, this.minLon - lon, lon - (this.minLon + this.nx * this.cell)) * kx;
    const gy = Math.max(0, this.minLat - lat, lat - (this.minLat + this.ny * this.cell)) * ky;
    if (Math.hypot(gx, gy) > maxMeters) return null;
    const qx = Math.floor((lon - this.minLon) / this.cell);
    const qy = Math.floor((lat - this.minLat) / this.cell);
    let best = -1;
    let bestD2 = Infinity;
    let bestF = 0;
    const maxRing = Math.max(this.nx, this.ny) + Math.abs(qx) + Math.abs(qy);
    for (let r = 0; r <= maxRing; r++) {
      for (let y = qy - r; y <= qy + r; y++) {
        if (y < 0 || y >= this.ny) continue;
        const onEdgeRow = y === qy - r || y === qy + r;
        for (let x = qx - r; x <= qx + r; x += onEdgeRow || r === 0 ? 1 : 2 * r) {
          if (x < 0 || x >= this.nx) continue;
          const c = y * this.nx + x;
          for (let i = this.cellStart[c]!, end = this.cellStart[c + 1]!; i < end; i++) {
            const s = this.cellItems[i]!;
            const na = this.segA[s]!, nb = this.segB[s]!;
            const ax = (g.lon[na]! - lon) * kx, ay = (g.lat[na]! - lat) * ky;
            const bx = (g.lon[nb]! - lon) * kx, by = (g.lat[nb]! - lat) * ky;
            const dx = bx - ax, dy = by - ay;
            const len2 = dx * dx + dy * dy;
            let f = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0;
            f = f < 0 ? 0 : f > 1 ? 1 : f;
            const px = ax + f * dx, py = ay + f * dy;
            const d2 = px * px + py * py;
            if (d2 < bestD2) {
              bestD2 = d2;
              best = s;
              bestF = f;
            }
          }
        }
      }
      // every piece not yet seen lies at least r cells away
      const reach = r * cellM;
      if (best >= 0 && bestD2 <= reach * reach) break;
      if (reach > maxMeters + cellM && reach > Math.hypot(gx, gy) + maxMeters) break;
    }
    if (best < 0 || Math.sqrt(bestD2) > maxMeters) return null;
    return {
      segment: best,
      a: this.segA[best]!,
      b: this.segB[best]!,
      fraction: bestF,
      forward: this.segForward[best]!,
      backward: this.segBackward[best]!,
      distanceM: Math.sqrt(bestD2),
    };
  }
}

/**
 * Start of a search from a snapped point: the nodes at both ends of its road piece with the time
 * to reach them, seconds (off-road leg at `offRoadKmh` plus the part of the piece driven).
 */
export function seedsOf(g: RoadGraph, snap: Snap, offRoadKmh = DEFAULT_OFF_ROAD_KMH): { nodes: number[]; seconds: number[] } {
  const off = snap.distanceM / (offRoadKmh / 3.6);
  const nodes: number[] = [];
  const seconds: number[] = [];
  if (snap.forward >= 0) {
    nodes.push(snap.b);
    seconds.push(off + (1 - snap.fraction) * g.seconds[snap.forward]!);
  }
  if (snap.backward >= 0) {
    nodes.push(snap.a);
    seconds.push(off + snap.fraction * g.seconds[snap.backward]!);
  }
  return { nodes, seconds };
}

/**
 * Arrival time at a snapped point after a search, seconds (Infinity when unreachable): the best of
 * arriving along its piece from either end, plus the off-road leg. `timeOf` is the search result.
 */
export function arrivalAt(g: RoadGraph, snap: Snap, timeOf: (n: number) => number, offRoadKmh = DEFAULT_OFF_ROAD_KMH): number {
  let t = Infinity;
  if (snap.forward >= 0) t = Math.min(t, timeOf(snap.a) + snap.fraction * g.seconds[snap.forward]!);
  if (snap.backward >= 0) t = Math.min(t, timeOf(snap.b) + (1 - snap.fraction) * g.seconds[snap.backward]!);
  return t + snap.distanceM / (offRoadKmh / 3.6);
}

/** Travel along one shared piece from origin to target, seconds (Infinity when it cannot be driven that way). */
export function alongSamePiece(g: RoadGraph, from: Snap, to: Snap, offRoadKmh = DEFAULT_OFF_ROAD_KMH): number {
  if (from.segment !== to.segment) return Infinity;
  const off = (from.distanceM + to.distanceM) / (offRoadKmh / 3.6);
  if (to.fraction >= from.fraction && from.forward >= 0) return off + (to.fraction - from.fraction) * g.seconds[from.forward]!;
  if (to.fraction <= from.fraction && from.backward >= 0) return off + (from.fraction - to.fraction) * g.seconds[from.backward]!;
  return Infinity;
}
