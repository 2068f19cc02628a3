/**
 * Accounts from CSV (lat/lon or ZIP through the bundled Census ZIP points) and from point layers,
 * each linked to the unit containing it; unmatched accounts and unknown ZIPs are reported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { normaliseZip } from '../../main/import/accounts.ts';
import { runImport } from '../../main/import/run-import.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { fileHash, tempDir } from '../helpers/temp.ts';
import { DE_GEOJSON, FIXTURES } from './import-support.ts';

const dir = tempDir('tessera-import-accounts-');
let base = '';
let n = 0;
const copyOfBase = () => {
  const file = path.join(dir, `p${++n}.gpkg`);
  fs.copyFileSync(base, file);
  return file;
};

beforeAll(async () => {
  base = path.join(dir, 'de.gpkg');
  await runImport(base, DE_GEOJSON);
});

describe('ZIP codes as spreadsheets mangle them', () => {
  it.each([
    ['19962', '19962'],
    ['2134', '02134'],
    ['02134-1234', '02134'],
    ['2134-1234', '02134'],
    ['021341234', '02134'],
    ['21341234', '02134'],
    ['2134.0', '02134'],
    [' 19962 ', '19962'],
    ['12', null],
    ['ABCDE', null],
    ['', null],
  ])('%j -> %j', (raw, zip) => {
    expect(normaliseZip(raw)).toBe(zip);
  });
});

describe('accounts CSV', () => {
  it('places rows by lat/lon or ZIP, links them to units, reports the rest', async () => {
    const file = copyOfBase();
    const report = await runImport(file, path.join(FIXTURES, 'accounts-de.csv'));
    expect(report.as).toBe('accounts');
    expect(report.read).toBe(7);
    expect(report.written).toBe(5);
    expect(report.skipped.map((s) => [s.id, s.reason])).toEqual([
      ['A4', 'ZIP 00000 is not a known US ZIP code'],
      ['A5', 'latitude/longitude "abc", "def" are not numbers'],
    ]);
    expect(report.unknownZips).toEqual(['00000']);
    expect(report.unmatched).toEqual(['A3']);
    expect(report.idField).toBe('Account ID');
    const store = ProjectStore.open(file);
    try {
      const byId = new Map(store.accounts().map((a) => [a.id, a]));
      expect(byId.get('A1')).toMatchObject({ name: 'Acme, Inc.', unitId: '1019962', potential: 1200 });
      expect(byId.get('A2')).toMatchObject({ unitId: '1019962', potential: 500 });
      expect(byId.get('A3')).toMatchObject({ name: 'Gamma "Boston" Ltd', unitId: null });
      expect(byId.get('A3')!.location).toEqual([-71.129581, 42.358786]);
      expect(byId.get('A6')).toMatchObject({ unitId: '1019962', potential: 250.5 });
      // Coordinates win over the ZIP when both are given.
      expect(byId.get('A7')).toMatchObject({ unitId: '1019936' });
      const zips = store.db.prepare('SELECT account_id, zip FROM accounts ORDER BY fid').all();
      expect(zips).toEqual([
        { account_id: 'A1', zip: null },
        { account_id: 'A2', zip: '19962' },
        { account_id: 'A3', zip: '02134' },
        { account_id: 'A6', zip: '19962' },
        { account_id: 'A7', zip: '19962' },
      ]);
    } finally {
      store.close();
    }
  });

  it('a second accounts import is refused unless --replace', async () => {
    const file = copyOfBase();
    const csv = path.join(FIXTURES, 'accounts-de.csv');
    await runImport(file, csv);
    const before = fileHash(file);
    await expect(runImport(file, csv)).rejects.toThrow(/already has 5 accounts\. Pass --replace to replace them\./);
    expect(fileHash(file)).toBe(before);
    const report = await runImport(file, csv, { replace: true });
    expect(report.written).toBe(5);
  });

  it('a TSV of ZIPs into a project without units: all accounts unmatched', async () => {
    const tsv = path.join(dir, 'zips.tsv');
    fs.writeFileSync(tsv, 'id\tname\tzip\n1\tOne\t19901\n2\tTwo\t02134\n');
    const report = await runImport(path.join(dir, 'empty.gpkg'), tsv);
    expect(report.written).toBe(2);
    expect(report.unmatched).toEqual(['1', '2']);
  });
});

describe('point layers', () => {
  const points = () => {
    const doc = JSON.parse(fs.readFileSync(DE_GEOJSON, 'utf8')) as { features: { properties: Record<string, string> }[] };
    const file = path.join(dir, 'points.geojson');
    fs.writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: doc.features.slice(0, 5).map((f) => ({
          type: 'Feature',
          properties: { id: `P-${f.properties.GEOID10}`, name: `Store ${f.properties.ZCTA5CE10}`, revenue: 10 },
          geometry: { type: 'Point', coordinates: [Number(f.properties.INTPTLON10), Number(f.properties.INTPTLAT10)] },
        })),
      }),
    );
    return file;
  };

  it('points are imported as accounts by default, each in the unit it lies in', async () => {
    const file = copyOfBase();
    const report = await runImport(file, points());
    expect(report.as).toBe('accounts');
    expect(report.written).toBe(5);
    expect(report.unmatched).toEqual([]);
    const store = ProjectStore.open(file);
    try {
      for (const a of store.accounts()) expect(`P-${a.unitId}`).toBe(a.id);
    } finally {
      store.close();
    }
  });
});
