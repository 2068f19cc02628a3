/**
 * Seeded mutation fuzzer for the importers. Seeds are real data cut small so a case runs in well
 * under a second: 12 Census ZCTA polygons of Rhode Island as a shapefile set (ogr2ogr -limit) and
 * as a zip, 6 DC ZCTAs as GeoJSON, and the Delaware accounts CSV fixture. Each case mutates one
 * file (bit flips, truncation, huge counts in headers, wrong offsets, nesting, garbage) and
 * imports it into a copy of a base project in a long-lived child (fuzz-driver.ts) under a memory
 * cap, with a 5 s timeout. Expected: it imports, or fails with a plain UserError and leaves the
 * project byte-for-byte unchanged. Anything else (internal error, hang, crash, memory blow-up) is
 * a finding, and its input is saved under `failuresDir`.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { runImport } from '../../main/import/run-import.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { mulberry32, randomInt } from '../crash/random.ts';
import { fileHash } from '../helpers/temp.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ZCTA = path.resolve(ROOT, '../shared/data/zcta');

export interface Seed {
  name: string;
  as: 'units' | 'accounts';
  /** File name -> bytes; `main` is the one handed to the importer. */
  files: Record<string, Uint8Array>;
  main: string;
}

export interface Seeds {
  seeds: Seed[];
  /** Base projects (never written): an empty project for units, one with units for accounts. */
  baseUnits: string;
  baseAccounts: string;
}

/** Build the seeds and base projects in `dir` (takes a few seconds: ogr2ogr and one import). */
export async function prepareSeeds(dir: string): Promise<Seeds> {
  fs.mkdirSync(dir, { recursive: true });
  const full = path.join(dir, 'ri-full');
  fs.mkdirSync(full, { recursive: true });
  for (const [name, bytes] of Object.entries(unzipSync(fs.readFileSync(path.join(ZCTA, 'tl_2010_44_zcta510.zip'))))) {
    fs.writeFileSync(path.join(full, path.basename(name)), bytes);
  }
  const small = path.join(dir, 'ri-small');
  fs.mkdirSync(small, { recursive: true });
  execFileSync('ogr2ogr', ['-limit', '12', path.join(small, 'ri.shp'), path.join(full, 'tl_2010_44_zcta510.shp')], { stdio: 'ignore' });
  const shp: Record<string, Uint8Array> = {};
  for (const f of fs.readdirSync(small)) shp[f] = fs.readFileSync(path.join(small, f));

  const dc = JSON.parse(fs.readFileSync(path.join(ZCTA, 'dc_district_of_columbia_zip_codes_geo.min.json'), 'utf8')) as { features: unknown[] };
  dc.features = dc.features.slice(0, 6);
  const csv = fs.readFileSync(path.join(ROOT, 'test/fixtures/import/accounts-de.csv'));

  const seeds: Seed[] = [
    { name: 'shapefile', as: 'units', files: shp, main: 'ri.shp' },
    { name: 'zip', as: 'units', files: { 'ri.zip': zipSync(Object.fromEntries(Object.entries(shp).map(([k, v]) => [`ri/${k}`, v]))) }, main: 'ri.zip' },
    { name: 'geojson', as: 'units', files: { 'dc.geojson': Buffer.from(JSON.stringify(dc)) }, main: 'dc.geojson' },
    { name: 'csv', as: 'accounts', files: { 'accounts.csv': csv }, main: 'accounts.csv' },
  ];

  const baseUnits = path.join(dir, 'base-empty.gpkg');
  ProjectStore.open(baseUnits, { create: true }).close();
  const baseAccounts = path.join(dir, 'base-units.gpkg');
  await runImport(baseAccounts, path.join(small, 'ri.shp'), { as: 'units' });
  for (const base of [baseUnits, baseAccounts]) checkpoint(base);
  return { seeds, baseUnits, baseAccounts };
}

/** Fold the WAL into the file so a copy of the one file is the whole project. */
function checkpoint(file: string): void {
  const store = ProjectStore.open(file);
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
}

// ---- mutations ------------------------------------------------------------------------------

type Mutator = (bytes: Uint8Array, random: () => number) => { bytes: Uint8Array; what: string };

const HUGE = [0xffffffff, 0x7fffffff, 0x80000000, 0, 1, 65535, 1e9];

function copy(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes);
}

const bitFlips: Mutator = (bytes, random) => {
  const out = copy(bytes);
  const n = randomInt(random, 1, 16);
  for (let i = 0; i < n && out.length; i++) out[randomInt(random, 0, out.length - 1)]! ^= 1 << randomInt(random, 0, 7);
  return { bytes: out, what: `${n} bit flips` };
};
const byteSets: Mutator = (bytes, random) => {
  const out = copy(bytes);
  const values = [0x00, 0xff, 0x7f, 0x80, 0x22, 0x5c, 0x0a];
  const n = randomInt(random, 1, 8);
  for (let i = 0; i < n && out.length; i++) out[randomInt(random, 0, out.length - 1)] = values[randomInt(random, 0, values.length - 1)]!;
  return { bytes: out, what: `${n} bytes set to extremes` };
};
const truncate: Mutator = (bytes, random) => {
  const at = randomInt(random, 0, Math.max(0, bytes.length - 1));
  return { bytes: copy(bytes.subarray(0, at)), what: `truncated at ${at} of ${bytes.length}` };
};
const garbageTail: Mutator = (bytes, random) => {
  const extra = Buffer.alloc(randomInt(random, 1, 4096));
  for (let i = 0; i < extra.length; i++) extra[i] = randomInt(random, 0, 255);
  return { bytes: Buffer.concat([bytes, extra]), what: `${extra.length} random bytes appended` };
};
const spliceSelf: Mutator = (bytes, random) => {
  // A chunk of the file copied over another place: plausible structure at the wrong offset.
  const out = copy(bytes);
  const len = randomInt(random, 1, Math.min(512, out.length));
  const from = randomInt(random, 0, out.length - len);
  const to = randomInt(random, 0, out.length - len);
  out.copy(out, to, from, from + len);
  return { bytes: out, what: `${len} bytes copied from ${from} to ${to}` };
};

function field(offset: number, size: 2 | 4, endian: 'LE' | 'BE', label: string, values: readonly number[] = HUGE): Mutator {
  return (bytes, random) => {
    const out = copy(bytes);
    if (out.length < offset + size) return { bytes: out, what: `(${label} beyond end)` };
    const value = values[randomInt(random, 0, values.length - 1)]!;
    if (size === 4) out[`writeUInt32${endian}`](value >>> 0, offset);
    else out[`writeUInt16${endian}`](value & 0xffff, offset);
    return { bytes: out, what: `${label} = ${value >>> 0}` };
  };
}

/** Format-aware mutations: counts, lengths and offsets in the headers. */
const STRUCTURAL: Record<string, Mutator[]> = {
  shp: [
    field(24, 4, 'BE', '.shp file length (16-bit words)'),
    field(32, 4, 'LE', '.shp shape type', [0, 1, 3, 5, 8, 13, 15, 25, 31, 999]),
    field(104, 4, 'BE', '.shp first record content length'),
    field(100, 4, 'BE', '.shp first record number'),
    field(112, 4, 'LE', '.shp first record bbox bytes'),
    field(144, 4, 'LE', '.shp first record number of parts'),
    field(148, 4, 'LE', '.shp first record number of points'),
    field(152, 4, 'LE', '.shp first record first part index'),
  ],
  shx: [
    field(24, 4, 'BE', '.shx file length'),
    (bytes, random) => {
      const records = Math.floor((bytes.length - 100) / 8);
      const i = randomInt(random, 0, Math.max(0, records - 1));
      return field(100 + i * 8, 4, 'BE', `.shx offset of record ${i}`)(bytes, random);
    },
    (bytes, random) => {
      const records = Math.floor((bytes.length - 100) / 8);
      const i = randomInt(random, 0, Math.max(0, records - 1));
      return field(104 + i * 8, 4, 'BE', `.shx content length of record ${i}`)(bytes, random);
    },
  ],
  dbf: [
    field(4, 4, 'LE', '.dbf record count'),
    field(8, 2, 'LE', '.dbf header length', [0, 1, 32, 33, 65535, 4096]),
    field(10, 2, 'LE', '.dbf record length', [0, 1, 65535, 4000]),
    (bytes, random) => {
      const fields = Math.max(1, Math.floor(((Buffer.from(bytes).readUInt16LE(8) || 33) - 33) / 32));
      const i = randomInt(random, 0, fields - 1);
      const out = copy(bytes);
      const at = 32 + i * 32 + 16;
      if (at < out.length) out[at] = [0, 255, 254, 1][randomInt(random, 0, 3)]!;
      return { bytes: out, what: `.dbf field ${i} length = ${out[at]}` };
    },
    (bytes, random) => {
      const out = copy(bytes);
      const at = 32 + randomInt(random, 0, 3) * 32 + 11;
      if (at < out.length) out[at] = 'CNDLFMBGT@\0'.charCodeAt(randomInt(random, 0, 10));
      return { bytes: out, what: `.dbf field type byte at ${at} = ${out[at]}` };
    },
    field(29, 2, 'LE', '.dbf language driver', [0, 0x57, 0xc8, 0xff, 0x26]),
  ],
  zip: [
    (bytes, random) => {
      const eocd = Buffer.from(bytes).lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
      const which = randomInt(random, 0, 3);
      const [off, label] = ([[10, 'entry count'], [12, 'central directory size'], [16, 'central directory offset'], [8, 'entries on disk']] as const)[which]!;
      return field(eocd + off, off === 10 || off === 8 ? 2 : 4, 'LE', `zip EOCD ${label}`)(bytes, random);
    },
    (bytes, random) => {
      const starts: number[] = [];
      const buf = Buffer.from(bytes);
      for (let i = buf.indexOf('PK\x01\x02'); i >= 0; i = buf.indexOf('PK\x01\x02', i + 4)) starts.push(i);
      const at = starts[randomInt(random, 0, Math.max(0, starts.length - 1))] ?? 0;
      const [off, size, label] = ([[20, 4, 'compressed size'], [24, 4, 'uncompressed size'], [42, 4, 'local header offset'], [28, 2, 'name length'], [10, 2, 'method']] as const)[randomInt(random, 0, 4)]!;
      return field(at + off, size, 'LE', `zip central entry ${label}`)(bytes, random);
    },
    (bytes, random) => {
      const [off, size, label] = ([[18, 4, 'compressed size'], [22, 4, 'uncompressed size'], [26, 2, 'name length'], [8, 2, 'method']] as const)[randomInt(random, 0, 3)]!;
      return field(off, size, 'LE', `zip first local header ${label}`)(bytes, random);
    },
  ],
  geojson: [
    (bytes, random) => {
      const text = Buffer.from(bytes).toString('utf8');
      const depth = [100, 10_000, 200_000][randomInt(random, 0, 2)]!;
      const at = text.indexOf('"coordinates":') + 14;
      return { bytes: Buffer.from(text.slice(0, at) + '['.repeat(depth) + text.slice(at)), what: `${depth} nested brackets in coordinates` };
    },
    (bytes, random) => {
      const text = Buffer.from(bytes).toString('utf8');
      const numbers = [...text.matchAll(/-?\d+\.\d+/g)];
      const m = numbers[randomInt(random, 0, numbers.length - 1)]!;
      const value = ['1e308', '-1e400', 'NaN', '"12"', 'null', '[]', '99999999999999999999'][randomInt(random, 0, 6)]!;
      return { bytes: Buffer.from(text.slice(0, m.index) + value + text.slice(m.index! + m[0].length)), what: `number at ${m.index} -> ${value}` };
    },
    (bytes, random) => {
      const text = Buffer.from(bytes).toString('utf8');
      const keys = ['"type":"Polygon"', '"type":"MultiPolygon"', '"type":"FeatureCollection"', '"geometry":', '"properties":'];
      const key = keys[randomInt(random, 0, keys.length - 1)]!;
      const replacement = ['"type":"GeometryCollection"', '"type":"Point"', '"type":7', '"geometry":null,"x":', '"properties":[],"y":'][randomInt(random, 0, 4)]!;
      return { bytes: Buffer.from(text.replace(key, replacement)), what: `${key} -> ${replacement}` };
    },
  ],
  csv: [
    (bytes, random) => {
      const text = Buffer.from(bytes).toString('utf8');
      const inserts = ['"', ',', '\n', '\r', '\0', '\uFEFF', 'x'.repeat(1_000_000), '=cmd|"/c calc"!A1', ';', '\t'];
      const s = inserts[randomInt(random, 0, inserts.length - 1)]!;
      const at = randomInt(random, 0, text.length);
      return { bytes: Buffer.from(text.slice(0, at) + s + text.slice(at)), what: `inserted ${JSON.stringify(s.slice(0, 20))}${s.length > 20 ? `…(${s.length})` : ''} at ${at}` };
    },
    (bytes, random) => {
      const lines = Buffer.from(bytes).toString('utf8').split('\n');
      const n = [1000, 100_000][randomInt(random, 0, 1)]!;
      const cells = lines[0]!.split(',').length;
      return { bytes: Buffer.from([lines[0], ...lines.slice(1), ...Array.from({ length: n }, (_, i) => Array.from({ length: cells }, () => i).join(','))].join('\n')), what: `${n} rows of numbers appended` };
    },
  ],
};
const GENERIC: Mutator[] = [bitFlips, byteSets, truncate, garbageTail, spliceSelf];

export interface FuzzCase {
  id: number;
  seed: string;
  file: string;
  what: string;
  dir: string;
  project: string;
  source: string;
  as: 'units' | 'accounts';
}

/** Case `id` of a run: which seed, which file, which mutation — all from the run's seed. */
export function makeCase(seeds: Seeds, runSeed: number, id: number, dir: string): FuzzCase {
  const random = mulberry32(runSeed * 100_003 + id);
  const seed = seeds.seeds[id % seeds.seeds.length]!;
  const names = Object.keys(seed.files);
  const weighted = seed.name === 'shapefile' ? names.filter((n) => /\.(shp|shx|dbf)$/i.test(n)).concat(names) : names;
  const file = weighted[randomInt(random, 0, weighted.length - 1)]!;
  const ext = path.extname(file).slice(1).toLowerCase();
  const structural = STRUCTURAL[ext] ?? [];
  const pool = random() < 0.5 && structural.length ? structural : GENERIC;
  const mutation = pool[randomInt(random, 0, pool.length - 1)]!(seed.files[file]!, random);
  const caseDir = path.join(dir, `case-${id}`);
  fs.mkdirSync(caseDir, { recursive: true });
  for (const [name, bytes] of Object.entries(seed.files)) fs.writeFileSync(path.join(caseDir, name), name === file ? mutation.bytes : bytes);
  const project = path.join(caseDir, 'project.gpkg');
  fs.copyFileSync(seed.as === 'units' ? seeds.baseUnits : seeds.baseAccounts, project);
  return { id, seed: seed.name, file, what: mutation.what, dir: caseDir, project, source: path.join(caseDir, seed.main), as: seed.as };
}

// ---- running cases in a child -------------------------------------------------------------------

export type Verdict =
  | { kind: 'ok' | 'user'; message: string }
  /** Over the timeout on the shared machine, but done within 30 s when run alone: not a hang. */
  | { kind: 'slow'; seconds: number; outcome: Verdict }
  | { kind: 'internal'; message: string }
  | { kind: 'hang' }
  | { kind: 'crash'; message: string }
  | { kind: 'memory'; rssMb: number };

export class FuzzChild {
  private child: ChildProcessWithoutNullStreams | null = null;
  private buffer = '';
  private waiting: ((line: string | null) => void) | null = null;
  private stderr = '';

  constructor(
    private readonly driver: string,
    private readonly options: { maxOldSpaceMb: number; maxRssMb: number; timeoutMs: number },
  ) {}

  private async start(): Promise<void> {
    this.buffer = '';
    this.stderr = '';
    const child = spawn(process.execPath, [`--max-old-space-size=${this.options.maxOldSpaceMb}`, this.driver], { stdio: 'pipe' });
    this.child = child;
    child.stdin.on('error', () => {}); // EPIPE when it died mid-case: reported by run() as a crash
    child.stdout.on('data', (chunk: Buffer) => {
      this.buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        this.waiting?.(line);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString('utf8')).slice(-4000)));
    child.on('exit', () => {
      if (this.child === child) this.child = null;
      this.waiting?.(null);
    });
    const ready = await this.nextLine(60_000);
    if (ready !== 'ready') throw new Error(`fuzz driver did not start: ${ready} ${this.stderr}`);
  }

  private nextLine(timeoutMs: number): Promise<string | null | 'timeout'> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        resolve('timeout');
      }, timeoutMs);
      this.waiting = (line) => {
        clearTimeout(timer);
        this.waiting = null;
        resolve(line);
      };
    });
  }

  async run(c: FuzzCase): Promise<Verdict> {
    if (!this.child) await this.start();
    const child = this.child!;
    let peakRss = 0;
    const watch = setInterval(() => {
      const rss = rssMb(child.pid!);
      peakRss = Math.max(peakRss, rss);
      if (rss > this.options.maxRssMb) child.kill('SIGKILL');
    }, 100);
    child.stdin.write(JSON.stringify({ id: c.id, project: c.project, source: c.source, as: c.as }) + '\n');
    const line = await this.nextLine(this.options.timeoutMs);
    clearInterval(watch);
    if (line === 'timeout') {
      child.kill('SIGKILL');
      await this.exited(child);
      return { kind: 'hang' };
    }
    if (line === null || !line.startsWith('result ')) {
      await this.exited(child);
      if (peakRss > this.options.maxRssMb || /heap out of memory/i.test(this.stderr)) return { kind: 'memory', rssMb: Math.round(peakRss) };
      return { kind: 'crash', message: `child exited (${child.exitCode ?? child.signalCode}): ${this.stderr.slice(-1500)}` };
    }
    const result = JSON.parse(line.slice(7)) as { kind: 'ok' | 'user' | 'internal'; message: string };
    // An exception that escaped the pipeline ends the driver; a caught one leaves it usable.
    if (/^(uncaught|unhandled)/.test(result.message)) await this.exited(child, 2000);
    return result;
  }

  /** Wait for the child to exit (killing it after graceMs) and forget it. */
  private async exited(child: ChildProcessWithoutNullStreams, graceMs = 5000): Promise<void> {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    if (this.child === child) this.child = null;
  }

  stop(): void {
    this.child?.kill('SIGKILL');
    this.child = null;
  }
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Re-run a timed-out case alone in a fresh child with 30 s: a real hang stays a hang. */
async function confirmHang(options: { seeds: Seeds; driver: string; runSeed: number; dir: string }, id: number): Promise<Verdict> {
  const c = makeCase(options.seeds, options.runSeed, id, path.join(options.dir, 'rerun'));
  const child = new FuzzChild(options.driver, { maxOldSpaceMb: 256, maxRssMb: 1024, timeoutMs: 30_000 });
  const started = Date.now();
  try {
    const verdict = await child.run(c);
    return verdict.kind === 'hang' ? verdict : { kind: 'slow', seconds: (Date.now() - started) / 1000, outcome: verdict };
  } finally {
    child.stop();
    fs.rmSync(c.dir, { recursive: true, force: true });
  }
}

export interface FuzzFinding {
  id: number;
  seed: string;
  file: string;
  what: string;
  verdict: Verdict | { kind: 'changed-on-failure'; message: string };
  savedTo: string;
}

export interface FuzzSummary {
  cases: number;
  imported: number;
  userErrors: number;
  findings: FuzzFinding[];
  /** Cases over the timeout that finished when re-run alone with 30 s (shared-machine noise or slow paths). */
  slow: { id: number; seed: string; file: string; what: string; seconds: number }[];
  counts: Record<string, number>;
}

/** Run cases [first, first+count) of the run `runSeed` on `workers` children. */
export async function runFuzz(options: {
  seeds: Seeds;
  driver: string;
  runSeed: number;
  first?: number;
  count: number;
  workers: number;
  dir: string;
  failuresDir: string;
  timeoutMs?: number;
  onCase?: (c: FuzzCase, verdict: Verdict) => void;
}): Promise<FuzzSummary> {
  const summary: FuzzSummary = { cases: 0, imported: 0, userErrors: 0, findings: [], slow: [], counts: {} };
  const first = options.first ?? 0;
  let next = first;
  const children = Array.from(
    { length: options.workers },
    () => new FuzzChild(options.driver, { maxOldSpaceMb: 256, maxRssMb: 1024, timeoutMs: options.timeoutMs ?? 5000 }),
  );
  await Promise.all(
    children.map(async (child) => {
      while (next < first + options.count) {
        const c = makeCase(options.seeds, options.runSeed, next++, options.dir);
        const before = fileHash(c.project);
        let verdict = await child.run(c);
        if (verdict.kind === 'hang') verdict = await confirmHang(options, c.id);
        summary.cases++;
        summary.counts[verdict.kind] = (summary.counts[verdict.kind] ?? 0) + 1;
        options.onCase?.(c, verdict);
        let finding: FuzzFinding['verdict'] | null = null;
        if (verdict.kind === 'slow' && verdict.outcome.kind !== 'ok' && verdict.outcome.kind !== 'user') finding = verdict.outcome;
        else if (verdict.kind === 'slow') summary.slow.push({ id: c.id, seed: c.seed, file: c.file, what: c.what, seconds: verdict.seconds });
        else if (verdict.kind === 'ok') summary.imported++;
        else if (verdict.kind === 'user') {
          summary.userErrors++;
          if (fileHash(c.project) !== before) finding = { kind: 'changed-on-failure', message: verdict.message };
        } else finding = verdict;
        if (finding) {
          const savedTo = path.join(options.failuresDir, `${c.seed}-${options.runSeed}-${c.id}`);
          fs.mkdirSync(savedTo, { recursive: true });
          for (const f of fs.readdirSync(c.dir)) if (!f.startsWith('project.gpkg')) fs.copyFileSync(path.join(c.dir, f), path.join(savedTo, f));
          summary.findings.push({ id: c.id, seed: c.seed, file: c.file, what: c.what, verdict: finding, savedTo });
        }
        fs.rmSync(c.dir, { recursive: true, force: true });
      }
    }),
  );
  for (const child of children) child.stop();
  return summary;
}
