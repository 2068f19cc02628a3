/** Territory commands: each is one invertible Edit; applying then inverting restores the plan exactly. */
import { describe, expect, it } from 'vitest';
import { applyOps, invertOps, type Edit, type PlanState } from '../../shared/edit/edit-ops.ts';
import {
  createTerritory,
  deleteTerritory,
  mergeTerritories,
  nextTerritoryId,
  updateTerritory,
} from '../../shared/edit/territory-commands.ts';
import type { Territory } from '../../shared/model/project.ts';

const territory = (id: string, locked = false): Territory => ({ id, name: `T ${id}`, color: '#112233', repId: null, locked });

function plan(): PlanState {
  return {
    assignments: new Map([
      ['u1', 'a'],
      ['u2', 'a'],
      ['u3', 'b'],
      ['u4', 'locked'],
    ]),
    territories: new Map([
      ['a', territory('a')],
      ['b', territory('b')],
      ['locked', territory('locked', true)],
    ]),
  };
}

function snapshot(state: PlanState) {
  return { assignments: [...state.assignments].sort(), territories: [...state.territories].sort() };
}

/** Apply, check, undo, check the plan is back to what it was. */
function roundTrip(state: PlanState, edit: Edit, check: (s: PlanState) => void): void {
  const before = snapshot(state);
  applyOps(state, edit.ops);
  check(state);
  applyOps(state, invertOps(edit.ops));
  expect(snapshot(state)).toEqual(before);
}

describe('territory commands', () => {
  it('creates a territory with a fresh id, and undo removes it', () => {
    const state = plan();
    const id = nextTerritoryId(state);
    expect(id).toBe('T04');
    const edit = createTerritory(state, { id, name: '  North ', color: '#aa0000', repId: null, locked: false });
    expect(edit.label).toBe('Create territory North');
    roundTrip(state, edit, (s) => expect(s.territories.get(id)?.name).toBe('North'));
  });

  it('refuses a duplicate id and an empty name', () => {
    expect(() => createTerritory(plan(), territory('a'))).toThrow(/already exists/);
    expect(() => createTerritory(plan(), { ...territory('z'), name: ' ' })).toThrow(/needs a name/);
  });

  it('renames, recolours, assigns a rep, locks and unlocks, each with its own label', () => {
    const state = plan();
    expect(updateTerritory(state, 'a', { name: 'West' })!.label).toBe('Rename T a to West');
    expect(updateTerritory(state, 'a', { color: '#000000' })!.label).toBe('Recolour T a');
    expect(updateTerritory(state, 'a', { repId: 'R1' })!.label).toBe('Assign a rep to T a');
    expect(updateTerritory(state, 'a', { locked: true })!.label).toBe('Lock T a');
    expect(updateTerritory(state, 'locked', { locked: false })!.label).toBe('Unlock T locked');
    expect(updateTerritory(state, 'a', { name: 'X', color: '#000000' })!.label).toBe('Edit territory T a');
    roundTrip(state, updateTerritory(state, 'a', { name: 'West', repId: 'R9' })!, (s) => {
      expect(s.territories.get('a')).toMatchObject({ name: 'West', repId: 'R9' });
    });
  });

  it('returns null when an update changes nothing, and refuses an unknown territory', () => {
    expect(updateTerritory(plan(), 'a', { name: 'T a', color: '#112233' })).toBeNull();
    expect(() => updateTerritory(plan(), 'nope', { name: 'x' })).toThrow(/does not exist/);
  });

  it('deletes a territory and unassigns its units in one edit; undo brings both back', () => {
    const state = plan();
    const edit = deleteTerritory(state, 'a');
    expect(edit.label).toBe('Delete territory T a');
    expect(edit.ops.map((o) => o.op)).toEqual(['assign', 'territory']);
    roundTrip(state, edit, (s) => {
      expect(s.territories.has('a')).toBe(false);
      expect(s.assignments.has('u1')).toBe(false);
      expect(s.assignments.has('u2')).toBe(false);
      expect(s.assignments.get('u3')).toBe('b');
    });
  });

  it('deletes an empty territory with the territory op alone', () => {
    const state = plan();
    state.territories.set('empty', territory('empty'));
    expect(deleteTerritory(state, 'empty').ops).toHaveLength(1);
  });

  it('merges two territories in one edit; undo splits them again', () => {
    const state = plan();
    const edit = mergeTerritories(state, 'b', 'a');
    expect(edit.label).toBe('Merge T a into T b');
    roundTrip(state, edit, (s) => {
      expect(s.territories.has('a')).toBe(false);
      expect([s.assignments.get('u1'), s.assignments.get('u2'), s.assignments.get('u3')]).toEqual(['b', 'b', 'b']);
    });
  });

  it('refuses to delete or merge a locked territory, or merge one with itself', () => {
    expect(() => deleteTerritory(plan(), 'locked')).toThrow(/locked/);
    expect(() => mergeTerritories(plan(), 'a', 'locked')).toThrow(/locked/);
    expect(() => mergeTerritories(plan(), 'locked', 'a')).toThrow(/locked/);
    expect(() => mergeTerritories(plan(), 'a', 'a')).toThrow(/two different/);
  });
});
