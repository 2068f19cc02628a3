/** Draw a free-hand polygon; units whose representative point falls inside are selected (Shift adds). */
import type { Tool } from './tool-types.ts';
import { unitsInScreenPolygon } from './unit-index.ts';

/** Pointer samples closer than this to the previous vertex are skipped. */
const MIN_STEP_PX = 3;

export const lassoTool: Tool = {
  id: 'lasso',
  label: 'Lasso',
  key: 'L',
  hint: 'Draw around units to select them; Shift adds to the selection',
  dragPan: false,
  cursor: 'crosshair',
  begin(ctx, from, shiftKey) {
    const points: [number, number][] = [from];
    ctx.setGesture({ kind: 'lasso', points: [...points] });
    const add = (at: [number, number]) => {
      const last = points.at(-1)!;
      if (Math.hypot(at[0] - last[0], at[1] - last[1]) >= MIN_STEP_PX) points.push(at);
    };
    return {
      move(at) {
        add(at);
        ctx.setGesture({ kind: 'lasso', points: [...points] });
      },
      end(at) {
        add(at);
        ctx.setGesture(null);
        if (points.length < 3) return;
        ctx.selection.select(unitsInScreenPolygon(ctx.index, ctx.map.project, ctx.map.unproject, points), shiftKey);
      },
    };
  },
};
