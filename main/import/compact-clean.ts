/**
 * geometry.ts's cleaning done on packed polygons (compact.ts), for readers that deliver typed
 * arrays (shp-polygons.ts): rings closed, repeated points removed, degenerate rings dropped,
 * antimeridian crossings continued past 180°, outer rings counter-clockwise and holes clockwise.
 * The rare polygon with crossing edges takes geometry.ts's union path. Same results and the same
 * repair messages as cleanPolygonal (tested against it), without a JavaScript array per point.
 */
import type { Position } from 'geojson';
import { packMultiPolygon, unpackMultiPolygon, type CompactPolygons } from './compact.ts';
import { renodeCrossingEdges } from './geometry.ts';
import { hasCrossingEdgesFlat } from './validity.ts';

export interface CompactCleanResult {
  geometry: CompactPolygons | null;
  /** What was changed, in plain words (empty when nothing was). */
  repairs: string[];
  /** Why the feature cannot be used, when geometry is null. */
  problem?: string;
}

let work = new Float64Array(1 << 16);

const INVALID = 'coordinates that are not numbers or lie outside -90..90 latitude';

/** Clean one packed (multi)polygon; `input` null is a null shape. The input is not modified; the result never shares its arrays. */
export function cleanCompact(input: CompactPolygons | null): CompactCleanResult {
  if (!input) return { geometry: null, repairs: [], problem: 'no geometry (null shape)' };
  const repairs = new Set<string>();
  const src = input.coords;
  const polygonCount = input.polygons.length - 1;
  // Cleaned into a reused buffer (a closing point may be added to every ring), then copied out
  // at its exact size: one allocation per feature.
  const needed = src.length + 2 * (input.rings.length - 1);
  if (work.length < needed) work = new Float64Array(Math.max(needed, work.length * 2));
  const coords = work;
  const rings: number[] = [];
  const polygons: number[] = [];
  // Twice the signed area of each kept ring, and whether an edge jumps more than 180° in
  // longitude, gathered while copying (the same sums in the same order as ringArea and
  // an antimeridian check: one pass over the points instead of three).
  const areas: number[] = [];
  let jumps = false;
  let o = 0; // points written
  for (let p = 0; p < polygonCount; p++) {
    const firstRing = rings.length;
    for (let r = input.polygons[p]!; r < input.polygons[p + 1]!; r++) {
      const start = o;
      let prevX = NaN;
      let prevY = NaN;
      let duplicates = false;
      let area = 0;
      let jump = false;
      for (let i = input.rings[r]!; i < input.rings[r + 1]!; i++) {
        const x = src[2 * i]!;
        const y = src[2 * i + 1]!;
        if (!Number.isFinite(x) || !Number.isFinite(y) || y < -90.000001 || y > 90.000001) return { geometry: null, repairs: [], problem: INVALID };
        if (x === prevX && y === prevY) {
          duplicates = true;
          continue;
        }
        if (o > start) {
          area += prevX * y - x * prevY;
          if (Math.abs(x - prevX) > 180) jump = true;
        }
        coords[2 * o] = x;
        coords[2 * o + 1] = y;
        o++;
        prevX = x;
        prevY = y;
      }
      if (duplicates) repairs.add('removed repeated points');
      if (o - start > 1 && (coords[2 * start] !== prevX || coords[2 * start + 1] !== prevY)) {
        const x = coords[2 * start]!;
        const y = coords[2 * start + 1]!;
        area += prevX * y - x * prevY;
        if (Math.abs(x - prevX) > 180) jump = true;
        coords[2 * o] = x;
        coords[2 * o + 1] = y;
        o++;
        repairs.add('closed an open ring');
      }
      if (o - start < 4 || (area === 0 && collinear(coords, start, o))) {
        o = start;
        const outer = r === input.polygons[p];
        repairs.add(outer ? 'dropped a degenerate polygon (fewer than 3 distinct points or no area)' : 'dropped a degenerate hole');
        if (outer) break;
        continue;
      }
      rings.push(start);
      areas.push(area);
      if (jump) jumps = true;
    }
    if (rings.length > firstRing) polygons.push(firstRing);
  }
  if (polygons.length === 0) return { geometry: null, repairs: [...repairs], problem: 'no usable polygon left (empty or degenerate)' };
  rings.push(o);
  polygons.push(rings.length - 1);
  const out: CompactPolygons = {
    coords: coords.slice(0, o * 2),
    rings: Int32Array.from(rings),
    polygons: Int32Array.from(polygons),
  };
  if (jumps) {
    for (let i = 0; i < out.coords.length; i += 2) if (out.coords[i]! < 0) out.coords[i] = out.coords[i]! + 360;
    repairs.add('crosses the antimeridian: longitudes continued past 180°');
  }
  if (hasCrossingEdgesFlat(out.coords, out.rings)) {
    const renoded = renodeCrossingEdges(unpackMultiPolygon(out).coordinates as Position[][][], repairs);
    return { geometry: renoded.geometry ? packMultiPolygon(renoded.geometry) : null, repairs: renoded.repairs, ...(renoded.problem ? { problem: renoded.problem } : {}) };
  }
  orientRings(out, jumps ? null : areas);
  return { geometry: out, repairs: [...repairs] };
}

/** Shoelace area of points start..end-1 (a closed ring): positive when counter-clockwise. */
function ringArea(c: Float64Array, start: number, end: number): number {
  let s = 0;
  for (let i = start; i < end - 1; i++) s += c[2 * i]! * c[2 * i + 3]! - c[2 * i + 2]! * c[2 * i + 1]!;
  return s / 2;
}

/** All points on one line (a zero-area ring that is not a symmetric bowtie). */
function collinear(c: Float64Array, start: number, end: number): boolean {
  const ax = c[2 * start]!;
  const ay = c[2 * start + 1]!;
  const bx = c[2 * start + 2]!;
  const by = c[2 * start + 3]!;
  for (let i = start + 2; i < end; i++) if ((bx - ax) * (c[2 * i + 1]! - ay) - (by - ay) * (c[2 * i]! - ax) !== 0) return false;
  return true;
}

/** `areas`: each ring's ringArea * 2 when known (not after the antimeridian shift). */
function orientRings(g: CompactPolygons, areas: number[] | null): void {
  for (let p = 0; p + 1 < g.polygons.length; p++) {
    for (let r = g.polygons[p]!; r < g.polygons[p + 1]!; r++) {
      const start = g.rings[r]!;
      const end = g.rings[r + 1]!;
      const area = areas ? areas[r]! : ringArea(g.coords, start, end);
      if ((r === g.polygons[p] && area < 0) || (r > g.polygons[p]! && area > 0)) reverseRing(g.coords, start, end);
    }
  }
}

function reverseRing(c: Float64Array, start: number, end: number): void {
  for (let i = start, j = end - 1; i < j; i++, j--) {
    const x = c[2 * i]!;
    const y = c[2 * i + 1]!;
    c[2 * i] = c[2 * j]!;
    c[2 * i + 1] = c[2 * j + 1]!;
    c[2 * j] = x;
    c[2 * j + 1] = y;
  }
}
