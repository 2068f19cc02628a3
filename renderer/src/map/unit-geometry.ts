/**
 * Decodes the project's unit topology once per loaded MapData: fill features for deck.gl and the
 * mesh of all unit borders (each shared arc once). Territory borders are the arcs between units of
 * different territories (border-arcs.ts), re-weighted on each edit rather than rebuilt.
 */
import { feature, mesh } from 'topojson-client';
import type { Feature, Geometry, MultiLineString, Position } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';

export type UnitFeature = Feature<Geometry, null> & { id: string };

export interface UnitGeometry {
  topology: Topology;
  collection: GeometryCollection;
  features: UnitFeature[];
  /** Every border between two units, as line strings in [lon, lat]. */
  unitBorders: Position[][];
}

/** Decoded once per topology object: the map and the studio tools share the same features. */
const decoded = new WeakMap<Topology, UnitGeometry>();

export function decodeUnits(topology: Topology): UnitGeometry {
  let geometry = decoded.get(topology);
  if (!geometry) decoded.set(topology, (geometry = decodeUnitsOnce(topology)));
  return geometry;
}

function decodeUnitsOnce(topology: Topology): UnitGeometry {
  const object = topology.objects.units;
  if (!object || object.type !== 'GeometryCollection') throw new Error('The project has no unit shapes to draw.');
  const collection = object as GeometryCollection;
  const features = feature(topology, collection).features.map((f) => ({ ...f, id: String(f.id), properties: null })) as UnitFeature[];
  const unitBorders = (mesh(topology, collection, (a, b) => a !== b) as MultiLineString).coordinates;
  return { topology, collection, features, unitBorders };
}

