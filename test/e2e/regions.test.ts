/**
 * Regions in real Chromium on the demo project, checked in the project FILE: create a region from
 * the territory editor, put three territories in it, the panel's region totals equal the sums of
 * those territories' rows (and its deviation the one computed from `tessera metrics --json`), undo
 * takes the last one out, and a page reload shows the same. The .gpkg is read with better-sqlite3.
 */
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import type { MetricsReport } from '../../shared/metrics/types.ts';
import { regionTotals } from '../../shared/plan/region-totals.ts';
import { tessera } from '../helpers/cli.ts';
import { validateGpkg } from '../helpers/gdal.ts';
import { type AppSession, openApp, withDemoInChromium } from './support/app-session.ts';
import { chooseTarget, waitDrawn } from './support/studio.ts';

let app: AppSession;
let page: Page;
let problems: string[];
vi.setConfig({ testTimeout: 180_000 });

withDemoInChromium((session) => ({ app, page, problems } = session));

interface FileRegions {
  regions: { region_id: string; name: string; color: string; manager: string | null }[];
  members: Record<string, string>;
}

/** Regions and memberships of the active scenario, straight from the .gpkg with better-sqlite3. */
function fileRegions(): FileRegions {
  const db = new Database(app.file, { readonly: true });
  try {
    const scenario = JSON.parse(db.prepare("SELECT value FROM tessera_settings WHERE key = 'activeScenario'").pluck().get() as string) as string;
    const regions = db.prepare('SELECT region_id, name, color, manager FROM tessera_regions WHERE scenario_id = ? ORDER BY region_id').all(scenario) as FileRegions['regions'];
    const rows = db.prepare('SELECT territory_id, region_id FROM territories WHERE scenario_id = ? AND region_id IS NOT NULL').all(scenario) as {
      territory_id: string;
      region_id: string;
    }[];
    return { regions, members: Object.fromEntries(rows.map((r) => [r.territory_id, r.region_id])) };
  } finally {
    db.close();
  }
}

async function figure(row: string, testId: string): Promise<number> {
  return Number(await page.locator(`${row} [data-testid="${testId}"]`).first().getAttribute('data-value'));
}

/** The region row's figures and the sums of the given territories' rows in the metrics table. */
async function regionAndSums(regionId: string, territoryIds: string[]) {
  const row = `[data-testid="region-row"][data-region="${regionId}"]`;
  const region = {
    units: await figure(row, 'region-units'),
    accounts: await figure(row, 'region-accounts'),
    potential: await figure(row, 'region-potential'),
    deviation: await figure(row, 'region-deviation'),
  };
  const sums = { units: 0, accounts: 0, potential: 0 };
  for (const id of territoryIds) {
    for (const key of ['units', 'accounts', 'potential'] as const) sums[key] += await figure(`[data-testid="territory-row-${id}"]`, key);
  }
  return { region, sums };
}

async function pickRegion(territoryId: string, regionId: string): Promise<void> {
  await chooseTarget(page, territoryId);
  await page.getByTestId('territory-region').selectOption(regionId);
}

describe('regions', () => {
  it('starts with the empty state', async () => {
    await expect.poll(() => page.getByTestId('regions-empty').textContent()).toBe('No regions — group territories into regions to see their totals.');
  });

  it('creates a region, adds three territories, totals match, undo and reload keep the file and panel in step', async () => {
    await chooseTarget(page, 'T01');
    await page.getByTestId('tab-territory').click();
    await page.getByTestId('new-region').click();
    await page.getByTestId('new-region-name').fill('West');
    await page.getByTestId('new-region-manager').fill('Ana Ruiz');
    await page.getByTestId('create-region').click();
    await expect.poll(() => fileRegions().members, { timeout: 30_000 }).toEqual({ T01: 'R1' });
    expect(fileRegions().regions).toEqual([{ region_id: 'R1', name: 'West', color: expect.stringMatching(/^#[0-9a-f]{6}$/), manager: 'Ana Ruiz' }]);
    await pickRegion('T02', 'R1');
    await pickRegion('T03', 'R1');
    await expect.poll(() => fileRegions().members, { timeout: 30_000 }).toEqual({ T01: 'R1', T02: 'R1', T03: 'R1' });

    const ids = ['T01', 'T02', 'T03'];
    const { region, sums } = await regionAndSums('R1', ids);
    expect(region.units).toBeGreaterThan(0);
    expect({ units: region.units, accounts: region.accounts }).toEqual({ units: sums.units, accounts: sums.accounts });
    expect(region.potential).toBeCloseTo(sums.potential, 2);
    // deviation from the region target (sum of the territories' targets), from the CLI's figures for the same file
    const run = tessera('metrics', app.file, '--json');
    expect(run.status, run.stderr).toBe(0);
    const cli = JSON.parse(run.stdout) as MetricsReport;
    const fromCli = regionTotals([{ id: 'R1', name: 'West', color: '#000000', manager: null }],
      ids.map((id) => ({ id, name: id, color: '#000000', repId: null, locked: false, regionId: 'R1' })), cli.territories, cli.plan.balanceFields)[0]!;
    expect(fromCli.units).toBe(region.units);
    expect(region.deviation).toBeCloseTo(fromCli.compositeDeviationPct!, 6);
    // and not simply a mean of the three territories' percentages
    await expect.poll(() => page.getByTestId('region-manager').textContent()).toBe('Ana Ruiz');
    const notInRegion = page.locator('[data-testid="region-row"][data-region=""]');
    await expect.poll(() => notInRegion.locator('td').nth(1).getAttribute('data-value')).toBe(String(cli.territories.length - 3));

    await page.locator('[data-testid="regions-section"]').screenshot({ path: `${app.dir}/regions-section.png` });
    // TESSERA_SHOT_DIR=docs regenerates docs/regions-panel.png (the panel) and docs/regions-editor.png (the sidebar)
    if (process.env.TESSERA_SHOT_DIR) {
      await page.getByTestId('metrics-panel').screenshot({ path: `${process.env.TESSERA_SHOT_DIR}/regions-panel.png` });
      await page.getByTestId('edit-region').click();
      await page.locator('aside.studio').screenshot({ path: `${process.env.TESSERA_SHOT_DIR}/regions-editor.png` });
      await page.getByTestId('edit-region').click();
    }

    // undo (focus off the select, which keeps Ctrl+Z for itself) takes T03 out again
    await page.getByTestId('tab-history').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => fileRegions().members, { timeout: 30_000 }).toEqual({ T01: 'R1', T02: 'R1' });
    await expect.poll(async () => (await regionAndSums('R1', ['T01', 'T02'])).region.units).toBe((await regionAndSums('R1', ['T01', 'T02'])).sums.units);

    await openApp(page, app.host.url);
    await waitDrawn(page);
    await expect.poll(() => page.locator('[data-testid="region-row"][data-region="R1"] td').nth(1).getAttribute('data-value')).toBe('2');
    const after = await regionAndSums('R1', ['T01', 'T02']);
    expect(after.region.units).toBe(after.sums.units);
    expect(after.region.accounts).toBe(after.sums.accounts);
    expect(fileRegions().members).toEqual({ T01: 'R1', T02: 'R1' });
    // redo after the reload comes from the stored history
    await page.getByTestId('tab-history').click();
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => fileRegions().members, { timeout: 30_000 }).toEqual({ T01: 'R1', T02: 'R1', T03: 'R1' });
    expect(validateGpkg(app.file)).not.toMatch(/error/i);
  });

  it('renames the region, sets its manager and deletes it from the editor; undo restores every membership', async () => {
    await chooseTarget(page, 'T02');
    await page.getByTestId('tab-territory').click();
    await page.getByTestId('edit-region').click();
    await page.getByTestId('region-name').fill('Pacific West');
    await page.getByTestId('region-manager-input').fill('Bo Lind');
    await page.getByTestId('save-region').click();
    await expect.poll(() => fileRegions().regions.map((r) => [r.name, r.manager]), { timeout: 30_000 }).toEqual([['Pacific West', 'Bo Lind']]);
    await expect.poll(() => page.getByTestId('region-manager').textContent()).toBe('Bo Lind');

    await page.getByTestId('delete-region').click();
    await expect.poll(() => fileRegions(), { timeout: 30_000 }).toEqual({ regions: [], members: {} });
    await expect.poll(() => page.getByTestId('regions-empty').isVisible()).toBe(true);
    await page.getByTestId('tab-history').click();
    await expect.poll(() => page.getByTestId('history-entry').first().locator('.history__label').textContent()).toBe('Delete region Pacific West');
    await page.keyboard.press('Control+z');
    await expect.poll(() => fileRegions().members, { timeout: 30_000 }).toEqual({ T01: 'R1', T02: 'R1', T03: 'R1' });
    await expect.poll(() => page.locator('[data-testid="region-row"][data-region="R1"] td').nth(1).getAttribute('data-value')).toBe('3');
    expect(problems).toEqual([]);
  });
});
