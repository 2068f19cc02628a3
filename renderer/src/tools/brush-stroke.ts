/**
 * A brush stroke shared by the paint brush and the eraser: collects the units the round brush
 * touches along the pointer's path, shows them while painting, and commits them as one edit on
 * release (one stroke = one undo step).
 */
import type { GestureHandler, ToolContext } from './tool-types.ts';
import { unitsInCircle } from './unit-index.ts';

export function brushStroke(ctx: ToolContext, from: [number, number], territoryId: string | null): GestureHandler {
  const erase = territoryId === null;
  const radius = ctx.brushRadius;
  const units = new Set<string>();
  let last = from;
  const dab = (at: [number, number]) => {
    for (const id of unitsInCircle(ctx.index, ctx.map.project, ctx.map.unproject, at, radius)) units.add(id);
  };
  // Fast pointer moves jump; dab along the segment so the stroke has no gaps.
  const strokeTo = (at: [number, number]) => {
    const distance = Math.hypot(at[0] - last[0], at[1] - last[1]);
    const steps = Math.max(1, Math.ceil(distance / Math.max(2, radius / 2)));
    for (let k = 1; k <= steps; k++) dab([last[0] + ((at[0] - last[0]) * k) / steps, last[1] + ((at[1] - last[1]) * k) / steps]);
    last = at;
    ctx.setGesture({ kind: 'brush', at, radius, units: new Set(units), erase });
  };
  dab(from);
  ctx.setGesture({ kind: 'brush', at: from, radius, units: new Set(units), erase });
  return {
    move: strokeTo,
    end(at) {
      strokeTo(at);
      ctx.setGesture(null);
      if (units.size) ctx.assign([...units], territoryId);
    },
  };
}
