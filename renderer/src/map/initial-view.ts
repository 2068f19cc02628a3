/**
 * The fitted view: the project's units (units-extent.ts; the contiguous US when it has none)
 * fitted into the map area, whatever the window size, clear of what floats over the map.
 */
import { WebMercatorViewport, type MapViewState } from '@deck.gl/core';
import type { LonLatBox } from './units-extent.ts';

/** Lon/lat box of the 48 contiguous states, [[west, south], [east, north]]. */
export const CONTIGUOUS_US: LonLatBox = [
  [-124.8, 24.4],
  [-66.9, 49.4],
];

const MAX_ZOOM = 13;

/** The legend's box in the bottom-left corner of the map, in pixels from the map's top-left corner. */
export interface LegendBox {
  top: number;
  right: number;
  bottom: number;
}

/**
 * The view showing all of `box` in a `width` x `height` map. With the legend's box, the units stay
 * above the bar under the legend (the studio's status bar) and out of the legend's corner: fitted
 * above the legend or beside it, whichever shows them larger.
 */
export function fittedViewState(width: number, height: number, box: LonLatBox = CONTIGUOUS_US, legend?: LegendBox): MapViewState {
  const pad = Math.round(Math.min(width, height) * 0.04);
  // Room for what floats over the map: the colour-mode switcher on top, the tool bar on the left,
  // and on the right the name labels of East Coast reps, which extend eastwards.
  const padding = {
    top: pad + Math.min(72, Math.round(height * 0.1)),
    bottom: Math.max(pad, legend ? height - legend.bottom : 0),
    left: pad + Math.min(56, Math.round(width * 0.08)),
    right: Math.min(pad + 40, Math.round(width * 0.1)),
  };
  const viewport = new WebMercatorViewport({ width, height });
  // fitBounds cannot fit into a negative area: a legend as large as the map leaves that side out.
  const fit = (p: typeof padding) => (p.left + p.right < width && p.top + p.bottom < height ? viewport.fitBounds(box, { padding: p }) : null);
  const sides = legend
    ? [{ ...padding, bottom: Math.max(padding.bottom, height - legend.top + pad) }, { ...padding, left: Math.max(padding.left, legend.right + pad) }]
    : [padding];
  const fits = sides.map(fit).filter((f) => f !== null);
  const best = fits.sort((a, b) => b.zoom - a.zoom)[0] ?? fit(padding) ?? viewport.fitBounds(box);
  const { longitude, latitude, zoom } = best;
  return { longitude, latitude, zoom: Math.min(zoom, MAX_ZOOM), minZoom: 2, maxZoom: MAX_ZOOM, pitch: 0, bearing: 0 };
}
