/**
 * Crash safety of edits (short run; `npm run stress` runs the long one): a child applies seeded
 * edits through ProjectService and acknowledges each on stdout; it is SIGKILLed at seeded random
 * moments, 36 times over two demo copies (with crash-operations.test.ts: 50 kills in `npm test`), and
 * after every kill the reopened project must pass integrity_check and ogrinfo, hold every
 * acknowledged edit and never half of one (see test/crash/harness.ts for the judges).
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledDriver, runEditCrashBatch, type BatchSummary } from '../crash/harness.ts';
import { demoProject, tempDir } from '../helpers/temp.ts';

let driver: string;
let files: string[];

beforeAll(async () => {
  driver = await bundledDriver('crash/edit-driver.ts');
  const demo = await demoProject();
  const dir = tempDir('tessera-crash-');
  files = [0, 1].map((i) => {
    const file = path.join(dir, `batch-${i}.gpkg`);
    fs.copyFileSync(demo, file);
    return file;
  });
});

describe('crash safety: SIGKILL during edit sequences', () => {
  it('keeps every acknowledged edit and never half of one over 36 kills', { timeout: 120_000 }, async () => {
    const summaries: BatchSummary[] = await Promise.all(
      files.map((file, i) =>
        runEditCrashBatch({ file, driver, seed: 9000 + i, kills: 18, maxDelayMs: 400, outlinesEvery: 9, ogrinfoEvery: 6 }),
      ),
    );
    const kills = summaries.reduce((n, s) => n + s.kills, 0);
    const failures = summaries.flatMap((s) => s.failures);
    expect(failures).toEqual([]);
    expect(kills).toBe(36);
    // The run must actually have crashed mid-sequence, with edits acknowledged before the kills.
    expect(summaries.reduce((n, s) => n + s.acked, 0)).toBeGreaterThan(5);
    expect(summaries.reduce((n, s) => n + s.finishedBeforeKill, 0)).toBe(0);
  });
});
