/**
 * Import from the app, in real Chromium against the real HTTP host: the Import dialog takes a file
 * path, main imports it in a worker, the window reloads and says what was imported; a bad file
 * gets a plain message and leaves the project file as it was.
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

async function importThroughDialog(file: string, as: 'units' | 'accounts', replace: boolean): Promise<string> {
  await page.getByTestId('import').click();
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByRole('textbox').fill(file);
  await dialog.getByRole('combobox').selectOption(as);
  if (replace) await dialog.getByRole('checkbox').check();
  await dialog.getByRole('button', { name: 'Import' }).click();
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
  it('imports accounts from a CSV path, reloads the map and reports what it did', async () => {
    expect(accountCount()).toBeGreaterThan(5000);
    const message = await importThroughDialog(ACCOUNTS, 'accounts', true);
    expect(message).toMatch(/^Imported \d+ accounts from accounts-de/);
    const imported = Number(/Imported (\d+)/.exec(message)![1]);
    expect(imported).toBeGreaterThan(0);
    expect(accountCount()).toBe(imported);
    await page.waitForFunction(() => window.__tessera?.ready === true);
    expect(problems).toEqual([]);
  });

  it('refuses units over existing ones in plain words and leaves the file as it was', async () => {
    const before = fileHash(app.file);
    const message = await importThroughDialog(ACCOUNTS, 'units', false);
    expect(message).toMatch(/accounts-de\.csv/);
    expect(message).not.toMatch(/internal error|TypeError|at .*\.ts/);
    expect(fileHash(app.file)).toBe(before);
  });
});
