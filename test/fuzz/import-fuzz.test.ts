/**
 * Import fuzzing, short run (`npm run stress` runs thousands of cases): 60 seeded mutations of real
 * shapefiles, DBFs, zips, GeoJSON and CSV, each imported in a child under a 256 MB heap cap with a
 * 5 s timeout. Each must import or fail with a plain UserError, leaving the project unchanged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../main/import/run-import.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { isUserError } from '../../shared/errors.ts';
import { bundledDriver } from '../crash/harness.ts';
import { fileHash, tempDir } from '../helpers/temp.ts';
import { prepareSeeds, runFuzz, type Seeds } from './fuzzer.ts';
import { REGRESSION_INPUTS } from './regression-inputs.ts';

const dir = tempDir('tessera-fuzz-');
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/fuzz');
let seeds: Seeds;
let driver: string;

beforeAll(async () => {
  [seeds, driver] = await Promise.all([prepareSeeds(path.join(dir, 'seeds')), bundledDriver('fuzz/fuzz-driver.ts')]);
});

describe('import fuzzing', () => {
  it('60 mutated real inputs: each imports or fails plainly, no hang, crash or memory blow-up, project unchanged on failure', { timeout: 90_000 }, async () => {
    const summary = await runFuzz({ seeds, driver, runSeed: 20261126, count: 60, workers: 2, dir: path.join(dir, 'cases'), failuresDir: path.join(dir, 'failures') });
    const unknown = summary.findings;
    expect(unknown.map((f) => `${f.seed}/${f.file}: ${f.what} -> ${JSON.stringify(f.verdict).slice(0, 300)}`)).toEqual([]);
    expect(summary.cases).toBe(60);
    // The mutations must exercise both outcomes, or the fuzzer is not reaching the importer.
    expect(summary.imported).toBeGreaterThan(3);
    expect(summary.userErrors).toBeGreaterThan(20);
  });
});

describe('former fuzz findings (minimal inputs in test/fixtures/fuzz/)', () => {
  for (const known of REGRESSION_INPUTS) {
    it(`${known.fixture} is refused plainly (was: ${known.was})`, async () => {
      const project = path.join(dir, `${known.fixture}.gpkg`);
      fs.copyFileSync(known.as === 'units' ? seeds.baseUnits : seeds.baseAccounts, project);
      const before = fileHash(project);
      const error = await runImport(project, path.join(FIXTURES, known.fixture), { as: known.as }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isUserError(error), String(error)).toBe(true);
      expect(fileHash(project)).toBe(before);
      ProjectStore.open(project).close();
    });
  }
});
