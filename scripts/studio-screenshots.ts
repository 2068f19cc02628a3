/**
 * Regenerates the studio screenshots from the real app on the demo project:
 * docs/studio-tools.png (a selection with its totals, the lasso being drawn) and
 * docs/mode-compare.png (a duplicated scenario compared with the original: changed units outlined,
 * per-territory deltas). Run: `npx tsx scripts/studio-screenshots.ts [out-dir]`.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ensureRendererBuilt } from '../main/host/renderer-build.ts';
import { launchChromium, collectPageProblems } from '../test/e2e/support/chromium.ts';
import { openApp, startDemoApp } from '../test/e2e/support/app-session.ts';
import { readFile, unitsByBox, waitDrawn } from '../test/e2e/support/studio.ts';
import { assignUnits } from '../shared/edit/commands.ts';

const outDir = path.resolve(process.argv[2] ?? 'docs');

async function screen(page: Page, lonLat: [number, number]): Promise<[number, number]> {
  const p = await page.evaluate((ll) => window.__tessera!.project(ll), lonLat);
  if (!p) throw new Error('no map');
  return p;
}

await ensureRendererBuilt((line) => process.stderr.write(line + '\n'));
const app = await startDemoApp();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const problems = collectPageProblems(page);

  // A stretch scenario: Kansas to Texas & Oklahoma, Iowa to Great Lakes, made through the real API.
  const original = readFile(app.file);
  const copy = await app.service.handlers.duplicateScenario({ scenarioId: original.scenarioId, name: 'Stretch plan' });
  const plan = { assignments: new Map(original.assignments), territories: original.territories as never };
  for (const [box, to] of [[[-102.1, 36.9, -94.6, 40.1], 'T04'], [[-96.7, 40.3, -90.1, 43.6], 'T06']] as const) {
    const edit = assignUnits(plan, unitsByBox(app.file, [...box]).inside, to)!;
    for (const op of edit.ops) if (op.op === 'assign') for (const id of op.unitIds) plan.assignments.set(id, to);
    await app.service.handlers.applyEdit({ scenarioId: copy.id, edit });
  }
  await app.service.handlers.switchScenario({ scenarioId: copy.id });

  await openApp(page, app.host.url);
  await waitDrawn(page);
  await page.getByTestId('tab-scenarios').click();
  await page.getByTestId('compare-with').selectOption(original.scenarioId);
  await page.waitForFunction(() => (window.__tesseraStudio?.compareChanged ?? -1) > 0);
  await waitDrawn(page);
  await page.screenshot({ path: path.join(outDir, 'mode-compare.png') });
  process.stderr.write(`Saved ${path.join(outDir, 'mode-compare.png')}\n`);

  // Tools, zoomed in once: a box selection in Arkansas with its totals, then a lasso being drawn around Nebraska.
  await page.getByTestId('compare-with').selectOption('');
  await page.getByTestId('tab-territory').click();
  await page.locator('[data-testid="territory-row-T08"]').first().click();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await waitDrawn(page);
  await page.keyboard.press('b');
  const [a, b] = [await screen(page, [-94.4, 33.3]), await screen(page, [-91.2, 35.6])];
  await page.mouse.move(a[0], a[1]);
  await page.mouse.down();
  await page.mouse.move(b[0], b[1], { steps: 5 });
  await page.mouse.up();
  await page.keyboard.press('l');
  const ring: [number, number][] = [[-103.8, 40.3], [-104.0, 42.6], [-101.5, 43.2], [-98.5, 43.0], [-96.6, 42.3], [-95.9, 40.6], [-99.5, 39.9]];
  const first = await screen(page, ring[0]!);
  await page.mouse.move(first[0], first[1]);
  await page.mouse.down();
  for (const p of ring.slice(1)) {
    const [x, y] = await screen(page, p);
    await page.mouse.move(x, y, { steps: 4 });
  }
  await waitDrawn(page);
  await page.screenshot({ path: path.join(outDir, 'studio-tools.png') });
  await page.mouse.up();
  process.stderr.write(`Saved ${path.join(outDir, 'studio-tools.png')}\n`);
  if (problems.length) process.stderr.write(`Page problems:\n${problems.join('\n')}\n`);
} finally {
  await browser.close();
  await app.close();
}
