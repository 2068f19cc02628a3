/**
 * CSV and XLSX tables read back by outside parsers: SheetJS for XLSX, Python's csv module for CSV.
 * IDs with leading zeros stay text, rows agree with the project's assignments and the metrics
 * engine, and formula injection in names and IDs is neutralised while negative numbers stay numbers.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportProject } from '../../main/export/export-project.ts';
import { defaultMetricsOptions, loadMetricsInput } from '../../main/services/metrics-input.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { createMetricsEngine, type MetricsReport } from '../../shared/metrics/index.ts';
import { buildRiProject, RI_ACCOUNTS } from '../fixtures/export-ri-project.ts';
import { demoProject, tempDir } from '../helpers/temp.ts';

let demo: string;
let dir: string;
let assignments: Map<string, string>;
let territoryNames: Map<string, string>;
let repOfTerritory: Map<string, string>;
let accountZips: Map<string, string>;
let report: MetricsReport;
const out = (name: string) => path.join(dir, name);

/** Rows of a CSV file as Python's csv module reads them (BOM removed by utf-8-sig). */
function pythonCsv(file: string): string[][] {
  const json = execFileSync('python3', ['-c', 'import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))))', file], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(json) as string[][];
}

function sheetRows(book: XLSX.WorkBook, name: string): Record<string, unknown>[] {
  return XLSX.utils.sheet_to_json(book.Sheets[name]!, { raw: true, defval: null });
}

beforeAll(async () => {
  demo = await demoProject();
  dir = tempDir('tessera-export-tables-');
  const store = ProjectStore.open(demo, { readonly: true });
  try {
    const scenario = store.activeScenario();
    assignments = store.assignments(scenario.id);
    const reps = new Map(store.reps().map((r) => [r.id, r.name]));
    const territories = store.territories(scenario.id);
    territoryNames = new Map(territories.map((t) => [t.id, t.name]));
    repOfTerritory = new Map(territories.map((t) => [t.id, reps.get(t.repId!)!]));
    accountZips = new Map((store.db.prepare('SELECT account_id, zip FROM accounts').raw().all() as [string, string][]).map(([a, z]) => [a, z]));
    const input = loadMetricsInput(store);
    report = createMetricsEngine(input, defaultMetricsOptions(input.fields)).report();
  } finally {
    store.close();
  }
  await exportProject({ project: demo, format: 'xlsx', out: out('demo.xlsx') });
  await exportProject({ project: demo, format: 'csv', out: out('units.csv') });
  await exportProject({ project: demo, format: 'csv', what: 'metrics', out: out('metrics.csv') });
}, 120_000);

describe('XLSX of the demo project (read with SheetJS)', () => {
  it('has Units, Accounts and Metrics sheets; unit and ZIP IDs are string cells with their leading zeros', () => {
    const book = XLSX.read(fs.readFileSync(out('demo.xlsx')));
    expect(book.SheetNames).toEqual(['Units', 'Accounts', 'Metrics']);
    const units = book.Sheets.Units!;
    expect(units.A1).toMatchObject({ t: 's', v: 'unit_id' });
    const rows = sheetRows(book, 'Units');
    expect(rows).toHaveLength(3231);
    const autauga = rows.find((r) => r.unit_id === '01001');
    expect(autauga, 'Autauga County, AL keeps its leading zero').toBeDefined();
    // Every unit_id cell is a string cell, and every row routes like the project does.
    for (let r = 2; r <= 3232; r++) expect(units[`A${r}`]!.t).toBe('s');
    for (const row of rows) {
      const t = assignments.get(row.unit_id as string) ?? null;
      expect(row.territory_id).toBe(t);
      expect(row.rep).toBe(t ? repOfTerritory.get(t) : null);
    }
    const accounts = sheetRows(book, 'Accounts');
    expect(accounts).toHaveLength(accountZips.size);
    const pr = accounts.find((a) => a.account_id === 'Z00602')!;
    expect(pr.zip).toBe('00602');
    expect(typeof pr.potential).toBe('number');
    for (const a of accounts) expect(a.zip).toBe(accountZips.get(a.account_id as string));
  });

  it('the Metrics sheet carries the metrics engine figures as numbers', () => {
    const rows = sheetRows(XLSX.read(fs.readFileSync(out('demo.xlsx'))), 'Metrics');
    expect(rows.map((r) => r.territory_id)).toEqual(report.territories.map((t) => t.id));
    rows.forEach((row, i) => {
      const t = report.territories[i]!;
      expect(row).toMatchObject({ territory: t.name, units: t.units, accounts: t.accounts });
      expect(row.potential as number).toBeCloseTo(t.potential, 6);
      expect(row.potential_deviation_pct as number).toBeCloseTo(t.deviationPct.potential!, 9);
      expect(row.composite_deviation_pct as number).toBeCloseTo(t.compositeDeviationPct!, 9);
      expect(row.drive_mean_min as number).toBeCloseTo(t.driveMin.mean!, 9);
    });
  });
});

describe('CSV of the demo project (read with Python csv)', () => {
  it('units: unit ID -> territory -> rep for every unit, IDs quoted as text', () => {
    const [header, ...rows] = pythonCsv(out('units.csv'));
    expect(header!.slice(0, 5)).toEqual(['unit_id', 'territory_id', 'territory', 'rep_id', 'rep']);
    expect(rows).toHaveLength(3231);
    for (const [unitId, territoryId, territory, , rep] of rows) {
      const t = assignments.get(unitId!);
      expect(territoryId).toBe(t ?? '');
      expect(territory).toBe(t ? territoryNames.get(t) : '');
      expect(rep).toBe(t ? repOfTerritory.get(t) : '');
    }
    const raw = fs.readFileSync(out('units.csv'), 'utf8');
    expect(raw.startsWith('\uFEFF"unit_id"')).toBe(true);
    expect(raw).toMatch(/\r\n"01001","T08","Southeast"/);
  });

  it('metrics: one row per territory with numbers unquoted', () => {
    const [header, ...rows] = pythonCsv(out('metrics.csv'));
    expect(rows).toHaveLength(report.territories.length);
    const potential = header!.indexOf('potential');
    rows.forEach((row, i) => expect(Number(row[potential])).toBeCloseTo(report.territories[i]!.potential, 6));
    expect(fs.readFileSync(out('metrics.csv'), 'utf8')).toMatch(/\r\n"T01","Northwest","R01","Maya Chen",,\d+,\d+,/); // region empty: the demo has none
  });
});

describe('formula injection (Rhode Island accounts with hostile names)', () => {
  let ri: string;
  beforeAll(async () => {
    ri = out('ri.gpkg');
    buildRiProject(ri);
    await exportProject({ project: ri, format: 'csv', what: 'accounts', out: out('ri-accounts.csv') });
    await exportProject({ project: ri, format: 'xlsx', what: 'accounts', out: out('ri-accounts.xlsx') });
  });

  const expectedName = (name: string) => (/^[=+\-@\t\r]/.test(name) ? `'${name}` : name);

  it('CSV: text starting with = + - @ or tab gets a quote; the negative potential stays a number', () => {
    const [header, ...rows] = pythonCsv(out('ri-accounts.csv'));
    const col = (n: string) => header!.indexOf(n);
    expect(rows.map((r) => r[col('name')])).toEqual(RI_ACCOUNTS.map((a) => expectedName(a.name)));
    expect(rows.map((r) => r[col('account_id')])).toContain("'-A002");
    expect(rows.map((r) => r[col('rep')])).toContain('\'=Bob "Bobby" Tables');
    expect(rows.map((r) => r[col('zip')])).toEqual(RI_ACCOUNTS.map((a) => a.zip));
    const raw = fs.readFileSync(out('ri-accounts.csv'), 'utf8');
    expect(raw).toContain(',-500,"02860"');
    expect(raw).toContain(',300.5,');
    for (const line of raw.split('\r\n').slice(1)) for (const cell of line.match(/"(?:[^"]|"")*"/g) ?? []) expect(cell).not.toMatch(/^"[=+@\t\r-]/);
  });

  it('XLSX: the same neutralised text, no formula cells, -500 as a number cell', () => {
    const book = XLSX.read(fs.readFileSync(out('ri-accounts.xlsx')));
    const sheet = book.Sheets.Accounts!;
    const rows = sheetRows(book, 'Accounts');
    expect(rows.map((r) => r.name)).toEqual(RI_ACCOUNTS.map((a) => expectedName(a.name)));
    expect(rows.find((r) => r.account_id === "'-A002")!.potential).toBe(-500);
    for (const [ref, cell] of Object.entries(sheet)) {
      if (ref.startsWith('!')) continue;
      expect((cell as XLSX.CellObject).f, ref).toBeUndefined();
      if ((cell as XLSX.CellObject).t === 's') expect(String((cell as XLSX.CellObject).v)).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(rows.map((r) => r.zip)).toEqual(RI_ACCOUNTS.map((a) => a.zip));
    expect(rows.find((r) => r.zip === '02906')!.name).toBe('Café Zoë — Providence');
  });
});
