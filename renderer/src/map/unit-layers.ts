/**
 * Layers of the units: fills coloured by territory (the only pickable layer), the thin mesh of
 * all unit borders, the thick territory borders and the hover outline. Geometry is decoded once
 * per project; an edit only changes the colour accessor's trigger and the territory-border mesh.
 */
import { GeoJsonLayer, PathLayer } from '@deck.gl/layers';
import type { Position } from 'geojson';
import type { PlanState } from '../../../shared/edit/edit-ops.ts';
import type { UnitFeature, UnitGeometry } from './unit-geometry.ts';
import { unitFill, type MapTheme } from './map-theme.ts';

export const UNIT_FILL_LAYER_ID = 'unit-fills';

export interface UnitLayerInput {
  geometry: UnitGeometry;
  plan: PlanState;
  /** Changes whenever `plan` changes (PlanStore.version). */
  planVersion: number;
  territoryBorders: Position[][];
  /** The hovered unit as a one-element array (memoized per unit), or empty. */
  hovered: UnitFeature[];
  theme: MapTheme;
}

export function unitFillLayer({ geometry, plan, planVersion, theme }: UnitLayerInput) {
  return new GeoJsonLayer<UnitFeature>({
    id: UNIT_FILL_LAYER_ID,
    data: geometry.features,
    stroked: false,
    filled: true,
    pickable: true,
    getFillColor: (unit) => {
      const territoryId = plan.assignments.get(String(unit.id));
      const territory = territoryId === undefined ? undefined : plan.territories.get(territoryId);
      return unitFill(theme, territory ? territory.color : null);
    },
    updateTriggers: { getFillColor: [planVersion, theme] },
  });
}

export function unitLineLayers({ geometry, territoryBorders, hovered, theme }: UnitLayerInput) {
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
      data: territoryBorders,
      getPath: (line) => line as [number, number][],
      getColor: theme.territoryBorder,
      getWidth: 1.8,
      widthUnits: 'pixels',
      jointRounded: true,
      capRounded: true,
      updateTriggers: { getColor: [theme.territoryBorder] },
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
