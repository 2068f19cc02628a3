/**
 * A representative point and planar area (in degrees², enough for weighting) per unit, computed
 * once per decoded geometry: the print's extents and territory labels are placed from these.
 */
import type { Position } from 'geojson';
import type { UnitGeometry } from './unit-geometry.ts';

export interface UnitAnchor {
  id: string;
  at: [number, number];
  area: number;
}

const cache = new WeakMap<UnitGeometry, UnitAnchor[]>();

export function unitAnchors(geometry: UnitGeometry): UnitAnchor[] {
  let anchors = cache.get(geometry);
  if (!anchors) cache.set(geometry, (anchors = geometry.features.map((f) => anchorOf(f.id, f.geometry))));
  return anchors;
}

function anchorOf(id: string, geometry: { type: string; coordinates?: unknown }): UnitAnchor {
  const polygons: Position[][][] =
    geometry.type === 'Polygon' ? [geometry.coordinates as Position[][]] : geometry.type === 'MultiPolygon' ? (geometry.coordinates as Position[][][]) : [];
  // The centroid of the largest outer ring: a county's main body, not its islands.
  let best: { at: [number, number]; area: number } = { at: [Number.NaN, Number.NaN], area: 0 };
  let total = 0;
  for (const polygon of polygons) {
    const ring = polygon[0];
    if (!ring) continue;
    const c = ringCentroid(ring);
    total += c.area;
    if (c.area > best.area) best = c;
  }
  return { id, at: best.at, area: total };
}

function ringCentroid(ring: Position[]): { at: [number, number]; area: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j]!;
    const [x1, y1] = ring[i]!;
    const cross = x0! * y1! - x1! * y0!;
    a += cross;
    cx += (x0! + x1!) * cross;
    cy += (y0! + y1!) * cross;
  }
  if (Math.abs(a) < 1e-12) return { at: [ring[0]![0]!, ring[0]![1]!], area: 0 };
  return { at: [cx / (3 * a), cy / (3 * a)], area: Math.abs(a / 2) };
}
