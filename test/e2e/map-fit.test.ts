/**
 * The fitted map in real Chromium, in a wide and short window (a laptop's browser-style layout)
 * where the legend would cover the units: the opening view and the Fit button keep the lower 48's
 * units clear of the legend and above the status bar, in the territory mode and in a choropleth,
 * whose legend is taller. Zoomed in and panned, the rep name tags stay on the part of the map in view.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { type AppSession, withDemoInChromium } from './support/app-session.ts';
import { screenPoint, waitDrawn } from './support/studio.ts';
import { ProjectStore } from '../../main/store/project-store.ts';

let app: AppSession;
let page: Page;
let problems: string[];
vi.setConfig({ testTimeout: 120_000 });

withDemoInChromium((session) => ({ app, page, problems } = session), { viewport: { width: 1920, height: 800 } });

/** The lon/lat box of the lower 48's units in the project file (Alaska, Hawaii and Puerto Rico left out, as the map does). */
function lower48Box(file: string): [[number, number], [number, number]] {
  const store = ProjectStore.open(file, { readonly: true });
  try {
    const box = store.db
      .prepare('SELECT min(minx) AS w, min(miny) AS s, max(maxx) AS e, max(maxy) AS n FROM rtree_units_geom WHERE minx > -130 AND miny > 20 AND maxy < 50')
      .get() as { w: number; s: number; e: number; n: number };
    return [[box.w, box.s], [box.e, box.n]];
  } finally {
    store.close();
  }
}

/** Where the units' box, the legend, the status bar and the map are on the screen. */
async function layout() {
  const [[west, south], [east, north]] = lower48Box(app.file);
  const [left, bottom] = await screenPoint(page, [west, south]);
  const [right, top] = await screenPoint(page, [east, north]);
  const rect = async (testId: string) => (await page.getByTestId(testId).boundingBox())!;
  return { units: { left, right, top, bottom }, legend: await rect('legend'), map: await rect('map'), statusBar: (await page.locator('.statusbar').boundingBox())! };
}

async function expectUnitsClear() {
  const { units, legend, map, statusBar } = await layout();
  // Inside the map and above the status bar (1 px for rounding).
  expect(units.left).toBeGreaterThan(map.x);
  expect(units.top).toBeGreaterThan(map.y);
  expect(units.right).toBeLessThan(map.x + map.width);
  expect(units.bottom).toBeLessThanOrEqual(statusBar.y + 1);
  // Out of the legend's corner: above it or beside it.
  const clear = units.bottom <= legend.y + 1 || units.left >= legend.x + legend.width - 1;
  expect(clear, `units ${JSON.stringify(units)} against the legend ${JSON.stringify(legend)}`).toBe(true);
  // And still fitted: the units span most of the map's width or height.
  expect(Math.max((units.right - units.left) / map.width, (units.bottom - units.top) / map.height)).toBeGreaterThan(0.6);
}

describe('the fitted map in a wide, short window', () => {
  it('opens with the units clear of the legend and the status bar', async () => {
    await expectUnitsClear();
  });

  it('Fit keeps the units clear of the taller choropleth legend', async () => {
    await page.getByTestId('mode-field').click();
    await page.waitForFunction(() => window.__tessera!.drawnFillKey.startsWith('field'));
    const before = await layout();
    // The choropleth's legend (its classes) is taller than the territory mode's: it now covers units.
    expect(before.legend.height).toBeGreaterThan(100);
    expect(before.units.bottom > before.legend.y && before.units.left < before.legend.x + before.legend.width).toBe(true);

    await page.getByRole('button', { name: 'Fit the map to the units' }).click();
    await expect.poll(async () => (await layout()).units.bottom, { timeout: 20_000 }).toBeLessThan(before.units.bottom - 20);
    await waitDrawn(page);
    await expectUnitsClear();
    expect(problems).toEqual([]);
  });
});

describe('rep name tags on a zoomed-in, panned map', () => {
  it('names a rep at the east edge on the west side of the marker, and a rep out of view not at all', async () => {
    for (const _ of [1, 2]) await page.getByRole('button', { name: 'Zoom in' }).click();
    await waitDrawn(page);
    const store = ProjectStore.open(app.file, { readonly: true });
    const reps = store.reps();
    store.close();
    const grace = reps.find((r) => r.name === 'Grace Kowalski')!;
    // Drag the map (the default tool pans) until her marker is 30 px inside its east edge.
    const map = (await page.getByTestId('map').boundingBox())!;
    const [x, y] = await screenPoint(page, grace.location);
    const from: [number, number] = [map.x + map.width / 2, map.y + map.height / 2];
    await page.mouse.move(from[0], from[1]);
    await page.mouse.down();
    await page.mouse.move(from[0] + map.x + map.width - 30 - x, from[1] + map.y + map.height / 2 - y, { steps: 8 });
    await page.mouse.up();
    await waitDrawn(page);
    expect((await screenPoint(page, grace.location))[0]).toBeGreaterThan(map.x + map.width - 40);

    const tagOf = (name: string) => page.evaluate((n) => window.__tessera!.repTags().find((t) => t.name === n) ?? null, name);
    await expect.poll(async () => (await tagOf(grace.name))?.anchor, { timeout: 20_000 }).toBe('end');
    // Every tag drawn belongs to a marker on the map, and some reps are out of view (so untagged).
    const onMap = async (lonLat: [number, number]) => {
      const [px, py] = await screenPoint(page, lonLat);
      return px >= map.x && px <= map.x + map.width && py >= map.y && py <= map.y + map.height;
    };
    const tagged = new Set((await page.evaluate(() => window.__tessera!.repTags())).map((t) => t.name));
    const outOfView: string[] = [];
    for (const rep of reps) {
      if (tagged.has(rep.name)) expect(await onMap(rep.location), rep.name).toBe(true);
      else if (!(await onMap(rep.location))) outOfView.push(rep.name);
    }
    expect(outOfView.length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
