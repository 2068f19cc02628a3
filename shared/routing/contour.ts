/**
 * Marching squares on a grid of values (arrival seconds) into valid GeoJSON polygons: every
 * crossing point of the contour lies on one grid edge and starts exactly one segment and ends
 * exactly one, so segments chain into closed, non-crossing rings without a search. Segments are
 * oriented with the inside (value <= level) on their left, so outer rings come out
 * counter-clockwise and holes clockwise, as RFC 7946 asks. Saddles are resolved by the cell's
 * mean value.
 */
import type { MultiPolygon, Position } from 'geojson';
import { SITE_T, SITE_X, SITE_Y, type GridSites } from './site-grid.ts';

export interface ValueGrid {
  /** Vertex counts along x (east) and y (north). */
  nx: number;
  ny: number;
  /** Vertex values, row-major from the south-west corner: v[j * nx + i]. Infinity = never. */
  values: Float32Array;
  /** Lon/lat of vertex (0, 0) and the step between vertices, degrees. */
  x0: number;
  y0: number;
  dx: number;
  dy: number;
  /**
   * The road point each vertex took its value from (optional): where the two ends of a grid edge
   * come from a road within the level and one beyond it, the contour crosses the edge on their
   * bisector rather than where the values interpolate (see `crossing`).
   */
  sites?: GridSites;
}

/**
 * The region where value <= level as a MultiPolygon (lon/lat degrees). Vertices on the grid's
 * border are treated as outside, so every ring closes. Coordinates are rounded to `decimals`.
 */
export function contourPolygons(grid: ValueGrid, level: number, decimals = 6): MultiPolygon {
  const { nx, ny, values } = grid;
  const mask = new Uint8Array(nx * ny);
  for (let j = 1; j < ny - 1; j++) for (let i = 1, c = j * nx + 1; i < nx - 1; i++, c++) mask[c] = values[c]! <= level ? 1 : 0;
  const H = nx * ny; // edge ids: horizontal (i,j)-(i+1,j) = j*nx+i; vertical (i,j)-(i,j+1) = H + j*nx+i
  const next = new Int32Array(2 * H).fill(-1);
  /** Every edge the contour crosses (where segments start), in grid order. */
  const crossed: number[] = [];
  /** 1 + the cell (its lowest corner) where the segment from this edge may bend: one segment in the cell, sites known; else 0. */
  const bendCell = new Int32Array(grid.sites ? 2 * H : 0);
  const edgeIds = [0, 0, 0, 0];
  const ins = [false, false, false, false];
  const starts: number[] = [];
  const ends: number[] = [];
  for (let j = 0; j < ny - 1; j++) {
    for (let i = 0; i < nx - 1; i++) {
      // corners counter-clockwise: bl, br, tr, tl; edge k joins corner k and k+1
      const c = j * nx + i;
      const sum = mask[c]! + mask[c + 1]! + mask[c + nx + 1]! + mask[c + nx]!;
      if (sum === 0 || sum === 4) continue;
      ins[0] = mask[c] === 1;
      ins[1] = mask[c + 1] === 1;
      ins[2] = mask[c + nx + 1] === 1;
      ins[3] = mask[c + nx] === 1;
      edgeIds[0] = j * nx + i;
      edgeIds[1] = H + j * nx + i + 1;
      edgeIds[2] = (j + 1) * nx + i;
      edgeIds[3] = H + j * nx + i;
      starts.length = 0;
      ends.length = 0;
      for (let k = 0; k < 4; k++) {
        const a = ins[k]!, b = ins[(k + 1) & 3]!;
        if (a && !b) starts.push(k);
        else if (!a && b) ends.push(k);
      }
      if (starts.length === 1) {
        next[edgeIds[starts[0]!]!] = edgeIds[ends[0]!]!;
        crossed.push(edgeIds[starts[0]!]!);
        if (grid.sites) bendCell[edgeIds[starts[0]!]!] = c + 1;
        continue;
      }
      const v = (ii: number, jj: number) => {
        const x = values[jj * nx + ii]!;
        return x === Infinity ? level * 2 + 1 : x;
      };
      const centreInside = (v(i, j) + v(i + 1, j) + v(i + 1, j + 1) + v(i, j + 1)) / 4 <= level;
      for (const s of starts) {
        // centre inside: each start joins the next end counter-clockwise; outside: the previous
        let best = -1;
        for (let step = 1; step < 4 && best < 0; step++) {
          const k = centreInside ? (s + step) & 3 : (s - step + 4) & 3;
          if (ends.includes(k)) best = k;
        }
        next[edgeIds[s]!] = edgeIds[best]!;
        crossed.push(edgeIds[s]!);
      }
    }
  }

  const scale = 10 ** decimals;
  const round = (x: number) => Math.round(x * scale) / scale;
  const lonLat = (x: number, y: number): Position => [round(grid.x0 + x * grid.dx), round(grid.y0 + y * grid.dy)];
  /** Edge `id`'s crossing into `out` (see `crossing`), and its vertices: the inside one at out[5], the outside one at out[6]. */
  const cross = (id: number, out: Float64Array) => {
    const vertical = id >= H;
    const c = vertical ? id - H : id;
    const c2 = vertical ? c + nx : c + 1;
    const cIn = mask[c] === 1 ? c : c2;
    out[5] = cIn;
    out[6] = cIn === c ? c2 : c;
    out[7] = crossing(grid, cIn, out[6]!, level, out) ? 1 : 0;
  };
  const point = (h: Float64Array): Position => {
    const cIn = h[5]!, cOut = h[6]!, f = h[0]!;
    const xi = cIn % nx, yi = (cIn - xi) / nx, xo = cOut % nx, yo = (cOut - xo) / nx;
    return lonLat(xi + f * (xo - xi), yi + f * (yo - yi));
  };

  const outers: { ring: Position[]; area: number; bbox: number[] }[] = [];
  const holes: { ring: Position[]; area: number }[] = [];
  // the crossings of the current and the next edge of a ring, swapped as it advances
  let here = new Float64Array(8), there = new Float64Array(8);
  for (const id of crossed) {
    if (next[id]! < 0) continue; // already in a ring
    const ring: Position[] = [];
    let cur = id;
    cross(cur, here);
    while (next[cur]! >= 0) {
      ring.push(point(here));
      const nxt = next[cur]!;
      cross(nxt, there);
      if (bendCell[cur] && here[7] && there[7]) {
        const m = voronoiVertex(here, there, bendCell[cur]! - 1, nx);
        if (m) ring.push(lonLat(m[0], m[1]));
      }
      next[cur] = -1;
      cur = nxt;
      [here, there] = [there, here];
    }
    const clean = dropRepeats(ring);
    if (clean.length < 3) continue;
    clean.push([clean[0]![0]!, clean[0]![1]!]);
    const area = signedArea(clean);
    if (area > 0) outers.push({ ring: clean, area, bbox: bboxOf(clean) });
    else if (area < 0) holes.push({ ring: clean, area: -area });
  }
  outers.sort((a, b) => a.area - b.area);
  const polygons: Position[][][] = outers.map((o) => [o.ring]);
  for (const h of holes) {
    const [x, y] = h.ring[0]!;
    const k = outers.findIndex(
      (o) => o.area > h.area && x! >= o.bbox[0]! && x! <= o.bbox[2]! && y! >= o.bbox[1]! && y! <= o.bbox[3]! && ringContains(o.ring, x!, y!),
    );
    if (k >= 0) polygons[k]!.push(h.ring);
  }
  return { type: 'MultiPolygon', coordinates: polygons.reverse() };
}

/**
 * Where the contour crosses the grid edge from vertex `cIn` (value <= level) to `cOut`, as a
 * fraction `f` of the edge from `cIn`. By the values' linear interpolation, except where the outer
 * vertex's road is one the level does not reach and the inner vertex's is another road: then on
 * their bisector (the point as near to one as to the other, which is what decides a target's time
 * when it is snapped to its nearest road): then the result is true and `out[1..4]` holds the two
 * road points (ax, ay, bx, by). Sooner where the inner road's off-road reach ends before the
 * bisector. `out[0]` = f. (An out-parameter: this runs for every vertex of every ring.)
 */
function crossing(grid: ValueGrid, cIn: number, cOut: number, level: number, out: Float64Array): boolean {
  const { values, sites, nx } = grid;
  const vin = values[cIn]!;
  let vout = values[cOut]!;
  if (!(vout > level) || vout === Infinity) vout = Math.max(level, vin) + Math.max(1, Math.abs(level - vin));
  let f = (level - vin) / (vout - vin);
  let on = false;
  if (sites && sites.data[4 * cOut + SITE_T]! > level) {
    const d = sites.data;
    const ax = d[4 * cIn + SITE_X]!, ay = d[4 * cIn + SITE_Y]!, bx = d[4 * cOut + SITE_X]!, by = d[4 * cOut + SITE_Y]!;
    const pi = cIn % nx, pj = (cIn - pi) / nx, qi = cOut % nx, qj = (cOut - qi) / nx;
    // g(x) = |x - a|² - |x - b|² is linear along the edge: negative at the inner end, positive at the outer
    const gp = (pi - ax) ** 2 + (pj - ay) ** 2 - (pi - bx) ** 2 - (pj - by) ** 2;
    const gq = (qi - ax) ** 2 + (qj - ay) ** 2 - (qi - bx) ** 2 - (qj - by) ** 2;
    if (gp < 0 && gq > 0) {
      const fb = gp / (gp - gq);
      // the inner road's own time, walked to the bisector point
      const wx = pi + fb * (qi - pi) - ax, wy = pj + fb * (qj - pj) - ay;
      const tb = d[4 * cIn + SITE_T]! + Math.max(0, Math.hypot(wx, wy) - sites.freeCells) * sites.secondsPerCell;
      if (tb <= level) {
        f = fb;
        on = true;
        out[1] = ax;
        out[2] = ay;
        out[3] = bx;
        out[4] = by;
      } else f = tb > vin ? (fb * (level - vin)) / (tb - vin) : fb;
    }
  }
  out[0] = f < 0.02 ? 0.02 : f > 0.98 ? 0.98 : f;
  return on;
}

/**
 * Where the contour's segment through a cell (lowest corner `cell`) meets the two bisectors it
 * runs along, given the two crossings (`crossing`'s out-parameters, both on a bisector): the
 * Voronoi vertex of the road points, when the bisectors differ and it lies inside the cell. A
 * straight segment between the two crossings would cut off a road point in the cell's middle.
 */
function voronoiVertex(h1: Float64Array, h2: Float64Array, cell: number, nx: number): [number, number] | null {
  // bisector of a and b: 2 x.(b - a) = |b|² - |a|²
  const a1 = 2 * (h1[3]! - h1[1]!), b1 = 2 * (h1[4]! - h1[2]!), c1 = h1[3]! ** 2 + h1[4]! ** 2 - h1[1]! ** 2 - h1[2]! ** 2;
  const a2 = 2 * (h2[3]! - h2[1]!), b2 = 2 * (h2[4]! - h2[2]!), c2 = h2[3]! ** 2 + h2[4]! ** 2 - h2[1]! ** 2 - h2[2]! ** 2;
  const det = a1 * b2 - a2 * b1;
  if (Math.abs(det) < 1e-9) return null;
  const x = (c1 * b2 - c2 * b1) / det, y = (a1 * c2 - a2 * c1) / det;
  const i = cell % nx, j = (cell - i) / nx;
  const m = 0.01;
  return x > i + m && x < i + 1 - m && y > j + m && y < j + 1 - m ? [x, y] : null;
}

function dropRepeats(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  while (out.length > 1 && out[0]![0] === out[out.length - 1]![0] && out[0]![1] === out[out.length - 1]![1]) out.pop();
  return out;
}

/** Shoelace area in degrees²: positive for counter-clockwise rings. */
export function signedArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  return s / 2;
}

function bboxOf(ring: Position[]): number[] {
  let a = Infinity, b = Infinity, c = -Infinity, d = -Infinity;
  for (const [x, y] of ring) {
    if (x! < a) a = x!;
    if (x! > c) c = x!;
    if (y! < b) b = y!;
    if (y! > d) d = y!;
  }
  return [a, b, c, d];
}

function ringContains(ring: Position[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0]!, yi = ring[i]![1]!, xj = ring[j]![0]!, yj = ring[j]![1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
