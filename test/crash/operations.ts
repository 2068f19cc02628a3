/**
 * Crash harness for whole operations (import, scenario duplication, optimizer runs): spawn the
 * operation, SIGKILL it at a seeded random moment, then judge the reopened project with the
 * structural invariants (invariants.ts) and an operation-specific judge that sees the snapshot
 * before and after and what the child acknowledged (`ack` lines, or a clean exit).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { mulberry32 } from './random.ts';
import { checkInvariants, type Snapshot } from './invariants.ts';

export interface ChildRun {
  acks: string[];
  /** A `try` line was printed with no `ack` after it. */
  inFlight: boolean;
  exitedCleanly: boolean;
}

export type Judge = (before: Snapshot, after: Snapshot, run: ChildRun) => string[];

export interface OperationBatch {
  name: string;
  file: string;
  kills: number;
  seed: number;
  /** Kill 0..maxDelayMs after spawn (or after `ready` when the child prints it). */
  maxDelayMs: number;
  argv: (kill: number) => string[];
  judge: Judge;
  ogrinfoEvery?: number;
  /** The child prints `ready`/`try`/`ack` lines (the drivers); false for a plain CLI run. Default true. */
  printsAcks?: boolean;
  /** Start again from this file every `resetEvery` kills (keeps growing files, e.g. many scenarios, small). */
  pristine?: string;
  resetEvery?: number;
}

export interface OperationSummary {
  name: string;
  kills: number;
  survived: number;
  completedBeforeKill: number;
  acked: number;
  failures: string[];
}

export async function runOperationCrashBatch(batch: OperationBatch): Promise<OperationSummary> {
  const random = mulberry32(batch.seed);
  const summary: OperationSummary = { name: batch.name, kills: 0, survived: 0, completedBeforeKill: 0, acked: 0, failures: [] };
  let before = checkInvariants(batch.file, { ogrinfo: false }).snapshot!;
  for (let i = 0; i < batch.kills; i++) {
    if (batch.pristine && batch.resetEvery && i > 0 && i % batch.resetEvery === 0) {
      for (const f of [`${batch.file}-wal`, `${batch.file}-shm`]) fs.rmSync(f, { force: true });
      fs.copyFileSync(batch.pristine, batch.file);
      before = checkInvariants(batch.file, { ogrinfo: false }).snapshot!;
    }
    const delay = Math.floor(random() * batch.maxDelayMs);
    // Every other kill waits for the first acknowledgement, so even a slow machine sees a kill
    // after a completed operation (and during the next one), not only kills during the first.
    const run = await runAndKill(batch.argv(i), delay, batch.printsAcks !== false && i % 2 === 1);
    const { problems, snapshot } = checkInvariants(batch.file, { ogrinfo: i % (batch.ogrinfoEvery ?? 1) === 0 || i === batch.kills - 1 });
    const failures = snapshot ? [...problems, ...batch.judge(before, snapshot, run)] : problems;
    summary.kills++;
    summary.acked += run.acks.length;
    if (run.exitedCleanly) summary.completedBeforeKill++;
    if (failures.length === 0) summary.survived++;
    else summary.failures.push(...failures.map((f) => `${batch.name} kill ${i} (${delay} ms): ${f}`));
    if (snapshot) before = snapshot;
  }
  return summary;
}

async function runAndKill(argv: string[], delayMs: number, afterFirstAck: boolean): Promise<ChildRun> {
  const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let timer: NodeJS.Timeout | undefined = afterFirstAck ? undefined : setTimeout(() => child.kill('SIGKILL'), delayMs);
  let armed = false;
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    const trigger = afterFirstAck ? /^ack /m.test(out) : out.startsWith('ready');
    if (trigger && !armed) {
      armed = true;
      clearTimeout(timer);
      timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    }
  });
  child.stderr.resume();
  const exit = await new Promise<{ code: number | null }>((resolve) => child.on('close', (code) => resolve({ code })));
  clearTimeout(timer);
  const lines = out.split('\n');
  const tries = lines.filter((l) => l.startsWith('try ')).length;
  const acks = lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4));
  return { acks, inFlight: tries > acks.length, exitedCleanly: exit.code === 0 };
}

// ---- judges -------------------------------------------------------------------------------------

/** Duplication: the new scenarios are exactly the acknowledged ones (+ the one in flight), each a full copy. */
export const judgeDuplicate: Judge = (before, after, run) => {
  const problems: string[] = [];
  const added = after.scenarios.length - before.scenarios.length;
  if (added < run.acks.length || added > run.acks.length + (run.inFlight ? 1 : 0)) {
    problems.push(`${added} scenarios added, ${run.acks.length} acknowledged${run.inFlight ? ' + 1 in flight' : ''}`);
  }
  const source = after.scenarios[0]!;
  for (const s of after.scenarios.slice(before.scenarios.length)) {
    if (s.assignments !== source.assignments || s.territories !== source.territories) problems.push(`scenario ${s.id} is not a full copy of ${source.id}`);
  }
  return problems;
};

/** Import with --replace: the units are the old set or the complete new one, never a part. */
export function judgeImport(expectedCounts: number[]): Judge {
  return (before, after, run) => {
    const problems: string[] = [];
    const lastAck = run.acks.at(-1);
    const allowed = new Set([before.units, ...expectedCounts]);
    if (!allowed.has(after.units)) problems.push(`${after.units} units: neither the ${before.units} before nor a complete import (${expectedCounts.join(' or ')})`);
    if (lastAck && !run.inFlight && after.units !== Number(lastAck.split(' ')[1])) problems.push(`acknowledged import of ${lastAck} units not present (${after.units})`);
    if (after.units !== before.units && after.scenarios.some((s) => s.assignments !== '[]')) {
      problems.push('units were replaced but an old plan survived');
    }
    return problems;
  };
}

/** Optimizer run: either no new scenario, or one complete new scenario that is active. */
export function judgeAlign(territories: number): Judge {
  return (before, after, run) => {
    const problems: string[] = [];
    const added = after.scenarios.length - before.scenarios.length;
    if (added < 0 || added > 1) problems.push(`${added} scenarios added by one run`);
    if (run.exitedCleanly && added !== 1) problems.push('the run finished but its scenario is missing');
    if (added === 1) {
      const s = after.scenarios.at(-1)!;
      const assigned = (JSON.parse(s.assignments) as unknown[]).length;
      if (s.territories !== territories) problems.push(`new scenario has ${s.territories} territories, not ${territories}`);
      if (assigned !== after.units) problems.push(`new scenario assigns ${assigned} of ${after.units} units`);
      if (after.activeScenario !== s.id) problems.push('new scenario is not the active one');
    }
    return problems;
  };
}
