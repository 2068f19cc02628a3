/**
 * A flat index of the units for the tools, built once per project: representative point
 * (bounding-box centre nudged into the polygon when it falls outside), bounding box, in [lon, lat].
 * Lasso, box and brush test these points in screen space; the brush also tests which unit
 * contains its centre, so a unit larger than the brush is painted where the brush touches it.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { pointInPolygon } from '../../../shared/geo/point-in-polygon.ts';
import type { UnitFeature } from '../map/unit-geometry.ts';

export interface UnitIndex {
  ids: string[];
  /** Representative point of unit i: lon at 2i, lat at 2i + 1. */
  points: Float64Array;
  /** Bounding box of unit i: west, south, east, north at 4i … 4i + 3. */
  boxes: Float64Array;
  features: UnitFeature[];
  byId: Map<string, number>;
}

export function buildUnitIndex(features: UnitFeature[]): UnitIndex {
  const n = features.length;
  const points = new Float64Array(n * 2);
  const boxes = new Float64Array(n * 4);
  const byId = new Map<string, number>();
  features.forEach((f, i) => {
    byId.set(String(f.id), i);
    const polygons = polygonsOf(f);
    let [w, s, e, no] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const rings of polygons) for (const p of rings[0] ?? []) {
      w = Math.min(w, p[0]!); e = Math.max(e, p[0]!); s = Math.min(s, p[1]!); no = Math.max(no, p[1]!);
    }
    boxes.set([w, s, e, no], i * 4);
    const point = representativePoint(f, polygons, [w, s, e, no]);
    points[i * 2] = point[0];
    points[i * 2 + 1] = point[1];
  });
  return { ids: features.map((f) => String(f.id)), points, boxes, features, byId };
}

function polygonsOf(f: UnitFeature): Position[][][] {
  const g = f.geometry;
  if (g?.type === 'Polygon') return [g.coordinates];
  if (g?.type === 'MultiPolygon') return g.coordinates;
  return [];
}

/** Centroid of the largest ring's vertices, or a point inside when that falls outside (crescents, L-shapes). */
function representativePoint(f: UnitFeature, polygons: Position[][][], box: number[]): [number, number] {
  let best: Position[] = [];
  for (const rings of polygons) if ((rings[0]?.length ?? 0) > best.length) best = rings[0]!;
  if (best.length === 0) return [(box[0]! + box[2]!) / 2, (box[1]! + box[3]!) / 2];
  let x = 0, y = 0;
  for (const p of best) { x += p[0]!; y += p[1]!; }
  const centre: [number, number] = [x / best.length, y / best.length];
  const geometry = f.geometry as Polygon | MultiPolygon;
  if (pointInPolygon(centre, geometry)) return centre;
  // Scan a horizontal line through the centre for the midpoint of the widest inside stretch.
  const steps = 32;
  let run: [number, number] | null = null;
  let bestRun: [number, number] | null = null;
  for (let k = 0; k <= steps; k++) {
    const px = box[0]! + ((box[2]! - box[0]!) * k) / steps;
    if (pointInPolygon([px, centre[1]], geometry)) {
      run = run ? [run[0], px] : [px, px];
      if (!bestRun || run[1] - run[0] > bestRun[1] - bestRun[0]) bestRun = run;
    } else run = null;
  }
  return bestRun ? [(bestRun[0] + bestRun[1]) / 2, centre[1]] : centre;
}

export type Project = (lonLat: [number, number]) => [number, number] | null;

/** Units whose representative point lies in the screen polygon (canvas pixels). */
export function unitsInScreenPolygon(index: UnitIndex, project: Project, unproject: Project, polygon: [number, number][]): string[] {
  if (polygon.length < 3) return [];
  const bounds = lonLatBounds(unproject, polygon);
  if (!bounds) return [];
  const out: string[] = [];
  for (let i = 0; i < index.ids.length; i++) {
    const lon = index.points[i * 2]!, lat = index.points[i * 2 + 1]!;
    if (lon < bounds[0] || lon > bounds[2] || lat < bounds[1] || lat > bounds[3]) continue;
    const xy = project([lon, lat]);
    if (xy && insideRing(polygon, xy[0], xy[1])) out.push(index.ids[i]!);
  }
  return out;
}

/** Units within `radius` px of the screen point, plus the unit containing it. */
export function unitsInCircle(index: UnitIndex, project: Project, unproject: Project, at: [number, number], radius: number): string[] {
  const square: [number, number][] = [[at[0] - radius, at[1] - radius], [at[0] + radius, at[1] + radius]];
  const bounds = lonLatBounds(unproject, square);
  const centre = unproject(at);
  if (!bounds || !centre) return [];
  const out: string[] = [];
  for (let i = 0; i < index.ids.length; i++) {
    const lon = index.points[i * 2]!, lat = index.points[i * 2 + 1]!;
    if (lon >= bounds[0] && lon <= bounds[2] && lat >= bounds[1] && lat <= bounds[3]) {
      const xy = project([lon, lat]);
      if (xy && Math.hypot(xy[0] - at[0], xy[1] - at[1]) <= radius) {
        out.push(index.ids[i]!);
        continue;
      }
    }
    const b = i * 4;
    if (centre[0] < index.boxes[b]! || centre[0] > index.boxes[b + 2]! || centre[1] < index.boxes[b + 1]! || centre[1] > index.boxes[b + 3]!) continue;
    if (pointInPolygon(centre, index.features[i]!.geometry as Polygon | MultiPolygon)) out.push(index.ids[i]!);
  }
  return out;
}

function lonLatBounds(unproject: Project, points: [number, number][]): [number, number, number, number] | null {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) { minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y); }
  for (const corner of [[minX, minY], [maxX, maxY]] as [number, number][]) {
    const ll = unproject(corner);
    if (!ll) return null;
    w = Math.min(w, ll[0]); e = Math.max(e, ll[0]); s = Math.min(s, ll[1]); n = Math.max(n, ll[1]);
  }
  return [w, s, e, n];
}

/** Even-odd point in a screen polygon. */
export function insideRing(ring: readonly [number, number][], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
