/**
 * `tessera export --format png|jpeg`: the map image rendered by the app's own print layout
 * (renderer/src/print/) in headless Chromium, so the CLI draws exactly what the window draws.
 *
 * Steps: check the options, the output folder and the scenario; find Chromium (before any work);
 * copy the project (VACUUM INTO, so the original file is only read and a running app's writes are
 * not disturbed) into a temporary folder and make the chosen scenario active in the copy; serve it
 * with the HTTP host on 127.0.0.1 with its one-time token; open the app in Chromium, wait until the
 * map is ready and call the page's print hook; write the returned file atomically. Tile progress
 * ("tile k of n") comes back from the page through an exposed function.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { UserError } from '../../../shared/errors.ts';
import { imageInfo } from '../../../shared/image/density.ts';
import { printOptionsProblem, type ImageFormat, type PrintOptions } from '../../../shared/image/print-options.ts';
import { startHttpHost, type HttpHost } from '../../host/http-host.ts';
import { ensureRendererBuilt } from '../../host/renderer-build.ts';
import { ProjectService } from '../../services/project-service.ts';
import { ProjectStore } from '../../store/project-store.ts';
import { writeAtomically } from '../atomic-file.ts';
import type { ProgressFn } from '../layers.ts';
import { resolveScenario } from '../scenario.ts';
import { findChromium, launchHeadlessChromium } from './headless-chromium.ts';

export interface MapImageRequest {
  project: string;
  format: ImageFormat;
  out: string;
  /** Image width in pixels (default 4,000). */
  width?: number;
  /** Written into the file; scales text and lines (default 150). */
  dpi?: number;
  scenario?: string;
  /** Default "<project> — <scenario>". */
  title?: string;
  labels?: boolean;
  extent?: PrintOptions['extent'];
  progress?: ProgressFn;
  /** Largest map tile in pixels (tests force small tiles to check the stitching). */
  tileSize?: number;
  /** Chromium to use; default findChromium(). */
  chromium?: string;
}

export interface MapImageResult {
  file: string;
  format: ImageFormat;
  scenario: { id: string; name: string };
  width: number;
  height: number;
  dpi: number;
  tiles: number;
  bytes: number;
}

/** The page globals this file uses (renderer/src/print/print-hook.ts and test-hook.ts define them). */
interface PrintPage {
  __tessera?: { ready: boolean };
  __tesseraPrint?: {
    ready(): boolean;
    render(options: unknown): Promise<{ base64: string; width: number; height: number; tiles: number; labels: number }>;
  };
}

export const DEFAULT_IMAGE_WIDTH = 4000;
export const DEFAULT_IMAGE_DPI = 150;

export async function exportMapImage(request: MapImageRequest): Promise<MapImageResult> {
  const width = request.width ?? DEFAULT_IMAGE_WIDTH;
  const dpi = request.dpi ?? DEFAULT_IMAGE_DPI;
  const problem = printOptionsProblem({ width, dpi });
  if (problem) throw new UserError(problem);
  checkOutput(request.out);
  if (!fs.existsSync(request.project)) throw new UserError(`The project file "${request.project}" does not exist.`);
  const progress = request.progress ?? (() => {});

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-image-'));
  let service: ProjectService | null = null;
  let host: HttpHost | null = null;
  let browser: Browser | null = null;
  try {
    // Same file name: the app shows it as the project name (the default title).
    const copy = path.join(work, path.basename(request.project));
    const original = ProjectStore.open(request.project, { readonly: true });
    let scenario;
    try {
      scenario = resolveScenario(original, request.scenario);
      original.db.exec(`VACUUM INTO '${copy.replaceAll("'", "''")}'`);
    } finally {
      original.close();
    }
    const chromiumPath = request.chromium ?? findChromium();

    service = new ProjectService(ProjectStore.open(copy));
    if ((await service.handlers.getMapData({})).scenario.id !== scenario.id) await service.handlers.switchScenario({ scenarioId: scenario.id });
    progress({ stage: 'starting the renderer', done: 0, total: 1 });
    host = await startHttpHost({ service, staticDir: await ensureRendererBuilt() });
    browser = await launchHeadlessChromium(chromiumPath);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.exposeFunction('__tesseraPrintProgress', (tile: number, tiles: number) => progress({ stage: 'rendering map tiles', done: tile, total: tiles }));
    await page.goto(host.url);
    try {
      await page.waitForFunction(() => (globalThis as unknown as PrintPage).__tessera?.ready === true && (globalThis as unknown as PrintPage).__tesseraPrint?.ready() === true, undefined, { timeout: 180_000 });
    } catch (error) {
      throw new Error(`The app did not load the project in Chromium. ${pageErrors.join(' | ')}`, { cause: error });
    }
    const options = { format: request.format, width, dpi, labels: request.labels ?? false, extent: request.extent ?? { kind: 'plan' as const }, title: request.title, tileSize: request.tileSize };
    const rendered = await page.evaluate((o) => (globalThis as unknown as PrintPage).__tesseraPrint!.render(o), options).catch((error: Error) => {
      throw new Error(`Rendering the map image failed: ${error.message.replace(/^page\.evaluate: (Error: )?/, '').split('\n')[0]}`, { cause: error });
    });
    progress({ stage: 'writing the file', done: 0, total: 1 });
    const bytes = Buffer.from(rendered.base64, 'base64');
    const info = imageInfo(bytes);
    if (info.format !== request.format || info.width !== rendered.width) throw new Error(`The renderer returned a ${info.format} of ${info.width} px, not the ${request.format} of ${rendered.width} px asked for.`);
    await writeAtomically(request.out, (temp) => fs.writeFileSync(temp, bytes));
    progress({ stage: 'done', done: 1, total: 1 });
    return { file: path.resolve(request.out), format: request.format, scenario: { id: scenario.id, name: scenario.name }, width: info.width, height: info.height, dpi, tiles: rendered.tiles, bytes: bytes.length };
  } finally {
    await browser?.close().catch(() => {});
    await host?.close().catch(() => {});
    service?.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Fail before rendering when the file could not be written anyway. */
function checkOutput(out: string): void {
  const target = path.resolve(out);
  const dir = path.dirname(target);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UserError(`Cannot write "${out}": the folder "${dir}" does not exist.`);
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) throw new UserError(`Cannot write "${out}": it is a folder. Give a file name.`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new UserError(`Cannot write "${out}": permission denied (the folder is read-only). Nothing was written.`);
  }
}
