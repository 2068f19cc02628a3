/**
 * The tool controller: which tool is active, the brush size, the gesture in progress, and the
 * handlers TerritoryMap calls (clicks on units, pointer events for drags). Pointer moves only
 * update the gesture; the edit happens once, when the gesture ends.
 */
import { useCallback, useMemo, useRef, useState, type PointerEvent, type RefObject } from 'react';
import type { MapApi } from '../map/TerritoryMap.tsx';
import type { SelectionStore } from './selection-store.ts';
import type { Gesture, GestureHandler, ToolContext, ToolId } from './tool-types.ts';
import type { UnitIndex } from './unit-index.ts';
import { MAX_BRUSH_PX, MIN_BRUSH_PX, toolById } from './tools.ts';
import { GestureStore } from './gesture-store.ts';

export interface BrushStroke {
  units: ReadonlySet<string>;
  erase: boolean;
}

export interface ToolController {
  toolId: ToolId;
  setTool(id: ToolId): void;
  brushRadius: number;
  setBrushRadius(px: number): void;
  /** The gesture in progress, for the overlay (subscribe with useGesture; no Workspace re-render per move). */
  gestures: GestureStore;
  /** The brush stroke's units so far (the map shows them); changes only when the stroke grows. */
  stroke: BrushStroke | null;
  dragPan: boolean;
  cursor: string | undefined;
  onUnitClick(unitId: string, modifiers?: { shiftKey: boolean }): void;
  onMapPointer(kind: 'down' | 'move' | 'up', event: PointerEvent, at: [number, number]): void;
}

export interface ToolInputs {
  index: UnitIndex | null;
  mapApi: RefObject<MapApi | null>;
  selection: SelectionStore;
  target: string | null;
  assign(unitIds: readonly string[], territoryId: string | null): void;
}

export function useTools({ index, mapApi, selection, target, assign }: ToolInputs): ToolController {
  const [toolId, setToolId] = useState<ToolId>('pointer');
  const [brushRadius, setRadius] = useState(18);
  const gestures = useMemo(() => new GestureStore(), []);
  const [stroke, setStroke] = useState<BrushStroke | null>(null);
  const setGesture = useCallback(
    (gesture: Gesture | null) => {
      gestures.set(gesture);
      const next = gesture?.kind === 'brush' ? gesture : null;
      setStroke((current) =>
        current && next && current.units.size === next.units.size && current.erase === next.erase
          ? current
          : next && { units: next.units, erase: next.erase },
      );
    },
    [gestures],
  );
  const active = useRef<GestureHandler | null>(null);
  const tool = toolById(toolId);

  const context = useCallback((): ToolContext | null => {
    const map = mapApi.current;
    if (!index || !map) return null;
    return { index, map, selection, target, brushRadius, assign, setGesture };
  }, [index, mapApi, selection, target, brushRadius, assign, setGesture]);

  const onUnitClick = useCallback(
    (unitId: string, modifiers?: { shiftKey: boolean }) => {
      const ctx = context();
      if (ctx && tool.click) tool.click(ctx, unitId, modifiers?.shiftKey ?? false);
    },
    [context, tool],
  );

  const onMapPointer = useCallback(
    (kind: 'down' | 'move' | 'up', event: PointerEvent, at: [number, number]) => {
      if (kind === 'down') {
        const ctx = context();
        if (!ctx || !tool.begin) return;
        (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
        active.current = tool.begin(ctx, at, event.shiftKey);
      } else if (active.current) {
        if (kind === 'move') active.current.move(at);
        else {
          const handler = active.current;
          active.current = null;
          handler.end(at);
        }
      }
    },
    [context, tool],
  );

  const setTool = useCallback((id: ToolId) => {
    active.current = null;
    setGesture(null);
    setToolId(id);
  }, [setGesture]);
  const setBrushRadius = useCallback((px: number) => setRadius(Math.max(MIN_BRUSH_PX, Math.min(MAX_BRUSH_PX, Math.round(px)))), []);

  return useMemo(
    () => ({
      toolId,
      setTool,
      brushRadius,
      setBrushRadius,
      gestures,
      stroke,
      dragPan: tool.dragPan,
      cursor: tool.cursor,
      onUnitClick,
      onMapPointer,
    }),
    [toolId, setTool, brushRadius, setBrushRadius, gestures, stroke, tool, onUnitClick, onMapPointer],
  );
}
