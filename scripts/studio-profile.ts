/**
 * Where the renderer's main-thread time goes for one studio action on the 33,000-unit TEST LAYER of
 * test/bench/studio.bench.ts: CPU profile (DevTools Profiler) of a lasso assignment, self time by
 * function. Run: `npx tsx scripts/studio-profile.ts [project.gpkg]` (the test layer is built there once).
 */
import fs from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { openApp } from '../test/e2e/support/app-session.ts';
import { buildTestProject, startStudio } from '../test/bench/studio.bench.ts';

const file = process.argv[2] ?? '/tmp/tessera-test-layer.gpkg';
if (!fs.existsSync(file)) buildTestProject(file);

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }

async function profile(page: Page, cdp: CDPSession, label: string, action: () => Promise<void>): Promise<void> {
  const version = (await page.evaluate('window.__tessera.planVersion')) as number;
  await cdp.send('Profiler.start');
  await action();
  await page.evaluate(`new Promise((resolve) => { const c = () => { const h = window.__tessera; if (h.planVersion > ${version} && h.drawnPlanVersion === h.planVersion && h.settled()) resolve(); else setTimeout(c, 25); }; c(); })`);
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] } };
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byName = new Map<string, number>();
  for (const n of profile.nodes) {
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    byName.set(key, (byName.get(key) ?? 0) + (self.get(n.id) ?? 0));
  }
  const top = [...byName].filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(program)')).sort((a, b) => b[1] - a[1]).slice(0, 25);
  process.stdout.write(`\n== ${label}\n${top.map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k}`).join('\n')}\n`);
}

const studio = await startStudio(file);
try {
  const { page, cdp } = studio;
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await openApp(page, studio.url);
  await page.locator('[data-testid^="territory-row-t"]').nth(3).click({ timeout: 300_000 });
  await page.keyboard.press('s');
  const box = (await page.locator('[data-testid="map"] canvas').boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForFunction('window.__tesseraStudio.selection().length === 1', undefined, { timeout: 300_000 });
  await profile(page, cdp, 'assign 1 selected unit (Enter)', () => page.keyboard.press('Enter'));
  await profile(page, cdp, 'undo', () => page.keyboard.press('Control+z'));
  await page.keyboard.press('v');
  // Another territory than the unit's: a click that changes nothing would never be drawn.
  await page.locator('[data-testid^="territory-row-t"]').nth(7).click({ timeout: 300_000 });
  await profile(page, cdp, 'click with the paint-by-click tool', () => page.mouse.click(box.x + box.width / 2 + 3, box.y + box.height / 2 + 3));
} finally {
  await studio.close();
}
