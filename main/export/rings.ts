/**
 * Ring orientation. GeoJSON (RFC 7946) wants exterior rings counter-clockwise and holes clockwise;
 * shapefiles want the opposite. Orientation is measured in lon/lat (planar shoelace), which is what
 * both formats mean.
 */
import type { MultiPolygon, Position } from 'geojson';

/** Twice the signed planar area of a ring; positive = counter-clockwise. */
export function ringArea2(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  return s;
}

/** Copy of the polygons with exteriors counter-clockwise (`exteriorCcw`) or clockwise, holes opposite. */
export function orientPolygons(geometry: MultiPolygon, exteriorCcw: boolean): Position[][][] {
  return geometry.coordinates.map((rings) =>
    rings.map((ring, i) => {
      const ccw = ringArea2(ring) > 0;
      const wantCcw = i === 0 ? exteriorCcw : !exteriorCcw;
      return ccw === wantCcw ? ring : [...ring].reverse();
    }),
  );
}

/**
 * A MultiPolygon every GIS accepts: consecutive repeated points removed, rings closed, rings with
 * fewer than four points or no area dropped (a polygon whose exterior goes takes its holes with it).
 * Dissolved outlines can carry such degenerate rings where arcs of the source topology meet.
 */
export function cleanMultiPolygon(geometry: MultiPolygon): MultiPolygon | null {
  const polygons: Position[][][] = [];
  for (const [exterior, ...holes] of geometry.coordinates) {
    const outer = cleanRing(exterior ?? []);
    if (outer) polygons.push([outer, ...holes.map(cleanRing).filter((r): r is Position[] => r !== null)]);
  }
  return polygons.length ? { type: 'MultiPolygon', coordinates: polygons } : null;
}

function cleanRing(ring: readonly Position[]): Position[] | null {
  const out: Position[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push([p[0]!, p[1]!]);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0]!, first[1]!]);
  return out.length >= 4 && ringArea2(out) !== 0 ? out : null;
}
