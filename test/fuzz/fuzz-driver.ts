/**
 * Child process of the import fuzzer: reads one case per stdin line as JSON
 * `{id, project, source, as}`, runs the real import pipeline (runImport, as the import worker does)
 * and answers one stdout line per case: `result {"id", "kind": "ok"|"user"|"internal", "message"}`.
 * The parent runs it under --max-old-space-size, times each case out (hang) and restarts it when
 * it dies (crash, out of memory). An exception escaping the pipeline asynchronously is reported
 * as internal, then the process exits.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { runImport } from '../../main/import/run-import.ts';
import { isUserError } from '../../shared/errors.ts';

interface FuzzCase {
  id: number;
  project: string;
  source: string;
  as: 'units' | 'accounts';
}

let current: FuzzCase | null = null;
const answer = (kind: 'ok' | 'user' | 'internal', message: string) =>
  fs.writeSync(1, `result ${JSON.stringify({ id: current?.id ?? -1, kind, message })}\n`);

process.on('uncaughtException', (error) => {
  answer('internal', `uncaught: ${error.stack ?? String(error)}`);
  process.exit(70);
});
process.on('unhandledRejection', (error) => {
  answer('internal', `unhandled rejection: ${(error as Error)?.stack ?? String(error)}`);
  process.exit(70);
});

const lines = readline.createInterface({ input: process.stdin });
fs.writeSync(1, 'ready\n');
for await (const line of lines) {
  if (!line.trim()) continue;
  current = JSON.parse(line) as FuzzCase;
  try {
    const report = await runImport(current.project, current.source, { as: current.as, replace: false });
    answer('ok', `${report.written} ${report.as} written, ${report.skipped.length} skipped`);
  } catch (error) {
    if (isUserError(error)) answer('user', (error as Error).message);
    else answer('internal', (error as Error)?.stack ?? String(error));
  }
  current = null;
}
