/**
 * Main keeps locks whatever the client sends: `applyEdit` (main/store/history-store.ts, checked by
 * shared/edit/lock-guard.ts) refuses an edit that moves a locked unit, or that takes units out of
 * or into a locked territory, with a plain message and the project file byte for byte unchanged.
 * Lock and unlock edits themselves still go through, and an edit that unlocks before it moves is
 * accepted (the unlock is explicit and undoable). Real demo project, called as both hosts call it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../shared/api/contract.ts';
import type { Edit } from '../../shared/edit/edit-ops.ts';
import { callHandler } from '../../main/services/dispatch.ts';
import { ProjectService } from '../../main/services/project-service.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { demoCopy, fileHash } from '../helpers/temp.ts';

let open: ProjectService[] = [];
afterEach(() => {
  for (const service of open) service.close();
  open = [];
});

function failure(response: ApiResponse<unknown>): { code: string; message: string } {
  if (response.ok) throw new Error('expected the call to fail');
  return response.error;
}

async function setup() {
  const file = await demoCopy();
  const service = new ProjectService(ProjectStore.open(file));
  open.push(service);
  const data = await service.handlers.getMapData({});
  const scenarioId = data.scenario.id;
  const [a, b, c] = data.territories;
  const unitsOf = (id: string) => Object.keys(data.assignments).filter((u) => data.assignments[u] === id);
  const edit = (e: Edit) => callHandler(service.handlers, 'applyEdit', { scenarioId, edit: e });
  return { file, service, scenarioId, a: a!, b: b!, c: c!, unitsOf, edit };
}

describe('applyEdit keeps locks', () => {
  it('refuses to move a locked unit; the file is unchanged', async () => {
    const { file, a, b, unitsOf, edit } = await setup();
    const [locked, free] = unitsOf(a.id);
    expect((await edit({ label: 'Lock', ops: [{ op: 'lock', unitIds: [locked!], locked: true }] })).ok).toBe(true);
    const before = fileHash(file);
    const error = failure(
      await edit({ label: 'Move 2', ops: [{ op: 'assign', unitIds: [free!, locked!], from: [a.id, a.id], to: b.id }] }),
    );
    expect(error.code).toBe('user');
    expect(error.message).toBe(`Unit ${locked} is locked in territory "${a.name}". Unlock it before moving it; nothing was changed.`);
    // Unassigning is a move too.
    const unassign = failure(await edit({ label: 'Unassign', ops: [{ op: 'assign', unitIds: [locked!], from: [a.id], to: null }] }));
    expect(unassign.message).toMatch(/^Unit .+ is locked in territory/);
    expect(fileHash(file)).toBe(before);
    // The free unit alone moves; unlocking and then moving in one edit is accepted.
    expect((await edit({ label: 'Move free', ops: [{ op: 'assign', unitIds: [free!], from: [a.id], to: b.id }] })).ok).toBe(true);
    const both = await edit({
      label: 'Unlock and move',
      ops: [
        { op: 'lock', unitIds: [locked!], locked: false },
        { op: 'assign', unitIds: [locked!], from: [a.id], to: b.id },
      ],
    });
    expect(both.ok).toBe(true);
  });

  it('refuses to change the units of a locked territory, in or out; unlocking still works', async () => {
    const { file, a, b, c, unitsOf, edit } = await setup();
    expect((await edit({ label: 'Lock territory', ops: [{ op: 'territory', before: a, after: { ...a, locked: true } }] })).ok).toBe(true);
    const before = fileHash(file);
    const out = failure(await edit({ label: 'Out', ops: [{ op: 'assign', unitIds: [unitsOf(a.id)[0]!], from: [a.id], to: b.id }] }));
    expect(out.code).toBe('user');
    expect(out.message).toMatch(new RegExp(`^Territory "${a.name}" is locked: it keeps its units \\(unit .+ would leave it\\)\\. Unlock it first; nothing was changed\\.$`));
    const into = failure(await edit({ label: 'In', ops: [{ op: 'assign', unitIds: [unitsOf(c.id)[0]!], from: [c.id], to: a.id }] }));
    expect(into.message).toBe(`Territory "${a.name}" is locked: it keeps its units and takes no others. Unlock it first; nothing was changed.`);
    // A mixed edit is refused whole: the allowed part is not written either.
    const mixed = failure(
      await edit({
        label: 'Mixed',
        ops: [
          { op: 'assign', unitIds: [unitsOf(c.id)[0]!], from: [c.id], to: b.id },
          { op: 'assign', unitIds: [unitsOf(a.id)[0]!], from: [a.id], to: b.id },
        ],
      }),
    );
    expect(mixed.message).toMatch(/is locked/);
    expect(fileHash(file)).toBe(before);
    // Renaming a locked territory does not touch its units; unlocking is the lock op itself.
    expect((await edit({ label: 'Rename', ops: [{ op: 'territory', before: { ...a, locked: true }, after: { ...a, locked: true, name: 'Kept' } }] })).ok).toBe(true);
    expect((await edit({ label: 'Unlock', ops: [{ op: 'territory', before: { ...a, locked: true, name: 'Kept' }, after: { ...a, name: 'Kept' } }] })).ok).toBe(true);
    expect((await edit({ label: 'Out now', ops: [{ op: 'assign', unitIds: [unitsOf(a.id)[0]!], from: [a.id], to: b.id }] })).ok).toBe(true);
  });
});
