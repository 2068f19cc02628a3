/**
 * Locks are a promise: a locked unit keeps its territory and a locked territory keeps its units.
 * The renderer's tools skip them, but main must not trust that, so it checks every edit here before
 * writing it (main/store/history-store.ts). Lock and unlock ops themselves (LockOp for units, a
 * TerritoryOp flipping `locked`) are always allowed, and the ops of one edit are checked in order,
 * so an edit that unlocks first and then moves is accepted — the unlock is explicit and undoable.
 */
import type { EditOp } from './edit-ops.ts';

/** What the guard needs of the stored plan. */
export interface LockState {
  /** Whether the unit is locked in this scenario. */
  unitLocked(unitId: string): boolean;
  /** The territory's name and lock, or undefined when it does not exist. */
  territory(id: string): { name: string; locked: boolean } | undefined;
}

/**
 * @returns a plain sentence saying why the edit is refused, or null when it respects the locks
 */
export function lockedEditProblem(ops: readonly EditOp[], state: LockState): string | null {
  // Lock changes made by earlier ops of the same edit.
  const unitLocks = new Map<string, boolean>();
  const territoryLocks = new Map<string, boolean>();
  const unitLocked = (id: string) => unitLocks.get(id) ?? state.unitLocked(id);
  const territoryLocked = (id: string) => territoryLocks.get(id) ?? state.territory(id)?.locked ?? false;
  const nameOf = (id: string) => state.territory(id)?.name ?? id;
  for (const op of ops) {
    if (op.op === 'lock') {
      for (const id of op.unitIds) unitLocks.set(id, op.locked);
      continue;
    }
    if (op.op === 'territory') {
      if (op.after) territoryLocks.set(op.after.id, op.after.locked);
      else if (op.before) territoryLocks.delete(op.before.id);
      continue;
    }
    if (op.op !== 'assign') continue;
    if (op.to !== null && territoryLocked(op.to)) {
      return `Territory "${nameOf(op.to)}" is locked: it keeps its units and takes no others. Unlock it first; nothing was changed.`;
    }
    for (let i = 0; i < op.unitIds.length; i++) {
      const unitId = op.unitIds[i]!;
      const from = op.from[i] ?? null;
      if (from === op.to) continue;
      if (unitLocked(unitId)) {
        const where = from === null ? 'unassigned' : `in territory "${nameOf(from)}"`;
        return `Unit ${unitId} is locked ${where}. Unlock it before moving it; nothing was changed.`;
      }
      if (from !== null && territoryLocked(from)) {
        return `Territory "${nameOf(from)}" is locked: it keeps its units (unit ${unitId} would leave it). Unlock it first; nothing was changed.`;
      }
    }
  }
  return null;
}
