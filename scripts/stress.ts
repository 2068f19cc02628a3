/**
 * `npm run stress`: the long versions of the reliability checks, printing one JSON object of
 * counts (kills survived, fuzz cases run, load requests, failures found). Exit code 1 when any
 * failure was found. Pass part names to run a subset: crash-edits crash-ops align fuzz load.
 * Scale with STRESS_SCALE (default 1; 0.2 for a quick look, 5 for an overnight run).
 *
 *   npm run stress                   # everything, ~10-15 min on 2 cores
 *   npm run stress -- fuzz           # only the fuzzer
 *   STRESS_SCALE=0.2 npm run stress  # a quick pass
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDemoProject } from '../main/demo/build-demo.ts';
import { bundledDriver, runEditCrashBatch } from '../test/crash/harness.ts';
import { judgeAlign, judgeDuplicate, judgeImport, runOperationCrashBatch } from '../test/crash/operations.ts';
import { prepareSeeds, runFuzz } from '../test/fuzz/fuzzer.ts';
import { runHttpLoad } from '../test/load/http-load.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const ZCTA = path.resolve(ROOT, '../shared/data/zcta');
const scale = Number(process.env.STRESS_SCALE ?? 1);
const n = (x: number) => Math.max(1, Math.round(x * scale));
const only = process.argv.slice(2);
const wanted = (part: string) => only.length === 0 || only.includes(part);
const log = (line: string) => process.stderr.write(`stress: ${line}\n`);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-stress-'));
const failuresDir = path.join(ROOT, 'node_modules/.cache/tessera-stress-failures');
const results: Record<string, unknown> = { scale };
let failures = 0;

try {
  const demo = path.join(work, 'demo.gpkg');
  if (['crash-edits', 'crash-ops', 'align', 'load'].some(wanted)) {
    log('building the demo project...');
    await buildDemoProject(demo);
  }
  const copy = (name: string) => {
    const f = path.join(work, name);
    fs.copyFileSync(demo, f);
    return f;
  };

  if (wanted('crash-edits')) {
    const driver = await bundledDriver('crash/edit-driver.ts');
    const batches = 2;
    const kills = n(100);
    log(`crash-edits: ${batches} x ${kills} kills...`);
    const summaries = await Promise.all(
      Array.from({ length: batches }, (_, i) =>
        runEditCrashBatch({
          file: copy(`edits-${i}.gpkg`),
          driver,
          seed: 4242 + i,
          kills,
          maxDelayMs: 1500,
          onKill: (k, o) => o.failures.length && log(`crash-edits batch ${i} kill ${k}: ${o.failures.join('; ')}`),
        }),
      ),
    );
    const total = (key: 'kills' | 'survived' | 'acked' | 'inFlightCommitted' | 'staleOutlineKills') => summaries.reduce((s, b) => s + b[key], 0);
    const found = summaries.flatMap((s) => s.failures);
    failures += found.length;
    results.crashEdits = {
      kills: total('kills'),
      survived: total('survived'),
      editsAcknowledged: total('acked'),
      inFlightEditCommittedAtKill: total('inFlightCommitted'),
      staleOutlineKills: total('staleOutlineKills'),
      failures: found.slice(0, 20),
    };
    log(`crash-edits done: ${JSON.stringify(results.crashEdits)}`);
  }

  if (wanted('crash-ops')) {
    const driver = await bundledDriver('crash/op-driver.ts');
    log('crash-ops: duplication and import...');
    const dupFile = copy('dup.gpkg');
    const dup = await runOperationCrashBatch({
      name: 'duplicate', file: dupFile, kills: n(40), seed: 51, maxDelayMs: 1500, pristine: demo, resetEvery: 4,
      argv: () => [driver, 'duplicate', dupFile], judge: judgeDuplicate,
    });
    const sources = [path.join(ZCTA, 'tl_2010_44_zcta510.zip'), path.join(ZCTA, 'tl_2010_10_zcta510.zip')];
    const importFile = copy('import.gpkg');
    const imp = await runOperationCrashBatch({
      name: 'import', file: importFile, kills: n(30), seed: 52, maxDelayMs: 5000,
      argv: (i) => [driver, 'import', importFile, sources[i % 2]!, sources[(i + 1) % 2]!], judge: judgeImport([77, 68]),
    });
    failures += dup.failures.length + imp.failures.length;
    results.crashDuplicate = dup;
    results.crashImport = imp;
    log(`crash-ops done: ${JSON.stringify({ dup: { kills: dup.kills, survived: dup.survived }, import: { kills: imp.kills, survived: imp.survived } })}`);
  }

  if (wanted('align')) {
    log('crash-ops: optimizer runs (tessera align)...');
    const file = copy('align.gpkg');
    const align = await runOperationCrashBatch({
      name: 'align', file, kills: n(12), seed: 53, maxDelayMs: 4_500, pristine: demo, resetEvery: 4, printsAcks: false,
      argv: (i) => [path.join(ROOT, 'bin/tessera.mjs'), 'align', file, '--territories', '12', '--balance', 'units', '--max-sweeps', '2', '--seed', String(i + 1)],
      judge: judgeAlign(12),
    });
    failures += align.failures.length;
    results.crashAlign = align;
    log(`align done: ${JSON.stringify(align)}`);
  }

  if (wanted('fuzz')) {
    const cases = n(1500);
    log(`fuzz: ${cases} cases...`);
    const [seeds, driver] = await Promise.all([prepareSeeds(path.join(work, 'seeds')), bundledDriver('fuzz/fuzz-driver.ts')]);
    const started = Date.now();
    const summary = await runFuzz({
      seeds, driver, runSeed: Number(process.env.FUZZ_SEED ?? 777), count: cases, workers: 2,
      dir: path.join(work, 'cases'), failuresDir,
      onCase: (c) => c.id % 100 === 0 && log(`fuzz: case ${c.id}`),
    });
    const unknown = summary.findings;
    failures += unknown.length;
    results.fuzz = {
      cases: summary.cases,
      seconds: Math.round((Date.now() - started) / 1000),
      imported: summary.imported,
      userErrors: summary.userErrors,
      verdicts: summary.counts,
      newFindings: unknown.map((f) => ({ seed: f.seed, file: f.file, mutation: f.what, verdict: f.verdict.kind, message: 'message' in f.verdict ? String(f.verdict.message).slice(0, 300) : undefined, savedTo: f.savedTo })),
    };
  }

  if (wanted('load')) {
    const seconds = n(30);
    log(`load: 10 clients for ${seconds} s...`);
    const summary = await runHttpLoad(copy('load.gpkg'), { clients: 10, seconds, seed: 99 });
    failures += summary.errors.length + summary.status5xx;
    results.load = summary;
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

results.failures = failures;
process.stdout.write(JSON.stringify(results, null, 2) + '\n');
process.exitCode = failures ? 1 : 0;
