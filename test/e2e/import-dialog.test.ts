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
import { type AppSession, withDemoInChromium } from './support/app-session.ts';

const ACCOUNTS = path.resolve(import.meta.dirname, '../fixtures/import/accounts-de.csv');

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
});
