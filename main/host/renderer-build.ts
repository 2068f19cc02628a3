/**
 * The built renderer the hosts serve (dist/renderer). In a checkout it is (re)built with Vite
 * when missing or older than its sources, so `tessera serve` and the tests never show a stale UI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const RENDERER_DIST = path.join(REPO_ROOT, 'dist', 'renderer');
const SOURCES = ['renderer', 'shared', 'vite.config.ts', 'package-lock.json'].map((p) => path.join(REPO_ROOT, p));

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) {
    if (entry === 'node_modules' || entry.endsWith('.tsbuildinfo')) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

export function rendererIsStale(): boolean {
  const built = path.join(RENDERER_DIST, 'index.html');
  if (!fs.existsSync(built)) return true;
  const builtAt = fs.statSync(built).mtimeMs;
  return SOURCES.some((source) => newestMtime(source) > builtAt);
}

/**
 * Build the renderer if needed; returns the folder to serve. The build goes to a temporary folder
 * that replaces dist/renderer by rename, under a lock, so a page being served never sees a
 * half-written build and two processes never build at once.
 */
export async function ensureRendererBuilt(log: (line: string) => void = () => {}): Promise<string> {
  if (!rendererIsStale()) return RENDERER_DIST;
  const release = await acquireLock(`${RENDERER_DIST}.lock`);
  try {
    if (!rendererIsStale()) return RENDERER_DIST;
    log('Building the renderer (first run or sources changed)...');
    const fresh = `${RENDERER_DIST}.building-${process.pid}`;
    const { build } = await import('vite');
    await build({ configFile: path.join(REPO_ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: fresh, emptyOutDir: true } });
    const old = `${RENDERER_DIST}.old-${process.pid}`;
    if (fs.existsSync(RENDERER_DIST)) fs.renameSync(RENDERER_DIST, old);
    fs.renameSync(fresh, RENDERER_DIST);
    fs.rmSync(old, { recursive: true, force: true });
    return RENDERER_DIST;
  } finally {
    release();
  }
}

/** An exclusive lock file; a lock left by a dead process is taken over after ten minutes. */
async function acquireLock(file: string): Promise<() => void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (;;) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.closeSync(fd);
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (Date.now() - fs.statSync(file).mtimeMs > 10 * 60_000) fs.rmSync(file, { force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
