/**
 * Exact dissolve of units into territory outlines through shared-arc topology: arcs shared by two
 * units of the same territory cancel out, so neighbours never leave slivers or overlaps.
 */
import { merge } from 'topojson-client';
import type { GeometryObject as AnyGeometryObject, Topology } from 'topojson-specification';
import type { GeoJsonProperties, MultiPolygon, Position } from 'geojson';

export type GeometryObject = AnyGeometryObject<GeoJsonProperties>;

/** Index a topology's unit geometries by unit id (the geometry `id`), from object `units`. */
export function unitGeometriesById(topology: Topology): Map<string, GeometryObject> {
  const object = topology.objects.units;
  if (!object || object.type !== 'GeometryCollection') throw new Error('Topology has no "units" geometry collection.');
  return new Map(object.geometries.map((g) => [String(g.id), g]));
}

/**
 * Outline of each territory (lon/lat MultiPolygon) from its units; territories with no units map
 * to null. `territoryIds` limits the work to the territories an edit touched.
 */
export function dissolveTerritories(
  topology: Topology,
  geometries: Map<string, GeometryObject>,
  assignments: ReadonlyMap<string, string>,
  territoryIds: Iterable<string>,
): Map<string, MultiPolygon | null> {
  const wanted = new Set(territoryIds);
  const members = new Map<string, GeometryObject[]>([...wanted].map((id) => [id, []]));
  for (const [unitId, territoryId] of assignments) {
    const geometry = geometries.get(unitId);
    if (geometry && wanted.has(territoryId)) members.get(territoryId)!.push(geometry);
  }
  const outlines = new Map<string, MultiPolygon | null>();
  for (const [territoryId, units] of members) {
    // topojson-client's merge is typed for polygon objects; unit geometries are (Multi)Polygons.
    outlines.set(territoryId, units.length ? validRings(merge(topology, units as Parameters<typeof merge>[1])) : null);
  }
  return outlines;
}

/**
 * topojson-client's merge can return a ring whose ends differ by one quantisation step (seen on
 * the us-atlas counties of Illinois), and collapsed rings (fewer than three distinct positions, as
 * in Delaware). Close the former and drop the latter, so every stored outline is a valid polygon.
 */
export function validRings(outline: MultiPolygon): MultiPolygon {
  const polygons: Position[][][] = [];
  for (const polygon of outline.coordinates) {
    const [shell, ...holes] = polygon.map(closeRing);
    // A collapsed shell takes its holes with it; a collapsed hole just goes.
    if (shell && shell.length >= 4) polygons.push([shell, ...holes.filter((hole) => hole.length >= 4)]);
  }
  return { type: 'MultiPolygon', coordinates: polygons };
}

/** The ring without consecutive repeated positions, closed. */
function closeRing(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const prev = out.at(-1);
    if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) out.push(p);
  }
  const first = out[0];
  const last = out.at(-1);
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push(first);
  return out;
}
