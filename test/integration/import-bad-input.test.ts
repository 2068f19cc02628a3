/**
 * Bad input: each case gets a plain-language error naming the file and the problem, and the
 * project is left exactly as it was (SHA-256 of the file and its WAL), even with --replace, whose
 * clearing of the old units would happen in the same transaction as the write.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../main/import/run-import.ts';
import { extractZip } from '../../main/import/zip.ts';
import type { ImportOptions } from '../../main/import/types.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { isUserError } from '../../shared/errors.ts';
import { fileHash, tempDir } from '../helpers/temp.ts';
import { DE_GEOJSON, ogr2ogr, RI_GEOJSON, zipFolder } from './import-support.ts';

const dir = tempDir('tessera-import-bad-');
let base = '';
let riSet = '';
let n = 0;

/** A copy of the RI shapefile set in its own folder, for damaging. */
function riCopy(): string {
  const folder = path.join(dir, `set${++n}`);
  fs.mkdirSync(folder);
  for (const f of fs.readdirSync(riSet)) fs.copyFileSync(path.join(riSet, f), path.join(folder, f));
  return path.join(folder, 'ri.shp');
}

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, `${++n}-${name}`);
  fs.writeFileSync(file, content);
  return file;
}

/** A zip written by Python's zipfile, which (unlike Info-ZIP) writes entry names as given. */
function pyZip(name: string, entries: Record<string, string | { zeros: number }>): string {
  const file = path.join(dir, `${++n}-${name}`);
  const script = [
    'import sys, zipfile, json',
    'entries = json.loads(sys.argv[2])',
    'with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:',
    '    for k, v in entries.items():',
    '        z.writestr(k, v if isinstance(v, str) else bytes(v["zeros"]))',
  ].join('\n');
  execFileSync('python3', ['-c', script, file, JSON.stringify(entries)]);
  return file;
}

beforeAll(async () => {
  base = path.join(dir, 'base.gpkg');
  await runImport(base, DE_GEOJSON);
  riSet = path.join(dir, 'ri-set');
  ogr2ogr('-nln', 'ri', riSet, RI_GEOJSON);
});

/** Expect the import to fail with `message` and to leave an existing project and a new one untouched. */
async function expectRefused(source: string, message: string | RegExp, options: ImportOptions = {}): Promise<void> {
  const existing = path.join(dir, `existing-${++n}.gpkg`);
  fs.copyFileSync(base, existing);
  const before = fileHash(existing);
  const error = await runImport(existing, source, { replace: true, ...options }).catch((e: unknown) => e);
  expect(isUserError(error), String(error)).toBe(true);
  if (typeof message === 'string') expect((error as Error).message).toBe(message);
  else expect((error as Error).message).toMatch(message);
  expect(fileHash(existing)).toBe(before);
  const store = ProjectStore.open(existing, { readonly: true });
  try {
    expect(store.count('units')).toBe(68);
  } finally {
    store.close();
  }
  const fresh = path.join(dir, `fresh-${++n}.gpkg`);
  await expect(runImport(fresh, source, options)).rejects.toThrow(message);
  expect(fs.existsSync(fresh)).toBe(false);
}

describe('damaged shapefile sets', () => {
  it('truncated .shp', async () => {
    const shp = riCopy();
    fs.truncateSync(shp, Math.floor(fs.statSync(shp).size / 2));
    await expectRefused(shp, /^"ri\.shp" is truncated: its header says \d+ bytes but the file has \d+\. Copy or unzip it again\.$/);
  });

  it('truncated .shp whose header was rewritten to match', async () => {
    const shp = riCopy();
    const size = Math.floor(fs.statSync(shp).size / 2);
    fs.truncateSync(shp, size);
    const fd = fs.openSync(shp, 'r+');
    const words = Buffer.alloc(4);
    words.writeInt32BE(size / 2);
    fs.writeSync(fd, words, 0, 4, 24);
    fs.closeSync(fd);
    await expectRefused(shp, /^The \.shp of "ri" is truncated: its last shape should end at byte \d+ but the file has \d+ bytes\./);
  });

  it('missing .dbf', async () => {
    const shp = riCopy();
    fs.rmSync(shp.replace(/shp$/, 'dbf'));
    await expectRefused(shp, '"ri.shp" has no .dbf attribute file next to it (ri.dbf): the shapefile set is incomplete.');
  });

  it('missing .shx', async () => {
    const shp = riCopy();
    fs.rmSync(shp.replace(/shp$/, 'shx'));
    await expectRefused(shp, '"ri.shp" has no .shx index file next to it (ri.shx): the shapefile set is incomplete.');
  });

  it('.shp and .dbf record counts that disagree', async () => {
    const shp = riCopy();
    const other = path.join(dir, 'de-set');
    if (!fs.existsSync(other)) ogr2ogr('-nln', 'de', other, DE_GEOJSON);
    fs.copyFileSync(path.join(other, 'de.dbf'), shp.replace(/shp$/, 'dbf'));
    await expectRefused(
      shp,
      '"ri.shp" and "ri.dbf" disagree: the shapes index lists 77 records but the attribute table has 68. The set is damaged or mixes files from different layers.',
    );
  });

  it('truncated .dbf', async () => {
    const shp = riCopy();
    const dbf = shp.replace(/shp$/, 'dbf');
    fs.truncateSync(dbf, fs.statSync(dbf).size - 500);
    await expectRefused(shp, '"ri.dbf" is truncated: it declares 77 records but holds only part of them.');
  });
});

describe('empty files', () => {
  it('empty .shp', async () => {
    await expectRefused(write('empty.shp', ''), /^"\d+-empty\.shp" is empty \(0 bytes\)\.$/);
  });
  it('empty GeoJSON file', async () => {
    await expectRefused(write('empty.geojson', ''), /^"\d+-empty\.geojson" is empty \(0 bytes\)\.$/);
  });
  it('GeoJSON without features', async () => {
    await expectRefused(write('none.geojson', '{"type":"FeatureCollection","features":[]}'), /^"\d+-none\.geojson" has no features: there is nothing to import\.$/);
  });
  it('empty CSV', async () => {
    await expectRefused(write('empty.csv', ''), /^"\d+-empty\.csv" is empty \(0 bytes\)\.$/);
  });
  it('empty .zip', async () => {
    await expectRefused(write('empty.zip', ''), /^"\d+-empty\.zip" is empty \(0 bytes\): it is not a usable zip file\.$/);
  });
  it('not JSON at all', async () => {
    await expectRefused(write('junk.geojson', 'PK\u0003\u0004 not json'), /^"\d+-junk\.geojson" is not valid JSON/);
  });
});

describe('zip archives', () => {
  it('a zip with no shapefile in it', async () => {
    const folder = path.join(dir, 'readme-only');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'README.txt'), 'Nothing to see');
    fs.mkdirSync(path.join(folder, '__MACOSX'));
    fs.writeFileSync(path.join(folder, '__MACOSX', '._ri.shp'), 'resource fork');
    const zip = zipFolder(folder, path.join(dir, 'readme-only.zip'));
    await expectRefused(zip, '"readme-only.zip" holds no shapefile, GeoJSON, GeoPackage, KML or CSV file that could be imported.');
  });

  it('a zip bomb (one entry expanding a thousandfold)', async () => {
    const zip = pyZip('bomb.zip', { 'data/ri.shp': { zeros: 64 * 1024 * 1024 }, 'data/ri.dbf': 'x' });
    expect(fs.statSync(zip).size).toBeLessThan(1024 * 1024);
    await expectRefused(zip, /^"\d+-bomb\.zip": entry "data\/ri\.shp" expands \d+ times \(64 MB\); it is refused as a possible zip bomb\.$/);
  });

  it('a zip that unpacks to more than the size limit', async () => {
    const folder = path.join(dir, 'big');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'a.csv'), 'id,zip\n'.repeat(1000));
    const zip = zipFolder(folder, path.join(dir, 'big.zip'));
    await expect(extractZip(zip, { maxEntries: 10, maxTotalBytes: 1024, maxRatio: 1e9, ratioFloorBytes: 1e9 })).rejects.toThrow(
      '"big.zip" unpacks to more than 0 GB; it is refused as a possible zip bomb.',
    );
    await expect(extractZip(zip, { maxEntries: 0, maxTotalBytes: 1e9, maxRatio: 1e9, ratioFloorBytes: 1e9 })).rejects.toThrow(
      '"big.zip" holds 1 entries (more than 0); it is refused as a possible zip bomb.',
    );
  });

  it('an entry path escaping the target folder', async () => {
    const zip = pyZip('escape.zip', { '../../evil.shp': 'boom', 'ok/readme.txt': 'hi' });
    await expectRefused(zip, /^"\d+-escape\.zip" contains an entry whose path points outside the archive/);
    expect(fs.existsSync(path.join(dir, 'evil.shp'))).toBe(false);
  });

  it('a file named .zip that is not a zip', async () => {
    await expectRefused(write('fake.zip', 'hello, I am text'), /^"\d+-fake\.zip" is not a readable zip file/);
  });
});

describe('wrong kind of data', () => {
  it('points offered as units', async () => {
    const points = write(
      'stores.geojson',
      JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'S1' }, geometry: { type: 'Point', coordinates: [-75.5, 39.1] } }] }),
    );
    await expectRefused(
      points,
      /^"\d+-stores\.geojson" holds points, not polygons, so it cannot be imported as units\. To place customers, import it with --as accounts\.$/,
      { as: 'units' },
    );
  });

  it('a CSV offered as units', async () => {
    await expectRefused(write('a.csv', 'id,zip\n1,19901\n'), /^"\d+-a\.csv" is a table, not boundaries: import it with --as accounts\.$/, { as: 'units' });
  });

  it('polygons with no usable geometry', async () => {
    const doc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'X' }, geometry: null }] };
    await expectRefused(write('nulls.geojson', JSON.stringify(doc)), /has no usable polygons \(1 features skipped, e\.g\. no geometry \(null shape\)\)/, {
      as: 'units',
    });
  });

  it('an id field that does not exist', async () => {
    await expectRefused(RI_GEOJSON, /^"ri_rhode_island_zip_codes_geo\.min\.json" has no field "COUNTY"\. Its fields: STATEFP10, ZCTA5CE10/, { idField: 'COUNTY' });
  });
});

describe('broken CSV', () => {
  it('rows with the wrong number of cells', async () => {
    await expectRefused(
      write('broken.csv', 'id,name,zip\n1,One,19901\n2,Two,19901,extra\n3,Three\n4,Four,19962\n'),
      /^"\d+-broken\.csv" has 2 broken rows \(the header has 3 columns; line 3 has 4 cells, line 4 has 2 cells\)\. Fix them and import again; nothing was imported\.$/,
    );
  });

  it('a quote never closed', async () => {
    await expectRefused(write('quote.csv', 'id,name,zip\n1,"One,19901\n2,Two,19901\n'), /^"\d+-quote\.csv" is broken: a quote opened on line 2 is never closed\./);
  });

  it('no location columns', async () => {
    await expectRefused(write('noloc.csv', 'id,name\n1,One\n'), /^"\d+-noloc\.csv" has no latitude\/longitude columns and no ZIP column, so its accounts cannot be placed\. Its columns: id, name\.$/);
  });
});
