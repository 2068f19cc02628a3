/**
 * Exports fail cleanly: a failure at any point (forced from the progress callback mid-write, an
 * unknown scenario, a missing or read-only folder) leaves no partial or temporary file, and an
 * existing file of the same name is untouched. The CLI answers plainly for formats it cannot
 * write yet and for impossible requests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportProject } from '../../main/export/export-project.ts';
import { isUserError } from '../../shared/errors.ts';
import { tessera } from '../helpers/cli.ts';
import { demoProject, fileHash, tempDir } from '../helpers/temp.ts';

let demo: string;

beforeAll(async () => {
  demo = await demoProject();
}, 120_000);

const failAt = (stage: string) => (p: { stage: string }) => {
  if (p.stage.startsWith(stage)) throw new Error(`forced failure at ${p.stage}`);
};

describe('no partial file is ever left behind', () => {
  const cases = [
    // Each fails after its temporary file exists (the GeoPackage with its tables, the open text file).
    { format: 'gpkg', file: 'plan.gpkg', stage: 'gpkg accounts' },
    { format: 'shp', file: 'plan.zip', stage: 'zip' },
    { format: 'xlsx', file: 'plan.xlsx', stage: 'xlsx accounts' },
    { format: 'kml', file: 'plan.kml', stage: 'kml accounts' },
    { format: 'csv', file: 'plan.csv', stage: 'csv accounts' },
  ];
  for (const c of cases) {
    it(`${c.format}: a failure mid-write leaves the folder empty, and an older file survives`, async () => {
      const dir = tempDir();
      const target = path.join(dir, c.file);
      const run = () => exportProject({ project: demo, format: c.format, what: 'accounts', out: target, progress: failAt(c.stage) });
      await expect(run()).rejects.toThrow(/forced failure/);
      expect(fs.readdirSync(dir)).toEqual([]);
      fs.writeFileSync(target, 'previous export');
      await expect(run()).rejects.toThrow(/forced failure/);
      expect(fs.readdirSync(dir)).toEqual([c.file]);
      expect(fs.readFileSync(target, 'utf8')).toBe('previous export');
    });
  }

  it('a successful export replaces the older file', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'plan.csv');
    fs.writeFileSync(target, 'previous export');
    await exportProject({ project: demo, format: 'csv', what: 'metrics', out: target });
    expect(fs.readFileSync(target, 'utf8')).toMatch(/^\uFEFF"territory_id"/);
    expect(fs.readdirSync(dir)).toEqual(['plan.csv']);
  });

  it('a missing folder, a folder as target and a read-only folder are plain user errors', async () => {
    const dir = tempDir();
    const missing = exportProject({ project: demo, format: 'csv', out: path.join(dir, 'nope', 'x.csv') });
    await expect(missing).rejects.toThrow(/folder .* does not exist/);
    await expect(exportProject({ project: demo, format: 'csv', out: dir })).rejects.toThrow(/it is a folder/);
    // root ignores permission bits, so the read-only case only proves itself for other users.
    if (process.getuid?.() !== 0) {
      fs.chmodSync(dir, 0o555);
      try {
        const error = await exportProject({ project: demo, format: 'gpkg', out: path.join(dir, 'x.gpkg') }).catch((e: unknown) => e);
        expect(isUserError(error)).toBe(true);
        expect((error as Error).message).toMatch(/read-only/);
      } finally {
        fs.chmodSync(dir, 0o755);
      }
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('tessera export on the command line', () => {
  it('writes a file and reports what it wrote; the project is untouched', () => {
    const dir = tempDir();
    const before = fileHash(demo);
    const result = tessera('export', demo, '--format', 'geojson', '--out', path.join(dir, 't.geojson'), '--what', 'territories');
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Wrote .*t\.geojson \(geojson; scenario "Current plan"\): territories 12\./);
    expect(fileHash(demo)).toBe(before);
  });

  it('exportProject sends map images to exportMapImage (the CLI renders them: e2e map-image-export.test.ts; PDF, SVG and PPTX: export-vector.test.ts)', async () => {
    const dir = tempDir();
    for (const format of ['png', 'jpeg']) {
      await expect(exportProject({ project: demo, format, out: path.join(dir, `map.${format}`) })).rejects.toThrow(/use exportMapImage/);
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('an unknown scenario, a table as shapes or a .shp name are refused before anything is written', async () => {
    const dir = tempDir();
    const scenario = tessera('export', demo, '--format', 'gpkg', '--out', path.join(dir, 'x.gpkg'), '--scenario', 'Plan Z');
    expect(scenario.status).toBe(1);
    expect(scenario.stderr).toMatch(/Scenario "Plan Z" does not exist .* "Current plan" \(S1\)/);
    const refused = (format: string, out: string, what?: string) => exportProject({ project: demo, format, out: path.join(dir, out), what });
    await expect(refused('shp', 'x.zip', 'metrics')).rejects.toThrow(/metrics table has no map shapes/);
    await expect(refused('kml', 'x.kml', 'metrics')).rejects.toThrow(/metrics table has no map shapes/);
    await expect(refused('shp', 'x.shp')).rejects.toThrow(/ending in \.zip/);
    await expect(refused('csv', 'x.csv', 'roads')).rejects.toThrow(/--what must be one of/);
    await expect(refused('docx', 'x.docx')).rejects.toThrow(/Unknown export format "docx"/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
