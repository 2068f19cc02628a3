/**
 * The packed shapefile path (shp-polygons.ts -> compact-clean.ts, typed arrays all the way) must
 * give exactly what the GeoJSON path gives (the `shapefile` package -> geometry.ts
 * cleanPolygonal -> packed): same polygons bit for bit, same repairs, same problems, same
 * attributes, feature by feature — on real ZCTA shapefiles (lon/lat and reprojected) and on
 * hand-made shapes covering every repair.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { cleanCompact } from '../../main/import/compact-clean.ts';
import { packMultiPolygon, type CompactPolygons } from '../../main/import/compact.ts';
import { cleanPolygonal } from '../../main/import/geometry.ts';
import { openShapefile } from '../../main/import/shapefile-reader.ts';
import { openSource } from '../../main/import/source.ts';
import { tempDir } from '../helpers/temp.ts';
import { DE_GEOJSON, RI_GEOJSON, ZCTA_DIR, ogr2ogr } from './import-support.ts';

const dir = tempDir('tessera-import-packed-');

interface Outcome {
  properties: Record<string, unknown>;
  geometry: { coords: number[]; rings: number[]; polygons: number[] } | null;
  repairs: string[];
  problem: string | undefined;
}

const plain = (g: CompactPolygons | null) => (g ? { coords: [...g.coords], rings: [...g.rings], polygons: [...g.polygons] } : null);

/**
 * The first difference between the two paths, in a few words (null when they agree). Compared
 * here rather than with toEqual, whose diff of millions of numbers would take minutes.
 */
function firstDifference(a: Outcome[], b: Outcome[]): string | null {
  if (a.length !== b.length) return `${a.length} features vs ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (JSON.stringify(x.properties) !== JSON.stringify(y.properties)) return `feature ${i + 1}: properties differ`;
    if (JSON.stringify(x.repairs) !== JSON.stringify(y.repairs)) return `feature ${i + 1}: repairs ${JSON.stringify(x.repairs)} vs ${JSON.stringify(y.repairs)}`;
    if (x.problem !== y.problem) return `feature ${i + 1}: problem ${x.problem} vs ${y.problem}`;
    if ((x.geometry === null) !== (y.geometry === null)) return `feature ${i + 1}: geometry null on one side only`;
    if (x.geometry && y.geometry) {
      for (const key of ['coords', 'rings', 'polygons'] as const) {
        const p = x.geometry[key];
        const q = y.geometry[key];
        if (p.length !== q.length) return `feature ${i + 1}: ${key} length ${p.length} vs ${q.length}`;
        for (let k = 0; k < p.length; k++) if (!Object.is(p[k], q[k])) return `feature ${i + 1}: ${key}[${k}] ${p[k]} vs ${q[k]}`;
      }
    }
  }
  return null;
}

async function bothPaths(shp: string, srs?: string): Promise<{ geojson: Outcome[]; packed: Outcome[] }> {
  const { layer, cleanup } = await openSource(shp);
  try {
    if (layer.format !== 'shapefile') throw new Error(`${shp} is not a shapefile`);
    const geojson: Outcome[] = [];
    const a = openShapefile(layer.files, srs);
    for await (const f of a.features()) {
      const c = cleanPolygonal(f.geometry);
      geojson.push({ properties: f.properties, geometry: plain(c.geometry && packMultiPolygon(c.geometry)), repairs: c.repairs, problem: c.problem });
    }
    a.close();
    const packed: Outcome[] = [];
    const b = openShapefile(layer.files, srs);
    expect(b.polygons).toBeDefined();
    for await (const f of b.polygons!()) {
      const c = cleanCompact(f.geometry);
      packed.push({ properties: f.properties, geometry: plain(c.geometry), repairs: c.repairs, problem: c.problem });
    }
    b.close();
    return { geojson, packed };
  } finally {
    cleanup();
  }
}

describe('packed shapefile reading equals the GeoJSON path', () => {
  const zips = fs.readdirSync(ZCTA_DIR).filter((f) => f.endsWith('.zip'));
  it.each(zips)('%s', async (zip) => {
    const { geojson, packed } = await bothPaths(path.join(ZCTA_DIR, zip));
    expect(packed.length).toBeGreaterThan(0);
    expect(firstDifference(packed, geojson)).toBeNull();
  });

  it('a reprojected shapefile (UTM 19N, NAD83) with multipolygons and holes', async () => {
    const target = path.join(dir, 'ri-utm');
    ogr2ogr('-t_srs', 'EPSG:26919', '-nlt', 'MULTIPOLYGON', '-nln', 'ri', target, RI_GEOJSON);
    const { geojson, packed } = await bothPaths(path.join(target, 'ri.shp'));
    expect(packed.length).toBe(77);
    expect(firstDifference(packed, geojson)).toBeNull();
  });

  it('a shapefile of awkward shapes: repairs, null shapes, antimeridian, bowtie', async () => {
    const sq = (x: number, y: number, s: number): Position[] => [[x, y], [x, y + s], [x + s, y + s], [x + s, y], [x, y]];
    const shapes: (Geometry | null)[] = [
      { type: 'Polygon', coordinates: [[[1, 0], [2, 0], [2, 0], [2, 1], [1, 1], [1, 1], [1, 0]]] },
      null,
      { type: 'MultiPolygon', coordinates: [[sq(10, 0, 1)], [sq(12, 0, 1), sq(12.25, 0.25, 0.5).reverse()]] },
      { type: 'Polygon', coordinates: [[[179, -17], [179, -16], [-179.5, -16], [-179.5, -17], [179, -17]]] },
      { type: 'Polygon', coordinates: [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]] },
      // A hole outside its shell: the package makes it a polygon of its own.
      { type: 'Polygon', coordinates: [sq(20, 0, 1), sq(30, 0, 1).reverse()] },
    ];
    const source = path.join(dir, 'awkward.geojson');
    const features = shapes.map((geometry, i) => ({ type: 'Feature', properties: { UNIT: `u${i}` }, geometry }));
    fs.writeFileSync(source, JSON.stringify({ type: 'FeatureCollection', features }));
    const target = path.join(dir, 'awkward');
    ogr2ogr('-a_srs', 'EPSG:4326', '-nln', 'awkward', target, source);
    const { geojson, packed } = await bothPaths(path.join(target, 'awkward.shp'));
    expect(packed.length).toBe(shapes.length);
    expect(firstDifference(packed, geojson)).toBeNull();
    expect(packed.flatMap((o) => o.repairs)).toContain('self-intersecting: edges re-noded into valid polygons');
  });

  it('the Delaware ZIP layer written with --srs instead of a .prj', async () => {
    const target = path.join(dir, 'de-noprj');
    ogr2ogr('-t_srs', 'EPSG:3857', '-nln', 'de', target, DE_GEOJSON);
    fs.rmSync(path.join(target, 'de.prj'));
    const { geojson, packed } = await bothPaths(path.join(target, 'de.shp'), 'EPSG:3857');
    expect(firstDifference(packed, geojson)).toBeNull();
  });
});

describe('cleanCompact agrees with cleanPolygonal on every repair', () => {
  const cases: [string, Position[][][]][] = [
    ['open ring', [[[[0, 0], [1, 0], [1, 1], [0, 1]]]]],
    ['repeated points', [[[[1, 0], [2, 0], [2, 0], [2, 1], [1, 1], [1, 1], [1, 0]]]]],
    ['clockwise shell, counter-clockwise hole', [[[[0, 0], [0, 3], [3, 3], [3, 0], [0, 0]], [[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]]]]],
    ['degenerate hole', [[[[5, 0], [6, 0], [6, 1], [5, 1], [5, 0]], [[5.5, 0.5], [5.6, 0.6], [5.5, 0.5]]]]],
    ['degenerate shell with a hole after it, then a good polygon', [[[[0, 0], [1, 1], [0, 0]], [[0, 0], [1, 0], [1, 1], [0, 0]]], [[[3, 0], [4, 0], [4, 1], [3, 0]]]]],
    ['collinear ring', [[[[30, 0], [31, 0], [32, 0], [30, 0]]]]],
    ['symmetric bowtie', [[[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]]],
    ['antimeridian', [[[[179, -17], [-179.5, -17], [-179.5, -16], [179, -16], [179, -17]]]]],
    ['latitude out of range', [[[[0, 0], [1, 0], [1, 95], [0, 0]]]]],
    ['not a number', [[[[0, 0], [1, 0], [1, NaN], [0, 0]]]]],
    ['overlapping parts', [[[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]], [[[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]]]]],
    ['empty', []],
  ];
  it.each(cases)('%s', (_name, coordinates) => {
    const copy = structuredClone(coordinates);
    const reference = cleanPolygonal({ type: 'MultiPolygon', coordinates: copy });
    const packed = cleanCompact(packMultiPolygon({ type: 'MultiPolygon', coordinates }));
    expect({ geometry: plain(packed.geometry), repairs: packed.repairs, problem: packed.problem }).toEqual({
      geometry: plain(reference.geometry && packMultiPolygon(reference.geometry)),
      repairs: reference.repairs,
      problem: reference.problem,
    });
  });

  it('null shape', () => {
    expect(cleanCompact(null)).toEqual({ geometry: null, repairs: [], problem: 'no geometry (null shape)' });
  });
});
