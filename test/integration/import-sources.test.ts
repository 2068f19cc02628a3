/**
 * Layouts, encodings and formats as analysts receive them: DBFs in UTF-8 and Windows-1252 found
 * through .cpg, language-driver byte or detection; nested zips with junk and uppercase sidecars;
 * several layers; folders; GeoPackage; KML. Fixtures are made with GDAL at test time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../main/import/run-import.ts';
import { listSourceLayers } from '../../main/import/source.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { tempDir } from '../helpers/temp.ts';
import { DE_GEOJSON, expectExtentClose, ogr2ogr, ogrSummary, RI_GEOJSON, subsetGeoJson, zipFolder } from './import-support.ts';

const dir = tempDir('tessera-import-sources-');
const NAMES = ["Côte d'Ivoire", 'São Paulo', 'Zürich Straße', 'Ñandú Köln'];
let accented = '';
let n = 0;
const project = () => path.join(dir, `p${++n}.gpkg`);

function unitNames(file: string): string[] {
  const store = ProjectStore.open(file);
  try {
    return store.units().map((u) => u.name);
  } finally {
    store.close();
  }
}

beforeAll(() => {
  accented = subsetGeoJson(RI_GEOJSON, path.join(dir, 'accented.geojson'), 4, (p, i) => ({ GEOID10: p.GEOID10, NAME: NAMES[i], POP: 1000 + i }));
});

describe('DBF text encoding', () => {
  const shapefile = (name: string, ...lco: string[]) => {
    const folder = path.join(dir, name);
    ogr2ogr(...lco.flatMap((o) => ['-lco', o]), '-nln', 'places', folder, accented);
    return folder;
  };
  const setLdid = (folder: string, byte: number) => {
    const fd = fs.openSync(path.join(folder, 'places.dbf'), 'r+');
    fs.writeSync(fd, Buffer.from([byte]), 0, 1, 29);
    fs.closeSync(fd);
  };

  it('Windows-1252 named by the .cpg', async () => {
    const folder = shapefile('cp1252-cpg', 'ENCODING=CP1252');
    expect(fs.readFileSync(path.join(folder, 'places.cpg'), 'latin1')).toMatch(/1252/);
    const file = project();
    const report = await runImport(file, path.join(folder, 'places.shp'));
    expect(report.encoding).toBe('windows-1252');
    expect(unitNames(file)).toEqual(NAMES);
  });

  it('Latin-1 named by the language-driver byte (GDAL default, no .cpg)', async () => {
    const folder = shapefile('ldid');
    expect(fs.existsSync(path.join(folder, 'places.cpg'))).toBe(false);
    const file = project();
    const report = await runImport(file, path.join(folder, 'places.shp'));
    expect(report.encoding).toBe('windows-1252');
    expect(unitNames(file)).toEqual(NAMES);
  });

  it('UTF-8 detected when neither .cpg nor language driver says', async () => {
    const folder = shapefile('utf8-bare', 'ENCODING=UTF-8');
    fs.rmSync(path.join(folder, 'places.cpg'), { force: true });
    setLdid(folder, 0);
    const file = project();
    const report = await runImport(file, path.join(folder, 'places.shp'));
    expect(report.encoding).toBe('utf-8');
    expect(unitNames(file)).toEqual(NAMES);
  });

  it('Windows-1252 detected when the bytes are not UTF-8', async () => {
    const folder = shapefile('cp1252-bare', 'ENCODING=CP1252');
    fs.rmSync(path.join(folder, 'places.cpg'));
    setLdid(folder, 0);
    const file = project();
    const report = await runImport(file, path.join(folder, 'places.shp'));
    expect(report.encoding).toBe('windows-1252');
    expect(unitNames(file)).toEqual(NAMES);
  });
});

describe('layouts', () => {
  it('a zip with nested folders, __MACOSX junk and uppercase sidecars', async () => {
    const root = path.join(dir, 'nested');
    const deep = path.join(root, 'download', 'TIGER2010', 'ri');
    fs.mkdirSync(path.dirname(deep), { recursive: true });
    ogr2ogr('-nln', 'tl_ri', deep, RI_GEOJSON);
    for (const f of fs.readdirSync(deep)) fs.renameSync(path.join(deep, f), path.join(deep, f.toUpperCase()));
    fs.mkdirSync(path.join(root, '__MACOSX', 'download', 'TIGER2010', 'ri'), { recursive: true });
    fs.writeFileSync(path.join(root, '__MACOSX', 'download', 'TIGER2010', 'ri', '._TL_RI.SHP'), 'resource fork');
    fs.writeFileSync(path.join(root, 'download', '.DS_Store'), 'junk');
    fs.writeFileSync(path.join(root, 'download', 'README.txt'), 'TIGER/Line 2010');
    const zip = zipFolder(root, path.join(dir, 'nested.zip'));
    const report = await runImport(project(), zip);
    expect(report.layer).toBe('TL_RI');
    expect(report.written).toBe(77);
    expectExtentClose(report.bbox, ogrSummary(RI_GEOJSON).extent, 1e-6);
  });

  it('a zip with several layers lists them, and --layer picks one', async () => {
    const root = path.join(dir, 'two');
    fs.mkdirSync(root);
    ogr2ogr('-nln', 'rhode_island', path.join(root, 'ri'), RI_GEOJSON);
    ogr2ogr('-nln', 'delaware', path.join(root, 'de'), DE_GEOJSON);
    const zip = zipFolder(root, path.join(dir, 'two.zip'));
    const file = project();
    await expect(runImport(file, zip)).rejects.toThrow('"two.zip" holds 2 layers: delaware, rhode_island. Choose one with --layer NAME.');
    expect(fs.existsSync(file)).toBe(false);
    expect(await listSourceLayers(zip)).toEqual([
      { name: 'delaware', format: 'shapefile' },
      { name: 'rhode_island', format: 'shapefile' },
    ]);
    const report = await runImport(file, zip, { layer: 'delaware' });
    expect(report.written).toBe(68);
    await expect(runImport(project(), zip, { layer: 'texas' })).rejects.toThrow('"two.zip" has no layer "texas". Its layers: delaware, rhode_island.');
  });

  it('a folder holding one shapefile', async () => {
    const folder = path.join(dir, 'folder');
    ogr2ogr('-nln', 'de', folder, DE_GEOJSON);
    const report = await runImport(project(), folder);
    expect(report.written).toBe(68);
  });
});

describe('other formats', () => {
  it('a GeoPackage layer in Web Mercator', async () => {
    const gpkg = path.join(dir, 'de-3857.gpkg');
    ogr2ogr('-f', 'GPKG', '-t_srs', 'EPSG:3857', '-nln', 'zcta', gpkg, DE_GEOJSON);
    const report = await runImport(project(), gpkg);
    expect(report.srs).toBe('EPSG:3857');
    expect(report.written).toBe(68);
    expectExtentClose(report.bbox, ogrSummary(DE_GEOJSON).extent, 2e-6);
  });

  it('KML', async () => {
    const kml = path.join(dir, 'ri.kml');
    ogr2ogr('-f', 'KML', kml, RI_GEOJSON);
    const gdal = ogrSummary(kml);
    const report = await runImport(project(), kml, { idField: 'GEOID10' });
    expect(report.written).toBe(gdal.count);
    expectExtentClose(report.bbox, gdal.extent, 1e-6);
  });

  it('ids stay text with their leading zeros, and numeric fields become metrics', async () => {
    const geojson = subsetGeoJson(RI_GEOJSON, path.join(dir, 'zeros.geojson'), 3, (p, i) => ({ CODE: `00${i}7`, NAME: `Area ${i}`, Households: i * 10 }));
    const file = project();
    const report = await runImport(file, geojson);
    expect(report.idField).toBe('CODE');
    expect(report.metrics).toEqual(['Households']);
    const store = ProjectStore.open(file);
    try {
      expect(store.units().map((u) => [u.id, u.name, u.values.Households])).toEqual([
        ['0007', 'Area 0', 0],
        ['0017', 'Area 1', 10],
        ['0027', 'Area 2', 20],
      ]);
    } finally {
      store.close();
    }
  });
});
