/**
 * report() is identity-stable (see MetricsEngine.report): on the real Rhode Island ZCTA layer,
 * after seeded random edits, a territory no edit touched is the same TerritoryMetrics object as in
 * the previous report, a touched one is a new object, a change of the default targets (units from
 * or to unassigned) renews every row, and every value still equals a fresh engine's on the same
 * plan. Undo and redo, which take lazy figures from the engine's memo (lazy-memo.ts), give a
 * fresh engine's values at every step. Also: the territory hull built from boundary vertices only
 * (unit-geometry's hullSides) gives the same Reock and hull ratio as one built from every hull
 * vertex of every member.
 */
import { describe, expect, it, vi } from 'vitest';
import { applyOps, invertOps, type EditOp, type PlanState } from '../../shared/edit/edit-ops.ts';
import { Laea, fromVector, toUnitVector } from '../../shared/metrics/geodesy.ts';
import { MetricsEngine, prepareLayer, type MetricsInput, type MetricsLayer, type MetricsReport } from '../../shared/metrics/index.ts';
import { convexHull, minimumEnclosingCircle, polygonArea } from '../../shared/metrics/planar.ts';
import { TerritoryShapes } from '../../shared/metrics/territory-shape.ts';
import { ContiguityGraph } from '../../shared/metrics/contiguity.ts';
import { expectSame } from '../unit/metrics-expect.ts';
import { CELL, feature, input, random, rep, territory, toTopology, unitsOf, zctaFeatures } from '../unit/metrics-fixtures.ts';

function riInput(seed: number): MetricsInput {
  const features = zctaFeatures();
  const rnd = random(seed);
  const units = unitsOf(features);
  const accounts = Array.from({ length: 2000 }, () => {
    const f = features[Math.floor(rnd() * features.length)]!;
    const lon = Number(f.properties!.INTPTLON10) + (rnd() - 0.5) * 0.02;
    const lat = Number(f.properties!.INTPTLAT10) + (rnd() - 0.5) * 0.02;
    return { location: [lon, lat] as [number, number], potential: Math.round(rnd() * 100_000), unitId: String(f.id) };
  });
  const reps = Array.from({ length: 6 }, (_, i) => rep(`rep${i}`, -71.8 + rnd() * 0.7, 41.2 + rnd() * 0.8));
  const territories = Array.from({ length: 8 }, (_, i) => territory(`t${i}`, i < 6 ? `rep${i}` : null));
  const assignments = new Map<string, string>();
  for (const u of units) if (rnd() < 0.9) assignments.set(u.id, `t${Math.floor(rnd() * 8)}`);
  return { units, topology: toTopology(features), accounts, reps, territories, assignments };
}

const byId = (r: MetricsReport) => new Map(r.territories.map((t) => [t.id, t]));

describe('report() identity (Rhode Island ZCTAs)', () => {
  it('nothing changed: the very same report; an edit and its inverse before a read: the same rows', () => {
    const input = riInput(5);
    const layer = prepareLayer(input, { balance: ['units', 'potential'] });
    const engine = new MetricsEngine(layer, input);
    const first = engine.report();
    expect(engine.report()).toBe(first);
    expect(engine.territories()).toBe(first.territories);
    const [unitId, from] = [...input.assignments].find(([, t]) => t === 't0')!;
    const there: EditOp[] = [{ op: 'assign', unitIds: [unitId], from: [from], to: 't1' }];
    const back: EditOp[] = [{ op: 'assign', unitIds: [unitId], from: ['t1'], to: from }];
    engine.apply(there);
    engine.apply(back);
    const again = engine.report();
    expect(again).toBe(first);
    engine.apply(there);
    const moved = engine.report();
    expect(moved).not.toBe(first);
    expect(moved.plan).not.toBe(first.plan);
    const before = byId(first);
    for (const t of moved.territories) {
      if (t.id === 't0' || t.id === 't1') expect(t, t.id).not.toBe(before.get(t.id));
      else expect(t, t.id).toBe(before.get(t.id));
    }
    // territory() reads the same rows.
    expect(engine.territory('t2')).toBe(before.get('t2'));
    expect(engine.territory('t1')).toBe(moved.territories.find((t) => t.id === 't1'));
  });

  it('a territory renamed or given another rep is a new row; the others stay', () => {
    const input = riInput(6);
    const layer = prepareLayer(input);
    const engine = new MetricsEngine(layer, input);
    const first = byId(engine.report());
    const t3 = input.territories[3]!;
    engine.apply([{ op: 'territory', before: t3, after: { ...t3, name: 'Renamed' } }]);
    const second = engine.report();
    for (const t of second.territories) {
      if (t.id === 't3') {
        expect(t).not.toBe(first.get('t3'));
        expect(t.name).toBe('Renamed');
      } else expect(t, t.id).toBe(first.get(t.id));
    }
  });

  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: 120 random edits; untouched rows kept, touched rows new, values equal a fresh engine`, () => {
      const input = riInput(seed);
      const layer = prepareLayer(input, { balance: ['units', 'accounts', 'potential', 'ALAND10'], nearKm: seed === 3 ? 3 : 0 });
      const engine = new MetricsEngine(layer, input);
      const plan: PlanState = { assignments: new Map(input.assignments), territories: new Map(input.territories.map((t) => [t.id, t])) };
      const rnd = random(seed * 104729);
      const unitIds = input.units.map((u) => u.id);
      const territoryIds = input.territories.map((t) => t.id);
      let previous = engine.report();
      let kept = 0;
      let renewed = 0;
      for (let i = 0; i < 120; i++) {
        const roll = rnd();
        const size = roll < 0.6 ? 1 : roll < 0.9 ? 1 + Math.floor(rnd() * 10) : 65 + Math.floor(rnd() * 40);
        const moved = [...new Set(Array.from({ length: size }, () => unitIds[Math.floor(rnd() * unitIds.length)]!))];
        // One edit in eight involves unassigned units: that changes the means, hence every target.
        const withUnassigned = i % 8 === 7;
        const candidates = withUnassigned ? moved : moved.filter((u) => plan.assignments.has(u));
        if (candidates.length === 0) continue;
        const to = withUnassigned && rnd() < 0.5 ? null : territoryIds[Math.floor(rnd() * territoryIds.length)]!;
        const from = candidates.map((u) => plan.assignments.get(u) ?? null);
        const ops: EditOp[] = [{ op: 'assign', unitIds: candidates, from, to }];
        const touched = new Set<string | null>(from.filter((f, k) => f !== to || plan.assignments.get(candidates[k]!) !== to));
        touched.add(to);
        const meansChange = from.some((f) => (f === null) !== (to === null));
        applyOps(plan, ops);
        engine.apply(ops);
        const report = engine.report();
        const last = byId(previous);
        for (const t of report.territories) {
          const old = last.get(t.id)!;
          if (touched.has(t.id) || meansChange) {
            // A touched territory's unit count changed, so its row must be new.
            if (t.units !== old.units || meansChange) {
              expect(t, `edit ${i} ${t.id}`).not.toBe(old);
              renewed++;
            }
          } else {
            expect(t, `edit ${i} ${t.id}`).toBe(old);
            kept++;
          }
        }
        if (i % 6 === 5 || meansChange) {
          const fresh = new MetricsEngine(layer, { territories: [...plan.territories.values()], assignments: plan.assignments });
          expectSame(report, fresh.report(), `edit ${i}`);
        }
        previous = report;
      }
      expect(kept).toBeGreaterThan(200);
      expect(renewed).toBeGreaterThan(100);
    });
  }
});

describe('undo and redo with remembered lazy figures (Rhode Island ZCTAs)', () => {
  for (const size of [40, 70]) {
    it(`undoing and redoing a read edit of ${size} units computes no hull nor piece count, and equals a fresh engine`, () => {
      // 40 units: pieces follow each move; 70 (over the batch threshold of 64): pieces are recounted
      // per touched territory after the edit, or taken from the memo.
      const input = riInput(23);
      const layer = prepareLayer(input);
      const engine = new MetricsEngine(layer, input);
      engine.report();
      const moved = input.units.map((u) => u.id).filter((u) => input.assignments.get(u) !== 't4').slice(0, size);
      expect(moved).toHaveLength(size);
      const ops: EditOp[] = [{ op: 'assign', unitIds: moved, from: moved.map((u) => input.assignments.get(u) ?? null), to: 't4' }];
      const plan: PlanState = { assignments: new Map(input.assignments), territories: new Map(input.territories.map((t) => [t.id, t])) };
      const fresh = () => new MetricsEngine(layer, { territories: [...plan.territories.values()], assignments: plan.assignments }).report();
      const hulls = vi.spyOn(TerritoryShapes.prototype, 'compactness');
      const pieces = vi.spyOn(ContiguityGraph.prototype, 'pieces');
      try {
        applyOps(plan, ops);
        engine.apply(ops);
        expectSame(engine.report(), fresh(), 'edit');
        hulls.mockClear();
        pieces.mockClear();
        for (const [step, edit] of [['undo', invertOps(ops)], ['redo', ops]] as const) {
          applyOps(plan, edit);
          engine.apply(edit);
          const report = engine.report();
          expect(hulls, step).not.toHaveBeenCalled();
          expect(pieces, step).not.toHaveBeenCalled();
          expectSame(report, fresh(), step);
          hulls.mockClear();
          pieces.mockClear();
        }
      } finally {
        hulls.mockRestore();
        pieces.mockRestore();
      }
    });
  }

  for (const seed of [21, 22]) {
    it(`seed ${seed}: 40 edits (moves and rep changes), each undone then redone, equal a fresh engine at every step`, () => {
      const input = riInput(seed);
      const layer = prepareLayer(input, { balance: ['units', 'potential'] });
      const engine = new MetricsEngine(layer, input);
      const plan: PlanState = { assignments: new Map(input.assignments), territories: new Map(input.territories.map((t) => [t.id, t])) };
      const rnd = random(seed);
      const unitIds = input.units.map((u) => u.id);
      const territoryIds = input.territories.map((t) => t.id);
      const check = (where: string) => {
        const fresh = new MetricsEngine(layer, { territories: [...plan.territories.values()], assignments: plan.assignments });
        expectSame(engine.report(), fresh.report(), where);
      };
      const history: EditOp[][] = [];
      for (let i = 0; i < 40; i++) {
        let ops: EditOp[];
        if (i % 5 === 4) {
          const t = plan.territories.get(territoryIds[Math.floor(rnd() * territoryIds.length)]!)!;
          ops = [{ op: 'territory', before: t, after: { ...t, repId: t.repId === 'rep0' ? 'rep1' : 'rep0' } }];
        } else {
          const size = rnd() < 0.5 ? 1 : 1 + Math.floor(rnd() * 100);
          const moved = [...new Set(Array.from({ length: size }, () => unitIds[Math.floor(rnd() * unitIds.length)]!))];
          ops = [{ op: 'assign', unitIds: moved, from: moved.map((u) => plan.assignments.get(u) ?? null), to: territoryIds[Math.floor(rnd() * territoryIds.length)]! }];
        }
        applyOps(plan, ops);
        engine.apply(ops);
        engine.report();
        history.push(ops);
      }
      for (const [i, ops] of history.toReversed().entries()) {
        const inverse = invertOps(ops);
        applyOps(plan, inverse);
        engine.apply(inverse);
        check(`undo ${i}`);
      }
      for (const [i, ops] of history.entries()) {
        applyOps(plan, ops);
        engine.apply(ops);
        check(`redo ${i}`);
      }
    });
  }
});

/** Reock and hull ratio from every hull vertex of every member, projected as the engine does. */
function referenceCompactness(layer: MetricsLayer, members: number[], areaKm2: number): { reock: number; hullRatio: number } {
  const g = layer.geometry;
  const v = new Float64Array(3);
  let x = 0;
  let y = 0;
  let z = 0;
  const used = members.filter((u) => g.areaKm2[u]! > 0);
  for (const u of used) {
    toUnitVector(g.centroid[2 * u]!, g.centroid[2 * u + 1]!, v, 0);
    x += g.areaKm2[u]! * v[0]!;
    y += g.areaKm2[u]! * v[1]!;
    z += g.areaKm2[u]! * v[2]!;
  }
  const [lon0, lat0] = fromVector(x, y, z);
  const projection = new Laea(lon0, lat0);
  const points: number[] = [];
  const xy = new Float64Array(2);
  for (const u of used) {
    for (let i = g.hullStart[u]!; i < g.hullStart[u + 1]!; i++) {
      projection.project(g.hull[2 * i]!, g.hull[2 * i + 1]!, xy, 0);
      points.push(xy[0]!, xy[1]!);
    }
  }
  const hull = convexHull(Float64Array.from(points));
  const circle = minimumEnclosingCircle(hull);
  return { reock: Math.min(1, areaKm2 / (Math.PI * circle.r * circle.r)), hullRatio: Math.min(1, areaKm2 / polygonArea(hull)) };
}

describe('territory hulls from boundary vertices only', () => {
  it('triangles: a hull corner where a unit meets a same-territory neighbour and the outside is kept', () => {
    // A 3x3 grid of cells, each split along its rising diagonal into two triangles. The L-shaped
    // territory (bottom row and left column) has corners such as (0, 0) where each triangle has
    // the other triangle of its cell on one side and the outside on the other.
    const features = [];
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) {
        const [x0, y0, x1, y1] = [c * CELL, r * CELL, (c + 1) * CELL, (r + 1) * CELL];
        features.push(feature(`r${r}c${c}lo`, { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y0]]] }));
        features.push(feature(`r${r}c${c}hi`, { type: 'Polygon', coordinates: [[[x0, y0], [x1, y1], [x0, y1], [x0, y0]]] }));
      }
    }
    const inL = (id: string) => id.startsWith('r0') || id.includes('c0');
    const assignments = Object.fromEntries(features.map((f) => [String(f.id), inL(String(f.id)) ? 'l' : 'rest']));
    const plan = input(features, assignments, [territory('l'), territory('rest')]);
    const layer = prepareLayer(plan);
    const l = new MetricsEngine(layer, plan).territory('l');
    // 5 cells against a hull of 9 cells less the triangle (0.01,0.03)-(0.03,0.03)-(0.03,0.01).
    expect(l.convexHullRatio).toBeCloseTo(5 / 7, 6);
    const members = [...layer.unitIndex].filter(([id]) => inL(id)).map(([, u]) => u);
    expect(l.reock).toBeCloseTo(referenceCompactness(layer, members, l.areaKm2).reock, 9);
  });

  for (const seed of [11, 12]) {
    it(`seed ${seed}: Reock and hull ratio equal those from every member vertex, over random edits`, () => {
      const input = riInput(seed);
      const layer = prepareLayer(input);
      const engine = new MetricsEngine(layer, input);
      const plan: PlanState = { assignments: new Map(input.assignments), territories: new Map(input.territories.map((t) => [t.id, t])) };
      const rnd = random(seed);
      const unitIds = input.units.map((u) => u.id);
      let compared = 0;
      for (let i = 0; i < 40; i++) {
        const moved = [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => unitIds[Math.floor(rnd() * unitIds.length)]!))];
        const ops: EditOp[] = [{ op: 'assign', unitIds: moved, from: moved.map((u) => plan.assignments.get(u) ?? null), to: `t${Math.floor(rnd() * 8)}` }];
        applyOps(plan, ops);
        engine.apply(ops);
        if (i % 4 !== 3) continue;
        for (const t of engine.report().territories) {
          const members = unitIds.filter((u) => plan.assignments.get(u) === t.id).map((u) => layer.unitIndex.get(u)!);
          if (t.reock === null || members.length < 2) continue;
          const ref = referenceCompactness(layer, members, t.areaKm2);
          expect(t.reock, `${t.id} reock`).toBeCloseTo(ref.reock, 9);
          expect(t.convexHullRatio, `${t.id} hull`).toBeCloseTo(ref.hullRatio, 9);
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(50);
    });
  }
});
