import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { buildDemoProject } from '../../main/demo/build-demo.ts';

/** A fresh temporary folder, removed after the test file. */
export function tempDir(prefix = 'tessera-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

let demoCache: Promise<string> | null = null;
/** Path of a pristine demo project built once per test file; copy it before writing to it. */
export function demoProject(): Promise<string> {
  demoCache ??= (async () => {
    const file = path.join(tempDir('tessera-demo-'), 'demo.gpkg');
    await buildDemoProject(file);
    return file;
  })();
  return demoCache;
}

/** A writable copy of the demo project in its own folder. */
export async function demoCopy(name = 'copy.gpkg'): Promise<string> {
  const source = await demoProject();
  const target = path.join(tempDir(), name);
  fs.copyFileSync(source, target);
  return target;
}

/** SHA-256 of a file and its WAL, to prove a failed command left the project exactly as it was. */
export function fileHash(file: string): string {
  const hash = crypto.createHash('sha256');
  for (const f of [file, `${file}-wal`]) if (fs.existsSync(f)) hash.update(fs.readFileSync(f));
  return hash.digest('hex');
}
