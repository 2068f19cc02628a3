/**
 * Region commands: the optional second level that groups territories (e.g. "West", "East") under a
 * manager. Pure functions from the plan and an intent to one Edit, so each is one undo step.
 * Membership lives on the territory (`Territory.regionId`), so putting a territory in a region is a
 * territory op and deleting a region takes its territories out of it in the same Edit — undo then
 * puts them back exactly.
 */
import type { Region, Territory } from '../model/project.ts';
import type { Edit, EditOp, PlanState } from './edit-ops.ts';

/** The fields of a region a user can change (everything but its id). */
export type RegionPatch = Partial<Omit<Region, 'id'>>;

const MAX_NAME = 200;

/** A fresh region id for the plan: `R1`, `R2`, … */
export function nextRegionId(plan: PlanState): string {
  const regions = plan.regions ?? new Map<string, Region>();
  let n = regions.size + 1;
  while (regions.has(`R${n}`)) n++;
  return `R${n}`;
}

/** Create a region. Throws when the id exists, or the name is empty or taken. */
export function createRegion(plan: PlanState, region: Region): Edit {
  if (plan.regions?.has(region.id)) throw new Error(`A region with id "${region.id}" already exists.`);
  const name = cleanName(plan, region.name, null);
  const after: Region = { ...region, name, manager: cleanManager(region.manager) };
  return { label: `Create region ${name}`, ops: [{ op: 'region', before: null, after }] };
}

/** Rename a region, change its colour or manager. Returns null when nothing changes. */
export function updateRegion(plan: PlanState, regionId: string, patch: RegionPatch): Edit | null {
  const before = requireRegion(plan, regionId);
  const after: Region = { ...before };
  if (patch.name !== undefined) after.name = cleanName(plan, patch.name, regionId);
  if (patch.color !== undefined) after.color = patch.color;
  if (patch.manager !== undefined) after.manager = cleanManager(patch.manager);
  const changed = (['name', 'color', 'manager'] as const).filter((k) => after[k] !== before[k]);
  if (changed.length === 0) return null;
  const label =
    changed.length > 1
      ? `Edit region ${before.name}`
      : changed[0] === 'name'
        ? `Rename region ${before.name} to ${after.name}`
        : changed[0] === 'color'
          ? `Recolour region ${before.name}`
          : after.manager
            ? `Set the manager of ${before.name}`
            : `Remove the manager of ${before.name}`;
  return { label, ops: [{ op: 'region', before, after }] };
}

/** Delete a region; its territories stay but belong to no region, in the same Edit. */
export function deleteRegion(plan: PlanState, regionId: string): Edit {
  const region = requireRegion(plan, regionId);
  const ops: EditOp[] = territoriesOf(plan, regionId).map((before) => ({ op: 'territory', before, after: { ...before, regionId: null } }));
  ops.push({ op: 'region', before: region, after: null });
  return { label: `Delete region ${region.name}`, ops };
}

/**
 * Put territories into a region (null = no region). Territories already there are skipped;
 * returns null when none changes. Locked territories can change region: the lock protects units.
 */
export function setTerritoryRegion(plan: PlanState, territoryIds: Iterable<string>, regionId: string | null): Edit | null {
  const region = regionId === null ? null : requireRegion(plan, regionId);
  const ops: EditOp[] = [];
  for (const territoryId of new Set(territoryIds)) {
    const before = plan.territories.get(territoryId);
    if (!before) throw new Error(`Territory "${territoryId}" does not exist.`);
    if ((before.regionId ?? null) === regionId) continue;
    ops.push({ op: 'territory', before, after: { ...before, regionId } });
  }
  if (ops.length === 0) return null;
  const first = ops[0]!.op === 'territory' ? ops[0]!.after!.name : '';
  const what = ops.length === 1 ? first : `${ops.length} territories`;
  return { label: region ? `Move ${what} to region ${region.name}` : `Take ${what} out of its region`, ops };
}

/** Territories of a region, in plan order. */
export function territoriesOf(plan: PlanState, regionId: string): Territory[] {
  return [...plan.territories.values()].filter((t) => t.regionId === regionId);
}

function requireRegion(plan: PlanState, regionId: string): Region {
  const region = plan.regions?.get(regionId);
  if (!region) throw new Error(`Region "${regionId}" does not exist.`);
  return region;
}

function cleanName(plan: PlanState, name: string, exceptId: string | null): string {
  const clean = name.trim();
  if (!clean) throw new Error('A region needs a name.');
  if (clean.length > MAX_NAME) throw new Error(`A region name can be at most ${MAX_NAME} characters long.`);
  for (const r of plan.regions?.values() ?? []) {
    if (r.id !== exceptId && r.name.toLowerCase() === clean.toLowerCase()) throw new Error(`There is already a region called "${r.name}".`);
  }
  return clean;
}

function cleanManager(manager: string | null): string | null {
  const clean = manager?.trim() ?? '';
  return clean ? clean.slice(0, MAX_NAME) : null;
}
