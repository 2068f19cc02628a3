/**
 * The Optimize dialog's disruption limit in real Chromium on the demo project: a rebalance of the
 * (unbalanced) demo plan limited to 0.5% of the units saves a plan that moves at most that many
 * units (counted in the project FILE) and the result says in plain words which territories the
 * limit kept outside the tolerance. TESSERA_SHOTS=<folder> also saves a screenshot of the result.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { type AppSession, withDemoInChromium } from './support/app-session.ts';
import { readFile } from './support/studio.ts';

let app: AppSession;
let page: Page;
let problems: string[];
vi.setConfig({ testTimeout: 240_000 });

withDemoInChromium((session) => ({ app, page, problems } = session));

describe('optimize with a disruption limit', () => {
  it('a rebalance limited to 0.5% of the units moves at most that and says what stayed out', async () => {
    const before = readFile(app.file);
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('o');
    await expect.poll(() => page.getByTestId('optimize-form').count()).toBe(1);
    await page.getByTestId('optimize-mode-rebalance').click();
    await page.getByTestId('optimize-limit-moves').check();
    expect(await page.getByTestId('optimize-form').textContent()).toContain('% of units (moves past it are not made)');
    await page.getByTestId('optimize-max-moved').fill('0.5');
    await page.getByTestId('optimize-run').click();
    await page.getByTestId('optimize-result').waitFor({ timeout: 120_000 });
    const note = page.getByTestId('result-disruption-note');
    await expect.poll(() => note.count()).toBe(1);
    const text = (await note.textContent()) ?? '';
    expect(await page.getByTestId('optimize-dialog').textContent()).not.toContain('nothing is saved');
    const after = readFile(app.file);
    expect(after.scenarioId).not.toBe(before.scenarioId);
    const db = new Database(app.file, { readonly: true });
    let moved: number;
    let units: number;
    try {
      moved = db
        .prepare('SELECT count(*) FROM tessera_assignments a JOIN tessera_assignments b USING (unit_id) WHERE a.scenario_id = ? AND b.scenario_id = ? AND a.territory_id <> b.territory_id')
        .pluck()
        .get(before.scenarioId, after.scenarioId) as number;
      units = db.prepare('SELECT count(*) FROM units').pluck().get() as number;
    } finally {
      db.close();
    }
    const limit = Math.floor(0.005 * units);
    expect(moved).toBeGreaterThan(0);
    expect(moved).toBeLessThanOrEqual(limit);
    expect(text).toMatch(new RegExp(`^The disruption limit \\(at most ${limit} units may change territory; \\d+ did\\) stopped the rebalance: .+ outside ±2%: .+ Raise the limit`));
    if (process.env.TESSERA_SHOTS) {
      fs.mkdirSync(process.env.TESSERA_SHOTS, { recursive: true });
      await page.getByTestId('optimize-dialog').screenshot({ path: path.join(process.env.TESSERA_SHOTS, 'optimize-disruption-note.png') });
    }
    expect(problems.join('\n')).toBe('');
  });
});
