/**
 * The "Recolour automatically" command: one Edit of territory ops (before/after) for every
 * territory whose colour the automatic palette changes, so the whole recolouring is one undo step.
 */
import type { Edit, EditOp, PlanState } from '../edit/edit-ops.ts';
import { autoPalette, type TerritoryAdjacency } from './auto-palette.ts';

/** Null when every territory already has its automatic colour. */
export function recolourEdit(plan: Pick<PlanState, 'territories'>, adjacency: TerritoryAdjacency, pinned?: ReadonlySet<string>): Edit | null {
  const territories = [...plan.territories.values()];
  const colours = autoPalette({ territories, adjacency, pinned });
  const ops: EditOp[] = [];
  for (const before of territories) {
    const color = colours.get(before.id);
    if (color === undefined || color === before.color.toLowerCase()) continue;
    ops.push({ op: 'territory', before, after: { ...before, color } });
  }
  if (ops.length === 0) return null;
  return { label: `Recolour ${ops.length === 1 ? '1 territory' : `${ops.length} territories`} automatically`, ops };
}
