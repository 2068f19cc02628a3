/** The fitted map view: the units' box inside the map, clear of the legend's corner and the bar under it. */
import { describe, expect, it } from 'vitest';
import { WebMercatorViewport } from '@deck.gl/core';
import { CONTIGUOUS_US, fittedViewState, type LegendBox } from '../../renderer/src/map/initial-view.ts';

/** The box's screen rectangle in the fitted view. */
function screenBox(width: number, height: number, legend?: LegendBox) {
  const view = fittedViewState(width, height, CONTIGUOUS_US, legend);
  const viewport = new WebMercatorViewport({ width, height, ...view });
  const [[west, south], [east, north]] = CONTIGUOUS_US;
  const [left, bottom] = viewport.project([west, south]) as [number, number];
  const [right, top] = viewport.project([east, north]) as [number, number];
  return { left, right, top, bottom, zoom: view.zoom };
}

describe('fittedViewState', () => {
  it('fits the box inside the map, leaving room for the overlays', () => {
    const box = screenBox(1000, 700);
    expect(box.left).toBeGreaterThan(0);
    expect(box.top).toBeGreaterThan(0);
    expect(box.right).toBeLessThan(1000);
    expect(box.bottom).toBeLessThan(700);
    // Fitted, not merely inside: the box spans the width or the height left after padding.
    expect(Math.max((box.right - box.left) / 1000, (box.bottom - box.top) / 700)).toBeGreaterThan(0.75);
  });

  it('in a wide map, puts the units beside the legend (the larger of the two fits)', () => {
    // 1,700 x 600 with a 340 x 150 legend 12 px from the left and 46 px from the bottom (over a status bar).
    const legend = { top: 404, right: 352, bottom: 554 };
    const box = screenBox(1700, 600, legend);
    expect(box.left).toBeGreaterThanOrEqual(legend.right);
    expect(box.bottom).toBeLessThanOrEqual(legend.bottom);
    // Above the legend the box would be smaller.
    const above = screenBox(1700, 600, { ...legend, right: 1700 });
    expect(above.zoom).toBeLessThan(box.zoom);
    expect(above.bottom).toBeLessThanOrEqual(legend.top);
  });

  it('in a tall map, puts the units above the legend', () => {
    const legend = { top: 1040, right: 352, bottom: 1154 };
    const box = screenBox(700, 1200, legend);
    expect(box.bottom).toBeLessThanOrEqual(legend.top);
    expect(box.left).toBeLessThan(legend.right);
  });

  it('still gives a view when the legend leaves no room on either side', () => {
    const box = screenBox(300, 200, { top: 0, right: 300, bottom: 200 });
    expect(Number.isFinite(box.zoom)).toBe(true);
  });
});
