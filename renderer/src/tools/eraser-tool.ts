/** Unassign units with a round brush; one stroke is one edit. Locked territories keep their units. */
import type { Tool } from './tool-types.ts';
import { brushStroke } from './brush-stroke.ts';

export const eraserTool: Tool = {
  id: 'eraser',
  label: 'Eraser',
  key: 'E',
  hint: 'Drag to take units out of their territories (unassign); [ and ] change the size',
  dragPan: false,
  cursor: 'crosshair',
  begin: (ctx, at) => brushStroke(ctx, at, null),
};
