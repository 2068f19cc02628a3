/**
 * Regenerates docs/screenshot-demo.png from the real app: builds the demo project in a temporary
 * folder, serves it with the HTTP host, opens it in headless Chromium at 1440x900, hovers a
 * county so the tooltip shows, and saves the window. Run: `npx tsx scripts/screenshot.ts [out.png]`.
 */
import path from 'node:path';
import { ensureRendererBuilt } from '../main/host/renderer-build.ts';
import { launchChromium, collectPageProblems } from '../test/e2e/support/chromium.ts';
import { openApp, startDemoApp } from '../test/e2e/support/app-session.ts';

const out = path.resolve(process.argv[2] ?? 'docs/screenshot-demo.png');
/** A county to hover for the tooltip: Harney County, Oregon (FIPS 41025). */
const HOVER_AT: [number, number] = [-119.07, 43.36];

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
  await page.screenshot({ path: out });
  process.stderr.write(`Saved ${out}\n`);
  if (problems.length) process.stderr.write(`Page problems:\n${problems.join('\n')}\n`);
} finally {
  await browser.close();
  await app.close();
}
