/**
 * Making imported polygons valid enough to store, draw and build topology from: rings closed,
 * repeated points removed, degenerate rings dropped, outer rings counter-clockwise and holes
 * clockwise (RFC 7946), antimeridian-crossing rings made continuous, crossing edges (bowties,
 * holes cutting shells, overlapping parts) re-noded by a union (polyclip-ts). Every change is reported.
 * Output is always a MultiPolygon (the units table's declared type).
 */
import type { Geometry, MultiPolygon, Position } from 'geojson';
import { union } from 'polyclip-ts';
import { hasCrossingEdges } from './validity.ts';

export interface CleanResult {
  geometry: MultiPolygon | null;
  /** What was changed, in plain words (empty when nothing was). */
  repairs: string[];
  /** Why the feature cannot be used, when geometry is null. */
  problem?: string;
}

export function cleanPolygonal(geometry: Geometry | null): CleanResult {
  if (!geometry) return { geometry: null, repairs: [], problem: 'no geometry (null shape)' };
  const repairs = new Set<string>();
  let polygons: Position[][][];
  switch (geometry.type) {
    case 'Polygon':
      polygons = [geometry.coordinates];
      break;
    case 'MultiPolygon':
      polygons = geometry.coordinates;
      break;
    case 'GeometryCollection': {
      const parts = geometry.geometries.filter((g) => g.type === 'Polygon' || g.type === 'MultiPolygon');
      if (parts.length === 0) return { geometry: null, repairs: [], problem: 'geometry collection without polygons' };
      if (parts.length < geometry.geometries.length) repairs.add('dropped non-polygon parts of a geometry collection');
      polygons = parts.flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : (g as MultiPolygon).coordinates));
      break;
    }
    default:
      return { geometry: null, repairs: [], problem: `${geometry.type} geometry where a polygon was expected` };
  }

  const out: Position[][][] = [];
  for (const polygon of polygons) {
    const rings: Position[][] = [];
    for (let r = 0; r < polygon.length; r++) {
      const ring = cleanRing(polygon[r]!, repairs);
      if (ring === 'invalid') return { geometry: null, repairs: [], problem: 'coordinates that are not numbers or lie outside -90..90 latitude' };
      if (!ring) {
        repairs.add(r === 0 ? 'dropped a degenerate polygon (fewer than 3 distinct points or no area)' : 'dropped a degenerate hole');
        if (r === 0) break;
        continue;
      }
      rings.push(ring);
    }
    if (rings.length > 0) out.push(rings);
  }
  if (out.length === 0) return { geometry: null, repairs: [...repairs], problem: 'no usable polygon left (empty or degenerate)' };
  if (crossesAntimeridian(out)) {
    for (const polygon of out) for (const ring of polygon) for (const p of ring) if (p[0]! < 0) p[0] = p[0]! + 360;
    repairs.add('crosses the antimeridian: longitudes continued past 180°');
  }
  if (hasCrossingEdges(out)) return renodeCrossingEdges(out, repairs);
  orientRings(out);
  return { geometry: { type: 'MultiPolygon', coordinates: out }, repairs: [...repairs] };
}

/**
 * Polygons with crossing edges (bowties, holes cutting shells, overlapping parts) re-noded by a
 * union into valid polygons; also the slow path of the packed cleaner (compact-clean.ts).
 */
export function renodeCrossingEdges(polygons: Position[][][], repairs: Set<string>): CleanResult {
  let result: Position[][][];
  try {
    result = union(polygons as [number, number][][][]) as Position[][][];
  } catch (error) {
    return { geometry: null, repairs: [], problem: `self-intersecting polygon that could not be repaired (${(error as Error).message})` };
  }
  if (result.length === 0) return { geometry: null, repairs: [], problem: 'self-intersecting polygon with no area left after repair' };
  repairs.add('self-intersecting: edges re-noded into valid polygons');
  orientRings(result);
  return { geometry: { type: 'MultiPolygon', coordinates: result }, repairs: [...repairs] };
}

/** RFC 7946: outer rings counter-clockwise, holes clockwise. */
function orientRings(polygons: Position[][][]): void {
  for (const polygon of polygons) {
    polygon.forEach((ring, r) => {
      const area = signedArea(ring);
      if ((r === 0 && area < 0) || (r > 0 && area > 0)) ring.reverse();
    });
  }
}

/** A closed ring without repeated points, null when degenerate, 'invalid' for bad numbers. */
function cleanRing(ring: Position[], repairs: Set<string>): Position[] | null | 'invalid' {
  const out: Position[] = [];
  let prevX = NaN;
  let prevY = NaN;
  let duplicates = false;
  for (const p of ring) {
    const x = p[0]!;
    const y = p[1]!;
    if (!Number.isFinite(x) || !Number.isFinite(y) || y < -90.000001 || y > 90.000001) return 'invalid';
    if (x === prevX && y === prevY) {
      duplicates = true;
      continue;
    }
    out.push(p.length === 2 ? p : [x, y]);
    prevX = x;
    prevY = y;
  }
  if (duplicates) repairs.add('removed repeated points');
  if (out.length > 1 && (out[0]![0] !== prevX || out[0]![1] !== prevY)) {
    out.push([out[0]![0]!, out[0]![1]!]);
    repairs.add('closed an open ring');
  }
  if (out.length < 4 || (signedArea(out) === 0 && collinear(out))) return null;
  return out;
}

/** All points on one line (a zero-area ring that is not a symmetric bowtie). */
function collinear(ring: Position[]): boolean {
  const [ax, ay] = ring[0] as [number, number];
  const [bx, by] = ring[1] as [number, number];
  for (let i = 2; i < ring.length; i++) if ((bx - ax) * (ring[i]![1]! - ay) - (by - ay) * (ring[i]![0]! - ax) !== 0) return false;
  return true;
}

/** Shoelace area in squared degrees: positive when counter-clockwise. */
export function signedArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0, n = ring.length - 1; i < n; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    s += a[0]! * b[1]! - b[0]! * a[1]!;
  }
  return s / 2;
}

function crossesAntimeridian(polygons: Position[][][]): boolean {
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 1; i < ring.length; i++) if (Math.abs(ring[i]![0]! - ring[i - 1]![0]!) > 180) return true;
    }
  }
  return false;
}

/** [minLon, minLat, maxLon, maxLat] accumulator. */
export class Bounds {
  minX = Infinity;
  minY = Infinity;
  maxX = -Infinity;
  maxY = -Infinity;
  addPosition(x: number, y: number): void {
    if (x < this.minX) this.minX = x;
    if (y < this.minY) this.minY = y;
    if (x > this.maxX) this.maxX = x;
    if (y > this.maxY) this.maxY = y;
  }
  addMultiPolygon(g: MultiPolygon): void {
    for (const polygon of g.coordinates) for (const p of polygon[0]!) this.addPosition(p[0]!, p[1]!);
  }
  toArray(): [number, number, number, number] | null {
    return this.minX === Infinity ? null : [this.minX, this.minY, this.maxX, this.maxY];
  }
}

/** Point in (multi)polygon, even-odd over all rings; points on an edge count as inside either side. */
export function pointInMultiPolygon(x: number, y: number, g: Geometry): boolean {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  for (const polygon of polygons) {
    let inside = false;
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const xi = ring[i]![0]!;
        const yi = ring[i]![1]!;
        const xj = ring[j]![0]!;
        const yj = ring[j]![1]!;
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
    if (inside) return true;
  }
  return false;
}
