/**
 * Exact dissolve of units into territory outlines through shared-arc topology: arcs shared by two
 * units of the same territory cancel out, so neighbours never leave slivers or overlaps.
 */
import { merge } from 'topojson-client';
import type { GeometryObject as AnyGeometryObject, Topology } from 'topojson-specification';
import type { GeoJsonProperties, MultiPolygon } from 'geojson';

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
    outlines.set(territoryId, units.length ? merge(topology, units as Parameters<typeof merge>[1]) : null);
  }
  return outlines;
}
