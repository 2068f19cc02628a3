/**
 * Isochrones: polygons of the area reachable from a point within several time bands. A bounded
 * Dijkstra gives arrival times at road nodes; those are drawn onto a grid of arrival times (nodes,
 * plus points interpolated along road pieces longer than a cell), roads NOT reached are drawn too,
 * and every other vertex takes the time of its nearest road plus the off-road leg (at most
 * `maxSnapM`), as snapping does for a real target; then marching squares at each band.
 * A reached node is drawn onto the corners of its grid cell (except corners nearest to an
 * unreached road; its own nearest corner always), so nodes reached within a band lie inside its
 * polygon (>= 99.9 % measured) while unreached streets a cell away stay outside. The cell size
 * follows the density of the reached roads within a fixed vertex budget (`gridCellM`).
 */
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import { contourPolygons, type ValueGrid } from './contour.ts';
import { M_PER_DEG_LAT, mPerDegLon } from './geo.ts';
import type { RoutingNetwork } from './network.ts';
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
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const kx0 = settledCount > 0 ? mPerDegLon(g.lat[settled[0]!]!) : mPerDegLon(origin?.[1] ?? 0);
  const longestM = net.longestPieceM;
  for (let k = 0; k < settledCount; k++) {
    const n = settled[k]!;
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
  const values = new Float32Array(nx * ny).fill(Infinity);
  /** 1 where a road not reached within the limit passes (its nearest grid vertex). */
  const road = new Uint8Array(nx * ny);
  const reached = new Uint8Array(g.nodeCount);
  for (let k = 0; k < settledCount; k++) if (timeOf(settled[k]!) <= limitSeconds) reached[settled[k]!] = 1;

  const longest = net.longestPieceM;
  // pieces up to 1.5 cells long are not interpolated (a little under, for the per-axis cell count)
  const shortM = 1.5 * cellM * 0.99;
  const idx = 1 / dx;
  const idy = 1 / dy;
  const { offsets, targets, seconds, lon, lat } = g;
  markUnreachedRoads(net, reached, road, x0, y0, idx, idy, nx, ny, shortM);
  for (let k = 0; k < settledCount; k++) {
    const u = settled[k]!;
    const tu = timeOf(u);
    // positions in cell units from the grid origin
    const ux = (lon[u]! - x0) * idx, uy = (lat[u]! - y0) * idy;
    // the node's cell corners, except those nearest to a road not reached (they keep it outside);
    // its nearest corner always, so a node is inside its band unless an unreached road is within a cell
    let c = Math.floor(uy) * nx + Math.floor(ux);
    const near = Math.round(uy) * nx + Math.round(ux);
    if (tu < values[near]!) values[near] = tu;
    if (tu < values[c]! && !road[c]) values[c] = tu;
    if (tu < values[c + 1]! && !road[c + 1]) values[c + 1] = tu;
    if (tu < values[c + nx]! && !road[c + nx]) values[c + nx] = tu;
    if (tu < values[c + nx + 1]! && !road[c + nx + 1]) values[c + nx + 1] = tu;
    if (longest[u]! <= shortM) continue; // every piece here is shorter than interpolation needs
    for (let e = offsets[u]!, end = offsets[u + 1]!; e < end; e++) {
      const v = targets[e]!;
      const ex = (lon[v]! - x0) * idx - ux, ey = (lat[v]! - y0) * idy - uy;
      const cells = Math.max(Math.abs(ex), Math.abs(ey));
      if (cells <= 1.5) continue;
      const w = seconds[e]!;
      // off-road spread from the node covers the road before any contour level is crossed (and
      // the road is within the spread's reach): no need
      const lengthM = cells * cellM;
      const reachEnd = tu + Math.max(w, lengthM / offMps);
      let crossed = lengthM > spreadM;
      for (const level of levels) if (level > tu && level < reachEnd) crossed = true;
      if (!crossed) continue;
      const steps = Math.ceil(cells * 2);
      for (let s = 1; s < steps; s++) {
        const f = s / steps;
        const t = tu + f * w;
        // a point along the road only marks its nearest grid vertex: nodes carry the guarantee
        if (t > limitSeconds) break;
        const px = Math.round(ux + f * ex), py = Math.round(uy + f * ey);
        if (px < 0 || py < 0 || px >= nx || py >= ny) continue; // cannot happen: the box holds every piece within reach
        c = py * nx + px;
        if (t < values[c]!) values[c] = t;
      }
    }
  }
  if (origin) {
    // the start point itself, from where the off-road leg to the road begins
    const c = Math.floor((origin[1] - y0) * idy) * nx + Math.floor((origin[0] - x0) * idx);
    values[c] = values[c + 1] = values[c + nx] = values[c + nx + 1] = 0;
  }
  spreadOffRoad(values, road, nx, ny, cellM, offMps, spreadM, limitSeconds);
  return { nx, ny, values, x0, y0, dx, dy };
}

/** Default cap on grid vertices (about 550 x 550): bounds the polygon time whatever the network (on Gothenburg it, not the road density, sets the cell). */
export const DEFAULT_MAX_GRID_CELLS = 300_000;

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
 * Roads the search did not reach within the limit, drawn into `road` (nearest grid vertex of each
 * node, and points along pieces longer than `shortCells` cells). The off-road spread then gives a
 * point the time of the road nearest to it, as snapping does for a real target: a point beside an
 * unreached street (behind a one-way system, across a river) is not inside the band merely
 * because some reached street lies within walking distance. Without this, the Gothenburg 10-minute
 * band held 60 % of the city's unreached nodes.
 */
function markUnreachedRoads(
  net: RoutingNetwork,
  reached: Uint8Array,
  road: Uint8Array,
  x0: number,
  y0: number,
  idx: number,
  idy: number,
  nx: number,
  ny: number,
  shortM: number,
): void {
  const { offsets, targets, lon, lat, nodeCount } = net.graph;
  const longest = net.longestPieceM;
  const xMax = nx - 1, yMax = ny - 1;
  const lonMax = x0 + xMax / idx, latMax = y0 + yMax / idy;
  for (let u = 0; u < nodeCount; u++) {
    // sequential reads of the coordinates first: most of a big network lies outside the grid
    const x = lon[u]!, y = lat[u]!;
    // a piece crossing the grid with both ends outside it is left out (rare: pieces are short)
    if (x < x0 || x > lonMax || y < y0 || y > latMax || reached[u]) continue;
    const ux = (x - x0) * idx, uy = (y - y0) * idy;
    road[Math.round(uy) * nx + Math.round(ux)] = 1;
    if (longest[u]! <= shortM) continue;
    for (let e = offsets[u]!, end = offsets[u + 1]!; e < end; e++) {
      const v = targets[e]!;
      if (reached[v] || v < u) continue; // a reached end interpolates the piece itself; each unreached piece once
      const vx = (lon[v]! - x0) * idx, vy = (lat[v]! - y0) * idy;
      const ex = vx - ux, ey = vy - uy;
      const cells = Math.max(Math.abs(ex), Math.abs(ey));
      if (cells <= 1.5) continue;
      const steps = Math.ceil(cells * 2);
      for (let s = 1; s < steps; s++) {
        const px = Math.round(ux + (s / steps) * ex), py = Math.round(uy + (s / steps) * ey);
        if (px >= 0 && py >= 0 && px <= xMax && py <= yMax) road[py * nx + px] = 1;
      }
    }
  }
}

/**
 * Chamfer (3x3) nearest-road transform: each vertex takes the arrival time of its nearest road
 * vertex (reached: its time; unreached: never) plus the straight-line distance at the off-road
 * speed, within `spreadM` metres of a road; as a target point is snapped to its nearest road.
 */
function spreadOffRoad(values: Float32Array, road: Uint8Array, nx: number, ny: number, cellM: number, mps: number, spreadM: number, limit: number): void {
  const size = nx * ny;
  const dist = new Float32Array(size);
  const base = new Float32Array(size);
  for (let c = 0; c < size; c++) {
    const v = values[c]!;
    // a reached vertex keeps its time even where an unreached road passes too (every reached node inside)
    dist[c] = v < Infinity || road[c] ? 0 : Infinity;
    base[c] = v;
  }
  const a = cellM, b = cellM * Math.SQRT2;
  // neighbour offsets already visited in a forward pass (west, south-west, south, south-east)
  const fwd = [-1, -nx - 1, -nx, -nx + 1];
  for (let pass = 0; pass < 2; pass++) {
    const sign = pass === 0 ? 1 : -1;
    const o0 = sign * fwd[0]!, o1 = sign * fwd[1]!, o2 = sign * fwd[2]!, o3 = sign * fwd[3]!;
    for (let jj = 1; jj < ny - 1; jj++) {
      const j = pass === 0 ? jj : ny - 1 - jj;
      for (let ii = 1; ii < nx - 1; ii++) {
        const c = j * nx + (pass === 0 ? ii : nx - 1 - ii);
        let d = dist[c]!;
        if (d === 0) continue;
        let from = -1;
        let x = dist[c + o0]! + a;
        if (x < d) {
          d = x;
          from = c + o0;
        }
        x = dist[c + o1]! + b;
        if (x < d) {
          d = x;
          from = c + o1;
        }
        x = dist[c + o2]! + a;
        if (x < d) {
          d = x;
          from = c + o2;
        }
        x = dist[c + o3]! + b;
        if (x < d) {
          d = x;
          from = c + o3;
        }
        if (from >= 0) {
          dist[c] = d;
          base[c] = base[from]!;
        }
      }
    }
  }
  for (let c = 0; c < size; c++) {
    const d = dist[c]!;
    if (d === 0) continue;
    const t = base[c]! + d / mps;
    values[c] = d <= spreadM && t <= limit ? t : Infinity;
  }
}

const clock = (globalThis as { performance?: { now(): number } }).performance;
const now = (): number => (clock ? clock.now() : Date.now());

export { DEFAULT_MAX_SNAP_M, DEFAULT_OFF_ROAD_KMH };
