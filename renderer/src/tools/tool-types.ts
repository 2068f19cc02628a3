/**
 * The tool framework: a tool turns pointer input over the map into a selection change or a
 * command. A drag (box, lasso, brush stroke) is one gesture; a gesture that edits produces one
 * Edit, i.e. one undo step. Tools never touch the plan directly: they call `assign`, which goes
 * through `assignUnits` and the PlanStore like every other edit (locked territories are skipped).
 */
import type { MapApi } from '../map/TerritoryMap.tsx';
import type { SelectionStore } from './selection-store.ts';
import type { UnitIndex } from './unit-index.ts';

export type ToolId = 'pointer' | 'select' | 'box' | 'lasso' | 'brush' | 'eraser';

/** What is drawn over the map while a gesture runs (canvas pixels). */
export type Gesture =
  | { kind: 'box'; from: [number, number]; to: [number, number] }
  | { kind: 'lasso'; points: [number, number][] }
  | { kind: 'brush'; at: [number, number]; radius: number; units: ReadonlySet<string>; erase: boolean };

export interface ToolContext {
  index: UnitIndex;
  map: MapApi;
  selection: SelectionStore;
  /** The paint target: a territory id, or null for unassigned. */
  target: string | null;
  /** Brush radius in CSS pixels. */
  brushRadius: number;
  /** Assign units as one edit (territoryId null = unassign). */
  assign(unitIds: readonly string[], territoryId: string | null): void;
  setGesture(gesture: Gesture | null): void;
}

/** A gesture in progress: fed pointer positions until the button is released. */
export interface GestureHandler {
  move(at: [number, number]): void;
  end(at: [number, number]): void;
}

export interface Tool {
  id: ToolId;
  label: string;
  /** Keyboard shortcut (a single letter). */
  key: string;
  /** One line for the tooltip and the help overlay. */
  hint: string;
  /** Dragging pans the map (false: the drag is the tool's gesture). */
  dragPan: boolean;
  cursor?: string;
  /** A click on a unit (no drag). */
  click?(ctx: ToolContext, unitId: string, shiftKey: boolean): void;
  /** A press on the map starts a gesture. */
  begin?(ctx: ToolContext, at: [number, number], shiftKey: boolean): GestureHandler;
}
