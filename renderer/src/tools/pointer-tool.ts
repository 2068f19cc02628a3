/** The default tool: click paints a unit into the target territory; shift-click adds it to the selection; drag pans. */
import type { Tool } from './tool-types.ts';

export const pointerTool: Tool = {
  id: 'pointer',
  label: 'Paint by click',
  key: 'V',
  hint: 'Click a unit to assign it to the target territory; Shift+click adds it to the selection; drag to pan',
  dragPan: true,
  click(ctx, unitId, shiftKey) {
    if (shiftKey) ctx.selection.toggle(unitId);
    else ctx.assign([unitId], ctx.target);
  },
};
