/**
 * Layers of the units: fills coloured by the map's colour mode (picked on the CPU, unit-picker.ts), the thick
 * territory borders and the hover outline (the thin unit mesh: line-mesh-layer.ts). Geometry is decoded once
 * per project; an edit refreshes only the fill colours and border widths of the units it changed
 * (unit-colours.ts, unit-fill-layer.ts, border-widths.ts, partial-width-path-layer.ts).
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Position } from 'geojson';
import type { PlanState } from '../../../shared/edit/edit-ops.ts';
import type { UnitFeature, UnitGeometry } from './unit-geometry.ts';
import type { BorderArcs } from './border-arcs.ts';
import type { MapTheme } from './map-theme.ts';
import type { FillScale } from './colour-mode.ts';
import { fillRows, unitColours } from './unit-colours.ts';
import { borderWidths } from './border-widths.ts';
import { PartialWidthPathLayer } from './partial-width-path-layer.ts';
import { UnitFillLayer } from './unit-fill-layer.ts';

export const UNIT_FILL_LAYER_ID = 'unit-fills';

export interface UnitLayerInput {
  geometry: UnitGeometry;
  plan: PlanState;
  /** Changes whenever `plan` changes (PlanStore.version). */
  planVersion: number;
  /** Every arc between two units; drawn where the two sides are in different territories. */
  territoryBorders: BorderArcs;
  /** The hovered unit as a one-element array (memoized per unit), or empty. */
  hovered: UnitFeature[];
  theme: MapTheme;
  /** The colour mode's accessor; its key changes whenever its output can change. */
  fillScale: FillScale;
}

export function unitFillLayer({ geometry, plan, planVersion, theme, fillScale }: UnitLayerInput) {
  const rows = fillRows(geometry);
  const colours = unitColours(geometry, plan, theme, fillScale.key);
  const revision = colours.sync(planVersion, fillScale, theme);
  return new UnitFillLayer({
    id: UNIT_FILL_LAYER_ID,
    data: rows.rows,
    getPolygon: (row) => row.polygon as [number, number][][],
    filled: true,
    extruded: false,
    // Not pickable: TerritoryMap picks units on the CPU (unit-picker.ts); GPU picking reads pixels back.
    pickable: false,
    // Drawn from the per-unit colour buffer as a texture (unit-fill-layer.ts).
    getFillColor: [0, 0, 0, 0],
    getUnitIndex: (row) => row.unit,
    unitColours: colours.rgba,
    revision,
    // Read back by the test hook as the plan version and colour key drawn.
    planVersion,
    fillKey: fillScale.key,
  });
}

/** Thick lines where the two sides of an arc are in different territories: follows the plan. */
export function territoryBorderLayer({ geometry, plan, planVersion, territoryBorders, theme }: UnitLayerInput) {
  const widths = borderWidths(geometry, territoryBorders, plan);
  const revision = widths.sync(planVersion);
  const arcWidths = widths.widths;
  return new PartialWidthPathLayer<Position[]>({
    id: 'territory-borders',
    data: territoryBorders.paths,
    getPath: (line) => line as [number, number][],
    getColor: theme.territoryBorder,
    // Only widths follow the plan, and only the arcs of units that changed territory are refilled.
    getWidth: (_line, { index }) => arcWidths[index]!,
    widthUnits: 'pixels',
    jointRounded: true,
    capRounded: true,
    updateTriggers: { getColor: [theme.territoryBorder] },
    changes: widths.changes,
    revision,
  });
}

/** The outline of the unit under the pointer. */
export function hoverLayer(hovered: UnitFeature[], theme: MapTheme) {
  return new GeoJsonLayer<UnitFeature>({
    id: 'unit-hover',
    data: hovered,
    stroked: true,
    filled: false,
    // Not drawn at all while nothing is hovered: an empty layer still costs its draws every frame.
    visible: hovered.length > 0,
    getLineColor: theme.hoverOutline,
    getLineWidth: 2,
    lineWidthUnits: 'pixels',
    lineJointRounded: true,
    updateTriggers: { getLineColor: [theme.hoverOutline] },
  });
}
