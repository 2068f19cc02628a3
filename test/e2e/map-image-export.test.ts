/**
 * Map images (PNG/JPEG) rendered by the app's own print layout in real headless Chromium: through
 * `tessera export` (the real CLI in a child process) and through the app's Export map image dialog.
 * Files are judged by decoding them: pngjs for PNG pixels, the JPEG SOF/JFIF headers, the pHYs chunk.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoProject } from '../../main/demo/build-demo.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { duplicateScenario } from '../../main/store/scenario-store.ts';
import { fileHash } from '../helpers/temp.ts';
import { imageInfo } from '../../shared/image/density.ts';
import { layoutScale } from '../../shared/image/print-options.ts';
import { openInChromium, startDemoApp } from './support/app-session.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/tessera.mjs');

let dir: string;
let project: string;
let territoryColours: [number, number, number][];

/** Run the real CLI without blocking the test runner; long renders get up to 15 minutes. */
function tessera(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 900_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ status: code ?? -1, stdout, stderr });
    });
  });
}

/** Territory fill as drawn over the light land colour (map-theme.ts: alpha 205 over [250, 250, 248]). */
function drawnFill(hex: string): [number, number, number] {
  const land = [250, 250, 248];
  const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return rgb.map((c, i) => Math.round((c * 205 + land[i]! * 50) / 255)) as [number, number, number];
}

function countNear(png: PNG, colour: [number, number, number], tolerance: number): number {
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (Math.abs(png.data[i]! - colour[0]) <= tolerance && Math.abs(png.data[i + 1]! - colour[1]) <= tolerance && Math.abs(png.data[i + 2]! - colour[2]) <= tolerance) n++;
  }
  return n;
}

function noLeftovers(folder: string, name: string): void {
  expect(fs.existsSync(path.join(folder, name))).toBe(false);
  expect(fs.readdirSync(folder).filter((f) => f.includes('.partial'))).toEqual([]);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-image-'));
  project = path.join(dir, 'demo.gpkg');
  await buildDemoProject(project);
  const store = ProjectStore.open(project, { readonly: true });
  try {
    territoryColours = store.territories(store.activeScenario().id).map((t) => drawnFill(t.color));
  } finally {
    store.close();
  }
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('tessera export --format png|jpeg', () => {
  it('writes a 1,600 px PNG of the demo with the territory colours, its DPI and the layout', async () => {
    const out = path.join(dir, 'map-1600.png');
    const run = await tessera(['export', project, '--format', 'png', '--out', out, '--width', '1600', '--dpi', '200', '--labels']);
    expect(run.stderr + run.stdout).toContain('Wrote');
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/rendering map tile 1 of 1/);
    const bytes = fs.readFileSync(out);
    const info = imageInfo(bytes);
    expect(info).toMatchObject({ format: 'png', width: 1600, dpi: 200 });
    const png = PNG.sync.read(bytes);
    expect([png.width, png.height]).toEqual([1600, info.height]);
    expect(png.height).toBeGreaterThan(600);
    // Not blank: the page is white, the map has many colours.
    const distinct = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4 * 7) distinct.add((png.data[i]! << 16) | (png.data[i + 1]! << 8) | png.data[i + 2]!);
    expect(distinct.size).toBeGreaterThan(500);
    expect([...png.data.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
    // Every territory's colour is on the map (fills, and its legend swatch).
    const present = territoryColours.filter((c) => countNear(png, c, 4) > 300);
    expect(present.length).toBe(territoryColours.length);
  }, 900_000);

  it('writes a JPEG with its size in the SOF header and the DPI in JFIF', async () => {
    const out = path.join(dir, 'map-1600.jpg');
    const run = await tessera(['export', project, '--format', 'jpg', '--out', out, '--width', '1600', '--dpi', '300']);
    expect(run.stderr).toBe(run.stderr.replace(/Error/i, ''));
    expect(run.status).toBe(0);
    const bytes = fs.readFileSync(out);
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
    const info = imageInfo(bytes);
    expect(info).toMatchObject({ format: 'jpeg', width: 1600, dpi: 300 });
    expect(info.height).toBeGreaterThan(600);
    expect(bytes.length).toBeGreaterThan(100_000);
  }, 900_000);

  it('renders 8,000 px in tiles that join without seams', async () => {
    const out = path.join(dir, 'map-8000.png');
    const run = await tessera(['export', project, '--format', 'png', '--out', out, '--width', '8000', '--dpi', '96']);
    expect(run.status, run.stderr).toBe(0);
    const tiles = Number(/(\d+) map tiles/.exec(run.stdout)?.[1]);
    expect(tiles).toBeGreaterThanOrEqual(4);
    expect(run.stderr).toContain(`rendering map tile ${tiles} of ${tiles}`);
    const png = PNG.sync.read(fs.readFileSync(out));
    expect(png.width).toBe(8000);
    // Page layout (print/page-layout.ts): map at (24 s, 78 s), s = layoutScale; tiles are 2,048 px.
    const s = layoutScale(8000, 96);
    const mapX = Math.round(24 * s);
    const mapY = Math.round(78 * s);
    const mapBottom = png.height - Math.round(30 * s);
    const at = (x: number, y: number) => (y * png.width + x) * 4;
    const diff = (a: number, b: number) => Math.abs(png.data[a]! - png.data[b]!) + Math.abs(png.data[a + 1]! - png.data[b + 1]!) + Math.abs(png.data[a + 2]! - png.data[b + 2]!);
    // Across the first vertical tile boundary, pixel columns differ no more than neighbouring columns do.
    const seamX = mapX + 2048;
    let across = 0;
    let beside = 0;
    for (let y = mapY + 10; y < mapBottom - 10; y++) {
      across += diff(at(seamX - 1, y), at(seamX, y));
      beside += diff(at(seamX - 2, y), at(seamX - 1, y)) / 2 + diff(at(seamX, y), at(seamX + 1, y)) / 2;
    }
    expect(across).toBeLessThan(beside * 1.5 + 1000);
    // And across the first horizontal boundary, rows.
    const seamY = mapY + 2048;
    expect(seamY).toBeLessThan(mapBottom);
    across = 0;
    beside = 0;
    for (let x = mapX + 10; x < png.width - mapX - 10; x++) {
      across += diff(at(x, seamY - 1), at(x, seamY));
      beside += diff(at(x, seamY - 2), at(x, seamY - 1)) / 2 + diff(at(x, seamY), at(x, seamY + 1)) / 2;
    }
    expect(across).toBeLessThan(beside * 1.5 + 1000);
    // The map is drawn in every tile: territory colours on both sides of the seam.
    const left = new PNG({ width: 2048, height: 2048 });
    PNG.bitblt(png, left, mapX, mapY, 2048, Math.min(2048, mapBottom - mapY), 0, 0);
    expect(territoryColours.filter((c) => countNear(left, c, 4) > 300).length).toBeGreaterThan(0);
  }, 900_000);

  it('prints another scenario by name without changing the project file', async () => {
    // A copy of the plan whose first territory is magenta, saved as a second (inactive) scenario.
    const store = ProjectStore.open(project);
    try {
      const active = store.activeScenario();
      const copy = duplicateScenario(store, active.id, 'Magenta plan');
      const first = store.territories(copy.id)[0]!;
      store.upsertTerritory(copy.id, { ...first, color: '#ff00ff' });
    } finally {
      store.close();
    }
    const before = fileHash(project);
    const out = path.join(dir, 'magenta.png');
    const run = await tessera(['export', project, '--format', 'png', '--out', out, '--width', '800', '--scenario', 'magenta plan']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('scenario "Magenta plan"');
    const magenta = drawnFill('#ff00ff');
    expect(countNear(PNG.sync.read(fs.readFileSync(out)), magenta, 4)).toBeGreaterThan(300);
    const active = path.join(dir, 'active.png');
    expect((await tessera(['export', project, '--format', 'png', '--out', active, '--width', '800'])).status).toBe(0);
    expect(countNear(PNG.sync.read(fs.readFileSync(active)), magenta, 4)).toBe(0);
    expect(fileHash(project)).toBe(before);
  }, 900_000);

  it('puts a legend too wide for a column beside the plan in a band below it', async () => {
    // Long territory names make the legend column and the tags' room more than 60 % of a 700 px
    // map: the legend then goes below the plan, and the page grows taller than wide (beside the
    // plan, the lower 48 make a page about 0.6 times as tall as wide).
    const long = path.join(dir, 'long-names.gpkg');
    fs.copyFileSync(project, long);
    const store = ProjectStore.open(long);
    try {
      const scenario = store.activeScenario().id;
      for (const t of store.territories(scenario)) store.upsertTerritory(scenario, { ...t, name: `${t.name} Enterprise Accounts Region` });
    } finally {
      store.close();
    }
    const out = path.join(dir, 'long-names.png');
    const run = await tessera(['export', long, '--format', 'png', '--out', out, '--width', '700', '--dpi', '96', '--labels']);
    expect(run.status, run.stderr).toBe(0);
    const png = PNG.sync.read(fs.readFileSync(out));
    expect(png.width).toBe(700);
    expect(png.height).toBeGreaterThan(700);
    // The whole plan is drawn: every territory's fill, not hidden under the legend.
    expect(territoryColours.filter((c) => countNear(png, c, 4) > 300).length).toBe(territoryColours.length);
  }, 900_000);

  it('refuses bad input in plain words and leaves no file', async () => {
    const cases: { args: string[]; env?: NodeJS.ProcessEnv; message: RegExp; out: string }[] = [
      { args: ['--width', '0'], message: /width must be a whole number of pixels from 400 to 10,000, not 0/, out: 'w0.png' },
      { args: ['--width', '50000'], message: /width must be .* not 50,000/, out: 'w50000.png' },
      { args: ['--scenario', 'No such plan'], message: /Scenario "No such plan" does not exist.*Current plan/, out: 'scenario.png' },
      { args: [], env: { TESSERA_CHROMIUM: '/nonexistent/chromium' }, message: /TESSERA_CHROMIUM .*not an executable.*apt-get install chromium/, out: 'nochrome.png' },
    ];
    for (const c of cases) {
      const run = await tessera(['export', project, '--format', 'png', '--out', path.join(dir, c.out), ...c.args], c.env);
      expect(run.status, c.out).toBe(1);
      expect(run.stderr).toMatch(c.message);
      noLeftovers(dir, c.out);
    }
    const missing = await tessera(['export', project, '--format', 'png', '--out', path.join(dir, 'no-such-folder', 'x.png')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/folder .* does not exist/);
    // /sys refuses new files even to root.
    const locked = await tessera(['export', project, '--format', 'png', '--width', '400', '--out', '/sys/tessera-map.png']);
    expect(locked.status).toBe(1);
    expect(locked.stderr).toMatch(/Cannot write "\/sys\/tessera-map.png"/);
    expect(fs.readdirSync('/sys').filter((f) => f.startsWith('.tessera') || f.startsWith('tessera'))).toEqual([]);
  }, 900_000);
});

describe('Export map image dialog', () => {
  it('shows a live preview of the layout and saves a valid PNG', async () => {
    const app = await startDemoApp();
    const { browser, page, problems } = await openInChromium(app, { width: 1440, height: 900 });
    try {
      await page.getByTestId('export').click();
      await page.getByTestId('export-map-image').click();
      const dialog = page.getByTestId('map-export-dialog');
      await dialog.waitFor();
      await page.getByTestId('map-export-title').fill('Preview test');
      const preview = page.getByTestId('map-export-preview');
      await page.waitForFunction(() => document.querySelector('[data-testid="map-export-preview"]')?.getAttribute('data-state') === 'ready', undefined, { timeout: 300_000 });
      // The preview canvas holds the page: white corner, coloured map.
      const stats = await preview.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        const colours = new Set<number>();
        for (let i = 0; i < data.length; i += 4 * 5) colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
        return { width: canvas.width, corner: [data[0], data[1], data[2]], colours: colours.size };
      });
      expect(stats.width).toBe(640);
      expect(stats.corner).toEqual([255, 255, 255]);
      expect(stats.colours).toBeGreaterThan(200);

      await page.getByTestId('map-export-preset').selectOption('1920');
      await page.getByTestId('map-export-dpi').fill('120');
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 600_000 }), page.getByTestId('map-export-save').click()]);
      expect(download.suggestedFilename()).toBe('Preview test.png');
      const saved = path.join(dir, 'from-dialog.png');
      await download.saveAs(saved);
      const bytes = fs.readFileSync(saved);
      expect(imageInfo(bytes)).toMatchObject({ format: 'png', width: 1920, dpi: 120 });
      const png = PNG.sync.read(bytes);
      expect(territoryColours.filter((c) => countNear(png, c, 4) > 300).length).toBe(territoryColours.length);
      await expect.poll(() => page.getByTestId('map-export-message').textContent()).toMatch(/Saved 1,920 ×/);

      // A large render can be cancelled between tiles: nothing is downloaded.
      let downloads = 0;
      page.on('download', () => downloads++);
      await page.getByTestId('map-export-preset').selectOption('8000');
      await page.getByTestId('map-export-save').click();
      await page.getByTestId('map-export-progress').getByText(/Rendering tile [1-9]\d* of \d+/).waitFor({ timeout: 300_000 });
      // Dispatched, not clicked: a click waits for two calm animation frames, and the page is busy drawing tiles.
      await page.getByTestId('map-export-cancel').dispatchEvent('click');
      await expect.poll(() => page.getByTestId('map-export-message').textContent(), { timeout: 300_000 }).toBe('Export cancelled; nothing was saved.');
      expect(downloads).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
      await app.close();
    }
  }, 900_000);
});
