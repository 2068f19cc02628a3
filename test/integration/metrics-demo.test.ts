/**
 * Metrics on the real demo project (3,231 US counties, ZIP accounts with potential, 12 reps and
 * territories), loaded through ProjectStore; totals are checked against the store's own SQL
 * aggregates (project-info), and the CLI's JSON against the engine the renderer uses.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { applyOps, type EditOp, type PlanState } from '../../shared/edit/edit-ops.ts';
import { MetricsEngine, prepareLayer, type MetricsReport } from '../../shared/metrics/index.ts';
import { defaultMetricsOptions, loadMetricsInput, type LoadedMetricsInput } from '../../main/services/metrics-input.ts';
import { projectInfo } from '../../main/services/project-info.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import type { ProjectInfo } from '../../shared/model/project.ts';
import { tessera } from '../helpers/cli.ts';
import { demoProject } from '../helpers/temp.ts';
import { expectSame } from '../unit/metrics-expect.ts';
import { random } from '../unit/metrics-fixtures.ts';

let file: string;
let input: LoadedMetricsInput;
let info: ProjectInfo;

beforeAll(async () => {
  file = await demoProject();
  const store = ProjectStore.open(file, { readonly: true });
  try {
    input = loadMetricsInput(store);
    info = projectInfo(store);
  } finally {
    store.close();
  }
}, 180_000);

describe('metrics of the demo project', () => {
  it('balance totals agree with the store and count every unit and account', () => {
    const layer = prepareLayer(input, defaultMetricsOptions(input.fields));
    const report = new MetricsEngine(layer, input).report();
    expect(report.territories.map((t) => t.id)).toEqual(info.territories.map((t) => t.id));
    report.territories.forEach((t, i) => {
      expect(t.units).toBe(info.territories[i]!.units);
      expect(t.accounts).toBe(info.territories[i]!.accounts);
      expect(t.potential).toBeCloseTo(info.territories[i]!.potential, 2);
    });
    expect(report.plan.unassigned.units).toBe(info.unassigned.units);
    expect(report.plan.unassigned.accounts).toBe(info.unassigned.accounts);
    const units = report.territories.reduce((s, t) => s + t.units, 0) + report.plan.unassigned.units;
    expect(units).toBe(3231);
    // Default balance: accounts and potential; deviations are relative to the mean of the twelve.
    const mean = report.territories.reduce((s, t) => s + t.potential, 0) / 12;
    for (const t of report.territories) expect(t.deviationPct.potential).toBeCloseTo(((t.potential - mean) / mean) * 100, 9);
  });

  it('geometry is plausible: county areas add up to the US, ratios in (0, 1], islands found', () => {
    const layer = prepareLayer(input);
    let area = 0;
    for (let u = 0; u < layer.geometry.count; u++) area += layer.geometry.areaKm2[u]!;
    // The 50 states and DC cover 9.83 million km² including inland and coastal water.
    expect(area).toBeGreaterThan(9.0e6);
    expect(area).toBeLessThan(10.2e6);
    const engine = new MetricsEngine(layer, input);
    for (const t of engine.territories()) {
      for (const ratio of [t.polsbyPopper, t.reock, t.convexHullRatio]) {
        expect(ratio).toBeGreaterThan(0);
        expect(ratio).toBeLessThanOrEqual(1);
      }
      expect(t.pieces).toBeGreaterThanOrEqual(1);
      expect(t.islandUnits).toBe(engine.islands(t.id).length);
      expect(t.driveMin.mean).toBeGreaterThan(0);
      expect(t.driveMin.p90!).toBeGreaterThanOrEqual(t.driveMin.mean! * 0.5);
      expect(t.driveMin.max!).toBeGreaterThanOrEqual(t.driveMin.p90!);
    }
    // Island counties are real: every coast with islands (e.g. Hawaii in the California territory).
    const hawaii = input.units.filter((u) => u.id.startsWith('15')).map((u) => u.id);
    const owner = input.assignments.get(hawaii[0]!)!;
    expect(engine.territory(owner).pieces).toBeGreaterThan(1);
    expect(engine.islands(owner)).toEqual(expect.arrayContaining(hawaii.filter((id) => input.assignments.get(id) === owner)));
  });

  it('incremental updates equal a full recompute on the real counties', () => {
    const layer = prepareLayer(input, { balance: ['units', 'population', 'potential'], densityField: 'population' });
    const engine = new MetricsEngine(layer, input);
    const plan: PlanState = { assignments: new Map(input.assignments), territories: new Map(input.territories.map((t) => [t.id, t])) };
    const rnd = random(2024);
    const ids = input.units.map((u) => u.id);
    const territoryIds = input.territories.map((t) => t.id);
    for (let i = 0; i < 300; i++) {
      const size = i % 50 === 49 ? 400 : 1 + Math.floor(rnd() * 3);
      const unitIds = [...new Set(Array.from({ length: size }, () => ids[Math.floor(rnd() * ids.length)]!))];
      const to = rnd() < 0.05 ? null : territoryIds[Math.floor(rnd() * territoryIds.length)]!;
      const ops: EditOp[] = [{ op: 'assign', unitIds, from: unitIds.map((u) => plan.assignments.get(u) ?? null), to }];
      applyOps(plan, ops);
      engine.apply(ops);
    }
    const full = new MetricsEngine(layer, { territories: input.territories, assignments: plan.assignments }).report();
    const incremental = engine.report();
    expectSame(incremental, full);
  });

  it('tessera metrics --json prints the engine report, with the fields asked for', () => {
    const run = tessera('metrics', file, '--balance', 'population,potential:2,units', '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as MetricsReport;
    const engine = new MetricsEngine(
      prepareLayer(input, {
        ...defaultMetricsOptions(input.fields),
        balance: [{ field: 'population' }, { field: 'potential', weight: 2 }, { field: 'units' }],
      }),
      input,
    );
    expect(json).toEqual(JSON.parse(JSON.stringify(engine.report())));
    for (const t of json.territories) {
      expect(Object.keys(t.deviationPct).sort()).toEqual(['population', 'potential', 'units']);
      expect(t).toMatchObject({ id: expect.any(String), name: expect.any(String), units: expect.any(Number), accounts: expect.any(Number) });
      expect(Object.keys(t.driveMin)).toEqual(expect.arrayContaining(['mean', 'p90', 'max']));
      expect(t.totals.population).toBeGreaterThan(0);
    }
    expect(Object.keys(json.plan.maxAbsDeviationPct).sort()).toEqual(['population', 'potential', 'units']);
    expect(json.plan.unassigned).toMatchObject({ units: 8, accounts: info.unassigned.accounts });
  });

  it('tessera metrics prints a table, and names a wrong field plainly', () => {
    const table = tessera('metrics', file);
    expect(table.status).toBe(0);
    for (const t of info.territories) expect(table.stdout).toContain(t.name);
    expect(table.stdout).toMatch(/potential: max \|deviation\| \d/);

    const wrong = tessera('metrics', file, '--balance', 'revenue');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/"revenue" is not a numeric field of the units layer\. Available: units, accounts, potential, population/);
    const bad = tessera('metrics', file, '--near-km', 'far');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--near-km must be a number');
  }, 120_000);
});
