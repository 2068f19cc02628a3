/**
 * The map's layer stack in drawing order, in one function so the on-screen map (TerritoryMap) and
 * the print layout (print/) draw exactly the same layers: base land, unit fills, state lines,
 * unit and territory borders, studio extras, accounts, reps.
 */
import type { Layer } from '@deck.gl/core';
import type { MapData } from '../../../shared/model/project.ts';
import { baseLandLayers, stateBorderLayer } from './base-layers.ts';
import { unitFillLayer, unitLineLayers, type UnitLayerInput } from './unit-layers.ts';
import { accountLayer, repLayers, type RepMarker } from './point-layers.ts';

export interface MapLayersInput extends UnitLayerInput {
  data: MapData;
  markers: readonly RepMarker[];
  /** Studio additions (tools, selection, compare), drawn above the unit borders. */
  extraLayers?: Layer[];
}

export function territoryMapLayers(input: MapLayersInput): Layer[] {
  const { theme, data, markers, planVersion, extraLayers } = input;
  return [
    ...baseLandLayers(theme),
    unitFillLayer(input),
    stateBorderLayer(theme),
    ...unitLineLayers(input),
    ...(extraLayers ?? []),
    accountLayer(data.accounts, theme),
    ...repLayers(markers, planVersion, theme),
  ] as Layer[];
}
