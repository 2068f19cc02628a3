/**
 * State lines and the thin mesh of every unit border as one PathLayer: one draw per frame instead
 * of two (each deck.gl draw costs main-thread time for its uniforms and GL state, whatever its
 * size). Both are static per project and theme. The state lines come first in the data, so within
 * the single draw they are rasterised first and the unit mesh lies over them — the same order as
 * the two separate layers had (unit fills < state lines < unit mesh < territory borders).
 */
import { PathLayer } from '@deck.gl/layers';
import type { Position } from 'geojson';
import { baseMap } from './base-map.ts';
import type { UnitGeometry } from './unit-geometry.ts';
import type { MapTheme } from './map-theme.ts';

export const STATE_LINE_WIDTH_PX = 1.4;
export const UNIT_LINE_WIDTH_PX = 0.5;

/** State lines then unit borders, concatenated once per project (the layer's data must keep its identity). */
const meshes = new WeakMap<UnitGeometry, Position[][]>();

function statesThenUnits(geometry: UnitGeometry): Position[][] {
  let paths = meshes.get(geometry);
  if (!paths) meshes.set(geometry, (paths = [...baseMap.stateBorders, ...geometry.unitBorders]));
  return paths;
}

export function lineMeshLayer(geometry: UnitGeometry, theme: MapTheme) {
  const stateLines = baseMap.stateBorders.length;
  return new PathLayer<Position[]>({
    id: 'state-and-unit-borders',
    data: statesThenUnits(geometry),
    getPath: (line) => line as [number, number][],
    getColor: (_line, { index }) => (index < stateLines ? theme.stateBorder : theme.unitBorder),
    getWidth: (_line, { index }) => (index < stateLines ? STATE_LINE_WIDTH_PX : UNIT_LINE_WIDTH_PX),
    widthUnits: 'pixels',
    updateTriggers: { getColor: [theme.stateBorder, theme.unitBorder] },
  });
}
