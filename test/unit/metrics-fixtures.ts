/**
 * Small hand-checkable layers for the metrics tests, built as real GeoJSON and turned into real
 * TopoJSON with topojson-server (the same shared-arc structure the importer stores).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { topology } from 'topojson-server';
import type { Topology } from 'topojson-specification';
import type { Rep, Territory, UnitRecord } from '../../shared/model/project.ts';
import type { MetricsAccount, MetricsInput } from '../../shared/metrics/types.ts';

/** Cell size of the grids, degrees (about 1.11 km at the equator, so the sphere is nearly flat). */
export const CELL = 0.01;

export function square(x0: number, y0: number, size = CELL): number[][] {
  return [
    [x0, y0],
    [x0 + size, y0],
    [x0 + size, y0 + size],
    [x0, y0 + size],
    [x0, y0],
  ];
}

export function feature(id: string, geometry: Polygon | MultiPolygon, props: Record<string, number | string> = {}): Feature {
  return { type: 'Feature', id, properties: props, geometry };
}

export function toTopology(features: Feature[]): Topology {
  const collection: FeatureCollection = { type: 'FeatureCollection', features };
  return topology({ units: collection }) as unknown as Topology;
}

/** A 3x3 grid of square units `r{row}c{col}` (row 0 at the bottom) with lon/lat origin (0, 0). */
export function gridFeatures(): Feature[] {
  const out: Feature[] = [];
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      out.push(feature(`r${r}c${c}`, { type: 'Polygon', coordinates: [square(c * CELL, r * CELL)] }, { pop: 100 * (r * 3 + c + 1) }));
    }
  }
  return out;
}

export function unitsOf(features: Feature[]): UnitRecord[] {
  return features.map((f) => ({
    id: String(f.id),
    name: String(f.id),
    values: Object.fromEntries(Object.entries(f.properties ?? {}).map(([k, v]) => [k, v as number | string])),
  }));
}

export function territory(id: string, repId: string | null = null): Territory {
  return { id, name: id.toUpperCase(), color: '#336699', repId, locked: false };
}

export function rep(id: string, lon: number, lat: number): Rep {
  return { id, name: id, home: id, location: [lon, lat] };
}

export function input(
  features: Feature[],
  assignments: Record<string, string>,
  territories: Territory[],
  extra: { accounts?: MetricsAccount[]; reps?: Rep[] } = {},
): MetricsInput {
  return {
    units: unitsOf(features),
    topology: toTopology(features),
    accounts: extra.accounts ?? [],
    reps: extra.reps ?? [],
    territories,
    assignments: new Map(Object.entries(assignments)),
  };
}

/** Real Census 2010 ZCTA polygons of one state (public domain), from the shared data folder. */
export function zctaFeatures(file = 'ri_rhode_island_zip_codes_geo.min.json'): Feature[] {
  const dir = path.resolve(import.meta.dirname, '../../../shared/data/zcta');
  const collection = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as FeatureCollection;
  return collection.features.map((f) => {
    const props = f.properties ?? {};
    const id = String(props.ZCTA5CE10 ?? f.id);
    const values: Record<string, number | string> = {};
    for (const [k, v] of Object.entries(props)) if (typeof v === 'number' || typeof v === 'string') values[k] = v;
    return { ...f, id, properties: values };
  });
}

/** Seeded PRNG (mulberry32) for reproducible random plans and edits. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
