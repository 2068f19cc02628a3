/**
 * The print's deck.gl layers: exactly the on-screen map's stack (territoryMapLayers, light theme,
 * nothing hovered, no studio overlays) but the rep name tags, which the page writes itself, with every
 * pixel size — line widths and dot radii — multiplied by the layout scale, so a 4,000 px map has the
 * weight of a 1,600 px one.
 */
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import { territoryMapLayers } from '../map/map-layers.ts';
import { decodeUnits } from '../map/unit-geometry.ts';
import { borderArcs, type BorderArcs } from '../map/border-arcs.ts';
import { REP_LABELS_LAYER_ID, type RepMarker } from '../map/point-layers.ts';
import { lightMapTheme } from '../map/map-theme.ts';
import type { UnitGeometry } from '../map/unit-geometry.ts';
import type { PrintSource } from './print-source.ts';

/** Water under the map: the light theme's `--water` (styles/app.css); prints are always light. */
export const PRINT_WATER = '#dfe7ee';

const bordersOf = new WeakMap<UnitGeometry, BorderArcs>();

/** `markers`: the reps with their name tags placed for the print's map (render-print.ts). */
export function printLayers(source: PrintSource, s: number, markers: readonly RepMarker[]): Layer[] {
  const geometry = decodeUnits(source.data.unitTopology);
  let borders = bordersOf.get(geometry);
  if (!borders) bordersOf.set(geometry, (borders = borderArcs(geometry.topology, geometry.collection)));
  const layers = territoryMapLayers({
    data: source.data,
    geometry,
    plan: source.plan,
    planVersion: source.planVersion,
    territoryBorders: borders,
    hovered: [],
    theme: lightMapTheme,
    fillScale: source.fillScale,
    markers,
  });
  // The page writes the rep name tags itself (draw-page.ts drawRepTags).
  return layers.filter((layer) => layer.id !== REP_LABELS_LAYER_ID).map((layer) => scaled(layer, s));
}

function scaled(layer: Layer, s: number): Layer {
  const props = layer.props as Record<string, unknown>;
  const times = (name: string) => (typeof props[name] === 'number' ? (props[name] as number) * s : undefined);
  let update: Record<string, unknown> = {};
  if (layer instanceof GeoJsonLayer) update = { lineWidthScale: times('lineWidthScale'), pointRadiusScale: times('pointRadiusScale') };
  else if (layer instanceof PathLayer) update = { widthScale: times('widthScale') };
  else if (layer instanceof ScatterplotLayer) update = { radiusScale: times('radiusScale'), lineWidthScale: times('lineWidthScale') };
  const defined = Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined));
  return layer.clone(defined) as Layer;
}
