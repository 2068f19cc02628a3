/** Unit locks in the shared edit layer: the lock command, its exact inverse, and the assign command skipping locked units. */
import { describe, expect, it } from 'vitest';
import { applyOps, invertOps, type PlanState } from '../../shared/edit/edit-ops.ts';
import { assignUnits } from '../../shared/edit/commands.ts';
import { lockUnits } from '../../shared/edit/unit-lock-commands.ts';

function plan(): PlanState {
  const territory = (id: string) => ({ id, name: id, color: '#336699', repId: null, locked: false });
  return {
    assignments: new Map([['a', 'T1'], ['b', 'T1'], ['c', 'T2']]),
    territories: new Map([['T1', territory('T1')], ['T2', territory('T2')]]),
  };
}

describe('lockUnits', () => {
  it('locks only units not locked yet, and its inverse restores exactly the locks before', () => {
    const p = plan();
    const first = lockUnits(p, ['a'], true)!;
    applyOps(p, first.ops);
    const edit = lockUnits(p, ['a', 'b', 'b'], true)!;
    expect(edit).toEqual({ label: 'Lock unit b', ops: [{ op: 'lock', unitIds: ['b'], locked: true }] });
    applyOps(p, edit.ops);
    expect([...p.lockedUnits!].sort()).toEqual(['a', 'b']);
    applyOps(p, invertOps(edit.ops));
    expect([...p.lockedUnits!]).toEqual(['a']);
    expect(lockUnits(p, ['a'], true)).toBeNull();
    expect(lockUnits(p, ['a', 'c'], false)!.label).toBe('Unlock unit a');
  });

  it('keeps locked units out of assignments; an all-locked selection is no edit', () => {
    const p = plan();
    applyOps(p, lockUnits(p, ['a'], true)!.ops);
    expect(assignUnits(p, ['a', 'b'], 'T2')!.ops).toEqual([{ op: 'assign', unitIds: ['b'], from: ['T1'], to: 'T2' }]);
    expect(assignUnits(p, ['a'], null)).toBeNull();
  });
});
