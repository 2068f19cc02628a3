/**
 * Studio layers over the unit fills: the selection outline, the brush stroke being painted, the
 * compare view's changed units, and the locked units. Each has a fixed id; data is filtered from the decoded unit
 * features, memoized by the selection / stroke / comparison that produced it.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { UnitFeature } from '../map/unit-geometry.ts';
import type { UnitIndex } from './unit-index.ts';

type Rgba = [number, number, number, number];

export interface StudioColours {
  selectionLine: Rgba;
  selectionFill: Rgba;
  strokeLine: Rgba;
  eraseLine: Rgba;
  changedLine: Rgba;
  changedFill: Rgba;
  lockedLine: Rgba;
  lockedFill: Rgba;
}

export const LIGHT_STUDIO: StudioColours = {
  selectionLine: [17, 24, 39, 255],
  selectionFill: [255, 255, 255, 110],
  strokeLine: [47, 111, 202, 255],
  eraseLine: [200, 55, 45, 255],
  changedLine: [190, 24, 93, 255],
  changedFill: [255, 255, 255, 120],
  lockedLine: [180, 83, 9, 255],
  lockedFill: [30, 41, 59, 56],
};

export const DARK_STUDIO: StudioColours = {
  ...LIGHT_STUDIO,
  selectionLine: [250, 250, 250, 255],
  selectionFill: [255, 255, 255, 70],
  changedLine: [244, 114, 182, 255],
  changedFill: [0, 0, 0, 90],
  lockedLine: [251, 191, 36, 255],
  lockedFill: [0, 0, 0, 80],
};

export function featuresOf(index: UnitIndex, ids: Iterable<string>): UnitFeature[] {
  const out: UnitFeature[] = [];
  for (const id of ids) {
    const i = index.byId.get(id);
    if (i !== undefined) out.push(index.features[i]!);
  }
  return out;
}

function outline(id: string, data: UnitFeature[], line: Rgba, fill: Rgba | null, width: number) {
  return new GeoJsonLayer<UnitFeature>({
    id,
    data,
    stroked: true,
    filled: fill !== null,
    // An empty outline (no selection yet) is not drawn at all: even empty, it costs draws every frame.
    visible: data.length > 0,
    getFillColor: fill ?? [0, 0, 0, 0],
    getLineColor: line,
    getLineWidth: width,
    lineWidthUnits: 'pixels',
    lineJointRounded: true,
    updateTriggers: { getFillColor: [fill], getLineColor: [line] },
  });
}

export function selectionLayer(data: UnitFeature[], colours: StudioColours) {
  return outline('studio-selection', data, colours.selectionLine, colours.selectionFill, 1.6);
}

export function strokeLayer(data: UnitFeature[], erase: boolean, colours: StudioColours) {
  return outline('studio-stroke', data, erase ? colours.eraseLine : colours.strokeLine, colours.selectionFill, 1.6);
}

export function changedLayer(data: UnitFeature[], colours: StudioColours) {
  return outline('studio-compare-changed', data, colours.changedLine, colours.changedFill, 2.2);
}

/** Locked units: an amber outline over a darker wash, so they read as "pinned" in any colour mode. */
export function lockedLayer(data: UnitFeature[], colours: StudioColours) {
  return outline('studio-locked-units', data, colours.lockedLine, colours.lockedFill, 1.8);
}
