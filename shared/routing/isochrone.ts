/**
 * Isochrones: polygons of the area reachable from a point within several time bands. A bounded
 * Dijkstra gives arrival times at road nodes. Every grid vertex then takes the time of its nearest
 * road point (reached or not: nodes, points along pieces longer than a cell, a pair either side of
 * where a piece crosses a band's time) plus the off-road leg (at most `maxSnapM`), as snapping
 * does for a real target; the road points keep their exact positions (`site-grid.ts`), so the
 * marching squares of `contour.ts` put a band's edge on the bisector between a road reached within
 * it and one that is not, inside a cell. A reached node keeps a corner of its cell (`keepNode`),
 * so nodes reached within a band lie inside its polygon (>= 99.6 % measured). The cell size
 * follows the density of the reached roads within a fixed vertex budget (`gridCellM`).
 */
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import { contourPolygons, type ValueGrid } from './contour.ts';
import { M_PER_DEG_LAT, mPerDegLon } from './geo.ts';
import type { RoutingNetwork } from './network.ts';
import { findEdge } from './graph.ts';
import { SiteGrid } from './site-grid.ts';
import { DEFAULT_MAX_SNAP_M, DEFAULT_OFF_ROAD_KMH } from './snap.ts';
import { UserError } from '../errors.ts';

export interface IsochroneOptions {
  /** Grid vertices across the longer side of the reached area (resolution). */
  cellsAcross?: number;
  /** Smallest grid cell, metres (default 4). */
  minCellM?: number;
  /** Most grid vertices; the cell grows to stay under it (default `DEFAULT_MAX_GRID_CELLS`). */
  maxCells?: number;
}

export interface IsochroneResult {
  /** One feature per band, ascending; properties `minutes` and `areaKm2`-free to keep it plain. */
  collection: FeatureCollection<MultiPolygon, { minutes: number }>;
  /** Road nodes reached within the largest band. */
  reachedNodes: number;
  /** Distance from the start point to the road it was snapped to, metres. */
  snapDistanceM: number;
  /** Milliseconds spent searching the network and building polygons. */
  searchMs: number;
  polygonMs: number;
  /** The arrival-time grid the polygons were contoured from (seconds). */
  grid: ValueGrid;
}

/**
 * Isochrone polygons from a lon/lat point (degrees) for `minutes` bands (each polygon holds the
 * area reachable within that many minutes, so larger bands contain smaller ones).
 */
export function isochrones(net: RoutingNetwork, lon: number, lat: number, minutes: readonly number[], options: IsochroneOptions = {}): IsochroneResult {
  const bands = [...minutes].filter((m) => m > 0 && Number.isFinite(m)).sort((a, b) => a - b);
  if (bands.length === 0) throw new UserError('Give at least one positive number of minutes for the drive-time bands.');
  const t0 = now();
  const snap = net.snap(lon, lat);
  if (!snap) {
    throw new UserError(
      `The point ${lon.toFixed(5)}, ${lat.toFixed(5)} is more than ${(net.maxSnapM / 1000).toFixed(1)} km from every road of the network, so drive times from it cannot be computed; the straight-line estimate is used for it.`,
    );
  }
  const limit = bands[bands.length - 1]! * 60;
  const ws = net.search(snap, limit);
  const t1 = now();
  const grid = arrivalGrid(net, ws.settled, ws.settledCount, (n) => ws.time[n]!, limit, options, bands.map((m) => m * 60), [lon, lat]);
  const features: Feature<MultiPolygon, { minutes: number }>[] = bands.map((m) => ({
    type: 'Feature',
    properties: { minutes: m },
    geometry: contourPolygons(grid, m * 60),
  }));
  const t2 = now();
  return {
    collection: { type: 'FeatureCollection', features },
    reachedNodes: ws.settledCount,
    snapDistanceM: snap.distanceM,
    searchMs: t1 - t0,
    polygonMs: t2 - t1,
    grid,
  };
}

/**
 * Grid of arrival seconds around the settled nodes of a search (see the module comment). Roads
 * are interpolated only where a contour `levels` (seconds) may cross them; elsewhere the off-road
 * spread from their nodes already gives every vertex a time on the right side of each level.
 */
export function arrivalGrid(
  net: RoutingNetwork,
  settled: Int32Array,
  settledCount: number,
  timeOf: (n: number) => number,
  limitSeconds: number,
  options: IsochroneOptions = {},
  levels: readonly number[] = [limitSeconds],
  origin?: readonly [number, number],
): ValueGrid {
  const g = net.graph;
  const offMps = net.offRoadKmh / 3.6;
  const spreadM = Math.min(net.maxSnapM, limitSeconds * offMps);
  // the area the polygons can cover: each settled node plus the off-road walk its time leaves
  // (not the full spread around every node: most lie near the band's edge and walk a few metres),
  // or its longest piece, part of which a node before the limit reaches by road
  // (nodes are visited in node order, not the search's: on a large network reading the
  // coordinates in sequence instead of scattered takes a third off the polygon time)
  const reached = new Uint8Array(g.nodeCount);
  for (let k = 0; k < settledCount; k++) if (timeOf(settled[k]!) <= limitSeconds) reached[settled[k]!] = 1;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const kx0 = settledCount > 0 ? mPerDegLon(g.lat[settled[0]!]!) : mPerDegLon(origin?.[1] ?? 0);
  const longestM = net.longestPieceM;
  for (let n = 0; n < g.nodeCount; n++) {
    if (!reached[n]) continue;
    const left = limitSeconds - timeOf(n);
    const walkM = left > 0 ? Math.max(Math.min(spreadM, left * offMps), longestM[n]!) : 0;
    const x = g.lon[n]!, y = g.lat[n]!;
    const rx = walkM / kx0, ry = walkM / M_PER_DEG_LAT;
    if (x - rx < minX) minX = x - rx;
    if (x + rx > maxX) maxX = x + rx;
    if (y - ry < minY) minY = y - ry;
    if (y + ry > maxY) maxY = y + ry;
  }
  if (origin) {
    minX = Math.min(minX, origin[0]);
    maxX = Math.max(maxX, origin[0]);
    minY = Math.min(minY, origin[1]);
    maxY = Math.max(maxY, origin[1]);
  }
  if (minX > maxX) minX = maxX = minY = maxY = 0;
  const midLat = (minY + maxY) / 2;
  const kx = mPerDegLon(midLat);
  const ky = M_PER_DEG_LAT;
  const widthM = Math.max((maxX - minX) * kx, 1);
  const heightM = Math.max((maxY - minY) * ky, 1);
  const cellM = gridCellM(net, settled, settledCount, widthM, heightM, options);
  const margin = 2 * cellM;
  const dx = cellM / kx;
  const dy = cellM / ky;
  const x0 = minX - margin / kx;
  const y0 = minY - margin / ky;
  const nx = Math.ceil((widthM + 2 * margin) / cellM) + 2;
  const ny = Math.ceil((heightM + 2 * margin) / cellM) + 2;
  const sites = new SiteGrid(nx, ny);
  // pieces up to 1.5 cells long are not interpolated (a little under, for the per-axis cell count)
  const shortM = 1.5 * cellM * 0.99;
  const idx = 1 / dx;
  const idy = 1 / dy;
  const { offsets, targets, seconds, lon, lat } = g;
  const longest = net.longestPieceM;
  addUnreachedRoads(net, reached, sites, x0, y0, idx, idy, shortM);
  // the reached nodes' positions (cells from the grid origin) and times, kept for `keepNode`
  const nodes = new Float32Array(3 * settledCount);
  let kept = 0;
  for (let u = 0; u < g.nodeCount; u++) {
    if (!reached[u]) continue;
    const tu = timeOf(u);
    const ux = (lon[u]! - x0) * idx, uy = (lat[u]! - y0) * idy;
    nodes[kept++] = ux;
    nodes[kept++] = uy;
    nodes[kept++] = tu;
    sites.add(ux, uy, tu);
    if (longest[u]! <= shortM) continue; // every piece here is shorter than interpolation needs
    for (let e = offsets[u]!, end = offsets[u + 1]!; e < end; e++) {
      const v = targets[e]!;
      const ex = (lon[v]! - x0) * idx - ux, ey = (lat[v]! - y0) * idy - uy;
      const cells = Math.max(Math.abs(ex), Math.abs(ey));
      if (cells <= 1.5) continue;
      const w = seconds[e]!;
      // a two-way piece with both ends reached: the point along it is reached from the nearer end
      // in time; drawn once, from its lower-numbered end
      const back = reached[v] ? findEdge(g, v, u) : -1;
      if (back >= 0 && v < u) continue;
      const tv = back >= 0 ? timeOf(v) : Infinity;
      const wBack = back >= 0 ? seconds[back]! : 0;
      // off-road spread from the nodes covers the road before any contour level is crossed (and
      // the road is within the spread's reach): no need
      const lengthM = cells * cellM;
      const reachEnd = tu + Math.max(w, lengthM / offMps);
      let crossed = lengthM > spreadM || !reached[v];
      for (let l = 0; l < levels.length; l++) if (levels[l]! > tu && levels[l]! < reachEnd) crossed = true;
      if (!crossed) continue;
      const steps = Math.ceil(cells * 2);
      let prevF = 0, prevT = tu;
      for (let s = 1; s <= steps; s++) {
        const f = s / steps;
        const t = Math.min(tu + f * w, tv + (1 - f) * wBack);
        // where a level is crossed between two samples, a pair of sites on either side of the
        // crossing point puts the band's edge there (not midway between the samples, which can
        // fall on the node before it)
        for (let l = 0; l < levels.length; l++) {
          const level = levels[l]!;
          if ((prevT <= level) === (t <= level)) continue;
          const fc = prevF + ((level - prevT) / (t - prevT)) * (f - prevF);
          const out = (t > prevT ? 1 : -1) * (0.02 / cells);
          sites.add(ux + fc * ex, uy + fc * ey, level);
          sites.add(ux + (fc + out) * ex, uy + (fc + out) * ey, level + 0.01);
        }
        // beyond the limit the point is a road the band does not reach: it keeps the band out
        if (s < steps) sites.add(ux + f * ex, uy + f * ey, t <= limitSeconds ? t : Infinity);
        prevF = f;
        prevT = t;
      }
    }
  }
  // the start point itself, from where the off-road leg to the road begins
  if (origin) sites.add((origin[0] - x0) * idx, (origin[1] - y0) * idy, 0);
  sites.propagate();
  for (let k = 0; k < kept; k += 3) sites.keepNode(nodes[k]!, nodes[k + 1]!, nodes[k + 2]!);
  const secondsPerCell = cellM / offMps;
  const values = sites.values(secondsPerCell, FREE_CELLS, spreadM / cellM, limitSeconds);
  return { nx, ny, values, x0, y0, dx, dy, sites: sites.sites(secondsPerCell, FREE_CELLS) };
}

/**
 * A vertex within this many cells of its site takes the site's own time: every corner of a node's
 * cell that the node is nearest to, so a node reached within a band is inside its polygon.
 */
const FREE_CELLS = Math.SQRT2;

/** Default cap on grid vertices (about 630 x 630): bounds the polygon time whatever the network (on Gothenburg it, not the road density, sets the cell). */
export const DEFAULT_MAX_GRID_CELLS = 400_000;

/**
 * Grid cell size, metres: `cellsAcross` over the area's longer side, made finer where the roads
 * are denser than that (half the median length of the longest piece at the reached nodes: in a
 * city, one-way pairs and slip roads a few metres apart then fall into different cells), never
 * under `minCellM`, and coarser again if the grid would exceed `maxCells` vertices. A rural or
 * generated network with pieces longer than the default cell keeps the default.
 */
function gridCellM(net: RoutingNetwork, settled: Int32Array, settledCount: number, widthM: number, heightM: number, options: IsochroneOptions): number {
  const across = Math.max(16, options.cellsAcross ?? 256);
  const minCellM = options.minCellM ?? 4;
  const maxCells = options.maxCells ?? DEFAULT_MAX_GRID_CELLS;
  let cellM = Math.max(widthM, heightM) / across;
  if (settledCount > 0) {
    const longest = net.longestPieceM;
    const stride = Math.max(1, Math.floor(settledCount / 4096));
    const sample = new Float32Array(Math.ceil(settledCount / stride));
    let n = 0;
    for (let k = 0; k < settledCount; k += stride) sample[n++] = longest[settled[k]!]!;
    // the 10th percentile: junction complexes (one-way pairs, slip roads, roundabouts) are where
    // roads lie metres apart, and their short pieces show where the grid must resolve them
    const shortM = sample.subarray(0, n).sort()[Math.floor(n / 10)]!;
    if (shortM > 0) cellM = Math.min(cellM, 2 * shortM);
  }
  cellM = Math.max(cellM, minCellM);
  // vertices with the 2-cell rim on each side
  const cells = (widthM / cellM + 8) * (heightM / cellM + 8);
  if (cells > maxCells) cellM *= Math.sqrt(cells / maxCells) * 1.02;
  return cellM;
}

/**
 * Roads the search did not reach within the limit, added as sites never reached (nodes, and points
 * along pieces longer than `shortM`). A grid vertex takes the time of the road nearest to it, as
 * snapping does for a real target: a point beside an unreached street (behind a one-way system,
 * across a river) is not inside the band merely because some reached street lies within walking
 * distance. Without them, the Gothenburg 10-minute band held 60 % of the city's unreached nodes.
 */
function addUnreachedRoads(net: RoutingNetwork, reached: Uint8Array, sites: SiteGrid, x0: number, y0: number, idx: number, idy: number, shortM: number): void {
  const g = net.graph;
  const { offsets, targets, lon, lat, nodeCount } = g;
  const longest = net.longestPieceM;
  const drivable = net.drivable;
  const lonMax = x0 + (sites.nx - 1) / idx, latMax = y0 + (sites.ny - 1) / idy;
  for (let u = 0; u < nodeCount; u++) {
    // sequential reads of the coordinates first: most of a big network lies outside the grid
    const x = lon[u]!, y = lat[u]!;
    // a piece crossing the grid with both ends outside it is left out (rare: pieces are short)
    // roads no point is snapped to (one-way traps, tiny islands) do not keep the band out: a
    // target beside them is snapped to a road around them, and takes that road's time
    if (x < x0 || x > lonMax || y < y0 || y > latMax || reached[u] || !drivable[u]) continue;
    const ux = (x - x0) * idx, uy = (y - y0) * idy;
    sites.add(ux, uy, Infinity);
    if (longest[u]! <= shortM) continue;
    for (let e = offsets[u]!, end = offsets[u + 1]!; e < end; e++) {
      const v = targets[e]!;
      const ex = (lon[v]! - x0) * idx - ux, ey = (lat[v]! - y0) * idy - uy;
      const cells = Math.max(Math.abs(ex), Math.abs(ey));
      // a piece the search can enter from v is drawn from there (reached) or from the lower-numbered end
      if (cells <= 1.5 || !drivable[v] || (findEdge(g, v, u) >= 0 && (reached[v] || v < u))) continue;
      const steps = Math.ceil(cells * 2);
      for (let s = 1; s < steps; s++) sites.add(ux + (s / steps) * ex, uy + (s / steps) * ey, Infinity);
    }
  }
}

const clock = (globalThis as { performance?: { now(): number } }).performance;
const now = (): number => (clock ? clock.now() : Date.now());

export { DEFAULT_MAX_SNAP_M, DEFAULT_OFF_ROAD_KMH };
