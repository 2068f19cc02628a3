/** Drag a rectangle; units whose representative point falls inside are selected (Shift adds). */
import type { Tool } from './tool-types.ts';
import { unitsInScreenPolygon } from './unit-index.ts';

export const boxTool: Tool = {
  id: 'box',
  label: 'Box select',
  key: 'B',
  hint: 'Drag a rectangle to select the units inside; Shift adds to the selection',
  dragPan: false,
  cursor: 'crosshair',
  begin(ctx, from, shiftKey) {
    let to = from;
    ctx.setGesture({ kind: 'box', from, to });
    return {
      move(at) {
        to = at;
        ctx.setGesture({ kind: 'box', from, to });
      },
      end(at) {
        to = at;
        ctx.setGesture(null);
        if (Math.abs(to[0] - from[0]) < 3 && Math.abs(to[1] - from[1]) < 3) return;
        const ring: [number, number][] = [from, [to[0], from[1]], to, [from[0], to[1]]];
        ctx.selection.select(unitsInScreenPolygon(ctx.index, ctx.map.project, ctx.map.unproject, ring), shiftKey);
      },
    };
  },
};
