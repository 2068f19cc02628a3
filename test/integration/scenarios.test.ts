/**
 * Scenarios and the history list on real demo project files, through the service both hosts use:
 * duplicate, switch, rename, delete, compare data, and territory edits (delete, merge) as one
 * transaction and one undo step each.
 */
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../main/store/project-store.ts';
import { ProjectService } from '../../main/services/project-service.ts';
import { duplicateScenario } from '../../main/store/scenario-store.ts';
import { deleteTerritory, mergeTerritories } from '../../shared/edit/territory-commands.ts';
import type { PlanState } from '../../shared/edit/edit-ops.ts';
import type { ApiEvent } from '../../shared/api/contract.ts';
import { demoCopy, fileHash } from '../helpers/temp.ts';

const COOK_COUNTY = '17031'; // Great Lakes (T06) in the demo plan

async function openService() {
  const file = await demoCopy();
  const service = new ProjectService(ProjectStore.open(file));
  const events: ApiEvent[] = [];
  service.onEvent((e) => events.push(e));
  const data = await service.handlers.getMapData({});
  return { file, service, events, data };
}

function planOf(store: ProjectStore, scenarioId: string): PlanState {
  return { assignments: store.assignments(scenarioId), territories: new Map(store.territories(scenarioId).map((t) => [t.id, t])) };
}

describe('scenarios', () => {
  it('duplicates territories, outlines and assignments but not history, then switches to the copy', async () => {
    const { file, service, events, data } = await openService();
    const source = data.scenario.id;
    await service.handlers.applyEdit({
      scenarioId: source,
      edit: { label: 'Assign unit 17031 to Plains', ops: [{ op: 'assign', unitIds: [COOK_COUNTY], from: ['T06'], to: 'T05' }] },
    });
    const copy = await service.handlers.duplicateScenario({ scenarioId: source });
    expect(copy).toEqual({ id: 'S2', name: `Copy of ${data.scenario.name}` });
    const store = ProjectStore.open(file, { readonly: true });
    expect(store.assignments(copy.id)).toEqual(store.assignments(source));
    expect(store.territories(copy.id)).toEqual(store.territories(source));
    const outlines = (id: string) =>
      store.db.prepare('SELECT territory_id, hex(geom) AS g FROM territories WHERE scenario_id = ? ORDER BY territory_id').all(id);
    expect(outlines(copy.id)).toEqual(outlines(source));
    store.close();
    expect(await service.handlers.getHistory({ scenarioId: copy.id })).toEqual([]);
    expect(await service.handlers.getHistory({ scenarioId: source })).toHaveLength(1);

    await service.handlers.switchScenario({ scenarioId: copy.id });
    expect(events.at(-1)).toEqual({ name: 'projectChanged', payload: { reason: 'scenario', scenarioId: copy.id } });
    const switched = await service.handlers.getMapData({});
    expect(switched.scenario.id).toBe(copy.id);
    expect(switched.scenarios.map((s) => s.id)).toEqual([source, copy.id]);
    service.close();
    // The choice is stored in the file.
    const reopened = ProjectStore.open(file, { readonly: true });
    expect(reopened.activeScenario().id).toBe(copy.id);
    reopened.close();
  });

  it('edits a duplicate without touching the source, and compares them', async () => {
    const { service, data } = await openService();
    const copy = await service.handlers.duplicateScenario({ scenarioId: data.scenario.id, name: 'Stretch' });
    await service.handlers.applyEdit({
      scenarioId: copy.id,
      edit: { label: 'Move Cook', ops: [{ op: 'assign', unitIds: [COOK_COUNTY], from: ['T06'], to: 'T05' }] },
    });
    const base = await service.handlers.getScenarioPlan({ scenarioId: data.scenario.id });
    const other = await service.handlers.getScenarioPlan({ scenarioId: copy.id });
    expect(base.assignments[COOK_COUNTY]).toBe('T06');
    expect(other.assignments[COOK_COUNTY]).toBe('T05');
    expect(other.scenario).toEqual({ id: copy.id, name: 'Stretch' });
    service.close();
  });

  it('renames with a clear refusal for an empty or taken name, leaving the file unchanged', async () => {
    const { file, service, data } = await openService();
    const copy = await service.handlers.duplicateScenario({ scenarioId: data.scenario.id, name: 'B' });
    expect(await service.handlers.renameScenario({ scenarioId: copy.id, name: '  Plan B ' })).toEqual({ id: copy.id, name: 'Plan B' });
    const before = fileHash(file);
    expect(() => service.handlers.renameScenario({ scenarioId: copy.id, name: data.scenario.name.toUpperCase() })).toThrow(
      /already a scenario called/,
    );
    expect(() => service.handlers.renameScenario({ scenarioId: copy.id, name: '   ' })).toThrow(/needs a name/);
    expect(fileHash(file)).toBe(before);
    service.close();
  });

  it('deletes a scenario with its territories, assignments and history, but never the last one', async () => {
    const { file, service, data } = await openService();
    const copy = await service.handlers.duplicateScenario({ scenarioId: data.scenario.id });
    await service.handlers.applyEdit({
      scenarioId: copy.id,
      edit: { label: 'Move Cook', ops: [{ op: 'assign', unitIds: [COOK_COUNTY], from: ['T06'], to: 'T05' }] },
    });
    await service.handlers.switchScenario({ scenarioId: copy.id });
    const active = await service.handlers.deleteScenario({ scenarioId: copy.id });
    expect(active.id).toBe(data.scenario.id);
    const store = ProjectStore.open(file, { readonly: true });
    for (const table of ['territories', 'tessera_assignments', 'tessera_history', 'tessera_scenarios']) {
      const n = store.db.prepare(`SELECT count(*) FROM "${table}" WHERE scenario_id = ?`).pluck().get(copy.id);
      expect(n, table).toBe(0);
    }
    expect(store.activeScenario().id).toBe(data.scenario.id);
    store.close();
    const before = fileHash(file);
    expect(() => service.handlers.deleteScenario({ scenarioId: data.scenario.id })).toThrow(/only scenario/);
    expect(fileHash(file)).toBe(before);
    service.close();
  });

  it('duplicates a scenario twice with distinct names', async () => {
    const file = await demoCopy();
    const store = ProjectStore.open(file);
    const source = store.activeScenario();
    const a = duplicateScenario(store, source.id);
    const b = duplicateScenario(store, source.id);
    expect(b.name).toBe(`${a.name} (2)`);
    expect(new Set([source.id, a.id, b.id]).size).toBe(3);
    store.close();
  });
});

describe('history list and territory edits', () => {
  it('lists edits newest first with undone ones flagged, and survives a reopen', async () => {
    const { file, service, data } = await openService();
    const scenarioId = data.scenario.id;
    for (const [to, from] of [['T05', 'T06'], ['T04', 'T05']] as const) {
      await service.handlers.applyEdit({
        scenarioId,
        edit: { label: `Cook to ${to}`, ops: [{ op: 'assign', unitIds: [COOK_COUNTY], from: [from], to }] },
      });
    }
    await service.handlers.undo({ scenarioId });
    service.close();
    const again = new ProjectService(ProjectStore.open(file));
    const entries = await again.handlers.getHistory({ scenarioId });
    expect(entries.map((e) => [e.label, e.undone])).toEqual([
      ['Cook to T04', true],
      ['Cook to T05', false],
    ]);
    expect(entries[0]!.seq).toBeGreaterThan(entries[1]!.seq);
    expect(entries[0]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/);
    expect(await again.handlers.getHistory({ scenarioId, limit: 1 })).toHaveLength(1);
    again.close();
  });

  it('deletes a territory (units unassigned) and merges two, each one undo step in the file', async () => {
    const { file, service, data } = await openService();
    const scenarioId = data.scenario.id;
    let store = ProjectStore.open(file, { readonly: true });
    const deletion = deleteTerritory(planOf(store, scenarioId), 'T06');
    const t06Units = [...store.assignments(scenarioId)].filter(([, t]) => t === 'T06').length;
    store.close();
    expect(t06Units).toBeGreaterThan(100);
    await service.handlers.applyEdit({ scenarioId, edit: deletion });
    store = ProjectStore.open(file, { readonly: true });
    expect(store.territories(scenarioId).some((t) => t.id === 'T06')).toBe(false);
    expect(store.assignments(scenarioId).has(COOK_COUNTY)).toBe(false);
    const merge = mergeTerritories(planOf(store, scenarioId), 'T05', 'T04');
    store.close();
    await service.handlers.applyEdit({ scenarioId, edit: merge });
    store = ProjectStore.open(file, { readonly: true });
    const after = store.assignments(scenarioId);
    expect([...after.values()].includes('T04')).toBe(false);
    expect(store.territories(scenarioId).some((t) => t.id === 'T04')).toBe(false);
    store.close();

    expect((await service.handlers.undo({ scenarioId })).label).toBe(merge.label);
    expect((await service.handlers.undo({ scenarioId })).label).toBe(deletion.label);
    store = ProjectStore.open(file, { readonly: true });
    expect(store.assignments(scenarioId).get(COOK_COUNTY)).toBe('T06');
    expect(store.territories(scenarioId).map((t) => t.id)).toContain('T04');
    expect([...store.assignments(scenarioId).values()].filter((t) => t === 'T06')).toHaveLength(t06Units);
    store.close();
    service.close();
  });
});
