/**
 * Marching squares on a grid of values (arrival seconds) into valid GeoJSON polygons: every
 * crossing point of the contour lies on one grid edge and starts exactly one segment and ends
 * exactly one, so segments chain into closed, non-crossing rings without a search. Segments are
 * oriented with the inside (value <= level) on their left, so outer rings come out
 * counter-clockwise and holes clockwise, as RFC 7946 asks. Saddles are resolved by the cell's
 * mean value.
 */
import type { MultiPolygon, Position } from 'geojson';

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
}

/**
 * The region where value <= level as a MultiPolygon (lon/lat degrees). Vertices on the grid's
 * border are treated as outside, so every ring closes. Coordinates are rounded to `decimals`.
 */
export function contourPolygons(grid: ValueGrid, level: number, decimals = 6): MultiPolygon {
  const { nx, ny, values } = grid;
  const mask = new Uint8Array(nx * ny);
  for (let j = 1; j < ny - 1; j++) for (let i = 1, c = j * nx + 1; i < nx - 1; i++, c++) mask[c] = values[c]! <= level ? 1 : 0;
  const inside = (i: number, j: number) => mask[j * nx + i] === 1;
  const H = nx * ny; // edge ids: horizontal (i,j)-(i+1,j) = j*nx+i; vertical (i,j)-(i,j+1) = H + j*nx+i
  const next = new Int32Array(2 * H).fill(-1);
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
      }
    }
  }

  const scale = 10 ** decimals;
  const round = (x: number) => Math.round(x * scale) / scale;
  const point = (id: number): Position => {
    const vertical = id >= H;
    const k = vertical ? id - H : id;
    const i = k % nx;
    const j = (k - i) / nx;
    const i2 = vertical ? i : i + 1;
    const j2 = vertical ? j + 1 : j;
    const p = values[j * nx + i]!;
    const q = values[j2 * nx + i2]!;
    // one end is inside (<= level), the other outside; border vertices count as outside
    const pIn = inside(i, j);
    const vin = pIn ? p : q;
    let vout = pIn ? q : p;
    if (!(vout > level) || vout === Infinity) vout = Math.max(level, vin) + Math.max(1, Math.abs(level - vin));
    let f = (level - vin) / (vout - vin);
    f = f < 0.02 ? 0.02 : f > 0.98 ? 0.98 : f;
    const t = pIn ? f : 1 - f;
    return [round(grid.x0 + (i + t * (i2 - i)) * grid.dx), round(grid.y0 + (j + t * (j2 - j)) * grid.dy)];
  };

  const outers: { ring: Position[]; area: number; bbox: number[] }[] = [];
  const holes: { ring: Position[]; area: number }[] = [];
  for (let id = 0; id < 2 * H; id++) {
    if (next[id]! < 0) continue;
    const ring: Position[] = [];
    let cur = id;
    while (next[cur]! >= 0) {
      ring.push(point(cur));
      const nxt = next[cur]!;
      next[cur] = -1;
      cur = nxt;
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
