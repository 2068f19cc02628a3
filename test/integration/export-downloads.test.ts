/**
 * The in-app export store (main/services/export-downloads.ts) on the real demo project: a file is
 * handed out once, deleted after its download or when nobody fetched it in time, and a failed
 * export leaves no temp folder. File names are safe in a Content-Disposition header.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOWNLOAD_PREFIX, ExportDownloads, sanitizeFilename } from '../../main/services/export-downloads.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { demoProject, fileHash } from '../helpers/temp.ts';

let demo: string;
let scenarioId: string;

beforeAll(async () => {
  demo = await demoProject();
  const store = ProjectStore.open(demo, { readonly: true });
  scenarioId = store.activeScenario().id;
  store.close();
}, 300_000);

const idOf = (url: string) => url.slice(DOWNLOAD_PREFIX.length);

describe('ExportDownloads', () => {
  it('hands a file out once, in a private folder, and deletes it after the download', async () => {
    const downloads = new ExportDownloads();
    const result = await downloads.create(demo, 'demo', { format: 'geojson', scenarioId });
    expect(result.url.startsWith(DOWNLOAD_PREFIX)).toBe(true);
    expect(idOf(result.url)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.filename).toBe('demo - Current plan.geojson');
    const ready = downloads.take(idOf(result.url));
    expect(ready).not.toBeNull();
    expect(fs.statSync(path.dirname(ready!.file)).mode & 0o777).toBe(0o700);
    expect(JSON.parse(fs.readFileSync(ready!.file, 'utf8')).features.length).toBe(result.layers[0]!.features);
    expect(downloads.take(idOf(result.url)), 'a second take').toBeNull();
    ready!.dispose();
    expect(fs.existsSync(path.dirname(ready!.file))).toBe(false);
  }, 120_000);

  it('deletes a file nobody fetched once its time is up', async () => {
    const downloads = new ExportDownloads(200);
    const result = await downloads.create(demo, 'demo', { format: 'csv', scenarioId, what: 'metrics' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(downloads.take(idOf(result.url))).toBeNull();
  }, 120_000);

  it('a failed export (unknown scenario, metrics as shapefile) throws plainly, leaves no temp folder and the project unchanged', async () => {
    const downloads = new ExportDownloads();
    const before = fileHash(demo);
    const tmp = () => fs.readdirSync(os.tmpdir()).filter((f) => /^tessera-export-[^-]+$/.test(f)).length;
    const count = tmp();
    await expect(downloads.create(demo, 'demo', { format: 'xlsx', scenarioId: 'nope' })).rejects.toThrow(/Scenario "nope" does not exist/);
    await expect(downloads.create(demo, 'demo', { format: 'shp', scenarioId, what: 'metrics' })).rejects.toThrow(/metrics table has no map shapes/);
    expect(tmp()).toBeLessThanOrEqual(count);
    expect(fileHash(demo)).toBe(before);
  }, 120_000);

  it('makes file names safe for a header and a file system', () => {
    expect(sanitizeFilename('Plan "Q3" / West\\East: <draft>')).toBe('Plan _Q3_ _ West_East_ _draft_');
    expect(sanitizeFilename('Zürich\r\nSet-Cookie: x=1')).toBe('Zurich Set-Cookie_ x=1');
    expect(sanitizeFilename('...')).toBe('tessera-export');
  });
});
