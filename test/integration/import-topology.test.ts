/**
 * The typed-array topology builder against topojson-server, the reference implementation: on
 * real ZCTA files both give every unit the same neighbours and (unsimplified) the same outlines.
 */
import fs from 'node:fs';
import path from 'node:path';
import { feature, neighbors } from 'topojson-client';
import { topology as referenceTopology } from 'topojson-server';
import type { GeometryCollection } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { packMultiPolygon } from '../../main/import/compact.ts';
import { Bounds, cleanPolygonal } from '../../main/import/geometry.ts';
import { buildUnitTopology } from '../../main/import/topology.ts';
import { ZCTA_DIR } from './import-support.ts';

const FILES = ['de_delaware_zip_codes_geo.min.json', 'ri_rhode_island_zip_codes_geo.min.json', 'hi_hawaii_zip_codes_geo.min.json'];

describe('shared-arc topology builder', () => {
  it.each(FILES)('%s: same neighbours and outlines as topojson-server', (file) => {
    const doc = JSON.parse(fs.readFileSync(path.join(ZCTA_DIR, file), 'utf8')) as GeoJSON.FeatureCollection;
    const units = doc.features.map((f) => ({ id: String(f.properties!.GEOID10), geometry: cleanPolygonal(f.geometry).geometry! }));
    const bounds = new Bounds();
    for (const u of units) bounds.addMultiPolygon(u.geometry);
    const bbox = bounds.toArray()!;
    const mine = buildUnitTopology(
      units.map((u) => ({ id: u.id, geometry: packMultiPolygon(u.geometry) })),
      bbox,
      false,
    );
    const q = Math.round(Math.min(1e6, Math.max(1e4, Math.max(bbox[2] - bbox[0], bbox[3] - bbox[1]) / 1e-4)));
    const collection: GeoJSON.FeatureCollection = {
      type: 'FeatureCollection',
      features: units.map((u) => ({ type: 'Feature', id: u.id, properties: {}, geometry: u.geometry })),
    };
    const reference = referenceTopology({ units: collection }, q);
    const ours = (mine.objects.units as GeometryCollection).geometries;
    const theirs = (reference.objects.units as GeometryCollection).geometries;
    const sorted = (lists: number[][]) => lists.map((l) => [...l].sort((a, b) => a - b));
    expect(sorted(neighbors(ours as Parameters<typeof neighbors>[0]))).toEqual(sorted(neighbors(theirs as Parameters<typeof neighbors>[0])));
    // Same decoded rings (as sets of points per unit).
    const points = (topology: typeof mine, g: (typeof ours)[number]) =>
      new Set(
        JSON.stringify((feature(topology, g) as GeoJSON.Feature).geometry)
          .match(/-?[\d.]+,-?[\d.]+/g)!
          .sort(),
      );
    for (let i = 0; i < ours.length; i += 7) expect(points(mine, ours[i]!)).toEqual(points(reference, theirs[i]!));
  });
});
