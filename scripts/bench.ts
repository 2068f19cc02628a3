/**
 * `npm run bench`: runs every test/bench/*.bench.ts (each default-exports an async function that
 * returns its figures) and prints one JSON object keyed by benchmark name. Pass names to run a subset.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = path.resolve(import.meta.dirname, '../test/bench');
const only = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.includes(f.replace('.bench.ts', '')))
  .sort();

const results: Record<string, unknown> = {};
for (const file of files) {
  const name = file.replace('.bench.ts', '');
  process.stderr.write(`bench: ${name}...\n`);
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default: () => Promise<unknown> };
  results[name] = await mod.default();
}
process.stdout.write(JSON.stringify(results, null, 2) + '\n');
