/**
 * The map's layer stack in drawing order, in one function so the on-screen map (TerritoryMap) and
 * the print layout (print/) draw exactly the same layers: base land, unit fills, state lines,
 * unit and territory borders, studio extras, accounts, reps. With a LayerCache (the on-screen map),
 * groups whose inputs did not change keep their layer instances: an edit renews only the unit
 * fills and the territory borders, a hover only the hover outline.
 */
import type { Layer } from '@deck.gl/core';
import type { MapData } from '../../../shared/model/project.ts';
import { baseLandLayers } from './base-layers.ts';
import { hoverLayer, territoryBorderLayer, unitFillLayer, type UnitLayerInput } from './unit-layers.ts';
import { lineMeshLayer } from './line-mesh-layer.ts';
import { accountLayer, repLayers, type RepMarker } from './point-layers.ts';
import { layerGroup, type LayerCache } from './layer-cache.ts';

export interface MapLayersInput extends UnitLayerInput {
  data: MapData;
  markers: readonly RepMarker[];
  /** Studio additions (tools, selection, compare), drawn above the unit borders. */
  extraLayers?: Layer[];
}

export function territoryMapLayers(input: MapLayersInput, cache?: LayerCache): Layer[] {
  const { theme, data, geometry, plan, planVersion, territoryBorders, fillScale, markers, hovered, extraLayers } = input;
  const group = (name: string, deps: readonly unknown[], build: () => Layer[]) => layerGroup(cache, name, deps, build);
  return [
    ...group('base-land', [theme], () => baseLandLayers(theme) as Layer[]),
    ...group('unit-fills', [geometry, plan, planVersion, theme, fillScale], () => [unitFillLayer(input)]),
    // State lines and the unit mesh share one layer (one draw): line-mesh-layer.ts.
    ...group('state-and-unit-borders', [geometry, theme], () => [lineMeshLayer(geometry, theme)]),
    ...group('territory-borders', [geometry, territoryBorders, plan, planVersion, theme], () => [territoryBorderLayer(input)]),
    ...group('hover', [hovered, theme], () => [hoverLayer(hovered, theme)]),
    ...(extraLayers ?? []),
    ...group('accounts', [data.accounts, theme], () => [accountLayer(data.accounts, theme)]),
    ...group('reps', [markers, theme], () => repLayers(markers, theme) as Layer[]),
  ] as Layer[];
}
