/** Edits, undo and redo on a real demo project file: durable, reversible, refused when stale. */
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../main/store/project-store.ts';
import { ProjectService } from '../../main/services/project-service.ts';
import { demoCopy, fileHash } from '../helpers/temp.ts';
import { decodeGpkgGeometry } from '../../main/store/gpkg-geometry.ts';

const COOK_COUNTY = '17031'; // Great Lakes (T06) in the demo plan

function outlineOf(store: ProjectStore, territoryId: string) {
  const row = store.db.prepare('SELECT geom FROM territories WHERE territory_id = ?').get(territoryId) as { geom: Buffer };
  return JSON.stringify(decodeGpkgGeometry(row.geom));
}

describe('edit history in the project file', () => {
  it('applies, undoes and redoes an edit, surviving a reopen, and updates territory outlines', async () => {
    const file = await demoCopy();
    let service = new ProjectService(ProjectStore.open(file));
    const { scenario, assignments } = service.handlers.getMapData({}) as Awaited<ReturnType<typeof service.handlers.getMapData>>;
    expect(assignments[COOK_COUNTY]).toBe('T06');
    const outlineBefore = outlineOf(ProjectStore.open(file, { readonly: true }), 'T06');

    const history = await service.handlers.applyEdit({
      scenarioId: scenario.id,
      edit: { label: 'Assign unit 17031 to Plains', ops: [{ op: 'assign', unitIds: [COOK_COUNTY], from: ['T06'], to: 'T05' }] },
    });
    expect(history).toEqual({ canUndo: true, canRedo: false, undoLabel: 'Assign unit 17031 to Plains', redoLabel: null });
    service.close();

    const reader = ProjectStore.open(file, { readonly: true });
    expect(reader.assignments(scenario.id).get(COOK_COUNTY)).toBe('T05');
    expect(outlineOf(reader, 'T06')).not.toBe(outlineBefore);
    reader.close();

    service = new ProjectService(ProjectStore.open(file));
    const undone = await service.handlers.undo({ scenarioId: scenario.id });
    expect(undone.label).toBe('Assign unit 17031 to Plains');
    expect(undone.ops).toEqual([{ op: 'assign', unitIds: [COOK_COUNTY], from: ['T05'], to: 'T06' }]);
    expect(undone.history.canRedo).toBe(true);
    const store = ProjectStore.open(file, { readonly: true });
    expect(store.assignments(scenario.id).get(COOK_COUNTY)).toBe('T06');
    expect(outlineOf(store, 'T06')).toBe(outlineBefore);
    store.close();

    const redone = await service.handlers.redo({ scenarioId: scenario.id });
    expect(redone.ops[0]).toMatchObject({ to: 'T05' });
    expect((await service.handlers.redo({ scenarioId: scenario.id })).ops).toEqual([]);
    service.close();
  });

  it('refuses an edit made on a stale view and leaves the file exactly as it was', async () => {
    const file = await demoCopy();
    const service = new ProjectService(ProjectStore.open(file));
    const { scenario } = service.handlers.getMapData({}) as Awaited<ReturnType<typeof service.handlers.getMapData>>;
    service.close();
    const before = fileHash(file);
    const again = new ProjectService(ProjectStore.open(file));
    const stale = { label: 'stale', ops: [{ op: 'assign' as const, unitIds: [COOK_COUNTY, '06037'], from: ['T06', 'T06'], to: 'T05' }] };
    expect(() => again.handlers.applyEdit({ scenarioId: scenario.id, edit: stale })).toThrow(/Unit "06037" changed territory/);
    expect(() =>
      again.handlers.applyEdit({ scenarioId: scenario.id, edit: { label: 'x', ops: [{ op: 'assign', unitIds: ['99999'], from: [null], to: 'T05' }] } }),
    ).toThrow(/Unit "99999" does not exist/);
    expect(() =>
      again.handlers.applyEdit({ scenarioId: scenario.id, edit: { label: 'x', ops: [{ op: 'assign', unitIds: [COOK_COUNTY], from: ['T06'], to: 'T99' }] } }),
    ).toThrow(/Territory "T99" does not exist/);
    again.close();
    expect(fileHash(file)).toBe(before);
  });

  it('drops the redo branch when a new edit follows an undo', async () => {
    const file = await demoCopy();
    const service = new ProjectService(ProjectStore.open(file));
    const scenarioId = 'S1';
    const move = (to: string, from: string) => ({ label: `to ${to}`, ops: [{ op: 'assign' as const, unitIds: [COOK_COUNTY], from: [from], to }] });
    await service.handlers.applyEdit({ scenarioId, edit: move('T05', 'T06') });
    await service.handlers.undo({ scenarioId });
    const history = await service.handlers.applyEdit({ scenarioId, edit: move('T07', 'T06') });
    expect(history).toMatchObject({ canRedo: false, undoLabel: 'to T07' });
    service.close();
  });
});
