/** Every map tool, in toolbar order. */
import type { Tool, ToolId } from './tool-types.ts';
import { pointerTool } from './pointer-tool.ts';
import { selectTool } from './select-tool.ts';
import { boxTool } from './box-tool.ts';
import { lassoTool } from './lasso-tool.ts';
import { brushTool } from './brush-tool.ts';
import { eraserTool } from './eraser-tool.ts';

export const TOOLS: readonly Tool[] = [pointerTool, selectTool, boxTool, lassoTool, brushTool, eraserTool];

export function toolById(id: ToolId): Tool {
  return TOOLS.find((t) => t.id === id) ?? pointerTool;
}

export const MIN_BRUSH_PX = 4;
export const MAX_BRUSH_PX = 120;
