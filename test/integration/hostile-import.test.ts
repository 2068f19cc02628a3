/**
 * Hostile inputs the importer's own tests (import-bad-input.test.ts: zip bomb by ratio and by size,
 * "../" entry paths) do not cover yet: symlink entries, absolute and backslash entry paths, too
 * many entries, a gigantic DBF field, deeply nested GeoJSON. Each runs in a child under a 256 MB
 * heap cap and a time limit (test/fuzz/fuzzer.ts FuzzChild): it must import or fail with a plain
 * UserError, leave the project unchanged on failure, and never read or write outside its input.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../main/store/project-store.ts';
import { bundledDriver } from '../crash/harness.ts';
import { FuzzChild, type FuzzCase, type Verdict } from '../fuzz/fuzzer.ts';
import { fileHash, tempDir } from '../helpers/temp.ts';

const dir = tempDir('tessera-hostile-');
const ZCTA = path.resolve(import.meta.dirname, '../../../shared/data/zcta');
let child: FuzzChild;
let empty: string;
let caseId = 0;

beforeAll(async () => {
  child = new FuzzChild(await bundledDriver('fuzz/fuzz-driver.ts'), { maxOldSpaceMb: 256, maxRssMb: 1024, timeoutMs: 20_000 });
  empty = path.join(dir, 'empty.gpkg');
  ProjectStore.open(empty, { create: true }).close();
});
afterAll(() => child.stop());

/** Import `source` into a fresh copy of an empty project; returns the verdict and whether the project changed. */
async function importHostile(source: string, as: 'units' | 'accounts' = 'units'): Promise<{ verdict: Verdict; changed: boolean }> {
  const project = path.join(dir, `p${++caseId}.gpkg`);
  fs.copyFileSync(empty, project);
  const before = fileHash(project);
  const verdict = await child.run({ id: caseId, project, source, as } as FuzzCase);
  return { verdict, changed: fileHash(project) !== before };
}

/** A zip made by Python's zipfile, so entries can carry unix modes and arbitrary names. */
function pyZip(name: string, script: string): string {
  const file = path.join(dir, name);
  const result = spawnSync('python3', ['-c', `import zipfile, sys\nz = zipfile.ZipFile(sys.argv[1], 'w')\n${script}\nz.close()`, file], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return file;
}

function expectPlainRefusal(outcome: { verdict: Verdict; changed: boolean }, pattern?: RegExp): void {
  expect(outcome.verdict.kind, JSON.stringify(outcome.verdict).slice(0, 500)).toBe('user');
  if (pattern) expect((outcome.verdict as { message: string }).message).toMatch(pattern);
  expect(outcome.changed).toBe(false);
}

describe('hostile zips', () => {
  it('a symlink entry is never followed: its target is not read', async () => {
    const secret = path.join(dir, 'secret.csv');
    fs.writeFileSync(secret, 'id,lat,lon\nSECRET,38.9,-77.0\n');
    const zip = pyZip(
      'symlink.zip',
      `info = zipfile.ZipInfo('data/accounts.csv')\ninfo.create_system = 3\ninfo.external_attr = (0o120777 << 16)\nz.writestr(info, ${JSON.stringify(secret)})`,
    );
    const outcome = await importHostile(zip, 'accounts');
    // Either refused, or the entry is read as the text it holds (a path), never as the file it names.
    expect(['user', 'ok']).toContain(outcome.verdict.kind);
    if (outcome.verdict.kind === 'user') expect(outcome.changed).toBe(false);
    expect(fs.readFileSync(secret, 'utf8')).toContain('SECRET');
    const project = path.join(dir, `p${caseId}.gpkg`);
    const store = ProjectStore.open(project);
    try {
      const hasAccounts = store.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'accounts'").get();
      if (hasAccounts) expect(store.db.prepare("SELECT count(*) FROM accounts WHERE account_id = 'SECRET'").pluck().get()).toBe(0);
    } finally {
      store.close();
    }
  });

  it('absolute and backslash entry paths are refused and nothing is written outside', async () => {
    const outside = path.join(dir, 'escaped');
    for (const [name, entry] of [
      ['absolute.zip', `${outside}-abs.csv`],
      ['backslash.zip', '..\\\\..\\\\escaped-bs.csv'],
    ] as const) {
      const zip = pyZip(name, `z.writestr(${JSON.stringify(entry)}, 'id,lat,lon\\nA,38.9,-77.0\\n')\nz.writestr('ok/readme.txt', 'hi')`);
      const outcome = await importHostile(zip, 'accounts');
      expect(outcome.verdict.kind, JSON.stringify(outcome.verdict)).toBe('user');
      expect(outcome.changed).toBe(false);
    }
    expect(fs.existsSync(`${outside}-abs.csv`)).toBe(false);
    expect(fs.readdirSync(path.dirname(dir)).some((f) => f.startsWith('escaped-bs'))).toBe(false);
  });

  it('more entries than the limit (10,000) is refused as a possible zip bomb', async () => {
    const zip = pyZip('many.zip', `for i in range(10001):\n    z.writestr('e/%d.txt' % i, '')`);
    expectPlainRefusal(await importHostile(zip), /10001 entries .*zip bomb/);
  });
});

describe('hostile shapefiles and GeoJSON', () => {
  it('a gigantic DBF text field (65,000 bytes declared per record) imports or fails plainly, within memory', async () => {
    // Real ZCTA polygons with a hand-made .dbf: one id field and one C field of 65,000 bytes.
    const folder = path.join(dir, 'giant-dbf');
    fs.mkdirSync(folder);
    const result = spawnSync('ogr2ogr', ['-limit', '5', '-select', 'ZCTA5CE10', path.join(folder, 'ri.shp'), `/vsizip/${path.join(ZCTA, 'tl_2010_44_zcta510.zip')}/tl_2010_44_zcta510.shp`]);
    expect(result.status, String(result.stderr)).toBe(0);
    const records = 5;
    const fieldLen = 65_000;
    const header = Buffer.alloc(32 + 2 * 32 + 1);
    header[0] = 0x03;
    header.writeUInt32LE(records, 4);
    header.writeUInt16LE(header.length, 8);
    header.writeUInt16LE(1 + 5 + fieldLen, 10);
    header.write('ZCTA5CE10', 32, 'latin1');
    header[32 + 11] = 'C'.charCodeAt(0);
    header[32 + 16] = 5;
    header.write('NOTE', 64, 'latin1');
    header[64 + 11] = 'C'.charCodeAt(0);
    header[64 + 16] = fieldLen & 0xff;
    header[64 + 17] = fieldLen >> 8; // dBase convention: the decimal byte extends a C field's length
    header[header.length - 1] = 0x0d;
    const rows = Array.from({ length: records }, (_, i) => Buffer.concat([Buffer.from(' '), Buffer.from(String(2800 + i).padStart(5, '0')), Buffer.alloc(fieldLen, 'x')]));
    fs.writeFileSync(path.join(folder, 'ri.dbf'), Buffer.concat([header, ...rows, Buffer.from([0x1a])]));
    const outcome = await importHostile(path.join(folder, 'ri.shp'));
    expect(['ok', 'user'], JSON.stringify(outcome.verdict).slice(0, 500)).toContain(outcome.verdict.kind);
    if (outcome.verdict.kind === 'user') expect(outcome.changed).toBe(false);
  });

  it('deeply nested properties (100,000 levels) import or fail plainly', async () => {
    const depth = 100_000;
    const file = path.join(dir, 'deep-props.geojson');
    fs.writeFileSync(
      file,
      `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"A","x":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}},` +
        '"geometry":{"type":"Polygon","coordinates":[[[-77.0,38.9],[-76.9,38.9],[-76.9,38.8],[-77.0,38.9]]]}}]}',
    );
    const outcome = await importHostile(file);
    expect(['ok', 'user'], JSON.stringify(outcome.verdict).slice(0, 500)).toContain(outcome.verdict.kind);
  });

  // Once overflowed the stack in a recursive bounding-box walk; the structure check now walks iteratively.
  it('deeply nested coordinates (100,000 levels) fail with a plain message', async () => {
    const depth = 100_000;
    const file = path.join(dir, 'deep-coords.geojson');
    fs.writeFileSync(file, `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"A"},"geometry":{"type":"Polygon","coordinates":${'['.repeat(depth)}${']'.repeat(depth)}}}]}`);
    expectPlainRefusal(await importHostile(file));
  });
});
