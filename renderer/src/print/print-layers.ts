/**
 * The print's deck.gl layers: exactly the on-screen map's stack (territoryMapLayers, light theme,
 * nothing hovered, no studio overlays), with every pixel size — line widths, dot radii, label size
 * and offsets — multiplied by the layout scale, so a 4,000 px map has the weight of a 1,600 px one.
 */
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { territoryMapLayers } from '../map/map-layers.ts';
import { decodeUnits } from '../map/unit-geometry.ts';
import { borderArcs, type BorderArcs } from '../map/border-arcs.ts';
import type { RepMarker } from '../map/point-layers.ts';
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
  return layers.map((layer) => scaled(layer, s));
}

function scaled(layer: Layer, s: number): Layer {
  const props = layer.props as Record<string, unknown>;
  const times = (name: string) => (typeof props[name] === 'number' ? (props[name] as number) * s : undefined);
  const timesArray = (name: string) => (Array.isArray(props[name]) ? (props[name] as number[]).map((v) => v * s) : undefined);
  let update: Record<string, unknown> = {};
  if (layer instanceof GeoJsonLayer) update = { lineWidthScale: times('lineWidthScale'), pointRadiusScale: times('pointRadiusScale') };
  else if (layer instanceof PathLayer) update = { widthScale: times('widthScale') };
  else if (layer instanceof ScatterplotLayer) update = { radiusScale: times('radiusScale'), lineWidthScale: times('lineWidthScale') };
  else if (layer instanceof TextLayer) {
    update = {
      sizeScale: times('sizeScale'),
      backgroundPadding: timesArray('backgroundPadding'),
      getPixelOffset: scaledAccessor(props.getPixelOffset, s) ?? timesArray('getPixelOffset'),
      getBorderWidth: times('getBorderWidth'),
    };
  }
  const defined = Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined));
  return layer.clone(defined) as Layer;
}

/** A per-object pixel-size accessor (a rep tag's offset, which follows where the tag is placed) with its result times `s`. */
function scaledAccessor(accessor: unknown, s: number) {
  if (typeof accessor !== 'function') return undefined;
  return (object: unknown, info: unknown) => (accessor(object, info) as number[]).map((v) => v * s);
}
