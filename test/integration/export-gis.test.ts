/**
 * GIS exports read back by GDAL (ogrinfo / ogr2ogr) and GDAL's GeoPackage validator: the demo
 * project (3,231 counties, 12 territories, accounts) and a Rhode Island ZIP project whose units
 * have holes and whose accounts carry UTF-8 names.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportProject } from '../../main/export/export-project.ts';
import { projectInfo } from '../../main/services/project-info.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import type { ProjectInfo } from '../../shared/model/project.ts';
import { buildRiProject, RI_GEOJSON } from '../fixtures/export-ri-project.ts';
import { validateGpkg } from '../helpers/gdal.ts';
import { demoProject, tempDir } from '../helpers/temp.ts';
import { holeSignature, ogrGeoJson, ogrLayers, ogrSql, signedArea, type OgrLayer } from './export-support.ts';

let demo: string;
let dir: string;
let info: ProjectInfo;
let accountCount: number;
const out = (name: string) => path.join(dir, name);

beforeAll(async () => {
  demo = await demoProject();
  dir = tempDir('tessera-export-gis-');
  const store = ProjectStore.open(demo, { readonly: true });
  try {
    info = projectInfo(store);
    accountCount = store.count('accounts');
  } finally {
    store.close();
  }
  await exportProject({ project: demo, format: 'shp', out: out('demo.zip') });
  await exportProject({ project: demo, format: 'gpkg', out: out('demo.gpkg') });
  await exportProject({ project: demo, format: 'geojson', what: 'territories', out: out('territories.geojson') });
  await exportProject({ project: demo, format: 'kml', out: out('demo.kml') });
}, 120_000);

function expectWgs84(layer: OgrLayer): void {
  expect(layer.epsg, `${layer.name} CRS`).toBe(4326);
  expect(layer.srsName).toBe('WGS 84');
}

function expectExtentClose(a: OgrLayer['extent'], b: OgrLayer['extent'], tolerance: number): void {
  expect(a).not.toBeNull();
  a!.forEach((v, i) => expect(Math.abs(v - b![i]!)).toBeLessThan(tolerance));
}

describe('zipped shapefile of the demo project', () => {
  it('holds .shp .shx .dbf .prj .cpg for territories, units and accounts', () => {
    const names = execFileSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', out('demo.zip')], {
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .sort();
    const expected = ['territories', 'units', 'accounts'].flatMap((l) => ['shp', 'shx', 'dbf', 'prj', 'cpg'].map((e) => `${l}.${e}`)).sort();
    expect(names).toEqual(expected);
  });

  it('GDAL reads every layer in WGS 84 with the counts, extents and typed ≤ 10-character fields', () => {
    const layers = ogrLayers(`/vsizip/${out('demo.zip')}`);
    const project = ogrLayers(demo);
    expect(Object.keys(layers).sort()).toEqual(['accounts', 'territories', 'units']);
    expect(layers.territories!.count).toBe(12);
    expect(layers.units!.count).toBe(3231);
    expect(layers.accounts!.count).toBe(accountCount);
    for (const layer of Object.values(layers)) {
      expectWgs84(layer);
      for (const name of Object.keys(layer.fields)) expect(name.length).toBeLessThanOrEqual(10);
    }
    // The project's R*Tree extents are float32-rounded outwards; the shapefile's are exact.
    expectExtentClose(layers.units!.extent, project.units!.extent, 1e-3);
    expectExtentClose(layers.accounts!.extent, project.accounts!.extent, 1e-3);
    expect(layers.units!.geometry).toBe('Polygon');
    expect(layers.accounts!.geometry).toBe('Point');
    expect(layers.units!.fields).toMatchObject({ unit_id: 'String (5.0)', terr_id: expect.stringMatching(/^String/), territory: expect.stringMatching(/^String/), rep: expect.stringMatching(/^String/), population: expect.stringMatching(/^Real/) });
    expect(layers.territories!.fields).toMatchObject({
      terr_id: expect.stringMatching(/^String/),
      rep: expect.stringMatching(/^String/),
      units: expect.stringMatching(/^Integer/),
      accounts: expect.stringMatching(/^Integer/),
      potential: expect.stringMatching(/^Real/),
      dev_pct: expect.stringMatching(/^Real/),
      dev_pot: expect.stringMatching(/^Real/),
    });
    expect(layers.accounts!.fields).toMatchObject({ acct_id: expect.stringMatching(/^String/), zip: 'String (5.0)', potential: expect.stringMatching(/^Real/) });
  });

  it('territory attributes agree with the project and outlines with the GeoPackage export', () => {
    const read = ogrGeoJson(`/vsizip/${out('demo.zip')}/territories.shp`);
    const byId = new Map(read.features.map((f) => [f.properties!.terr_id as string, f.properties!]));
    for (const t of info.territories) {
      const p = byId.get(t.id)!;
      expect(p.territory).toBe(t.name);
      expect(p.rep).toBe(t.rep);
      expect(p.units).toBe(t.units);
      expect(p.accounts).toBe(t.accounts);
      expect(p.potential).toBeCloseTo(t.potential, 1);
    }
    const shpArea = Number(ogrSql(`/vsizip/${out('demo.zip')}/territories.shp`, 'SELECT sum(ST_Area(geometry)) AS a FROM territories').a);
    const gpkgArea = Number(ogrSql(out('demo.gpkg'), 'SELECT sum(ST_Area(geom)) AS a FROM territories').a);
    expect(shpArea).toBeGreaterThan(900);
    expect(Math.abs(shpArea - gpkgArea)).toBeLessThan(1e-6 * gpkgArea);
    expect(ogrSql(`/vsizip/${out('demo.zip')}/territories.shp`, 'SELECT sum(ST_IsValid(geometry)) AS v FROM territories').v).toBe('12');
  });
});

describe('GeoPackage export', () => {
  it("passes GDAL's validator and is a clean standalone file (no Tessera tables, no WAL)", () => {
    validateGpkg(out('demo.gpkg'));
    const db = new Database(out('demo.gpkg'), { readonly: true });
    try {
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'rtree_%' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name);
      expect(tables.filter((t) => !t.startsWith('gpkg_')).sort()).toEqual(['accounts', 'metrics', 'territories', 'units']);
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    } finally {
      db.close();
    }
    expect(fs.existsSync(`${out('demo.gpkg')}-wal`)).toBe(false);
  });

  it('GDAL reads four layers: three in WGS 84 with typed fields, metrics as a table', () => {
    const layers = ogrLayers(out('demo.gpkg'));
    expect(layers.territories!.count).toBe(12);
    expect(layers.units!.count).toBe(3231);
    expect(layers.accounts!.count).toBe(accountCount);
    expect(layers.metrics!.count).toBe(12);
    expect(layers.metrics!.geometry).toBe('None');
    for (const name of ['territories', 'units', 'accounts']) expectWgs84(layers[name]!);
    expect(layers.territories!.geometry).toBe('Multi Polygon');
    expect(layers.territories!.fields).toMatchObject({ territory_id: 'String (0.0)', units: 'Integer (0.0)', potential: 'Real (0.0)', deviation_pct: 'Real (0.0)', rep: 'String (0.0)' });
    expect(layers.metrics!.fields).toMatchObject({ potential_deviation_pct: 'Real (0.0)', polsby_popper: 'Real (0.0)', drive_mean_min: 'Real (0.0)' });
    expectExtentClose(layers.units!.extent, ogrLayers(demo).units!.extent, 1e-3);
  });
});

describe('GeoJSON and KML exports', () => {
  it('GeoJSON: 12 territories in WGS 84, exteriors counter-clockwise and holes clockwise (RFC 7946)', () => {
    const layers = ogrLayers(out('territories.geojson'));
    const layer = Object.values(layers)[0]!;
    expect(layer.count).toBe(12);
    expectWgs84(layer);
    // GDAL infers GeoJSON types from the values: whole-dollar potentials read as integers.
    expect(layer.fields).toMatchObject({ territory_id: 'String (0.0)', units: 'Integer (0.0)', potential: expect.stringMatching(/^(Real|Integer)/), deviation_pct: 'Real (0.0)' });
    const fc = JSON.parse(fs.readFileSync(out('territories.geojson'), 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.MultiPolygon>;
    for (const f of fc.features) {
      for (const polygon of f.geometry.coordinates) {
        polygon.forEach((ring, i) => expect(Math.sign(signedArea(ring)), `${f.properties!.territory_id} ring ${i}`).toBe(i === 0 ? 1 : -1));
      }
    }
  });

  it('KML: territories and accounts folders that GDAL reads in WGS 84', () => {
    const layers = ogrLayers(out('demo.kml'));
    expect(layers.territories!.count).toBe(12);
    expect(layers.accounts!.count).toBe(accountCount);
    expectWgs84(layers.territories!);
    expectExtentClose(layers.accounts!.extent, ogrLayers(demo).accounts!.extent, 1e-3);
    const read = ogrGeoJson(out('demo.kml'), 'territories');
    expect(read.features.map((f) => f.properties!.Name).sort()).toEqual(info.territories.map((t) => t.name).sort());
    expect(read.features.every((f) => f.geometry.type === 'MultiPolygon' || f.geometry.type === 'Polygon')).toBe(true);
  });
});

describe('Rhode Island ZIP project: holes, UTF-8, long field names, scenarios', () => {
  let ri: string;
  beforeAll(async () => {
    ri = out('ri.gpkg');
    buildRiProject(ri);
    await exportProject({ project: ri, format: 'shp', out: out('ri.zip') });
    await exportProject({ project: ri, format: 'geojson', what: 'units', out: out('ri-units.geojson') });
  });

  it('units with holes keep every hole in the shapefile and the GeoJSON, as GDAL reads them', () => {
    const source = JSON.parse(fs.readFileSync(RI_GEOJSON, 'utf8')) as GeoJSON.FeatureCollection;
    const expected = new Map(source.features.map((f) => [f.properties!.ZCTA5CE10 as string, holeSignature(f.geometry)]));
    expect([...expected.values()].filter((s) => /[1-9]/.test(s)).length).toBeGreaterThanOrEqual(5);
    for (const file of [`/vsizip/${out('ri.zip')}/units.shp`, out('ri-units.geojson')]) {
      const read = ogrGeoJson(file);
      expect(read.features).toHaveLength(77);
      for (const f of read.features) {
        const h = holeSignature(f.geometry);
        // GDAL reads a single-part shapefile polygon as Polygon and a GeoJSON MultiPolygon as MultiPolygon.
        expect(h, `${file} ${f.properties!.unit_id}`).toBe(expected.get(f.properties!.unit_id as string));
      }
    }
    const area = (file: string, table: string) => Number(ogrSql(file, `SELECT sum(ST_Area(geometry)) AS a FROM "${table}"`).a);
    expect(area(`/vsizip/${out('ri.zip')}/units.shp`, 'units')).toBeCloseTo(area(RI_GEOJSON, 'ri_rhode_island_zip_codes_geo.min'), 9);
  });

  it('UTF-8 text survives through the .cpg; long field names are shortened; ZIPs stay text', () => {
    const layers = ogrLayers(`/vsizip/${out('ri.zip')}`);
    expect(layers.units!.fields).toMatchObject({ land_area_: expect.stringMatching(/^Real/), zip_prefix: 'String (3.0)', unit_id: 'String (5.0)' });
    const accounts = ogrGeoJson(`/vsizip/${out('ri.zip')}/accounts.shp`);
    expect(accounts.features.map((f) => f.properties!.name)).toContain('Café Zoë — Providence');
    expect(accounts.features.map((f) => f.properties!.zip)).toContain('02903');
    const units = ogrGeoJson(`/vsizip/${out('ri.zip')}/units.shp`);
    const pvd = units.features.find((f) => f.properties!.unit_id === '02903')!;
    expect(pvd.properties).toMatchObject({ terr_id: 'PVD', territory: 'Providence', rep: 'Ana Ferreira' });
    // The empty territory is a record with a null shape and no rep.
    const territories = ogrGeoJson(`/vsizip/${out('ri.zip')}/territories.shp`);
    expect(territories.features.map((f) => [f.properties!.terr_id, f.properties!.units, f.properties!.rep, f.geometry?.type ?? null])).toEqual([
      ['PVD', 17, 'Ana Ferreira', 'Polygon'],
      ['RST', 60, '=Bob "Bobby" Tables', 'MultiPolygon'],
      ['NEW', 0, null, null],
    ]);
  });

  it('--scenario picks the plan by name or id', async () => {
    await exportProject({ project: ri, format: 'geojson', out: out('s2.geojson'), scenario: 'all to ana' });
    const read = ogrGeoJson(out('s2.geojson'));
    expect(read.features.map((f) => [f.properties!.territory, f.properties!.units])).toEqual([['Statewide', 77]]);
    await exportProject({ project: ri, format: 'geojson', out: out('s1.geojson'), scenario: 'S1' });
    const s1 = ogrGeoJson(out('s1.geojson'));
    expect(s1.features.map((f) => [f.properties!.territory_id, f.properties!.pieces, f.geometry?.type])).toEqual([
      ['PVD', 1, 'MultiPolygon'],
      ['RST', 4, 'MultiPolygon'],
      ['NEW', 0, undefined],
    ]);
    // The two outlines tile the state: their area is the sum of the ZIP areas.
    const area = (file: string, table: string) => Number(ogrSql(file, `SELECT sum(ST_Area(geometry)) AS a FROM "${table}"`).a);
    expect(area(out('s1.geojson'), 'territories')).toBeCloseTo(area(RI_GEOJSON, 'ri_rhode_island_zip_codes_geo.min'), 6);
  });
});
