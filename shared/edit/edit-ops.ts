/**
 * Edits are lists of invertible operations. A command turns user intent into an Edit; the
 * executor applies it to the in-memory plan and persists it through the API in one transaction;
 * undo applies the inverse. Renderer and main use the same `applyOps`, so they cannot disagree.
 */
import type { Region, Territory } from '../model/project.ts';
import { sameValue } from '../same-value.ts';

/** Move units to `to` (null = unassigned). `from[i]` is the previous territory of `unitIds[i]`. */
export interface AssignOp {
  op: 'assign';
  unitIds: string[];
  from: (string | null)[];
  to: string | null;
}

/** Create (before = null), change, or delete (after = null) a territory. */
export interface TerritoryOp {
  op: 'territory';
  before: Territory | null;
  after: Territory | null;
}

/**
 * Lock (locked = true) or unlock units: a locked unit keeps its territory — tools skip it and the
 * optimizer pins it. `unitIds` lists only units whose lock changes, so the inverse is exact.
 */
export interface LockOp {
  op: 'lock';
  unitIds: string[];
  locked: boolean;
}

/**
 * Create (before = null), change, or delete (after = null) a region. A territory joins or leaves a
 * region through a TerritoryOp (its `regionId`); a region can only be deleted once no territory is in it.
 */
export interface RegionOp {
  op: 'region';
  before: Region | null;
  after: Region | null;
}

export type EditOp = AssignOp | TerritoryOp | LockOp | RegionOp;

export interface Edit {
  /** Plain-language name shown in the History panel and the Undo menu, e.g. "Assign 3 units to West". */
  label: string;
  ops: EditOp[];
}

/** The part of a plan that edits change. `applyOps` mutates it in place (33,000 units: no copies). */
export interface PlanState {
  /** unit id -> territory id; unassigned units are absent. */
  assignments: Map<string, string>;
  territories: Map<string, Territory>;
  /** Locked unit ids. Optional so plans built before unit locks existed stay valid; `applyOps` creates it. */
  lockedUnits?: Set<string>;
  /** Regions of the scenario. Optional like `lockedUnits`; `applyOps` creates it. */
  regions?: Map<string, Region>;
}

/**
 * Whether two op lists make the same change, compared as main stores them (JSON: keys in any
 * order, a key whose value is undefined the same as a missing one).
 */
export function sameOps(a: readonly EditOp[], b: readonly EditOp[]): boolean {
  const stored = (ops: readonly EditOp[]): unknown => JSON.parse(JSON.stringify(ops));
  return sameValue(stored(a), stored(b));
}

/** The ops that undo `ops`, in the order they must be applied. */
export function invertOps(ops: readonly EditOp[]): EditOp[] {
  return ops.toReversed().flatMap(invertOp);
}

function invertOp(op: EditOp): EditOp[] {
  if (op.op === 'territory') return [{ op: 'territory', before: op.after, after: op.before }];
  if (op.op === 'lock') return [{ op: 'lock', unitIds: op.unitIds, locked: !op.locked }];
  if (op.op === 'region') return [{ op: 'region', before: op.after, after: op.before }];
  // Units may have come from several territories: one inverse op per origin.
  const byOrigin = new Map<string | null, string[]>();
  op.unitIds.forEach((unitId, i) => {
    const origin = op.from[i] ?? null;
    const group = byOrigin.get(origin);
    if (group) group.push(unitId);
    else byOrigin.set(origin, [unitId]);
  });
  return [...byOrigin].map(([origin, unitIds]) => ({
    op: 'assign',
    unitIds,
    from: unitIds.map(() => op.to),
    to: origin,
  }));
}

/** Apply ops to the plan in order. Throws on an op that does not fit the plan (stale edit). */
export function applyOps(plan: PlanState, ops: readonly EditOp[]): void {
  for (const op of ops) {
    if (op.op === 'territory') applyTerritoryOp(plan, op);
    else if (op.op === 'lock') applyLockOp(plan, op);
    else if (op.op === 'region') applyRegionOp(plan, op);
    else applyAssignOp(plan, op);
  }
}

function applyAssignOp(plan: PlanState, op: AssignOp): void {
  if (op.to !== null && !plan.territories.has(op.to)) {
    throw new Error(`Territory "${op.to}" does not exist in this plan.`);
  }
  for (const unitId of op.unitIds) {
    if (op.to === null) plan.assignments.delete(unitId);
    else plan.assignments.set(unitId, op.to);
  }
}

function applyLockOp(plan: PlanState, op: LockOp): void {
  plan.lockedUnits ??= new Set();
  for (const unitId of op.unitIds) {
    if (op.locked) plan.lockedUnits.add(unitId);
    else plan.lockedUnits.delete(unitId);
  }
}

function applyRegionOp(plan: PlanState, op: RegionOp): void {
  plan.regions ??= new Map();
  if (op.after) {
    plan.regions.set(op.after.id, op.after);
    return;
  }
  if (op.before) {
    for (const territory of plan.territories.values()) {
      if (territory.regionId === op.before.id) {
        throw new Error(`Region "${op.before.name}" still has territories; take them out first.`);
      }
    }
    plan.regions.delete(op.before.id);
  }
}

function applyTerritoryOp(plan: PlanState, op: TerritoryOp): void {
  if (op.after?.regionId && !plan.regions?.has(op.after.regionId)) {
    throw new Error(`Region "${op.after.regionId}" does not exist in this plan.`);
  }
  if (op.after) {
    plan.territories.set(op.after.id, op.after);
    return;
  }
  if (op.before) {
    for (const territoryId of plan.assignments.values()) {
      if (territoryId === op.before.id) {
        throw new Error(`Territory "${op.before.name}" still has units; unassign them first.`);
      }
    }
    plan.territories.delete(op.before.id);
  }
}

/** Every unit id an edit touches (for incremental metric and outline updates). */
export function touchedUnits(ops: readonly EditOp[]): Set<string> {
  const touched = new Set<string>();
  for (const op of ops) if (op.op === 'assign') for (const id of op.unitIds) touched.add(id);
  return touched;
}
