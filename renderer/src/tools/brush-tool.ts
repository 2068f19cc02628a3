/** Paint units into the target territory with a round brush; one stroke is one edit. */
import type { Tool } from './tool-types.ts';
import { brushStroke } from './brush-stroke.ts';

export const brushTool: Tool = {
  id: 'brush',
  label: 'Paint brush',
  key: 'P',
  hint: 'Drag to paint units into the target territory; [ and ] change the brush size',
  dragPan: false,
  cursor: 'crosshair',
  begin: (ctx, at) => brushStroke(ctx, at, ctx.target),
};
