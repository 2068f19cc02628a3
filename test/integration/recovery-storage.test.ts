/**
 * Autosave and recovery: acknowledged edits are durable (synchronous = FULL), a project left open
 * by a crashed app (leftover -wal/-shm) reopens with every acknowledged edit and no prompt, a newer
 * schema is refused unchanged, and read-only files, read-only volumes and full disks surface as
 * plain UserErrors with the file unchanged. The volume cases use small tmpfs mounts (this suite
 * runs as root in CI); without mount rights the full disk is simulated with max_page_count.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectService } from '../../main/services/project-service.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { callHandler } from '../../main/services/dispatch.ts';
import { isUserError } from '../../shared/errors.ts';
import { bundledDriver, ogrinfoOpens, portableDriver, reopenAndCheck } from '../crash/harness.ts';
import { tessera } from '../helpers/cli.ts';
import { demoProject, fileHash, tempDir } from '../helpers/temp.ts';

let demo: string;
let driver: string;
/** The same driver, runnable as `nobody` wherever the checkout is. */
let nobodyDriver: string;
const dir = tempDir('tessera-recovery-');
// The read-only cases run the driver as `nobody` (root ignores file modes): let it reach the files.
fs.chmodSync(dir, 0o755);
const mounts: string[] = [];

/** Mount a tmpfs of `size` at a new folder, or null when this process may not mount. */
function tmpfs(size: string): string | null {
  const at = fs.mkdtempSync(path.join(dir, 'mnt-'));
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0777`, 'tmpfs', at], { encoding: 'utf8' });
  if (result.status !== 0) return null;
  mounts.push(at);
  return at;
}
const canMount = (() => {
  const probe = tmpfs('64k');
  return probe !== null;
})();

beforeAll(async () => {
  demo = await demoProject();
  driver = await bundledDriver('crash/edit-driver.ts');
  nobodyDriver = await portableDriver('crash/edit-driver.ts', fs.mkdtempSync(path.join(dir, 'driver-')));
});
afterAll(() => {
  for (const at of mounts.reverse()) spawnSync('umount', ['-l', at]);
});

function copyDemo(to: string): string {
  fs.copyFileSync(demo, to);
  return to;
}

/** Run the edit driver until it has acknowledged `acks` edits (or failed), then SIGKILL it. */
async function runDriver(file: string, options: { acks: number; seed?: number; uid?: number }): Promise<{ lines: string[]; killed: boolean }> {
  const script = options.uid === undefined ? driver : nobodyDriver;
  const child = spawn(process.execPath, [script, file, String(options.seed ?? 1), '100000'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
  });
  let out = '';
  let killed = false;
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    if (!killed && out.split('\n').filter((l) => l.startsWith('ack ')).length >= options.acks) {
      killed = true;
      child.kill('SIGKILL');
    }
  });
  await new Promise((resolve) => child.on('close', resolve));
  return { lines: out.split('\n').filter(Boolean), killed };
}

describe('recovery after a crash', () => {
  it('reopens a project left open by a killed app (leftover -wal/-shm) with every acknowledged edit, no prompt', async () => {
    const file = copyDemo(path.join(dir, 'crashed.gpkg'));
    const { lines, killed } = await runDriver(file, { acks: 4, seed: 42 });
    expect(killed).toBe(true);
    // The app died with the project open: its WAL (holding the edits) and shared memory are left over.
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
    expect(fs.existsSync(`${file}-shm`)).toBe(true);
    const acked = lines.filter((l) => l.startsWith('try ')).slice(0, 4).map((l) => (JSON.parse(l.slice(4)) as { label: string }).label);

    const check = reopenAndCheck(file);
    expect(check.integrity).toBe('ok');
    expect(check.staleOutlines).toEqual([]);
    const labels = check.state.history.map((h) => h.label);
    for (const label of acked) expect(labels).toContain(label);
    ogrinfoOpens(file);
  });

  it('commits with synchronous = FULL: acknowledged means on disk, not only in the OS cache', async () => {
    const file = copyDemo(path.join(dir, 'durable.gpkg'));
    const store = ProjectStore.open(file);
    try {
      expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
      expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
      // The cost of FULL per commit, for the record (asserted loosely: a slow disk is not a failure).
      const timeCommits = (mode: string) => {
        store.db.pragma(`synchronous = ${mode}`);
        const started = performance.now();
        for (let i = 0; i < 10; i++) store.transaction(() => store.setSetting('durability-probe', i));
        return (performance.now() - started) / 10;
      };
      const normal = timeCommits('NORMAL');
      const full = timeCommits('FULL');
      console.log(`commit cost: synchronous=NORMAL ${normal.toFixed(2)} ms, FULL ${full.toFixed(2)} ms`);
      expect(full).toBeLessThan(500);
    } finally {
      store.close();
    }
  });

  it('refuses a project from a newer Tessera through the CLI too, leaving it unchanged', () => {
    const file = copyDemo(path.join(dir, 'newer.gpkg'));
    const store = ProjectStore.open(file);
    store.db.prepare("UPDATE tessera_meta SET value = '999' WHERE key = 'schema_version'").run();
    store.close();
    const before = fileHash(file);
    const result = tessera('info', file);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/newer version of Tessera/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fileHash(file)).toBe(before);
  });
});

const isRoot = process.getuid?.() === 0;

describe('read-only and full storage are reported, not ignored', () => {
  it.skipIf(!isRoot)('a read-only project file (chmod 444, opened by a normal user) fails on the first edit with a plain message, unchanged', async () => {
    const folder = fs.mkdtempSync(path.join(dir, 'ro-file-'));
    fs.chmodSync(folder, 0o777);
    const file = copyDemo(path.join(folder, 'locked.gpkg'));
    fs.chmodSync(file, 0o444);
    const before = fileHash(file);
    const { lines } = await runDriver(file, { acks: 1, uid: 65534 });
    const error = lines.find((l) => l.startsWith('error '));
    expect(error, lines.join('\n')).toBeDefined();
    const { name, message } = JSON.parse(error!.slice(6)) as { name: string; message: string };
    expect(name).toBe('UserError');
    expect(message).toMatch(/"locked\.gpkg".*read-only/);
    expect(lines.some((l) => l.startsWith('ack '))).toBe(false);
    expect(fileHash(file)).toBe(before);
  });

  it.skipIf(!isRoot)('a read-only folder (the -wal cannot be created) is refused at open with a plain message', async () => {
    const folder = fs.mkdtempSync(path.join(dir, 'ro-folder-'));
    const file = copyDemo(path.join(folder, 'shelf.gpkg'));
    fs.chmodSync(file, 0o666);
    fs.chmodSync(folder, 0o555);
    const before = fileHash(file);
    const { lines } = await runDriver(file, { acks: 1, uid: 65534 });
    const error = lines.find((l) => l.startsWith('error '));
    expect(error, lines.join('\n')).toBeDefined();
    expect(JSON.parse(error!.slice(6))).toMatchObject({ name: 'UserError', message: expect.stringMatching(/"shelf\.gpkg".*(read-only|cannot)/) });
    expect(fileHash(file)).toBe(before);
  });

  it.skipIf(!canMount)('a project on a read-only volume is refused at open with a plain message, unchanged', () => {
    const at = tmpfs('8m')!;
    const file = copyDemo(path.join(at, 'ro.gpkg'));
    const before = fileHash(file);
    expect(spawnSync('mount', ['-o', 'remount,ro', at]).status).toBe(0);
    let error: unknown;
    try {
      ProjectStore.open(file).close();
    } catch (e) {
      error = e;
    }
    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toMatch(/Cannot open "ro\.gpkg".*read-only/);
    expect(fileHash(file)).toBe(before);
  });

  it('a full disk fails the edit with a plain message; every edit acknowledged before it survives', async () => {
    let file: string;
    let filler: string | null = null;
    if (canMount) {
      const at = tmpfs('6m')!;
      file = copyDemo(path.join(at, 'full.gpkg'));
      // Leave ~200 kB free: room for a few edits (each rewrites its territories' outlines).
      const free = Number(spawnSync('df', ['-B1', '--output=avail', at], { encoding: 'utf8' }).stdout.split('\n')[1]);
      filler = path.join(at, 'filler.bin');
      fs.writeFileSync(filler, Buffer.alloc(Math.max(0, free - 200 * 1024)));
    } else {
      file = copyDemo(path.join(dir, 'full.gpkg'));
    }
    const service = new ProjectService(ProjectStore.open(file));
    const store = (service as unknown as { store: ProjectStore }).store;
    if (!canMount) {
      // Simulated full disk: the file may not grow past its current size plus a few pages.
      const pages = store.db.pragma('page_count', { simple: true }) as number;
      store.db.pragma(`max_page_count = ${pages + 40}`);
    }
    const scenarioId = store.activeScenario().id;
    const plan = [...store.assignments(scenarioId)];
    const acked: string[] = [];
    let failure: { code: string; message: string } | null = null;
    for (let i = 0; i < 300 && !failure; i++) {
      const [unitId, from] = plan[i]!;
      const to = from === 'T01' ? 'T02' : 'T01';
      const label = `fill ${i}`;
      const response = await callHandler(service.handlers, 'applyEdit', { scenarioId, edit: { label, ops: [{ op: 'assign', unitIds: [unitId], from: [from], to }] } });
      if (response.ok) acked.push(label);
      else failure = response.error;
    }
    service.close();
    expect(failure).toMatchObject({ code: 'user', message: expect.stringMatching(/Cannot save to "full\.gpkg": the disk is full/) });
    expect(acked.length).toBeGreaterThan(0);
    if (filler) fs.rmSync(filler);
    const check = reopenAndCheck(file);
    expect(check.integrity).toBe('ok');
    expect(check.state.history.map((h) => h.label).filter((l) => l.startsWith('fill '))).toEqual(acked);
    expect(check.staleOutlines).toEqual([]);
    ogrinfoOpens(file);
  });
});
