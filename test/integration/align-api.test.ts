/**
 * The Optimize dialog's API (`alignPlan`, `cancelAlign`, unit locks through `applyEdit`) on real
 * demo project files, through `callHandler` exactly as both hosts call it: bad input gets a plain
 * message and leaves the file byte for byte as it was; a run saves a NEW active scenario and never
 * touches the source plan; locked units keep their territory; the disruption limit holds during the run.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiEvent, ApiResponse, AlignSummary } from '../../shared/api/contract.ts';
import { callHandler } from '../../main/services/dispatch.ts';
import { ProjectService } from '../../main/services/project-service.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { lockedUnits } from '../../main/store/unit-locks.ts';
import { demoCopy, fileHash } from '../helpers/temp.ts';

vi.setConfig({ testTimeout: 240_000 });

let open: ProjectService[] = [];
afterEach(() => {
  for (const service of open) service.close();
  open = [];
});

async function openService() {
  const file = await demoCopy();
  const service = new ProjectService(ProjectStore.open(file));
  open.push(service);
  const events: ApiEvent[] = [];
  service.onEvent((e) => events.push(e));
  const data = await service.handlers.getMapData({});
  return { file, service, events, data };
}

const good = { mode: 'generate', territories: 12, balance: [{ field: 'potential', weight: 1 }], tolerance: 0.02, seed: 1 } as const;

function failure(response: ApiResponse<unknown>): { code: string; message: string } {
  if (response.ok) throw new Error('expected the call to fail');
  return response.error;
}

describe('alignPlan refuses bad input in plain words and changes nothing', () => {
  it('unknown field, tolerance 0 or 5, more territories than units, no weight, N and reps together', async () => {
    const { file, service, events } = await openService();
    const before = fileHash(file);
    const cases: [unknown, string, RegExp][] = [
      [{ ...good, balance: [{ field: 'revenue', weight: 1 }] }, 'user', /"revenue" is not a numeric field of the units layer\. Available: .*potential/],
      [{ ...good, tolerance: 0 }, 'bad-request', /at tolerance: tolerance must be more than 0 \(0\.02 means ±2%\)/],
      [{ ...good, tolerance: 5 }, 'bad-request', /at tolerance: tolerance is a fraction below 1 \(0\.02 means ±2%\), not a percentage/],
      [{ ...good, territories: 5000 }, 'user', /The project has 3,2\d\d units: too few for 5,000 territories\./],
      [{ ...good, balance: [{ field: 'potential', weight: 0 }] }, 'bad-request', /at least one balance weight must be more than 0/],
      [{ ...good, useReps: true }, 'bad-request', /give either a number of territories or useReps/],
      [{ ...good, mode: 'rebalance', maxMovedPct: 0 }, 'bad-request', /disruption limit must be more than 0%/],
    ];
    for (const [request, code, message] of cases) {
      const error = failure(await callHandler(service.handlers, 'alignPlan', request));
      expect(error.code, JSON.stringify(request)).toBe(code);
      expect(error.message).toMatch(message);
    }
    expect(fileHash(file)).toBe(before);
    expect(events.filter((e) => e.name === 'projectChanged')).toEqual([]);
    expect((await service.handlers.getMapData({})).scenarios).toHaveLength(1);
  });
});

describe('alignPlan saves a new scenario', () => {
  it('builds 12 territories on potential as a new active scenario; the source plan is untouched; progress events arrive', async () => {
    const { file, service, events, data } = await openService();
    const source = data.scenario;
    const response = await callHandler(service.handlers, 'alignPlan', good);
    if (!response.ok) throw new Error(response.error.message);
    const summary = response.value as AlignSummary;
    expect(summary.previous).toEqual(source);
    expect(summary.scenario.name).toMatch(/^Optimized \d{1,2} [A-Z][a-z]{2} \d\d:\d\d$/);
    expect(summary.territories).toBe(12);
    expect(summary.unitsTotal).toBe(data.units.length);
    expect(Object.keys(summary.maxAbsDeviationPct)).toEqual(['potential']);
    expect(summary.maxAbsDeviationPct.potential).toBeLessThanOrEqual(Math.max(2, summary.lowerBoundPct.potential!) + 1e-6);
    expect(summary.splitTerritories).toBe(0);

    const progress = events.filter((e) => e.name === 'alignProgress');
    expect(progress.length).toBeGreaterThan(1);
    expect(events.filter((e) => e.name === 'projectChanged').at(-1)!.payload).toEqual({ reason: 'scenario', scenarioId: summary.scenario.id });

    const store = ProjectStore.open(file, { readonly: true });
    try {
      expect(store.activeScenario()).toEqual(summary.scenario);
      expect(Object.fromEntries(store.assignments(source.id))).toEqual(data.assignments);
      expect(store.territories(source.id)).toEqual(data.territories);
      expect(store.territories(summary.scenario.id)).toHaveLength(12);
      expect(store.assignments(summary.scenario.id).size).toBe(data.units.length);
    } finally {
      store.close();
    }
  });
});

describe('unit locks', () => {
  it('are stored per scenario, undoable, kept by a rebalance and carried into the optimized scenario', async () => {
    const { file, service, data } = await openService();
    const scenarioId = data.scenario.id;
    const locked = Object.keys(data.assignments).slice(0, 40);
    await service.handlers.applyEdit({ scenarioId, edit: { label: 'Lock 40 units', ops: [{ op: 'lock', unitIds: locked, locked: true }] } });
    expect((await service.handlers.getMapData({})).lockedUnits).toEqual([...locked].sort());

    // Undo and redo the lock.
    const undone = await service.handlers.undo({ scenarioId });
    expect(undone.ops).toEqual([{ op: 'lock', unitIds: locked, locked: false }]);
    expect((await service.handlers.getMapData({})).lockedUnits).toEqual([]);
    await service.handlers.redo({ scenarioId });
    // A stale lock (already locked) is refused with a plain message.
    const stale = failure(
      await callHandler(service.handlers, 'applyEdit', { scenarioId, edit: { label: 'again', ops: [{ op: 'lock', unitIds: [locked[0]], locked: true }] } }),
    );
    expect(stale.message).toMatch(/was already locked; reload the plan/);

    const response = await callHandler(service.handlers, 'alignPlan', {
      mode: 'rebalance', balance: [{ field: 'potential', weight: 1 }], tolerance: 0.02, seed: 3,
    });
    if (!response.ok) throw new Error(response.error.message);
    const summary = response.value as AlignSummary;
    expect(summary.lockedUnits).toBe(40);
    expect(summary.unitsMoved).toBeGreaterThan(0);
    const store = ProjectStore.open(file, { readonly: true });
    try {
      const after = store.assignments(summary.scenario.id);
      for (const unitId of locked) expect(after.get(unitId), unitId).toBe(data.assignments[unitId]);
      expect(lockedUnits(store, summary.scenario.id)).toEqual([...locked].sort());
    } finally {
      store.close();
    }
    // A duplicate carries the locks too; deleting a scenario takes its locks with it.
    const copy = await service.handlers.duplicateScenario({ scenarioId, name: 'Copy with locks' });
    await service.handlers.deleteScenario({ scenarioId: summary.scenario.id });
    const check = ProjectStore.open(file, { readonly: true });
    try {
      expect(lockedUnits(check, copy.id)).toEqual([...locked].sort());
      expect(lockedUnits(check, summary.scenario.id)).toEqual([]);
    } finally {
      check.close();
    }
  });

  it('a generate run cannot keep locked units of unlocked territories and says so; nothing is saved', async () => {
    const { file, service, data } = await openService();
    const unitId = Object.keys(data.assignments)[0]!;
    await service.handlers.applyEdit({ scenarioId: data.scenario.id, edit: { label: 'Lock', ops: [{ op: 'lock', unitIds: [unitId], locked: true }] } });
    const before = fileHash(file);
    const error = failure(await callHandler(service.handlers, 'alignPlan', good));
    expect(error.code).toBe('user');
    expect(error.message).toMatch(new RegExp(`Unit "${unitId}" is locked but its territory is not`));
    expect(fileHash(file)).toBe(before);
    // Unticking "respect locks" lets it run.
    const ignored = await callHandler(service.handlers, 'alignPlan', { ...good, respectLocks: false });
    expect(ignored.ok).toBe(true);
  });
});

describe('disruption limit', () => {
  it('a rebalance honours the limit during the run and says which territories it kept outside', async () => {
    const { service } = await openService();
    const request = { mode: 'rebalance', balance: [{ field: 'potential', weight: 1 }], tolerance: 0.02, seed: 3 } as const;
    // The demo plan is far from balanced: unlimited, the rebalance moves many units.
    const free = await callHandler(service.handlers, 'alignPlan', request);
    if (!free.ok) throw new Error(free.error.message);
    const unlimited = free.value as AlignSummary;
    const limitPct = 0.5;
    const limit = Math.floor((limitPct / 100) * unlimited.unitsTotal);
    expect(unlimited.unitsMoved).toBeGreaterThan(limit);
    expect(unlimited.disruptionNote).toBeNull();
    await service.handlers.switchScenario({ scenarioId: unlimited.previous.id });
    const limited = await callHandler(service.handlers, 'alignPlan', { ...request, maxMovedPct: limitPct });
    if (!limited.ok) throw new Error(limited.error.message);
    const summary = limited.value as AlignSummary;
    expect(summary.unitsMoved).toBeGreaterThan(0);
    expect(summary.unitsMoved).toBeLessThanOrEqual(limit);
    expect(summary.splitTerritories).toBe(0);
    expect(summary.withinTolerance).toBe(false);
    expect(summary.disruptionNote).toMatch(new RegExp(`^The disruption limit \\(at most ${limit} units may change territory; ${summary.unitsMoved} did\\) stopped the rebalance: .+ outside ±2%: `));
  });
});

describe('cancelAlign', () => {
  it('stops a run; the call says so plainly and the file is unchanged', async () => {
    const { file, service, events } = await openService();
    const before = fileHash(file);
    service.onEvent((e) => {
      if (e.name === 'alignProgress' && (e.payload as { phase: string }).phase === 'construct') void service.handlers.cancelAlign({});
    });
    const error = failure(await callHandler(service.handlers, 'alignPlan', { ...good, territories: 50, tolerance: 0.001 }));
    expect(error).toEqual({ code: 'user', message: 'Optimization cancelled; the project was not changed.' });
    expect(events.some((e) => e.name === 'alignProgress')).toBe(true);
    expect(fileHash(file)).toBe(before);
    expect(await service.handlers.cancelAlign({})).toEqual({ cancelled: false });
  });
});
