/** Click selects a unit (replacing the selection); shift-click adds or removes it; drag pans. */
import type { Tool } from './tool-types.ts';

export const selectTool: Tool = {
  id: 'select',
  label: 'Select',
  key: 'S',
  hint: 'Click a unit to select it; Shift+click adds or removes; drag to pan',
  dragPan: true,
  click(ctx, unitId, shiftKey) {
    if (shiftKey) ctx.selection.toggle(unitId);
    else ctx.selection.select([unitId]);
  },
};
