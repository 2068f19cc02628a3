/**
 * Point-in-polygon for lon/lat (Multi)Polygons with holes, by ray casting (even-odd rule), which is
 * exact for the planar rings GeoJSON describes. A point on an edge may count either way.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

export function pointInPolygon(point: readonly [number, number], geometry: Polygon | MultiPolygon): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.some((rings) => {
    let inside = false;
    for (const ring of rings) if (ringContains(ring, point[0], point[1])) inside = !inside;
    return inside;
  });
}

function ringContains(ring: Position[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0]!;
    const yi = ring[i]![1]!;
    const xj = ring[j]![0]!;
    const yj = ring[j]![1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
