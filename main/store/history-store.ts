/**
 * Edit persistence and undo/redo. An edit is written to the plan tables and appended to
 * tessera_history in one transaction, so an acknowledged edit is durable and never half-applied.
 * History is kept per scenario and never expires; a new edit discards the redo branch.
 */
import type { HistoryState } from '../../shared/model/project.ts';
import { type Edit, type EditOp, invertOps } from '../../shared/edit/edit-ops.ts';
import { UserError } from '../../shared/errors.ts';
import type { ProjectStore } from './project-store.ts';
import { isUnitLocked, lockedUnits, setUnitLocks } from './unit-locks.ts';
import { lockedEditProblem } from '../../shared/edit/lock-guard.ts';
import { deleteRegion, regionExists, regionInUse, upsertRegion } from './regions.ts';
import type { HistoryEntry } from '../../shared/api/contract.ts';

interface HistoryRow {
  seq: number;
  label: string;
  ops: string;
}

export interface AppliedEdit {
  ops: EditOp[];
  label: string | null;
  history: HistoryState;
}

/** Apply an edit to a scenario's plan and record it as one undo step. */
export function applyEdit(store: ProjectStore, scenarioId: string, edit: Edit): HistoryState {
  store.requireScenario(scenarioId);
  refuseLockedChanges(store, scenarioId, edit.ops);
  store.transaction(() => {
    writeOps(store, scenarioId, edit.ops);
    store.db.prepare('DELETE FROM tessera_history WHERE scenario_id = ? AND undone = 1').run(scenarioId);
    store.db
      .prepare(
        "INSERT INTO tessera_history (scenario_id, label, ops, created_at) VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
      )
      .run(scenarioId, edit.label, JSON.stringify(edit.ops));
  });
  return historyState(store, scenarioId);
}

/** Revert the newest applied edit of the scenario. Returns the ops applied (empty if none). */
export function undo(store: ProjectStore, scenarioId: string): AppliedEdit {
  store.requireScenario(scenarioId);
  return store.transaction(() => {
    const row = store.db
      .prepare('SELECT seq, label, ops FROM tessera_history WHERE scenario_id = ? AND undone = 0 ORDER BY seq DESC LIMIT 1')
      .get(scenarioId) as HistoryRow | undefined;
    if (!row) return { ops: [], label: null, history: historyState(store, scenarioId) };
    const ops = invertOps(JSON.parse(row.ops) as EditOp[]);
    writeOps(store, scenarioId, ops);
    store.db.prepare('UPDATE tessera_history SET undone = 1 WHERE seq = ?').run(row.seq);
    return { ops, label: row.label, history: historyState(store, scenarioId) };
  });
}

/** Re-apply the oldest undone edit of the scenario. Returns the ops applied (empty if none). */
export function redo(store: ProjectStore, scenarioId: string): AppliedEdit {
  store.requireScenario(scenarioId);
  return store.transaction(() => {
    const row = store.db
      .prepare('SELECT seq, label, ops FROM tessera_history WHERE scenario_id = ? AND undone = 1 ORDER BY seq ASC LIMIT 1')
      .get(scenarioId) as HistoryRow | undefined;
    if (!row) return { ops: [], label: null, history: historyState(store, scenarioId) };
    const ops = JSON.parse(row.ops) as EditOp[];
    writeOps(store, scenarioId, ops);
    store.db.prepare('UPDATE tessera_history SET undone = 0 WHERE seq = ?').run(row.seq);
    return { ops, label: row.label, history: historyState(store, scenarioId) };
  });
}

export function historyState(store: ProjectStore, scenarioId: string): HistoryState {
  const last = (undone: 0 | 1, order: 'ASC' | 'DESC') =>
    store.db
      .prepare(`SELECT label FROM tessera_history WHERE scenario_id = ? AND undone = ? ORDER BY seq ${order} LIMIT 1`)
      .get(scenarioId, undone) as { label: string } | undefined;
  const undoRow = last(0, 'DESC');
  const redoRow = last(1, 'ASC');
  return { canUndo: !!undoRow, canRedo: !!redoRow, undoLabel: undoRow?.label ?? null, redoLabel: redoRow?.label ?? null };
}

/**
 * Locked units keep their territory and locked territories keep their units, whatever the client
 * sends (shared/edit/lock-guard.ts); an edit that breaks a lock is refused before anything is written.
 */
function refuseLockedChanges(store: ProjectStore, scenarioId: string, ops: readonly EditOp[]): void {
  if (!ops.some((op) => op.op === 'assign')) return;
  const locked = new Set(lockedUnits(store, scenarioId));
  const territories = new Map(store.territories(scenarioId).map((t) => [t.id, t]));
  const problem = lockedEditProblem(ops, { unitLocked: (id) => locked.has(id), territory: (id) => territories.get(id) });
  if (problem) throw new UserError(problem);
}

/**
 * Write ops to the plan tables, checking each against the stored plan first: an edit made on a
 * stale view (another window changed the same units) is refused rather than silently merged.
 */
function writeOps(store: ProjectStore, scenarioId: string, ops: readonly EditOp[]): void {
  const territoryIds = new Set(store.territories(scenarioId).map((t) => t.id));
  const currentOf = store.db.prepare('SELECT territory_id FROM tessera_assignments WHERE scenario_id = ? AND unit_id = ?').pluck();
  const unitExists = store.db.prepare('SELECT 1 FROM units WHERE unit_id = ?').pluck();
  for (const op of ops) {
    if (op.op === 'region') {
      writeRegionOp(store, scenarioId, op);
      continue;
    }
    if (op.op === 'territory') {
      if (op.after) {
        if (op.after.regionId && !regionExists(store, scenarioId, op.after.regionId)) {
          throw new UserError(`Region "${op.after.regionId}" does not exist in this plan; reload the plan and try again.`);
        }
        store.upsertTerritory(scenarioId, op.after);
        territoryIds.add(op.after.id);
      } else if (op.before) {
        const used = store.db
          .prepare('SELECT 1 FROM tessera_assignments WHERE scenario_id = ? AND territory_id = ? LIMIT 1')
          .get(scenarioId, op.before.id);
        if (used) throw new UserError(`Territory "${op.before.name}" still has units; unassign them before deleting it.`);
        store.deleteTerritory(scenarioId, op.before.id);
        territoryIds.delete(op.before.id);
      }
      continue;
    }
    if (op.op === 'lock') {
      for (const unitId of op.unitIds) {
        if (!unitExists.get(unitId)) throw new UserError(`Unit "${unitId}" does not exist in this project.`);
        if (isUnitLocked(store, scenarioId, unitId) === op.locked) {
          throw new UserError(`Unit "${unitId}" was already ${op.locked ? 'locked' : 'unlocked'}; reload the plan and try again.`);
        }
      }
      setUnitLocks(store, scenarioId, op.unitIds, op.locked);
      continue;
    }
    if (op.to !== null && !territoryIds.has(op.to)) throw new UserError(`Territory "${op.to}" does not exist in this plan.`);
    op.unitIds.forEach((unitId, i) => {
      const current = (currentOf.get(scenarioId, unitId) as string | undefined) ?? null;
      if (current === null && !unitExists.get(unitId)) throw new UserError(`Unit "${unitId}" does not exist in this project.`);
      if (current !== (op.from[i] ?? null)) {
        throw new UserError(`Unit "${unitId}" changed territory since this edit was made; reload the plan and try again.`);
      }
    });
    store.assign(scenarioId, op.unitIds, op.to);
  }
}

/** Create, change or delete a region, checked against the stored plan like the other ops. */
function writeRegionOp(store: ProjectStore, scenarioId: string, op: Extract<EditOp, { op: 'region' }>): void {
  const exists = (id: string) => regionExists(store, scenarioId, id);
  if (op.before === null && op.after && exists(op.after.id)) {
    throw new UserError(`Region "${op.after.name}" already exists; reload the plan and try again.`);
  }
  if (op.before && !exists(op.before.id)) throw new UserError(`Region "${op.before.name}" no longer exists; reload the plan and try again.`);
  if (op.after) {
    upsertRegion(store, scenarioId, op.after);
  } else if (op.before) {
    if (regionInUse(store, scenarioId, op.before.id)) {
      throw new UserError(`Region "${op.before.name}" still has territories; take them out of it before deleting it.`);
    }
    deleteRegion(store, scenarioId, op.before.id);
  }
}

/** The scenario's edits, newest first (at most `limit`, default all). */
export function historyEntries(store: ProjectStore, scenarioId: string, limit = 1_000_000): HistoryEntry[] {
  store.requireScenario(scenarioId);
  const rows = store.db
    .prepare('SELECT seq, label, created_at, undone FROM tessera_history WHERE scenario_id = ? ORDER BY seq DESC LIMIT ?')
    .all(scenarioId, limit) as { seq: number; label: string; created_at: string; undone: number }[];
  return rows.map((r) => ({ seq: r.seq, label: r.label, createdAt: r.created_at, undone: r.undone === 1 }));
}
