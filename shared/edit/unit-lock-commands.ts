/**
 * Lock or unlock units (keep them in their territory) as one undoable edit. Only units whose lock
 * changes go into the op, so undo restores exactly the locks that were there before.
 */
import type { Edit, PlanState } from './edit-ops.ts';

export function lockUnits(plan: PlanState, unitIds: Iterable<string>, locked: boolean): Edit | null {
  const changed: string[] = [];
  const seen = new Set<string>();
  for (const unitId of unitIds) {
    if (seen.has(unitId)) continue;
    seen.add(unitId);
    if ((plan.lockedUnits?.has(unitId) ?? false) !== locked) changed.push(unitId);
  }
  if (changed.length === 0) return null;
  const what = changed.length === 1 ? `unit ${changed[0]}` : `${changed.length} units`;
  return { label: `${locked ? 'Lock' : 'Unlock'} ${what}`, ops: [{ op: 'lock', unitIds: changed, locked }] };
}
