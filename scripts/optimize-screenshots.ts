/**
 * Screenshots of the Optimize dialog from the real app on the demo project, in the light and the
 * dark theme: the settings (two weighted fields), the run in progress, and the result with the
 * compare view behind it. Run: `npx tsx scripts/optimize-screenshots.ts [out-dir]` (default docs/):
 * writes optimize-form.png, optimize-running.png, optimize-result.png and optimize-*-dark.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ensureRendererBuilt } from '../main/host/renderer-build.ts';
import { launchChromium, collectPageProblems } from '../test/e2e/support/chromium.ts';
import { openApp, startDemoApp } from '../test/e2e/support/app-session.ts';
import { waitDrawn } from '../test/e2e/support/studio.ts';

const outDir = path.resolve(process.argv[2] ?? 'docs');
fs.mkdirSync(outDir, { recursive: true });

async function save(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(outDir, name) });
  process.stderr.write(`Saved ${path.join(outDir, name)}\n`);
}

async function session(page: Page, suffix: string): Promise<void> {
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('o');
  await page.getByTestId('optimize-form').waitFor();
  await page.getByTestId('optimize-add-field').selectOption('accounts');
  await page.getByRole('slider', { name: 'Weight of Accounts' }).fill('30');
  await save(page, `optimize-form${suffix}.png`);
  await page.getByTestId('optimize-run').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="optimize-percent"]')?.textContent?.replace('%', '')) > 5);
  await save(page, `optimize-running${suffix}.png`);
  await page.getByTestId('optimize-result').waitFor({ timeout: 180_000 });
  await page.waitForFunction(() => (window.__tesseraStudio?.compareChanged ?? -1) > 0);
  await waitDrawn(page);
  await save(page, `optimize-result${suffix}.png`);
  await page.getByTestId('optimize-discard').click();
  await page.getByTestId('optimize-dialog').waitFor({ state: 'detached', timeout: 60_000 });
  await waitDrawn(page);
}

await ensureRendererBuilt((line) => process.stderr.write(line + '\n'));
const app = await startDemoApp();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const problems = collectPageProblems(page);
  await openApp(page, app.host.url);
  await waitDrawn(page);
  await session(page, '');
  await page.getByTestId('theme-toggle').click();
  await waitDrawn(page);
  await session(page, '-dark');
  if (problems.length) process.stderr.write(`Page problems: ${problems.join(' | ')}\n`);
} finally {
  await browser.close();
  await app.close();
}
