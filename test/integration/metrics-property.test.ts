/**
 * Property test: on the real Rhode Island ZCTA layer (Census 2010 polygons turned into TopoJSON),
 * seeded random edit sequences applied incrementally give the same metrics as a full recompute
 * from the resulting plan, and undoing every edit gives back the starting metrics.
 */
import { describe, expect, it } from 'vitest';
import { applyOps, invertOps, type EditOp, type PlanState } from '../../shared/edit/edit-ops.ts';
import { MetricsEngine, prepareLayer, type MetricsInput, type MetricsReport } from '../../shared/metrics/index.ts';
import type { Territory } from '../../shared/model/project.ts';
import { expectSame } from '../unit/metrics-expect.ts';
import { random, rep, territory, toTopology, unitsOf, zctaFeatures } from '../unit/metrics-fixtures.ts';

function realInput(seed: number): MetricsInput {
  const features = zctaFeatures();
  const rnd = random(seed);
  const units = unitsOf(features);
  const accounts = Array.from({ length: 3000 }, () => {
    const f = features[Math.floor(rnd() * features.length)]!;
    const lon = Number(f.properties!.INTPTLON10) + (rnd() - 0.5) * 0.02;
    const lat = Number(f.properties!.INTPTLAT10) + (rnd() - 0.5) * 0.02;
    return { location: [lon, lat] as [number, number], potential: rnd() < 0.1 ? 0 : Math.round(rnd() * 100_000), unitId: String(f.id) };
  });
  const reps = Array.from({ length: 8 }, (_, i) => rep(`rep${i}`, -71.8 + rnd() * 0.7, 41.2 + rnd() * 0.8));
  const territories = Array.from({ length: 6 }, (_, i) => territory(`t${i}`, i < 5 ? `rep${i}` : null));
  const assignments = new Map<string, string>();
  for (const u of units) if (rnd() < 0.9) assignments.set(u.id, `t${Math.floor(rnd() * 6)}`);
  return { units, topology: toTopology(features), accounts, reps, territories, assignments };
}

/** Drive figures recomputed naively from the provider: sort, accumulate, compare. */
function expectBruteForceDrive(report: MetricsReport, layer: ReturnType<typeof prepareLayer>, plan: PlanState): void {
  for (const t of report.territories) {
    const repIndex = t.repId === null ? undefined : layer.repIndex.get(t.repId);
    const samples: [number, number][] = [];
    plan.assignments.forEach((territoryId, unitId) => {
      if (territoryId !== t.id || repIndex === undefined) return;
      const u = layer.unitIndex.get(unitId)!;
      for (let k = layer.targetStart[u]!; k < layer.targetStart[u + 1]!; k++) samples.push([layer.drive.minutes(repIndex, k), layer.targetWeight[k]!]);
    });
    if (samples.length === 0) {
      expect(t.driveMin.mean, t.id).toBeNull();
      continue;
    }
    samples.sort((a, b) => a[0] - b[0]);
    const weighted = samples.some(([, w]) => w > 0);
    const weightOf = (w: number) => (weighted ? w : 1);
    const total = samples.reduce((s, [, w]) => s + weightOf(w), 0);
    let cumulative = 0;
    const p90 = samples.find(([, w]) => (cumulative += weightOf(w)) >= 0.9 * total)![0];
    const mean = samples.reduce((s, [m, w]) => s + m * weightOf(w), 0) / total;
    expect(t.driveMin.max, t.id).toBeCloseTo(samples.at(-1)![0], 9);
    expect(t.driveMin.p90, t.id).toBeCloseTo(p90, 9);
    expect(t.driveMin.mean, t.id).toBeCloseTo(mean, 6);
    const within = samples.filter(([m]) => m <= t.driveMin.withinMin).reduce((s, [, w]) => s + weightOf(w), 0);
    expect(t.driveMin.shareWithin, t.id).toBeCloseTo(within / total, 9);
  }
}

function randomEdit(rnd: () => number, plan: PlanState, unitIds: string[], reps: string[], next: { n: number }): EditOp[] {
  const territoryIds = [...plan.territories.keys()];
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)]!;
  const roll = rnd();
  if (roll < 0.08) {
    const t = plan.territories.get(pick(territoryIds))!;
    const after: Territory = { ...t, repId: rnd() < 0.2 ? null : pick(reps) };
    return [{ op: 'territory', before: t, after }];
  }
  if (roll < 0.11) {
    const t = territory(`new${next.n++}`, pick(reps));
    return [{ op: 'territory', before: null, after: t }];
  }
  if (roll < 0.14) {
    // Empty a territory and delete it, in one edit.
    const t = plan.territories.get(pick(territoryIds))!;
    const members = unitIds.filter((u) => plan.assignments.get(u) === t.id);
    return [
      { op: 'assign', unitIds: members, from: members.map(() => t.id), to: null },
      { op: 'territory', before: t, after: null },
    ];
  }
  const size = roll < 0.7 ? 1 : roll < 0.9 ? 1 + Math.floor(rnd() * 10) : 65 + Math.floor(rnd() * 40);
  const moved = [...new Set(Array.from({ length: size }, () => pick(unitIds)))];
  const to = rnd() < 0.1 ? null : pick(territoryIds);
  return [{ op: 'assign', unitIds: moved, from: moved.map((u) => plan.assignments.get(u) ?? null), to }];
}

describe('incremental metrics equal a full recompute (Rhode Island ZCTAs)', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: 150 random edits, then undo all`, () => {
      const input = realInput(seed);
      const layer = prepareLayer(input, { balance: ['units', 'accounts', 'potential', 'ALAND10'], nearKm: seed === 3 ? 3 : 0 });
      const engine = new MetricsEngine(layer, input);
      const plan: PlanState = {
        assignments: new Map(input.assignments),
        territories: new Map(input.territories.map((t) => [t.id, t])),
      };
      const start: MetricsReport = engine.report();
      const rnd = random(seed * 7919);
      const unitIds = input.units.map((u) => u.id);
      const reps = input.reps.map((r) => r.id);
      const history: EditOp[][] = [];
      const next = { n: 0 };
      for (let i = 0; i < 150; i++) {
        const ops = randomEdit(rnd, plan, unitIds, reps, next);
        applyOps(plan, ops);
        engine.apply(ops);
        history.push(ops);
        if (i % 10 === 9 || i === 149) {
          const full = new MetricsEngine(layer, { territories: [...plan.territories.values()], assignments: plan.assignments });
          expectSame(engine.report(), full.report(), `edit ${i}`);
        }
      }
      const fresh = new MetricsEngine(layer, { territories: [...plan.territories.values()], assignments: plan.assignments });
      expectBruteForceDrive(engine.report(), layer, plan);
      const incremental = engine.report();
      engine.recompute();
      expectSame(incremental, engine.report(), 'recompute');
      expectSame(incremental, fresh.report(), 'fresh');
      for (const ops of history.reverse()) {
        const inverse = invertOps(ops);
        applyOps(plan, inverse);
        engine.apply(inverse);
      }
      // A deleted territory comes back at the end of the list: compare by id.
      const byId = (r: MetricsReport) => ({ ...r, territories: r.territories.toSorted((a, b) => a.id.localeCompare(b.id)) });
      expectSame(byId(engine.report()), byId(start), 'after undo');
    });
  }

  it('the real layer has real adjacency and one island (Block Island, 02807)', () => {
    const input = realInput(1);
    const layer = prepareLayer(input);
    const degrees = Array.from({ length: layer.unitIds.length }, (_, u) => layer.contiguity.start[u + 1]! - layer.contiguity.start[u]!);
    expect(degrees.filter((d) => d === 0).length).toBeGreaterThanOrEqual(1);
    expect(degrees[layer.unitIndex.get('02807')!]).toBe(0);
    expect(degrees.reduce((a, b) => a + b, 0) / degrees.length).toBeGreaterThan(3);
  });
});
