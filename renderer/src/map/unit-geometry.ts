/**
 * Decodes the project's unit topology once per loaded MapData: fill features for deck.gl, the
 * mesh of all unit borders (each shared arc once), and the territory-border mesh, which depends on
 * the plan and is cheap to recompute from the same topology after an edit.
 */
import { feature, mesh } from 'topojson-client';
import type { Feature, Geometry, MultiLineString, Position } from 'geojson';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';

export type UnitFeature = Feature<Geometry, null> & { id: string };

export interface UnitGeometry {
  topology: Topology;
  collection: GeometryCollection;
  features: UnitFeature[];
  /** Every border between two units, as line strings in [lon, lat]. */
  unitBorders: Position[][];
}

export function decodeUnits(topology: Topology): UnitGeometry {
  const object = topology.objects.units;
  if (!object || object.type !== 'GeometryCollection') throw new Error('The project has no unit shapes to draw.');
  const collection = object as GeometryCollection;
  const features = feature(topology, collection).features.map((f) => ({ ...f, id: String(f.id), properties: null })) as UnitFeature[];
  const unitBorders = (mesh(topology, collection, (a, b) => a !== b) as MultiLineString).coordinates;
  return { topology, collection, features, unitBorders };
}

/**
 * Borders between units of different territories (an unassigned unit counts as its own group),
 * i.e. exactly the arcs where the territory changes; coastlines are left to the base map.
 */
export function territoryBorders(geometry: UnitGeometry, assignments: ReadonlyMap<string, string>): Position[][] {
  const territoryOf = (g: GeometryObject) => assignments.get(String(g.id)) ?? null;
  const lines = mesh(geometry.topology, geometry.collection, (a, b) => a !== b && territoryOf(a) !== territoryOf(b));
  return (lines as MultiLineString).coordinates;
}
