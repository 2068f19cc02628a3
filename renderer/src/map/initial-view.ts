/**
 * The opening view: the project's units (units-extent.ts; the contiguous US when it has none)
 * fitted into the map area, whatever the window size.
 */
import { WebMercatorViewport, type MapViewState } from '@deck.gl/core';
import type { LonLatBox } from './units-extent.ts';

/** Lon/lat box of the 48 contiguous states, [[west, south], [east, north]]. */
export const CONTIGUOUS_US: LonLatBox = [
  [-124.8, 24.4],
  [-66.9, 49.4],
];

const MAX_ZOOM = 13;

export function fittedViewState(width: number, height: number, box: LonLatBox = CONTIGUOUS_US): MapViewState {
  const pad = Math.round(Math.min(width, height) * 0.04);
  // Room for what floats over the map: the colour-mode switcher on top, the tool bar on the left,
  // and on the right the name labels of East Coast reps, which extend eastwards.
  const padding = {
    top: pad + Math.min(72, Math.round(height * 0.1)),
    bottom: pad,
    left: pad + Math.min(56, Math.round(width * 0.08)),
    right: Math.min(pad + 40, Math.round(width * 0.1)),
  };
  const { longitude, latitude, zoom } = new WebMercatorViewport({ width, height }).fitBounds(box, { padding });
  return { longitude, latitude, zoom: Math.min(zoom, MAX_ZOOM), minZoom: 2, maxZoom: MAX_ZOOM, pitch: 0, bearing: 0 };
}
