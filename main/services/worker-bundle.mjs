// Loading a worker thread's TypeScript body fast. A worker does not inherit its parent's tsx
// loader; registering tsx again starts a module-hooks thread and sends every module through it
// (~0.3 s of CPU for the import pipeline, paid by every import). Instead the body is bundled once
// by esbuild (already installed: tsx uses it) into node_modules/.cache/tessera-workers and loaded
// as plain JavaScript; the bundle is rebuilt when the content of any of its source files changes
// (a hash over them is checked at each start, ~2 ms). Packages stay external (loaded from
// node_modules as before), dynamic imports stay lazy (code splitting). Without esbuild or a
// writable cache the body is loaded through tsx as before.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = path.join(ROOT, 'node_modules/.cache/tessera-workers');

/** Imports the TypeScript module at `entryUrl` (a worker body), from a fresh bundle when possible. */
export async function importWorkerBody(entryUrl) {
  const entry = fileURLToPath(entryUrl);
  let bundle = null;
  try {
    bundle = freshBundle(entry) ?? (await buildBundle(entry));
  } catch {
    bundle = null; // no esbuild, read-only cache, …: tsx below
  }
  if (bundle) return import(pathToFileURL(bundle).href);
  const { register } = await import('tsx/esm/api');
  register();
  return import(entryUrl.toString());
}

function manifestFile(entry) {
  return path.join(CACHE, `${path.relative(ROOT, entry).replace(/[\\/]/g, '_').replace(/\.ts$/, '')}.json`);
}

/** Hash over the inputs' paths and contents; null when one is gone. */
function hashInputs(inputs) {
  const hash = crypto.createHash('sha1');
  for (const input of inputs) {
    let content;
    try {
      content = fs.readFileSync(path.join(ROOT, input));
    } catch {
      return null;
    }
    hash.update(input).update('\0').update(content).update('\0');
  }
  return hash.digest('hex');
}

/** The bundle's main file when the manifest's hash still matches the sources, else null. */
function freshBundle(entry) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile(entry), 'utf8'));
  } catch {
    return null;
  }
  const main = path.join(CACHE, manifest.main);
  if (hashInputs(manifest.inputs) !== manifest.hash || !fs.existsSync(main)) return null;
  return main;
}

async function buildBundle(entry) {
  const { build } = await import('esbuild');
  fs.mkdirSync(CACHE, { recursive: true });
  const name = path.basename(manifestFile(entry), '.json');
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(CACHE, `${name}-`));
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: ROOT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    keepNames: true,
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs).sort();
  for (const file of result.outputFiles) fs.writeFileSync(file.path, file.contents);
  const main = path.join(dir, `${path.basename(entry, '.ts')}.mjs`);
  // A source edited around the build (esbuild may have read the older text) is not trusted:
  // this start uses the bundle, the next one rebuilds. Otherwise the hash of what was bundled
  // is recorded.
  const settled = inputs.every((input) => fs.statSync(path.join(ROOT, input)).mtimeMs < started - 2000);
  const hash = settled ? hashInputs(inputs) : null;
  if (hash) {
    const manifest = manifestFile(entry);
    const temporary = `${manifest}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    fs.writeFileSync(temporary, JSON.stringify({ main: path.relative(CACHE, main), hash, inputs }));
    fs.renameSync(temporary, manifest); // atomic: concurrent starts see the old or the new manifest
    removeOldBundles(name, dir);
  }
  return main;
}

/** Earlier bundles of this body, left by rebuilds; kept for an hour (a worker may still be loading one). */
function removeOldBundles(name, keep) {
  const hourAgo = Date.now() - 3600_000;
  for (const other of fs.readdirSync(CACHE)) {
    const full = path.join(CACHE, other);
    if (full === keep || !other.startsWith(`${name}-`)) continue;
    try {
      if (fs.statSync(full).mtimeMs < hourAgo) fs.rmSync(full, { recursive: true, force: true });
    } catch {
      // removed by another start meanwhile
    }
  }
}
