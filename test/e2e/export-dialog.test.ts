/**
 * The in-app Export… dialog, end to end in real Chromium on the demo: each format is chosen in the
 * dialog, written by main, downloaded once through the HTTP host, and checked with an outside
 * reader (pdfinfo, unzip, ogrinfo). The single-use download address refuses a second GET and any
 * GET without the token cookie; a bad request shows its message and leaves the project untouched.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileHash } from '../helpers/temp.ts';
import { openInChromium, startDemoApp, type AppSession, type BrowserSession } from './support/app-session.ts';

let app: AppSession;
let session: BrowserSession;
let dir: string;
let units: number;
let territories: number;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-export-dialog-'));
  app = await startDemoApp();
  const data = await app.service.handlers.getMapData({});
  units = data.units.length;
  territories = data.territories.length;
  session = await openInChromium(app, { width: 1440, height: 900 });
}, 300_000);

afterAll(async () => {
  await session?.browser.close();
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function openDialog(page: Page): Promise<void> {
  if (await page.getByTestId('export-dialog').isVisible()) return;
  await page.getByTestId('export').click();
  await page.getByTestId('export-dialog').waitFor();
}

/** Choose a format (and options), press Export, save the download; returns the file and its address. */
async function exportThroughDialog(page: Page, format: string, options: (page: Page) => Promise<void> = async () => {}): Promise<{ file: string; url: string; name: string }> {
  await openDialog(page);
  await page.getByTestId(`export-format-${format}`).check();
  await options(page);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), page.getByTestId('export-save').click()]);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  await expect.poll(() => page.getByTestId('export-message').textContent(), { timeout: 30_000 }).toMatch(/^Saved /);
  return { file, url: download.url(), name: download.suggestedFilename() };
}

describe('Export… dialog', () => {
  it('exports a PDF page that pdfinfo reads, with the chosen title and page size', async () => {
    const { file, name } = await exportThroughDialog(session.page, 'pdf', async (page) => {
      await page.getByTestId('export-title').fill('Board review');
      await page.getByTestId('export-page').selectOption('a4');
      // For looking at: the dialog as a user first sees it (TESSERA_SCREENSHOTS names a folder).
      if (process.env.TESSERA_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.TESSERA_SCREENSHOTS, 'export-dialog.png') });
    });
    expect(name).toMatch(/\.pdf$/);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\n/);
    // A4 landscape: 842 x 595 pt.
    expect(info).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts|Page size:\s+842 x 595 pts/);
    expect(info).toMatch(/Title:\s+Board review/);
  }, 300_000);

  it('exports a PowerPoint deck: an overview slide and one slide per territory', async () => {
    // The deck takes seconds: the dialog shows main's progress meanwhile, and hides it when done.
    const progressSeen = session.page
      .getByTestId('export-progress')
      .waitFor({ timeout: 120_000 })
      .then(async () => {
        const text = await session.page.getByTestId('export-progress').textContent();
        if (process.env.TESSERA_SCREENSHOTS) await session.page.screenshot({ path: path.join(process.env.TESSERA_SCREENSHOTS, 'export-dialog-progress.png') });
        return text;
      });
    const { file } = await exportThroughDialog(session.page, 'pptx');
    expect(await progressSeen).toMatch(/^Exporting… /);
    expect(await session.page.getByTestId('export-progress').count()).toBe(0);
    const listing = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' });
    const slides = listing.split('\n').filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    expect(slides.length).toBe(territories + 1);
  }, 300_000);

  it('exports a shapefile zip that ogrinfo reads: every territory and every unit', async () => {
    const { file, name } = await exportThroughDialog(session.page, 'shp');
    expect(name).toMatch(/\.zip$/);
    const info = execFileSync('ogrinfo', ['-ro', '-so', '-al', `/vsizip/${file}`], { encoding: 'utf8' });
    const counts = Object.fromEntries([...info.matchAll(/Layer name: (\w+)[\s\S]*?Feature Count: (\d+)/g)].map((m) => [m[1]!, Number(m[2])]));
    expect(counts).toMatchObject({ territories, units });
    expect(info).toMatch(/WGS 84/);
  }, 300_000);

  it('exports the unit CSV with IDs quoted as text, so leading zeros survive', async () => {
    const { file } = await exportThroughDialog(session.page, 'csv', (page) => page.getByTestId('export-what').selectOption('units').then(() => undefined));
    const text = fs.readFileSync(file, 'utf8');
    const rows = text.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(rows.length).toBe(units + 1);
    expect(rows[0]).toMatch(/^"unit_id"/);
    // Autauga County, AL: FIPS 01001 keeps its zero and is quoted.
    expect(text).toMatch(/\r\n"01001",/);
  }, 300_000);

  it('serves a download once, and never without the token cookie', async () => {
    const { page } = session;
    const { url } = await exportThroughDialog(page, 'geojson');
    // The same address again, from the page that has the cookie: refused, the file is gone.
    expect(await page.evaluate(async (u) => (await fetch(u)).status, url)).toBe(404);

    // A fresh export, fetched without the cookie: refused (and not used up by the refused request).
    const fresh = await page.evaluate(async (scenarioId) => {
      const res = await fetch('/api/exportFile', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ format: 'csv', scenarioId }) });
      return (await res.json()) as { ok: boolean; value: { url: string } };
    }, (await app.service.handlers.getMapData({})).scenario.id);
    expect(fresh.ok).toBe(true);
    const address = `http://127.0.0.1:${app.host.port}${fresh.value.url}`;
    const anonymous = await fetch(address);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toMatch(/unit_id/);
    const withCookie = await page.evaluate(async (u) => {
      const res = await fetch(u);
      return { status: res.status, disposition: res.headers.get('content-disposition'), type: res.headers.get('content-type'), text: await res.text() };
    }, fresh.value.url);
    expect(withCookie.status).toBe(200);
    expect(withCookie.disposition).toMatch(/^attachment; filename="[^"/\\]+\.csv"$/);
    expect(withCookie.type).toMatch(/^text\/csv/);
    expect(withCookie.text).toMatch(/"01001"/);
  }, 300_000);

  it('shows a plain message for an unknown scenario and leaves the project file unchanged', async () => {
    const { page } = session;
    await openDialog(page);
    const before = fileHash(app.file);
    await page.getByTestId('export-format-xlsx').check();
    // A scenario that no longer exists (e.g. deleted from another window while the dialog was open).
    await page.locator('[data-testid="export-scenario"] option').first().evaluate((option: HTMLOptionElement) => (option.value = 'no-such-scenario'));
    await page.getByTestId('export-scenario').selectOption('no-such-scenario');
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.getByTestId('export-save').click();
    await expect.poll(() => page.getByTestId('export-message').textContent(), { timeout: 60_000 }).toMatch(/Nothing was exported: .*[Ss]cenario "no-such-scenario" does not exist/);
    expect(downloads).toBe(0);
    expect(fileHash(app.file)).toBe(before);
    if (process.env.TESSERA_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.TESSERA_SCREENSHOTS, 'export-dialog-error.png') });
    // The only failed loads are the refused ones this file provokes: the second GET (404) and the bad request (422).
    expect(session.problems.filter((p) => !/status of (404|422)/.test(p))).toEqual([]);
  }, 300_000);
});
