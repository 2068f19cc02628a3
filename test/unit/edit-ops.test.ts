import { describe, expect, it } from 'vitest';
import { assignUnits } from '../../shared/edit/commands.ts';
import { applyOps, invertOps, sameOps, type EditOp, type PlanState } from '../../shared/edit/edit-ops.ts';
import type { Territory } from '../../shared/model/project.ts';

const territory = (id: string, locked = false): Territory => ({ id, name: `T ${id}`, color: '#112233', repId: null, locked });

function plan(): PlanState {
  return {
    assignments: new Map([
      ['u1', 'a'],
      ['u2', 'a'],
      ['u3', 'b'],
    ]),
    territories: new Map([
      ['a', territory('a')],
      ['b', territory('b')],
      ['locked', territory('locked', true)],
    ]),
  };
}

describe('edit ops and commands', () => {
  it('assigns units from several territories and undoes back to each origin', () => {
    const state = plan();
    const edit = assignUnits(state, ['u1', 'u3', 'u4'], 'b')!;
    expect(edit.label).toBe('Assign 2 units to T b');
    const before = new Map(state.assignments);
    applyOps(state, edit.ops);
    expect(state.assignments.get('u1')).toBe('b');
    expect(state.assignments.get('u4')).toBe('b');
    applyOps(state, invertOps(edit.ops));
    expect(state.assignments).toEqual(before);
  });

  it('returns null when nothing would change', () => {
    expect(assignUnits(plan(), ['u3'], 'b')).toBeNull();
  });

  it('leaves locked territories alone, as source and as target', () => {
    const state = plan();
    state.assignments.set('u9', 'locked');
    expect(assignUnits(state, ['u1'], 'locked')).toBeNull();
    const edit = assignUnits(state, ['u9', 'u1'], 'b')!;
    expect(edit.ops).toEqual([{ op: 'assign', unitIds: ['u1'], from: ['a'], to: 'b' }]);
  });

  it('unassigns with a null target and names the edit for the history', () => {
    const edit = assignUnits(plan(), ['u2'], null)!;
    expect(edit.label).toBe('Unassign unit u2');
  });

  it('refuses to delete a territory that still has units', () => {
    const state = plan();
    expect(() => applyOps(state, [{ op: 'territory', before: territory('a'), after: null }])).toThrow(/still has units/);
  });

  it('inverts territory creation as deletion', () => {
    const state = plan();
    const ops = [{ op: 'territory' as const, before: null, after: territory('c') }];
    applyOps(state, ops);
    expect(state.territories.has('c')).toBe(true);
    applyOps(state, invertOps(ops));
    expect(state.territories.has('c')).toBe(false);
  });
});

describe('sameOps (an optimistic undo checks main answered with the same ops)', () => {
  const assign: EditOp = { op: 'assign', unitIds: ['u1', 'u2'], from: ['a', null], to: 'b' };
  it('ignores key order and keys whose value is undefined, as main stores ops as JSON', () => {
    const reordered = JSON.parse('{"to":"b","from":["a",null],"unitIds":["u1","u2"],"op":"assign"}') as EditOp;
    expect(sameOps([assign], [reordered])).toBe(true);
    const withUndefined: EditOp = { op: 'territory', before: null, after: { ...territory('c'), regionId: undefined } };
    expect(sameOps([withUndefined], [{ op: 'territory', before: null, after: territory('c') }])).toBe(true);
  });
  it('tells apart other units, origins, targets, order and length', () => {
    expect(sameOps([assign], [{ ...assign, unitIds: ['u1', 'u3'] }])).toBe(false);
    expect(sameOps([assign], [{ ...assign, from: ['a', 'a'] }])).toBe(false);
    expect(sameOps([assign], [{ ...assign, to: null }])).toBe(false);
    const lock: EditOp = { op: 'lock', unitIds: ['u1'], locked: true };
    expect(sameOps([assign, lock], [lock, assign])).toBe(false);
    expect(sameOps([assign], [assign, lock])).toBe(false);
    expect(sameOps([assign], [])).toBe(false);
  });
});
