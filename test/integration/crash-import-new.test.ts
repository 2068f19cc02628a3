/**
 * Crash safety of an import into a NEW project file. That write runs with a rollback journal
 * instead of WAL (main/import/bulk-write.ts: the blobs are written once instead of twice), so it
 * gets its own SIGKILL test: killed during the write transaction, the reopened project must pass
 * the structural invariants and hold no units or all of them, be back in WAL mode, and have no
 * journal left over.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledDriver } from '../crash/harness.ts';
import { checkInvariants } from '../crash/invariants.ts';
import { mulberry32 } from '../crash/random.ts';
import { tempDir } from '../helpers/temp.ts';

const SOURCE = path.resolve(import.meta.dirname, '../../../shared/data/zcta/tl_2010_44_zcta510.zip');
const UNITS = 77;
const dir = tempDir('tessera-crash-import-new-');
let driver: string;

beforeAll(async () => {
  driver = await bundledDriver('crash/import-new-driver.ts');
});

/**
 * Runs the driver; with `killAfterMs` SIGKILLs it that long after it reports the write stage,
 * with `killAtCheck` the driver kills itself inside the write transaction.
 */
async function importAndKill(file: string, kill: { afterMs?: number; atCheck?: number }): Promise<{ acked: boolean; hotJournal: boolean }> {
  const args = [driver, file, SOURCE, ...(kill.atCheck ? [String(kill.atCheck)] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const armed = out.includes('write');
    out += chunk.toString('utf8');
    if (!armed && out.includes('write') && kill.afterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), kill.afterMs);
  });
  child.stderr.resume();
  await new Promise((resolve) => child.on('close', resolve));
  // A journal left on disk: the process died inside the open transaction.
  return { acked: /^ack /m.test(out), hotJournal: fs.existsSync(`${file}-journal`) };
}

/** The reopened project: invariants, no units or all of them, WAL, no journal left. */
function judge(file: string, label: string, acked: boolean): { problems: string[]; units: number } {
  const problems: string[] = [];
  const { problems: invariants, snapshot } = checkInvariants(file, { ogrinfo: true });
  problems.push(...invariants.map((p) => `${label}: ${p}`));
  const units = snapshot?.units ?? -1;
  if (units !== 0 && units !== UNITS) problems.push(`${label}: ${units} units, neither none nor all ${UNITS}`);
  if (acked && units !== UNITS) problems.push(`${label}: acknowledged import missing (${units} units)`);
  const db = new Database(file, { readonly: true });
  const mode = db.pragma('journal_mode', { simple: true });
  db.close();
  if (mode !== 'wal') problems.push(`${label}: reopened project is in ${String(mode)} mode, not WAL`);
  if (fs.existsSync(`${file}-journal`)) problems.push(`${label}: the rollback journal is still there after reopening`);
  return { problems, units };
}

describe('crash safety: SIGKILL while importing into a new project (rollback journal)', () => {
  it('killed inside the write transaction: reopened with no units, in WAL mode, no journal left', { timeout: 120_000 }, async () => {
    // The first cancel check of the write (after the first batch of rows) and the second (the
    // next batch, or the last check just before the commit).
    for (const atCheck of [1, 2]) {
      const file = path.join(dir, `inside-${atCheck}.gpkg`);
      const run = await importAndKill(file, { atCheck });
      expect(run.acked, `check ${atCheck}: the driver should have died`).toBe(false);
      expect(run.hotJournal, `check ${atCheck}: a hot journal after the kill`).toBe(true);
      const { problems, units } = judge(file, `kill at check ${atCheck}`, run.acked);
      expect(problems).toEqual([]);
      expect(units).toBe(0);
    }
  });

  it('killed at random moments of the write: no units or all of them, in WAL mode, no journal left', { timeout: 180_000 }, async () => {
    const random = mulberry32(41);
    const problems: string[] = [];
    for (let kill = 0; kill < 4; kill++) {
      const file = path.join(dir, `random-${kill}.gpkg`);
      // From right at the start of the write to past its end (~100-300 ms here).
      const delay = kill === 0 ? 0 : Math.floor(random() * 300);
      const run = await importAndKill(file, { afterMs: delay });
      expect(fs.existsSync(file), `kill ${kill}: the project file was created before the write`).toBe(true);
      problems.push(...judge(file, `kill ${kill} (${delay} ms)`, run.acked).problems);
    }
    expect(problems).toEqual([]);
  });
});
