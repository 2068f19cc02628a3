/**
 * Electron hardening, judged from outside: @doyensec/electronegativity scans the shell's sources
 * and the bundled preload; no HIGH finding may remain unless test/security/electronegativity.config.ts
 * accepts it with a reason. Runs offline: the tool's only network use (fetching translations and
 * the Electron release list) is cut off before it loads, so it neither waits nor reaches out.
 */
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp.ts';
import { ELECTRONEGATIVITY } from '../security/electronegativity.config.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Issue {
  id: string;
  file: string;
  location: { line: number };
  description: string;
  severity: { name: string };
  confidence: { name: string };
}

async function runElectronegativity(input: string): Promise<{ issues: Issue[]; errors: unknown[] }> {
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    if (request === 'got') return () => Promise.reject(new Error('offline: Tessera runs electronegativity without network'));
    return original.call(this, request, ...rest);
  };
  const log = console.log;
  try {
    console.log = () => {};
    const require = createRequire(import.meta.url);
    const run = require('@doyensec/electronegativity/dist/runner.js') as (options: Record<string, unknown>) => Promise<{ issues: Issue[]; errors: unknown[] }>;
    return await run({
      input,
      output: null,
      isSarif: false,
      customScan: [],
      excludeFromScan: [],
      severitySet: 'informational',
      confidenceSet: 'tentative',
      isRelative: true,
      electronVersionOverride: ELECTRONEGATIVITY.electronVersion,
      parserPlugins: [],
    });
  } finally {
    console.log = log;
    loader._load = original;
  }
}

describe('Electron shell under electronegativity', () => {
  it('has no HIGH finding that is not accepted with a reason (offline, in seconds)', { timeout: 60_000 }, async () => {
    const input = tempDir('tessera-electronegativity-');
    for (const folder of ELECTRONEGATIVITY.scan) {
      for (const f of fs.readdirSync(path.join(ROOT, folder))) if (f.endsWith('.ts')) fs.copyFileSync(path.join(ROOT, folder, f), path.join(input, f));
    }
    await build({
      entryPoints: [path.join(ROOT, ELECTRONEGATIVITY.preloadEntry)],
      outfile: path.join(input, 'preload.cjs'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      logLevel: 'warning',
    });
    const started = Date.now();
    const result = await runElectronegativity(input);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(result.errors).toEqual([]);

    const accepted = (issue: Issue) =>
      ELECTRONEGATIVITY.accepted.some(
        (a) =>
          a.check === issue.id &&
          a.file === issue.file &&
          (a.sourceMustMatch === null || a.sourceMustMatch.test(fs.readFileSync(path.join(input, issue.file), 'utf8'))),
      );
    const open = result.issues.filter((i) => !accepted(i));
    const high = open.filter((i) => i.severity.name === 'HIGH' || i.severity.name === 'CRITICAL');
    expect(high.map((i) => `${i.severity.name} ${i.id} ${i.file}:${i.location.line} ${i.description}`)).toEqual([]);
    // The scan must really have looked at the shell: the accepted findings are there.
    expect(result.issues.some((i) => i.id === 'CONTEXT_ISOLATION_JS_CHECK')).toBe(true);
  });
});
