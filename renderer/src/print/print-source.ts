/**
 * What a print needs from the open project: the same inputs the on-screen map draws from (map data,
 * plan, the colour mode's fill scale) plus names and the window's current view. The Workspace hands
 * one to the export dialog and to the CLI's page hook (print-hook.ts).
 */
import type { MapData } from '../../../shared/model/project.ts';
import type { PlanState } from '../../../shared/edit/edit-ops.ts';
import type { FillScale } from '../map/colour-mode.ts';
import type { MapApi } from '../map/TerritoryMap.tsx';

export interface PrintSource {
  data: MapData;
  plan: PlanState;
  planVersion: number;
  fillScale: FillScale;
  /** The on-screen map, for the "current view" extent (null before it is drawn). */
  mapApi: MapApi | null;
}

/** The box the on-screen map shows now, and its shape (height / width). */
export function currentViewBox(mapApi: MapApi | null): { box: [[number, number], [number, number]]; aspect: number } | null {
  const element = document.querySelector<HTMLElement>('[data-testid="map"]');
  if (!mapApi || !element) return null;
  const { width, height } = element.getBoundingClientRect();
  const topLeft = mapApi.unproject([0, 0]);
  const bottomRight = mapApi.unproject([width, height]);
  if (!topLeft || !bottomRight || width <= 0 || height <= 0) return null;
  return {
    box: [
      [topLeft[0], bottomRight[1]],
      [bottomRight[0], topLeft[1]],
    ],
    aspect: height / width,
  };
}
