/**
 * Crash safety of whole operations (short run; `npm run stress` adds optimizer runs and more kills):
 * scenario duplication and unit imports with --replace are SIGKILLed at seeded random moments; the
 * reopened project must pass the structural invariants (integrity, GDAL, foreign keys, spatial
 * indexes, no orphan assignments) and hold each operation entirely or not at all.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledDriver } from '../crash/harness.ts';
import { judgeDuplicate, judgeImport, runOperationCrashBatch } from '../crash/operations.ts';
import { demoProject, tempDir } from '../helpers/temp.ts';

const ZCTA = path.resolve(import.meta.dirname, '../../../shared/data/zcta');
const SOURCES = [path.join(ZCTA, 'tl_2010_44_zcta510.zip'), path.join(ZCTA, 'tl_2010_10_zcta510.zip')];
const dir = tempDir('tessera-crash-ops-');
let driver: string;
let demo: string;

beforeAll(async () => {
  [driver, demo] = await Promise.all([bundledDriver('crash/op-driver.ts'), demoProject()]);
});

describe('crash safety: SIGKILL during whole operations', () => {
  it('scenario duplication: each duplicate is complete or absent (10 kills)', { timeout: 60_000 }, async () => {
    const file = path.join(dir, 'dup.gpkg');
    fs.copyFileSync(demo, file);
    const summary = await runOperationCrashBatch({
      name: 'duplicate',
      file,
      kills: 10,
      seed: 31,
      maxDelayMs: 1000,
      ogrinfoEvery: 4,
      pristine: demo,
      resetEvery: 3,
      argv: () => [driver, 'duplicate', file],
      judge: judgeDuplicate,
    });
    expect(summary.failures).toEqual([]);
    expect(summary.acked).toBeGreaterThan(0);
  });

  it('unit import with --replace: the old units or the complete new ones (4 kills)', { timeout: 90_000 }, async () => {
    const file = path.join(dir, 'import.gpkg');
    fs.copyFileSync(demo, file);
    const summary = await runOperationCrashBatch({
      name: 'import',
      file,
      kills: 4,
      seed: 32,
      maxDelayMs: 4000,
      argv: (i) => [driver, 'import', file, SOURCES[i % 2]!, SOURCES[(i + 1) % 2]!],
      judge: judgeImport([77, 68]),
    });
    expect(summary.failures).toEqual([]);
    expect(summary.acked).toBeGreaterThan(0);
  });
});
