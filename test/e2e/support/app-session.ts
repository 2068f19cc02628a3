/**
 * One running Tessera for a browser test: a demo project written to a temporary folder, the
 * project service on it, and the HTTP host serving the built renderer (built by global setup).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildDemoProject } from '../../../main/demo/build-demo.ts';
import { startHttpHost, type HttpHost } from '../../../main/host/http-host.ts';
import { ensureRendererBuilt } from '../../../main/host/renderer-build.ts';
import { ProjectService } from '../../../main/services/project-service.ts';
import { ProjectStore } from '../../../main/store/project-store.ts';
import { collectPageProblems, launchChromium } from './chromium.ts';
import { waitDrawn } from './studio.ts';

export interface AppSession {
  dir: string;
  file: string;
  service: ProjectService;
  host: HttpHost;
  close(): Promise<void>;
}

export async function startDemoApp(): Promise<AppSession> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-e2e-'));
  const file = path.join(dir, 'demo.gpkg');
  await buildDemoProject(file);
  const staticDir = await ensureRendererBuilt();
  const service = new ProjectService(ProjectStore.open(file));
  const host = await startHttpHost({ service, staticDir });
  return {
    dir,
    file,
    service,
    host,
    async close() {
      await host.close();
      service.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface BrowserSession {
  browser: Browser;
  page: Page;
  /** Page errors and console errors seen so far (tests expect none). */
  problems: string[];
}

/** Chromium with one page of the given size on the running app, loaded and drawn. */
export async function openInChromium(app: AppSession, viewport: { width: number; height: number }): Promise<BrowserSession> {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
  const problems = collectPageProblems(page);
  await openApp(page, app.host.url);
  return { browser, page, problems };
}

/**
 * The usual set-up of a browser test on the demo, registered as the file's beforeAll / afterAll:
 * the demo app, `prepare` (changes to the project file before the page opens), Chromium on it
 * (desktop size unless given), first frame drawn. `receive` gets the app, page and page problems
 * before the tests run; the afterAll closes Chromium, then the app (whatever host and service
 * `app` holds by then).
 */
export function withDemoInChromium(
  receive: (session: { app: AppSession; page: Page; problems: string[] }) => void,
  options: { prepare?: (app: AppSession) => void; viewport?: { width: number; height: number } } = {},
): void {
  let app: AppSession | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    app = await startDemoApp();
    options.prepare?.(app);
    const opened = await openInChromium(app, options.viewport ?? { width: 1440, height: 900 });
    browser = opened.browser;
    await waitDrawn(opened.page);
    receive({ app, page: opened.page, problems: opened.problems });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
}

/** Open the app and wait until the project is loaded and its first frame drawn. */
export async function openApp(page: Page, url: string): Promise<void> {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  await page.goto(url);
  try {
    await page.waitForFunction(() => window.__tessera?.ready === true, undefined, { timeout: 120_000 });
  } catch (error) {
    const status = await page.locator('[data-testid="status"]').textContent().catch(() => null);
    throw new Error(`The app did not get ready. Screen: ${status ?? '(no status screen)'}. Page problems: ${problems.join(' | ') || 'none'}.`, { cause: error });
  }
}

/**
 * Wait until deck.gl has drawn a frame reflecting the renderer's current plan, and the plan
 * assigns `unitId` to `territoryId`.
 */
export async function waitForDrawnAssignment(page: Page, unitId: string, territoryId: string): Promise<void> {
  try {
    await page.waitForFunction(
      ([unit, territory]) => {
        const hook = window.__tessera;
        return !!hook && hook.assignments()[unit!] === territory && hook.drawnPlanVersion === hook.planVersion;
      },
      [unitId, territoryId],
      { timeout: 60_000 },
    );
  } catch (error) {
    // What the window shows instead: a failure on a loaded CI machine then says which half is missing.
    const state = await page
      .evaluate((unit) => {
        const hook = window.__tessera;
        const status = document.querySelector('[data-testid="status"]')?.textContent ?? null;
        return hook
          ? `${unit} in ${String(hook.assignments()[unit])}, plan version ${hook.planVersion}, drawn ${hook.drawnPlanVersion}, ready ${String(hook.ready)}, status screen ${status ?? 'none'}`
          : `no test hook, status screen ${status ?? 'none'}`;
      }, unitId)
      .catch((e: unknown) => `page not readable: ${String(e)}`);
    throw new Error(`Waited 60 s for ${unitId} drawn in ${territoryId}; the window shows ${state}.`, { cause: error });
  }
}

/** RGBA of the map canvas at page position (x, y), read from the drawing buffer. */
export function canvasPixel(page: Page, [x, y]: [number, number]): Promise<[number, number, number, number]> {
  return page.evaluate(
    ([px, py]) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="map"] canvas');
      if (!canvas) throw new Error('no map canvas');
      const rect = canvas.getBoundingClientRect();
      const scaleX = canvas.width / rect.width;
      const scaleY = canvas.height / rect.height;
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const context = copy.getContext('2d')!;
      context.drawImage(canvas, 0, 0);
      const data = context.getImageData(Math.round((px! - rect.left) * scaleX), Math.round((py! - rect.top) * scaleY), 1, 1).data;
      return [data[0]!, data[1]!, data[2]!, data[3]!] as [number, number, number, number];
    },
    [x, y],
  );
}
