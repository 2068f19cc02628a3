/**
 * Commands: pure functions from (plan, intent) to an Edit. They never mutate the plan; the
 * executor applies the Edit they return. A command that would change nothing returns null.
 */
import type { Edit, PlanState } from './edit-ops.ts';

/** Assign units to a territory (null = unassign). Units already there, locked units and locked territories are skipped. */
export function assignUnits(plan: PlanState, unitIds: Iterable<string>, territoryId: string | null): Edit | null {
  const target = territoryId === null ? null : plan.territories.get(territoryId);
  if (territoryId !== null && !target) throw new Error(`Territory "${territoryId}" does not exist.`);
  if (target?.locked) return null;
  const moved: string[] = [];
  const from: (string | null)[] = [];
  for (const unitId of unitIds) {
    const current = plan.assignments.get(unitId) ?? null;
    if (current === territoryId) continue;
    if (plan.lockedUnits?.has(unitId)) continue;
    if (current !== null && plan.territories.get(current)?.locked) continue;
    moved.push(unitId);
    from.push(current);
  }
  if (moved.length === 0) return null;
  const what = moved.length === 1 ? `unit ${moved[0]}` : `${moved.length} units`;
  const label = target ? `Assign ${what} to ${target.name}` : `Unassign ${what}`;
  return { label, ops: [{ op: 'assign', unitIds: moved, from, to: territoryId }] };
}
