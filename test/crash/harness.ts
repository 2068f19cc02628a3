/**
 * Crash-safety harness: run a child that writes to a project, SIGKILL it at a seeded random moment,
 * reopen the project the way the app does, and judge the file:
 *  - `PRAGMA integrity_check` is ok and GDAL's ogrinfo opens it;
 *  - the plan equals the replay of the acknowledged edits, or of those plus the one in flight —
 *    never a mix inside one edit; the history holds exactly those edits, in order;
 *  - territory outlines match the plan (derived data must not be left half-updated either).
 * Used by the short runs in `npm test` and the long ones in `npm run stress`.
 */
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { Edit } from '../../shared/edit/edit-ops.ts';
import { dissolveTerritories, unitGeometriesById } from '../../shared/geo/dissolve.ts';
import { encodeGpkgGeometry } from '../../main/store/gpkg-geometry.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { mulberry32 } from './random.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Bundled drivers live beside node_modules so that better-sqlite3 resolves from them. */
const BUILD_DIR = path.join(ROOT, 'node_modules/.cache/tessera-crash');

/**
 * Bundle a driver script (path relative to test/, e.g. `crash/edit-driver.ts`) to plain ESM once
 * per process: a bundled child starts in ~0.2 s instead of ~1 s through tsx, which is what lets
 * `npm test` afford 50+ kills. Packages stay external and resolve from node_modules.
 */
export async function bundledDriver(script: string): Promise<string> {
  const outfile = path.join(BUILD_DIR, `${path.basename(script, '.ts')}.${process.pid}.mjs`);
  if (!fs.existsSync(outfile)) {
    fs.mkdirSync(BUILD_DIR, { recursive: true });
    for (const old of fs.readdirSync(BUILD_DIR)) {
      const f = path.join(BUILD_DIR, old);
      if (Date.now() - fs.statSync(f).mtimeMs > 6 * 3600_000) fs.rmSync(f, { force: true });
    }
    await build({
      entryPoints: [path.join(ROOT, 'test', script)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile,
      logLevel: 'warning',
    });
  }
  return outfile;
}

/**
 * The driver bundled with its packages into a world-readable folder of its own, for running as
 * another user (`nobody`): the checkout may sit below a folder only its owner can enter (a
 * `mktemp -d` clone is mode 700), and then neither its bundle cache nor node_modules is reachable.
 * Only the native better-sqlite3 stays external, copied beside the bundle with what it loads.
 */
export async function portableDriver(script: string, folder: string): Promise<string> {
  const outfile = path.join(folder, `${path.basename(script, '.ts')}.mjs`);
  await build({
    entryPoints: [path.join(ROOT, 'test', script)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3'],
    // Bundled CommonJS packages call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __tesseraRequire } from 'node:module'; const require = __tesseraRequire(import.meta.url);" },
    outfile,
    logLevel: 'warning',
  });
  for (const pkg of ['better-sqlite3', 'bindings', 'file-uri-to-path']) {
    fs.cpSync(path.join(ROOT, 'node_modules', pkg), path.join(folder, 'node_modules', pkg), { recursive: true });
  }
  execFileSync('chmod', ['-R', 'a+rX', folder]);
  return outfile;
}

export interface ProjectState {
  scenarioId: string;
  assignments: Map<string, string>;
  /** History labels of the scenario, oldest first, with their seq. */
  history: { seq: number; label: string; undone: number }[];
}

export interface CheckResult {
  integrity: string;
  state: ProjectState;
  staleOutlines: string[];
}

/** Reopen the project as the app would (leftover -wal/-shm included) and read what the checks need. */
export function reopenAndCheck(file: string, options: { outlines?: boolean } = {}): CheckResult {
  const store = ProjectStore.open(file);
  try {
    const integrity = (store.db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const scenarioId = store.activeScenario().id;
    const assignments = store.assignments(scenarioId);
    const history = store.db
      .prepare('SELECT seq, label, undone FROM tessera_history WHERE scenario_id = ? ORDER BY seq')
      .all(scenarioId) as ProjectState['history'];
    const staleOutlines = options.outlines === false ? [] : staleTerritoryOutlines(store, scenarioId, assignments);
    return { integrity, state: { scenarioId, assignments, history }, staleOutlines };
  } finally {
    store.close();
  }
}

/** Territories whose stored outline differs from the dissolve of their units. */
function staleTerritoryOutlines(store: ProjectStore, scenarioId: string, assignments: Map<string, string>): string[] {
  const topology = store.topology('units');
  if (!topology) return [];
  const ids = store.territories(scenarioId).map((t) => t.id);
  const expected = dissolveTerritories(topology, unitGeometriesById(topology), assignments, ids);
  const stored = store.db.prepare('SELECT geom FROM territories WHERE scenario_id = ? AND territory_id = ?').pluck();
  const stale: string[] = [];
  for (const [id, outline] of expected) {
    const blob = stored.get(scenarioId, id) as Buffer | null;
    const want = outline ? encodeGpkgGeometry(outline) : null;
    if (!(blob === null ? want === null : want !== null && Buffer.compare(blob, want) === 0)) stale.push(id);
  }
  return stale;
}

/** GDAL opens the file and lists its layers (throws with ogrinfo's message otherwise). */
export function ogrinfoOpens(file: string): void {
  const out = execFileSync('ogrinfo', ['-ro', '-q', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (!/units/.test(out)) throw new Error(`ogrinfo does not list the units layer: ${out.slice(0, 200)}`);
}

function applyEditTo(plan: Map<string, string>, edit: Edit): void {
  for (const op of edit.ops) {
    if (op.op !== 'assign') continue;
    for (const unitId of op.unitIds) {
      if (op.to === null) plan.delete(unitId);
      else plan.set(unitId, op.to);
    }
  }
}

function samePlan(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

export interface KillOutcome {
  acked: number;
  /** The edit in flight at the kill had been committed (ack not yet printed). */
  inFlightCommitted: boolean;
  /** The child finished before the kill came. */
  finished: boolean;
  failures: string[];
  staleOutlines: number;
}

export interface EditBatchOptions {
  file: string;
  driver: string;
  seed: number;
  kills: number;
  /** The kill comes 0..maxDelayMs after the child reports ready (a tenth of kills: during startup). */
  maxDelayMs: number;
  /**
   * Check outlines against the plan every Nth kill (a full dissolve: ~0.5 s) and ogrinfo every
   * Nth kill (~0.3 s); both always after the last kill. Default 1: every kill.
   */
  outlinesEvery?: number;
  ogrinfoEvery?: number;
  onKill?: (index: number, outcome: KillOutcome) => void;
}

export interface BatchSummary {
  kills: number;
  survived: number;
  failures: string[];
  acked: number;
  inFlightCommitted: number;
  finishedBeforeKill: number;
  staleOutlineKills: number;
}

/** Kill an edit-driver child `kills` times on one project file, checking the file after each. */
export async function runEditCrashBatch(options: EditBatchOptions): Promise<BatchSummary> {
  const random = mulberry32(options.seed);
  const summary: BatchSummary = { kills: 0, survived: 0, failures: [], acked: 0, inFlightCommitted: 0, finishedBeforeKill: 0, staleOutlineKills: 0 };
  let before = reopenAndCheck(options.file, { outlines: false }).state;
  for (let i = 0; i < options.kills; i++) {
    const childSeed = Math.floor(random() * 2 ** 31);
    const delay = Math.floor(random() * options.maxDelayMs);
    // A tenth of kills during startup; of the rest, every other one waits for the first ack, so a
    // slow machine still sees kills after acknowledged edits and not only inside the first one.
    const duringStartup = random() < 0.1;
    const afterFirstAck = !duringStartup && i % 2 === 1;
    const last = i === options.kills - 1;
    const judges = {
      outlines: last || i % (options.outlinesEvery ?? 1) === 0,
      ogrinfo: last || i % (options.ogrinfoEvery ?? 1) === 0,
    };
    const { outcome, after } = await killOnce(options, before, childSeed, delay, duringStartup ? 'startup' : afterFirstAck ? 'first-ack' : 'ready', judges);
    summary.kills++;
    summary.acked += outcome.acked;
    if (outcome.inFlightCommitted) summary.inFlightCommitted++;
    if (outcome.finished) summary.finishedBeforeKill++;
    if (outcome.staleOutlines) summary.staleOutlineKills++;
    if (outcome.failures.length === 0) summary.survived++;
    else summary.failures.push(...outcome.failures.map((f) => `kill ${i} (seed ${childSeed}, ${delay} ms): ${f}`));
    options.onKill?.(i, outcome);
    before = after ?? reopenAndCheck(options.file, { outlines: false }).state;
  }
  return summary;
}

async function killOnce(
  options: EditBatchOptions,
  before: ProjectState,
  seed: number,
  delayMs: number,
  from: 'startup' | 'ready' | 'first-ack',
  judges: { outlines: boolean; ogrinfo: boolean },
): Promise<{ outcome: KillOutcome; after: ProjectState | null }> {
  const child = spawn(process.execPath, [options.driver, options.file, String(seed), '100000'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let timer: NodeJS.Timeout | undefined;
  const kill = () => child.kill('SIGKILL');
  let armed = false;
  if (from === 'startup') timer = setTimeout(kill, delayMs % 150);
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    if (armed || from === 'startup') return;
    if (from === 'ready' ? out.startsWith('ready') : /^ack /m.test(out)) {
      armed = true;
      timer = setTimeout(kill, delayMs);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  clearTimeout(timer);

  const failures: string[] = [];
  const finished = exit.signal !== 'SIGKILL';
  if (finished && exit.code !== 0) failures.push(`driver exited with ${exit.code}: ${err.slice(0, 500)}`);

  const tries: Edit[] = [];
  const acks: number[] = [];
  for (const line of out.split('\n')) {
    if (line.startsWith('try ')) tries.push(JSON.parse(line.slice(4)) as Edit);
    else if (line.startsWith('ack ')) acks.push(Number(line.slice(4)));
  }
  // A `try` line may be cut by the kill; only complete lines parse, and a cut one was never acked.
  const acked = tries.slice(0, acks.length);
  const inFlight = tries.length > acks.length ? tries[acks.length] : undefined;

  let check: CheckResult;
  try {
    check = reopenAndCheck(options.file, { outlines: judges.outlines });
    if (judges.ogrinfo) ogrinfoOpens(options.file);
  } catch (error) {
    failures.push(`reopen failed: ${(error as Error).message}`);
    return { outcome: { acked: acked.length, inFlightCommitted: false, finished, failures, staleOutlines: 0 }, after: null };
  }
  if (check.integrity !== 'ok') failures.push(`integrity_check: ${check.integrity}`);

  if (JSON.stringify(check.state.history.slice(0, before.history.length)) !== JSON.stringify(before.history)) {
    failures.push('history before this run changed');
  }
  // An edit and its history row commit together, so the history says whether the edit in flight
  // committed (the plan alone cannot: an edit may give units the territory they already had);
  // the plan must then be exactly the replay of the acknowledged edits, plus that one if it did.
  const newHistory = check.state.history.slice(before.history.length).map((h) => h.label);
  const inFlightCommitted = inFlight !== undefined && newHistory.length === acked.length + 1 && newHistory.at(-1) === inFlight.label;
  const committed = inFlightCommitted ? [...acked, inFlight] : acked;
  if (JSON.stringify(newHistory) !== JSON.stringify(committed.map((e) => e.label))) {
    failures.push(`history ${JSON.stringify(newHistory.slice(-3))} does not match acknowledged ${JSON.stringify(acked.map((e) => e.label).slice(-3))}`);
  }
  const expected = new Map(before.assignments);
  for (const edit of committed) applyEditTo(expected, edit);
  if (!samePlan(check.state.assignments, expected)) {
    failures.push(`plan is not the replay of the ${acked.length} acknowledged edits${inFlightCommitted ? ' plus the one in flight, which the history shows committed' : ''}`);
  }
  const lastAck = acks.at(-1);
  if (lastAck !== undefined && !check.state.history.some((h) => h.seq === lastAck)) failures.push(`acknowledged seq ${lastAck} is missing`);
  if (check.staleOutlines.length) failures.push(`stale territory outlines: ${check.staleOutlines.join(', ')}`);
  return {
    outcome: { acked: acked.length, inFlightCommitted, finished, failures, staleOutlines: check.staleOutlines.length },
    after: check.state,
  };
}
