/**
 * The packaged app's worker threads: `scripts/build-electron.mjs` bundles the import, align and
 * road-network worker bodies beside build/electron/main.mjs, where the bundled services look for
 * them (`new URL('./<name>-worker.mjs', import.meta.url)`). Each bundle must run without tsx and
 * without the TypeScript sources: here each runs a real job (a Census ZCTA shapefile import, an
 * alignment of the demo counties, a road network import) through the same worker-job protocol.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { startWorkerJob } from '../../main/services/worker-job.ts';
import type { AlignOutcome } from '../../main/services/align-types.ts';
import type { ImportReport } from '../../main/import/types.ts';
import { DEMO_SOUTHWEST, writeRoadGrid } from '../helpers/road-grid.ts';
import { demoCopy, tempDir } from '../helpers/temp.ts';
import { ZCTA_DIR } from './import-support.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT = path.join(ROOT, 'build/electron');

function bundled<T>(name: string, data: object): Promise<T> {
  return startWorkerJob<unknown, T>({ entry: pathToFileURL(path.join(OUT, `${name}.mjs`)), data, what: name }).result;
}

beforeAll(() => {
  const run = spawnSync(process.execPath, ['scripts/build-electron.mjs'], { cwd: ROOT, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
}, 120_000);

describe('packaged worker bundles', () => {
  it('are built beside main.mjs for every worker it starts, and load no TypeScript loader', () => {
    const main = fs.readFileSync(path.join(OUT, 'main.mjs'), 'utf8');
    const started = new Set([...main.matchAll(/new URL\("\.\/([a-z-]+-worker)\.mjs", import\.meta\.url\)/g)].map((m) => m[1]));
    expect(started).toEqual(new Set(['import-worker', 'align-worker', 'roads-worker']));
    for (const name of started) {
      const code = fs.readFileSync(path.join(OUT, `${name!}.mjs`), 'utf8');
      expect(code).not.toMatch(/tsx\/esm\/api|from ["'][^"']*\.ts["']/);
    }
  });

  it('import-worker.mjs imports a Census ZCTA shapefile into a new project', async () => {
    const file = path.join(tempDir(), 'packaged-import.gpkg');
    const report = await bundled<ImportReport>('import-worker', { projectFile: file, source: path.join(ZCTA_DIR, 'tl_2010_10_zcta510.zip'), options: {} });
    expect(report.read).toBe(report.written);
    expect(report.written).toBeGreaterThan(60);
  }, 120_000);

  it('align-worker.mjs aligns the demo counties', async () => {
    const file = await demoCopy('packaged-align.gpkg');
    const outcome = await bundled<AlignOutcome>('align-worker', {
      request: { projectFile: file, mode: 'generate', territories: 8, balance: [{ field: 'potential', weight: 1 }], tolerance: 0.05, seed: 1 },
    });
    expect(outcome.territories).toHaveLength(8);
    expect(outcome.stats.maxAbsDeviationPct.potential).toBeLessThanOrEqual(5);
  }, 120_000);

  it('roads-worker.mjs imports a road network', async () => {
    const file = await demoCopy('packaged-roads.gpkg');
    const grid = writeRoadGrid(path.join(tempDir(), 'streets.geojson'), DEMO_SOUTHWEST);
    const report = await bundled<{ edges: number }>('roads-worker', { task: { kind: 'import', projectFile: file, source: grid, options: {} } });
    expect(report.edges).toBeGreaterThan(1000);
  }, 120_000);
});
