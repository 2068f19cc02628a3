/** Region edits: each command's ops, applied then inverted, give back exactly the plan before. */
import { describe, expect, it } from 'vitest';
import { applyOps, invertOps, type PlanState } from '../../shared/edit/edit-ops.ts';
import { createRegion, deleteRegion, nextRegionId, setTerritoryRegion, updateRegion } from '../../shared/edit/region-commands.ts';
import { editSchema } from '../../shared/api/contract.ts';
import type { Region, Territory } from '../../shared/model/project.ts';

const territory = (id: string, regionId: string | null = null, locked = false): Territory => ({
  id, name: `T ${id}`, color: '#112233', repId: null, locked, regionId,
});
const west: Region = { id: 'R1', name: 'West', color: '#0072b2', manager: 'Ana Ruiz' };

function plan(): PlanState {
  return {
    assignments: new Map([['u1', 'a'], ['u2', 'b']]),
    territories: new Map([['a', territory('a', 'R1')], ['b', territory('b')], ['c', territory('c', null, true)]]),
    regions: new Map([['R1', west]]),
  };
}

/** Deep copy of the parts of a plan regions touch, for before/after comparison. */
const snapshot = (p: PlanState) => structuredClone({ territories: p.territories, regions: p.regions, assignments: p.assignments });

function roundTrip(p: PlanState, ops: Parameters<typeof applyOps>[1]): void {
  const before = snapshot(p);
  applyOps(p, ops);
  expect(snapshot(p)).not.toEqual(before);
  applyOps(p, invertOps(ops));
  expect(snapshot(p)).toEqual(before);
  // and redo gives the same state as the first apply
  applyOps(p, ops);
  const again = snapshot(p);
  applyOps(p, invertOps(ops));
  applyOps(p, ops);
  expect(snapshot(p)).toEqual(again);
}

describe('region commands and their inverses', () => {
  it('creates a region, trims its name and manager, and undoes to no region', () => {
    const p = plan();
    const id = nextRegionId(p);
    expect(id).toBe('R2');
    const edit = createRegion(p, { id, name: '  East ', color: '#d55e00', manager: '  ' });
    expect(edit.label).toBe('Create region East');
    expect(edit.ops).toEqual([{ op: 'region', before: null, after: { id: 'R2', name: 'East', color: '#d55e00', manager: null } }]);
    roundTrip(p, edit.ops);
  });

  it('refuses an empty or duplicate name (case-insensitive) and an existing id', () => {
    expect(() => createRegion(plan(), { id: 'R9', name: ' ', color: '#000000', manager: null })).toThrow('A region needs a name.');
    expect(() => createRegion(plan(), { id: 'R9', name: 'west', color: '#000000', manager: null })).toThrow('There is already a region called "West".');
    expect(() => createRegion(plan(), { ...west, name: 'Other' })).toThrow('A region with id "R1" already exists.');
  });

  it('renames and sets the manager with a label saying what changed; null when nothing changes', () => {
    const p = plan();
    const rename = updateRegion(p, 'R1', { name: 'Pacific' })!;
    expect(rename.label).toBe('Rename region West to Pacific');
    roundTrip(p, rename.ops);
    expect(p.regions!.get('R1')!.name).toBe('Pacific'); // roundTrip leaves the edit applied
    applyOps(p, invertOps(rename.ops));
    expect(updateRegion(p, 'R1', { manager: null })!.label).toBe('Remove the manager of West');
    expect(updateRegion(p, 'R1', { name: 'West', manager: ' Ana Ruiz ' })).toBeNull();
    expect(() => updateRegion(p, 'R7', { name: 'x' })).toThrow('Region "R7" does not exist.');
  });

  it('moves territories (locked ones too) into a region, skipping those already there, and undoes each', () => {
    const p = plan();
    const edit = setTerritoryRegion(p, ['a', 'b', 'c', 'b'], 'R1')!;
    expect(edit.label).toBe('Move 2 territories to region West');
    expect(edit.ops.map((op) => op.op === 'territory' && op.after!.id)).toEqual(['b', 'c']);
    roundTrip(p, edit.ops);
    expect(p.territories.get('c')!.regionId).toBe('R1');
    expect(setTerritoryRegion(p, ['a'], 'R1')).toBeNull();
    expect(setTerritoryRegion(p, ['a'], null)!.label).toBe('Take T a out of its region');
    expect(() => setTerritoryRegion(p, ['zz'], 'R1')).toThrow('Territory "zz" does not exist.');
  });

  it('deletes a region with its memberships in one edit; undo puts every territory back in it', () => {
    const p = plan();
    applyOps(p, setTerritoryRegion(p, ['b'], 'R1')!.ops);
    const edit = deleteRegion(p, 'R1');
    expect(edit.label).toBe('Delete region West');
    expect(edit.ops.map((op) => op.op)).toEqual(['territory', 'territory', 'region']);
    roundTrip(p, edit.ops);
    expect(p.regions!.size).toBe(0);
    expect([...p.territories.values()].map((t) => t.regionId ?? null)).toEqual([null, null, null]);
  });

  it('applyOps refuses a bare region delete while territories are in it, and a territory in an unknown region', () => {
    const p = plan();
    expect(() => applyOps(p, [{ op: 'region', before: west, after: null }])).toThrow('Region "West" still has territories; take them out first.');
    expect(() => applyOps(p, [{ op: 'territory', before: territory('b'), after: territory('b', 'R5') }])).toThrow('Region "R5" does not exist in this plan.');
  });

  it('the API contract accepts region edits and rejects a malformed region', () => {
    const edit = createRegion(plan(), { id: 'R2', name: 'East', color: '#d55e00', manager: 'Bo' });
    expect(editSchema.parse(edit)).toEqual(edit);
    expect(editSchema.safeParse(setTerritoryRegion(plan(), ['b'], 'R1')).success).toBe(true);
    const bad = { label: 'x', ops: [{ op: 'region', before: null, after: { ...west, color: 'red' } }] };
    expect(editSchema.safeParse(bad).success).toBe(false);
  });
});
