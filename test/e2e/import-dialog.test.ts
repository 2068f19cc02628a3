/**
 * Import from the app, in real Chromium against the real HTTP host: the Import dialog takes a file
 * path, main imports it in a worker, the window reloads and the import's report stays open until
 * closed; a bad file gets a plain message and leaves the project file as it was.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ProjectStore } from '../../main/store/project-store.ts';
import { fileHash } from '../helpers/temp.ts';
import { ZCTA_DIR } from '../integration/import-support.ts';
import { type AppSession, withDemoInChromium } from './support/app-session.ts';

const ACCOUNTS = path.resolve(import.meta.dirname, '../fixtures/import/accounts-de.csv');
/** Rhode Island's ZCTAs (TIGER 2010): a small region, far from the demo's national extent. */
const RHODE_ISLAND = path.join(ZCTA_DIR, 'tl_2010_44_zcta510.zip');

let app: AppSession;
let page: Page;
let problems: string[];

withDemoInChromium((session) => ({ app, page, problems } = session));

async function startImport(file: string, as: 'units' | 'accounts', replace: boolean): Promise<void> {
  await page.getByTestId('import').click();
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByRole('textbox').fill(file);
  await dialog.getByRole('combobox').selectOption(as);
  if (replace) await dialog.getByRole('checkbox').check();
  await dialog.getByRole('button', { name: 'Import' }).click();
}

/** The error message of an import that fails (the toast, dismissed again). */
async function failedImportMessage(file: string, as: 'units' | 'accounts'): Promise<string> {
  await startImport(file, as, false);
  const toast = page.getByTestId('toast');
  await toast.waitFor({ timeout: 60_000 });
  const text = (await toast.textContent()) ?? '';
  // The toast also hides itself after 7 s, which a loaded machine can reach before the click
  // lands (the map reloads meanwhile): either way it must be gone before the next import.
  await toast
    .getByRole('button', { name: 'Dismiss' })
    .click({ timeout: 5_000 })
    .catch(() => undefined);
  await toast.waitFor({ state: 'detached', timeout: 30_000 });
  return text;
}

function accountCount(): number {
  const store = ProjectStore.open(app.file, { readonly: true });
  try {
    return store.count('accounts');
  } finally {
    store.close();
  }
}

describe('Import dialog', () => {
  it('imports accounts from a CSV path, reloads the map and keeps its report open until closed', async () => {
    expect(accountCount()).toBeGreaterThan(5000);
    await startImport(ACCOUNTS, 'accounts', true);
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: 60_000 });
    const title = (await report.getByRole('heading').textContent()) ?? '';
    expect(title).toMatch(/^Imported \d+ accounts$/);
    const imported = Number(/Imported (\d+)/.exec(title)![1]);
    expect(imported).toBeGreaterThan(0);
    expect(accountCount()).toBe(imported);
    const fact = async (id: string) => (await report.getByTestId(`import-report-${id}`).locator('dd').textContent()) ?? '';
    expect(await fact('source')).toContain('accounts-de.csv');
    expect(Number(await fact('read'))).toBe(7);
    expect(await fact('written')).toBe(String(imported));
    expect(await fact('text-encoding')).toBe('utf-8');
    // The fixture's unusable rows are listed with their reasons; 00000 is no ZIP the Census knows.
    const skipped = Number(await fact('skipped'));
    expect(skipped).toBe(7 - imported);
    if (skipped > 0) expect(await report.getByTestId('import-report-skipped-list').locator('li').count()).toBe(skipped);
    expect(await report.getByTestId('import-report-unknown-zips').textContent()).toContain('00000');

    // Still open after the toast's 7 s would have passed and the map has reloaded.
    await page.waitForFunction(() => window.__tessera?.ready === true);
    await page.waitForTimeout(7_500);
    expect(await report.isVisible()).toBe(true);
    await report.getByRole('button', { name: 'Close' }).click();
    await report.waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
  });

  it('refuses units over existing ones in plain words and leaves the file as it was', async () => {
    const before = fileHash(app.file);
    const message = await failedImportMessage(ACCOUNTS, 'units');
    expect(message).toMatch(/accounts-de\.csv/);
    expect(message).not.toMatch(/internal error|TypeError|at .*\.ts/);
    expect(fileHash(app.file)).toBe(before);
  });

  it('opens the map on imported units that replace the national ones', async () => {
    const earlierProblems = problems.length; // the refused import above logged its 422
    await startImport(RHODE_ISLAND, 'units', true);
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: 120_000 });
    expect(await report.getByRole('heading').textContent()).toBe('Imported 77 units');
    await report.getByRole('button', { name: 'Close' }).click();
    await page.waitForFunction(() => window.__tessera?.ready === true && Object.keys(window.__tessera.assignments()).length === 0);
    const map = (await page.getByTestId('map').boundingBox())!;
    // Rhode Island's corners (about 71.9-71.1 W, 41.1-42.0 N) are on screen and the state spans
    // much of the map, where the national view showed it as a few pixels at the edge.
    const corner = (lonLat: [number, number]) => page.evaluate((p) => window.__tessera!.project(p)!, lonLat);
    const [sw, ne] = [await corner([-71.89, 41.15]), await corner([-71.12, 42.02])];
    for (const [x, y] of [sw, ne]) {
      expect(x).toBeGreaterThan(map.x);
      expect(x).toBeLessThan(map.x + map.width);
      expect(y).toBeGreaterThan(map.y);
      expect(y).toBeLessThan(map.y + map.height);
    }
    expect(sw[1] - ne[1]).toBeGreaterThan(map.height * 0.5);
    expect(problems.slice(earlierProblems)).toEqual([]);
  });
});
