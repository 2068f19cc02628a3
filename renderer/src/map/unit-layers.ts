/**
 * Layers of the units: fills coloured by the map's colour mode (the only pickable layer), the thin mesh of
 * all unit borders, the thick territory borders and the hover outline. Geometry is decoded once
 * per project; an edit only changes the colour accessor's trigger and the territory-border mesh.
 */
import { GeoJsonLayer, PathLayer } from '@deck.gl/layers';
import type { Position } from 'geojson';
import type { PlanState } from '../../../shared/edit/edit-ops.ts';
import type { UnitFeature, UnitGeometry } from './unit-geometry.ts';
import type { BorderArcs } from './border-arcs.ts';
import type { MapTheme } from './map-theme.ts';
import type { FillScale } from './colour-mode.ts';

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

export function unitFillLayer({ geometry, planVersion, theme, fillScale }: UnitLayerInput) {
  return new GeoJsonLayer<UnitFeature>({
    id: UNIT_FILL_LAYER_ID,
    data: geometry.features,
    stroked: false,
    filled: true,
    pickable: true,
    getFillColor: (unit) => fillScale.fill(String(unit.id), theme),
    // planVersion first: the test hook reads it back as the plan version drawn, and the key third.
    updateTriggers: { getFillColor: [planVersion, theme, fillScale.key] },
  });
}

export function unitLineLayers({ geometry, plan, planVersion, territoryBorders, hovered, theme }: UnitLayerInput) {
  const territoryOf = (unitId: string) => plan.assignments.get(unitId) ?? null;
  return [
    new PathLayer<Position[]>({
      id: 'unit-borders',
      data: geometry.unitBorders,
      getPath: (line) => line as [number, number][],
      getColor: theme.unitBorder,
      getWidth: 0.5,
      widthUnits: 'pixels',
      updateTriggers: { getColor: [theme.unitBorder] },
    }),
    new PathLayer<Position[]>({
      id: 'territory-borders',
      data: territoryBorders.paths,
      getPath: (line) => line as [number, number][],
      getColor: theme.territoryBorder,
      // Only widths follow the plan: an edit refills one number per arc instead of re-meshing.
      getWidth: (_line, { index }) =>
        territoryOf(territoryBorders.left[index]!) === territoryOf(territoryBorders.right[index]!) ? 0 : 1.8,
      widthUnits: 'pixels',
      jointRounded: true,
      capRounded: true,
      updateTriggers: { getColor: [theme.territoryBorder], getWidth: [planVersion] },
    }),
    new GeoJsonLayer<UnitFeature>({
      id: 'unit-hover',
      data: hovered,
      stroked: true,
      filled: false,
      getLineColor: theme.hoverOutline,
      getLineWidth: 2,
      lineWidthUnits: 'pixels',
      lineJointRounded: true,
      updateTriggers: { getLineColor: [theme.hoverOutline] },
    }),
  ];
}
