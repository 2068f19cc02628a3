/**
 * The map's per-edit updates (renderer/src/map): unit colours and territory-border widths patched
 * only for the units an edit moved must equal a from-scratch computation, and the borders report
 * exactly the rows deck.gl has to refresh; the CPU unit picker finds the unit under a point.
 */
import { describe, expect, it } from 'vitest';
import type { GeometryCollection } from 'topojson-specification';
import type { PlanState } from '../../shared/edit/edit-ops.ts';
import type { Territory } from '../../shared/model/project.ts';
import { decodeUnits } from '../../renderer/src/map/unit-geometry.ts';
import { borderArcs } from '../../renderer/src/map/border-arcs.ts';
import { unitColours, fillRows } from '../../renderer/src/map/unit-colours.ts';
import { borderWidths, BORDER_PX } from '../../renderer/src/map/border-widths.ts';
import { territoryScale } from '../../renderer/src/map/colour-mode.ts';
import { lightMapTheme, unitFill } from '../../renderer/src/map/map-theme.ts';
import { RowChangeLog, rowsToRanges } from '../../renderer/src/map/row-changes.ts';
import { unitPicker } from '../../renderer/src/map/unit-picker.ts';
import { PlanFollower } from '../../renderer/src/map/plan-follower.ts';
import { registerPlanOps } from '../../renderer/src/state/plan-ops-source.ts';
import { applyOps, type EditOp } from '../../shared/edit/edit-ops.ts';
import { assignUnits } from '../../shared/edit/commands.ts';
import { gridFeatures, toTopology } from './metrics-fixtures.ts';

const territory = (id: string, color: string): Territory => ({ id, name: id, color, repId: null, locked: false }) as Territory;

function setup() {
  const geometry = decodeUnits(toTopology(gridFeatures()));
  const plan: PlanState = {
    assignments: new Map(geometry.features.map((f) => [f.id, f.id.endsWith('c0') ? 'A' : 'B'])),
    territories: new Map([['A', territory('A', '#ff0000')], ['B', territory('B', '#0000ff')]]),
  };
  return { geometry, plan };
}

function expectedColour(plan: PlanState, unitId: string): number[] {
  const t = plan.assignments.get(unitId);
  return unitFill(lightMapTheme, t === undefined ? null : plan.territories.get(t)!.color);
}

describe('unit colours', () => {
  it('patches the moved units and the units of a recoloured territory, with a new revision per change', () => {
    const { geometry, plan } = setup();
    const rows = fillRows(geometry);
    const colours = unitColours(geometry, plan, lightMapTheme, 'territory');
    const r1 = colours.sync(1, territoryScale({ plan }), lightMapTheme);
    const check = () =>
      rows.ids.forEach((id, u) => expect([...colours.rgba.subarray(u * 4, u * 4 + 4)], id).toEqual(expectedColour(plan, id)));
    check();

    plan.assignments.set('r1c1', 'A');
    plan.assignments.delete('r2c2');
    const r2 = colours.sync(2, territoryScale({ plan }), lightMapTheme);
    check();
    expect(r2).toBeGreaterThan(r1);
    // The same version again, or a version that changed no colour, keeps the revision.
    expect(colours.sync(2, territoryScale({ plan }), lightMapTheme)).toBe(r2);
    plan.assignments.set('r0c1', 'B');
    expect(colours.sync(3, territoryScale({ plan }), lightMapTheme)).toBe(r2);

    plan.territories.set('A', territory('A', '#00ff00'));
    const r4 = colours.sync(4, territoryScale({ plan }), lightMapTheme);
    check();
    expect(r4).toBeGreaterThan(r2);
  });
});

describe('territory border widths', () => {
  it('follows edits arc by arc and equals a full recomputation', () => {
    const { geometry, plan } = setup();
    const topology = geometry.topology;
    const arcs = borderArcs(topology, topology.objects.units as GeometryCollection);
    const widths = borderWidths(geometry, arcs, plan);
    const expected = () => arcs.left.map((l, i) => (plan.assignments.get(l) === plan.assignments.get(arcs.right[i]!) ? 0 : BORDER_PX));
    const r1 = widths.sync(1);
    expect([...widths.widths].map((w) => Math.round(w * 10) / 10)).toEqual(expected());
    plan.assignments.set('r1c1', 'A');
    const r2 = widths.sync(2);
    expect([...widths.widths].map((w) => Math.round(w * 10) / 10)).toEqual(expected());
    const touched = widths.changes.since(r1)!.flatMap(([a, b]) => Array.from({ length: b - a }, (_, i) => a + i));
    // Only arcs with r1c1 on one side can change.
    for (const a of touched) expect([arcs.left[a], arcs.right[a]]).toContain('r1c1');
    expect(touched.length).toBeGreaterThan(0);
    expect(widths.sync(2)).toBe(r2);
  });
});

describe('plan follower', () => {
  it('following the ops, finds the same moved units as a full scan', () => {
    const { geometry, plan } = setup();
    const listeners: ((ops: readonly EditOp[]) => void)[] = [];
    registerPlanOps(plan, (listener) => (listeners.push(listener), () => {}));
    const ids = geometry.features.map((f) => f.id);
    const following = new PlanFollower(plan, ids);
    const scanning = new PlanFollower({ ...plan }, ids);
    following.sync(0);
    scanning.sync(0);
    const edit = assignUnits(plan, ['r1c1', 'r2c2', 'r0c0'], 'A')!;
    applyOps(plan, edit.ops);
    for (const l of listeners) l(edit.ops);
    following.sync(1);
    scanning.sync(1);
    const moved = (f: PlanFollower) => [...f.changedSince(0)!].map((u) => ids[u]).sort();
    expect(moved(following)).toEqual(['r1c1', 'r2c2']);
    expect(moved(scanning)).toEqual(moved(following));
    expect(following.territoryOf).toEqual(scanning.territoryOf);
  });
});

describe('row change log', () => {
  it('unions revisions, and answers null when it no longer remembers', () => {
    const log = new RowChangeLog();
    log.record([[0, 2]]);
    log.record([[5, 6]]);
    expect(log.since(0)).toEqual([[0, 2], [5, 6]]);
    log.record(null);
    expect(log.since(1)).toBeNull();
    for (let i = 0; i < 10; i++) log.record([[i, i + 1]]);
    expect(log.since(3)).toBeNull();
    expect(log.since(log.revision - 1)).toEqual([[9, 10]]);
  });

  it('caps the number of ranges by merging across the smallest gaps', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => i * 3);
    const ranges = rowsToRanges(rows);
    expect(ranges.length).toBeLessThanOrEqual(64);
    for (const row of rows) expect(ranges.some(([a, b]) => row >= a && row < b)).toBe(true);
  });
});

describe('unit picker', () => {
  it('finds the unit under a point, and none outside', () => {
    const { geometry } = setup();
    const picker = unitPicker(geometry);
    const cell = (geometry.features[4]!.geometry as { coordinates: number[][][] }).coordinates[0]!;
    const [x, y] = [(cell[0]![0]! + cell[2]![0]!) / 2, (cell[0]![1]! + cell[2]![1]!) / 2];
    expect(picker.unitAt([x, y])?.id).toBe(geometry.features[4]!.id);
    expect(picker.unitAt([-50, -50])).toBeNull();
  });
});
