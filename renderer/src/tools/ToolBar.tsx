/**
 * The tool strip on the map's left edge: the six pointer tools, the brush size (for brush and
 * eraser), and the two "select by typing" dialogs (paste a list, select by attribute).
 */
import type { ToolId } from './tool-types.ts';
import { TOOLS, MAX_BRUSH_PX, MIN_BRUSH_PX } from './tools.ts';
import { ToolIcon } from './tool-icons.tsx';

export interface ToolBarProps {
  toolId: ToolId;
  onTool(id: ToolId): void;
  brushRadius: number;
  onBrushRadius(px: number): void;
  onListFill(): void;
  onAttributeSelect(): void;
}

export function ToolBar({ toolId, onTool, brushRadius, onBrushRadius, onListFill, onAttributeSelect }: ToolBarProps) {
  const brushing = toolId === 'brush' || toolId === 'eraser';
  return (
    <div className="toolbar" role="toolbar" aria-label="Map tools" onClick={(e) => e.stopPropagation()} onPointerDown={(e) => e.stopPropagation()}>
      {TOOLS.map((tool) => (
        <button
          key={tool.id}
          type="button"
          className={`toolbar__button${tool.id === toolId ? ' is-on' : ''}`}
          aria-pressed={tool.id === toolId}
          title={`${tool.label} (${tool.key}) — ${tool.hint}`}
          aria-label={tool.label}
          data-testid={`tool-${tool.id}`}
          onClick={() => onTool(tool.id)}
        >
          <ToolIcon id={tool.id} />
        </button>
      ))}
      <div className="toolbar__sep" />
      <button type="button" className="toolbar__button toolbar__text" title="Fill the target territory from a pasted list of unit IDs" data-testid="open-list-fill" onClick={onListFill}>
        IDs
      </button>
      <button type="button" className="toolbar__button toolbar__text" title="Select units by attribute (e.g. state = Texas)" data-testid="open-attribute-select" onClick={onAttributeSelect}>
        =
      </button>
      {brushing && (
        <label className="toolbar__brush" title="Brush size ([ and ])">
          <input
            type="range"
            min={MIN_BRUSH_PX}
            max={MAX_BRUSH_PX}
            value={brushRadius}
            onChange={(e) => onBrushRadius(Number(e.target.value))}
            data-testid="brush-size"
            aria-label="Brush size in pixels"
          />
          <span className="numeric">{brushRadius}px</span>
        </label>
      )}
    </div>
  );
}
