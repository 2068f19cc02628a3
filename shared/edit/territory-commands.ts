/**
 * Territory commands: pure functions from the plan and an intent to one Edit (a label plus
 * invertible ops), so each is one undo step. Deleting or merging moves the units in the same Edit
 * as the territory op, because a territory can only be deleted once it has no units.
 * Locked territories cannot be deleted, merged or have units taken from them.
 */
import type { Territory } from '../model/project.ts';
import type { Edit, EditOp, PlanState } from './edit-ops.ts';

/** The fields of a territory a user can change (everything but its id). */
export type TerritoryPatch = Partial<Omit<Territory, 'id'>>;

/** A fresh territory id for the plan: `T` + the next free two-digit (or longer) number. */
export function nextTerritoryId(plan: PlanState): string {
  let n = plan.territories.size + 1;
  while (plan.territories.has(`T${String(n).padStart(2, '0')}`)) n++;
  return `T${String(n).padStart(2, '0')}`;
}

/** Create a territory. Throws when the id exists or the name is empty. */
export function createTerritory(plan: PlanState, territory: Territory): Edit {
  if (plan.territories.has(territory.id)) throw new Error(`A territory with id "${territory.id}" already exists.`);
  const name = territory.name.trim();
  if (!name) throw new Error('A territory needs a name.');
  return { label: `Create territory ${name}`, ops: [{ op: 'territory', before: null, after: { ...territory, name } }] };
}

/**
 * Change a territory's name, colour, rep or lock. Returns null when nothing changes. A locked
 * territory can still be unlocked (and renamed, recoloured, given a rep): the lock protects its units.
 */
export function updateTerritory(plan: PlanState, territoryId: string, patch: TerritoryPatch): Edit | null {
  const before = requireTerritory(plan, territoryId);
  const after: Territory = { ...before, ...definedOnly(patch) };
  if (patch.name !== undefined) {
    after.name = patch.name.trim();
    if (!after.name) throw new Error('A territory needs a name.');
  }
  const changed = (['name', 'color', 'repId', 'locked'] as const).filter((k) => after[k] !== before[k]);
  if (changed.length === 0) return null;
  return { label: updateLabel(before, after, changed), ops: [{ op: 'territory', before, after }] };
}

function updateLabel(before: Territory, after: Territory, changed: readonly (keyof Territory)[]): string {
  if (changed.length > 1) return `Edit territory ${before.name}`;
  switch (changed[0]) {
    case 'name':
      return `Rename ${before.name} to ${after.name}`;
    case 'color':
      return `Recolour ${before.name}`;
    case 'repId':
      return after.repId ? `Assign a rep to ${before.name}` : `Remove the rep of ${before.name}`;
    default:
      return after.locked ? `Lock ${before.name}` : `Unlock ${before.name}`;
  }
}

/** Delete a territory; its units go back to unassigned, in the same Edit. */
export function deleteTerritory(plan: PlanState, territoryId: string): Edit {
  const territory = requireTerritory(plan, territoryId);
  if (territory.locked) throw new Error(`${territory.name} is locked; unlock it before deleting it.`);
  const units = unitsOf(plan, territoryId);
  const ops: EditOp[] = [];
  if (units.length) ops.push({ op: 'assign', unitIds: units, from: units.map(() => territoryId), to: null });
  ops.push({ op: 'territory', before: territory, after: null });
  return { label: `Delete territory ${territory.name}`, ops };
}

/** Merge `absorbedId` into `keepId`: its units move to `keepId` and it is deleted, as one Edit. */
export function mergeTerritories(plan: PlanState, keepId: string, absorbedId: string): Edit {
  if (keepId === absorbedId) throw new Error('Pick two different territories to merge.');
  const keep = requireTerritory(plan, keepId);
  const absorbed = requireTerritory(plan, absorbedId);
  for (const t of [keep, absorbed]) if (t.locked) throw new Error(`${t.name} is locked; unlock it before merging.`);
  const units = unitsOf(plan, absorbedId);
  const ops: EditOp[] = [];
  if (units.length) ops.push({ op: 'assign', unitIds: units, from: units.map(() => absorbedId), to: keepId });
  ops.push({ op: 'territory', before: absorbed, after: null });
  return { label: `Merge ${absorbed.name} into ${keep.name}`, ops };
}

function requireTerritory(plan: PlanState, territoryId: string): Territory {
  const territory = plan.territories.get(territoryId);
  if (!territory) throw new Error(`Territory "${territoryId}" does not exist.`);
  return territory;
}

function unitsOf(plan: PlanState, territoryId: string): string[] {
  const units: string[] = [];
  for (const [unitId, t] of plan.assignments) if (t === territoryId) units.push(unitId);
  return units;
}

function definedOnly(patch: TerritoryPatch): TerritoryPatch {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as TerritoryPatch;
}
