/**
 * Regenerates the screenshots in docs/ from the real app: builds the demo project in a temporary
 * folder, serves it with the HTTP host and opens it in headless Chromium at 1440x900.
 * - docs/screenshot-demo.png: the opening view with a county hovered (tooltip);
 * - docs/mode-territories.png, mode-choropleth.png, mode-deviation.png: the three map colour modes.
 * Run: `npx tsx scripts/screenshot.ts [outDir]` (default docs/).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ensureRendererBuilt } from '../main/host/renderer-build.ts';
import { launchChromium, collectPageProblems } from '../test/e2e/support/chromium.ts';
import { openApp, startDemoApp } from '../test/e2e/support/app-session.ts';

const outDir = path.resolve(process.argv[2] ?? 'docs');
/** A county to hover for the tooltip: Harney County, Oregon (FIPS 41025). */
const HOVER_AT: [number, number] = [-119.07, 43.36];

/** Switch the map's colour mode and wait for the frame that draws it. */
async function showMode(page: Page, mode: 'territory' | 'field' | 'deviation'): Promise<void> {
  await page.getByTestId(`mode-${mode}`).click();
  await page.waitForFunction((m) => window.__tessera!.drawnFillKey.startsWith(m) && window.__tessera!.settled(), mode);
}

await ensureRendererBuilt((line) => process.stderr.write(line + '\n'));
const app = await startDemoApp();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const problems = collectPageProblems(page);
  await openApp(page, app.host.url);
  const point = await page.evaluate((lonLat) => window.__tessera!.project(lonLat), HOVER_AT);
  if (point) {
    await page.mouse.move(point[0], point[1]);
    await page.waitForSelector('[data-testid="unit-tooltip"]');
  }
  // The hover outline is a layer too: wait for the frame that draws it.
  await page.waitForFunction(() => window.__tessera!.settled());
  await save(page, 'screenshot-demo.png');

  // Mode shots without the tooltip (pointer parked over the panel), the US fitted to the map as laid out now.
  await page.mouse.move(1400, 880);
  await page.getByRole('button', { name: 'Fit the map to the units' }).click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="unit-tooltip"]') && window.__tessera!.settled());
  await save(page, 'mode-territories.png');
  await showMode(page, 'field');
  await save(page, 'mode-choropleth.png');
  await showMode(page, 'deviation');
  await save(page, 'mode-deviation.png');
  if (problems.length) process.stderr.write(`Page problems:\n${problems.join('\n')}\n`);
} finally {
  await browser.close();
  await app.close();
}

async function save(page: Page, name: string): Promise<void> {
  const file = path.join(outDir, name);
  await page.screenshot({ path: file });
  process.stderr.write(`Saved ${file}\n`);
}
