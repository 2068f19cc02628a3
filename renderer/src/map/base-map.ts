/**
 * The offline base map, bundled with the app (no tiles, no network): land and country borders from
 * Natural Earth (world-atlas, 1:50m) around the US, and the US nation and state outlines from the
 * US Census Bureau (us-atlas, 1:10m). Decoded once at module load.
 */
import { feature, mesh } from 'topojson-client';
import type { Feature, FeatureCollection, MultiLineString, Position } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import worldJson from 'world-atlas/countries-50m.json';
import nationJson from 'us-atlas/nation-10m.json';
import statesJson from 'us-atlas/states-10m.json';

export interface BaseMap {
  /** Countries of the world, for the land fill outside the US. */
  countries: Feature[];
  /** Borders between countries. */
  countryBorders: Position[][];
  /** The US, for the land fill under the units. */
  nation: Feature[];
  /** Borders between US states. */
  stateBorders: Position[][];
}

function collection(topology: Topology, name: string): GeometryCollection {
  const object = topology.objects[name];
  if (!object || object.type !== 'GeometryCollection') throw new Error(`Base map object "${name}" is missing.`);
  return object as GeometryCollection;
}

function decode(): BaseMap {
  const world = worldJson as unknown as Topology;
  const nation = nationJson as unknown as Topology;
  const states = statesJson as unknown as Topology;
  const countries = collection(world, 'countries');
  const usStates = collection(states, 'states');
  return {
    countries: (feature(world, countries) as FeatureCollection).features,
    countryBorders: (mesh(world, countries, (a, b) => a !== b) as MultiLineString).coordinates,
    nation: (feature(nation, collection(nation, 'nation')) as FeatureCollection).features,
    stateBorders: (mesh(states, usStates, (a, b) => a !== b) as MultiLineString).coordinates,
  };
}

export const baseMap: BaseMap = decode();
