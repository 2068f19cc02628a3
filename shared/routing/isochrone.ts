/**
 * Isochrones: polygons of the area reachable from a point within several time bands. A bounded
 * Dijkstra gives arrival times at road nodes; those are drawn onto a grid of arrival times (nodes,
 * plus points interpolated along road pieces longer than a cell), spread off the road at the
 * off-road speed for at most `maxSnapM`, and contoured by marching squares at each band.
 * A node is drawn onto all four corners of its grid cell, so every node reached within a band
 * lies inside that band's polygon; points along the roads mark their nearest grid vertex only,
 * so the polygon reaches at most about one cell beyond the roads reached.
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
  /** Smallest grid cell, metres. */
  minCellM?: number;
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
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let k = 0; k < settledCount; k++) {
    const n = settled[k]!;
    const x = g.lon[n]!, y = g.lat[n]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
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
  const across = Math.max(16, options.cellsAcross ?? 256);
  const cellM = Math.max(options.minCellM ?? 25, Math.max((maxX - minX) * kx, (maxY - minY) * ky, 1) / across);
  const margin = spreadM + 2 * cellM;
  const dx = cellM / kx;
  const dy = cellM / ky;
  const x0 = minX - margin / kx;
  const y0 = minY - margin / ky;
  const nx = Math.ceil(((maxX - minX) * kx + 2 * margin) / cellM) + 2;
  const ny = Math.ceil(((maxY - minY) * ky + 2 * margin) / cellM) + 2;
  const values = new Float32Array(nx * ny).fill(Infinity);

  const longest = net.longestPieceM;
  // pieces up to 1.5 cells long are not interpolated (a little under, for the per-axis cell count)
  const shortM = 1.5 * cellM * 0.99;
  const idx = 1 / dx;
  const idy = 1 / dy;
  const { offsets, targets, seconds, lon, lat } = g;
  for (let k = 0; k < settledCount; k++) {
    const u = settled[k]!;
    const tu = timeOf(u);
    // positions in cell units from the grid origin
    const ux = (lon[u]! - x0) * idx, uy = (lat[u]! - y0) * idy;
    let c = Math.floor(uy) * nx + Math.floor(ux);
    if (tu < values[c]!) values[c] = tu;
    if (tu < values[c + 1]!) values[c + 1] = tu;
    if (tu < values[c + nx]!) values[c + nx] = tu;
    if (tu < values[c + nx + 1]!) values[c + nx + 1] = tu;
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
        if (t > limitSeconds) break;
        // a point along the road only marks its nearest grid vertex: nodes carry the guarantee
        c = Math.round(uy + f * ey) * nx + Math.round(ux + f * ex);
        if (t < values[c]!) values[c] = t;
      }
    }
  }
  if (origin) {
    // the start point itself, from where the off-road leg to the road begins
    const c = Math.floor((origin[1] - y0) * idy) * nx + Math.floor((origin[0] - x0) * idx);
    values[c] = values[c + 1] = values[c + nx] = values[c + nx + 1] = 0;
  }
  spreadOffRoad(values, nx, ny, cellM, offMps, spreadM, limitSeconds);
  return { nx, ny, values, x0, y0, dx, dy };
}

/**
 * Chamfer (3x3) distance transform: arrival at each vertex = min over road-reached vertices of
 * their time + straight-line distance at the off-road speed, kept only within `spreadM` metres
 * of a road-reached vertex.
 */
function spreadOffRoad(values: Float32Array, nx: number, ny: number, cellM: number, mps: number, spreadM: number, limit: number): void {
  const dist = new Float32Array(nx * ny);
  for (let c = 0; c < nx * ny; c++) dist[c] = values[c]! < Infinity ? 0 : Infinity;
  const a = cellM, b = cellM * Math.SQRT2;
  const ta = a / mps, tb = b / mps;
  // neighbour offsets already visited in a forward pass (west, south-west, south, south-east)
  const fwd = [-1, -nx - 1, -nx, -nx + 1];
  const step = [a, b, a, b];
  const dt = [ta, tb, ta, tb];
  for (let pass = 0; pass < 2; pass++) {
    const sign = pass === 0 ? 1 : -1;
    const o0 = sign * fwd[0]!, o1 = sign * fwd[1]!, o2 = sign * fwd[2]!, o3 = sign * fwd[3]!;
    const s0 = step[0]!, s1 = step[1]!, d0 = dt[0]!, d1 = dt[1]!;
    for (let jj = 1; jj < ny - 1; jj++) {
      const j = pass === 0 ? jj : ny - 1 - jj;
      for (let ii = 1; ii < nx - 1; ii++) {
        const c = j * nx + (pass === 0 ? ii : nx - 1 - ii);
        let d = dist[c]!;
        let t = values[c]!;
        let x = dist[c + o0]! + s0;
        if (x < d) d = x;
        x = dist[c + o1]! + s1;
        if (x < d) d = x;
        x = dist[c + o2]! + s0;
        if (x < d) d = x;
        x = dist[c + o3]! + s1;
        if (x < d) d = x;
        x = values[c + o0]! + d0;
        if (x < t) t = x;
        x = values[c + o1]! + d1;
        if (x < t) t = x;
        x = values[c + o2]! + d0;
        if (x < t) t = x;
        x = values[c + o3]! + d1;
        if (x < t) t = x;
        dist[c] = d;
        if (t <= limit) values[c] = t;
      }
    }
  }
  for (let c = 0; c < nx * ny; c++) if (dist[c]! > spreadM) values[c] = Infinity;
}

const clock = (globalThis as { performance?: { now(): number } }).performance;
const now = (): number => (clock ? clock.now() : Date.now());

export { DEFAULT_MAX_SNAP_M, DEFAULT_OFF_ROAD_KMH };
