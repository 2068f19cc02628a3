/**
 * Import benchmark on large real files, each imported by our CLI (worker thread, geometry checks,
 * topology, one transaction) and by `ogr2ogr -f GPKG` in the same run: wall time and peak RSS
 * (GNU time), best of two runs for the counties, and the ratios.
 *
 * 1. The full-resolution TIGER 2016 counties of the npm package `boundaries` (3,233 counties,
 *    ~7.7 million points), written once to a shapefile with ogr2ogr and cached. The package is
 *    fetched with `npm pack` into node_modules/.cache rather than installed (145 MB, 40,000 files).
 * 2. TEST-ONLY STAND-IN for a national ZCTA file (there is none here): 484 shifted copies of the
 *    Census 2010 Delaware ZCTA shapefile in ../shared/data/zcta (68 ZCTAs each, 32,912 units,
 *    ~38 million points, a 22 x 22 grid over 16° x 31°), written with ogr2ogr and cached. Shared
 *    borders exist inside each copy, not between copies. Used for peak memory at national scale.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CACHE = path.join(ROOT, 'node_modules/.cache/tessera-bench');
const SHP = path.join(CACHE, 'counties', 'counties.shp');
const PACKAGE = 'boundaries@1.0.2';
const ZCTA_SOURCE = path.resolve(ROOT, '../shared/data/zcta/tl_2010_10_zcta510.zip');
const ZCTA_SHP = path.join(CACHE, 'zcta-standin', 'zcta_standin.shp');
const GRID = 22;

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

/**
 * The national-scale stand-in: one row of GRID copies of the Delaware ZCTAs shifted east, then
 * GRID rows of that shifted north. Ids stay unique (GEOID10 + column + row). With EPSG:4269's
 * latitude-first axis order, the affine `xoff` of -ct moves latitude and `yoff` longitude.
 */
export function prepareZctaStandIn(): void {
  if (fs.existsSync(ZCTA_SHP)) return;
  const work = fs.mkdtempSync(path.join(CACHE, 'zcta-prep-'));
  try {
    execFileSync('unzip', ['-q', ZCTA_SOURCE, '-d', work]);
    const de = path.join(work, 'tl_2010_10_zcta510.shp');
    const row = path.join(work, 'row.shp');
    for (let c = 0; c < GRID; c++) {
      const sql = `SELECT geometry, GEOID10 || 'c${c}' AS ZCTA, 'Stand-in ' || GEOID10 AS NAME, ALAND10, AWATER10 FROM tl_2010_10_zcta510`;
      execFileSync('ogr2ogr', [...(c ? ['-append'] : []), '-ct', `+proj=affine +xoff=0 +yoff=${(c * 0.75).toFixed(2)}`, '-dialect', 'SQLite', '-sql', sql, '-nln', 'row', row, de]);
    }
    const target = path.dirname(ZCTA_SHP);
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(target);
    for (let r = 0; r < GRID; r++) {
      const sql = `SELECT geometry, ZCTA || 'r${r}' AS ZCTA, NAME, ALAND10, AWATER10 FROM row`;
      execFileSync('ogr2ogr', [
        ...(r ? ['-append'] : ['-nlt', 'MULTIPOLYGON', '-lco', 'ENCODING=UTF-8']),
        '-ct', `+proj=affine +xoff=${(r * 1.4 - 18).toFixed(2)} +yoff=-25`, '-dialect', 'SQLite', '-sql', sql, '-nln', 'zcta_standin', ZCTA_SHP, row,
      ]);
    }
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
const load = () => os.loadavg().map((l) => Math.round(l * 10) / 10);

/** ogr2ogr and our CLI on the same shapefile, `times` runs each (alternating), best of each. */
function compare(shp: string, times: number): Record<string, unknown> {
  const gpkg = path.join(CACHE, 'ogr2ogr.gpkg');
  const project = path.join(CACHE, 'tessera.gpkg');
  const clear = () => {
    for (const f of [gpkg, project, `${project}-wal`, `${project}-shm`]) fs.rmSync(f, { force: true });
  };
  const loadBefore = load();
  const ogrRuns: Run[] = [];
  const ourRuns: Run[] = [];
  let report: { read: number; written: number; seconds: number } | null = null;
  let projectMB = 0;
  for (let i = 0; i < times; i++) {
    clear();
    ogrRuns.push(timed('ogr2ogr', ['-f', 'GPKG', gpkg, shp]));
    ourRuns.push(timed(process.execPath, [path.join(ROOT, 'bin/tessera.mjs'), 'import', project, shp, '--json']));
    report = JSON.parse(ourRuns.at(-1)!.stdout) as typeof report;
    projectMB = Math.round(fs.statSync(project).size / 1e6);
  }
  clear();
  const ogr = best(ogrRuns);
  const ours = best(ourRuns);
  return {
    features: report!.read,
    shpMB: Math.round(fs.statSync(shp).size / 1e6),
    ogr2ogr: { seconds: ogr.seconds, peakRssMB: ogr.peakRssMB },
    tessera: { seconds: ours.seconds, peakRssMB: ours.peakRssMB, importSeconds: report!.seconds, written: report!.written, projectMB },
    ratio: {
      time: Math.round((ours.seconds / ogr.seconds) * 10) / 10,
      memory: ours.peakRssMB && ogr.peakRssMB ? Math.round((ours.peakRssMB / ogr.peakRssMB) * 10) / 10 : null,
    },
    // Other processes on this 2-core machine skew both sides; the load tells how much.
    loadAverage: { before: loadBefore, after: load() },
    runs: { ogr2ogrSeconds: ogrRuns.map((r) => r.seconds), tesseraSeconds: ourRuns.map((r) => r.seconds) },
  };
}

export default async function importBenchmark(): Promise<Record<string, unknown>> {
  const prepStarted = Date.now();
  prepare();
  prepareZctaStandIn();
  const prepSeconds = (Date.now() - prepStarted) / 1000;
  const counties = compare(SHP, 2);
  const stages = await stageSeconds(path.join(CACHE, 'tessera.gpkg'));
  for (const f of ['tessera.gpkg', 'tessera.gpkg-wal', 'tessera.gpkg-shm']) fs.rmSync(path.join(CACHE, f), { force: true });
  const zcta = process.env.IMPORT_BENCH_ZCTA === '0' ? null : compare(ZCTA_SHP, 1);
  return {
    prepSeconds,
    counties: { input: 'boundaries@1.0.2 TIGER 2016 counties -> shapefile', ...counties, stageSeconds: stages },
    zctaStandIn: zcta && {
      input: `TEST-ONLY STAND-IN for a national ZCTA file: ${GRID * GRID} shifted copies of Census 2010 Delaware ZCTAs -> shapefile`,
      ...zcta,
    },
  };
}
