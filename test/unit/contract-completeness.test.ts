/** "A contract entry without a handler fails to compile" — proven with the TypeScript compiler. */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../../shared/api/call-names.ts';
import { contract } from '../../shared/api/contract.ts';
import { tempDir } from '../helpers/temp.ts';

const repo = path.resolve(import.meta.dirname, '../..');

function diagnosticsFor(source: string): string[] {
  const file = path.join(tempDir(), 'probe.ts');
  fs.writeFileSync(file, source);
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2023,
    types: [],
  });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('API contract completeness', () => {
  it('lists the same calls in call-names.ts and contract.ts', () => {
    expect(Object.keys(contract).sort()).toEqual([...CALL_NAMES].sort());
  });

  it('rejects a handler table that misses a call, and accepts a complete one', () => {
    const contractPath = path.join(repo, 'shared/api/contract.ts');
    const stub = (names: readonly string[]) =>
      `import type { ApiHandlers } from ${JSON.stringify(contractPath)};\n` +
      `export const handlers: ApiHandlers = {\n${names.map((n) => `  ${n}: () => { throw new Error('probe'); },`).join('\n')}\n};\n`;
    expect(diagnosticsFor(stub(CALL_NAMES))).toEqual([]);
    const missing = diagnosticsFor(stub(CALL_NAMES.filter((n) => n !== 'undo')));
    expect(missing.join('\n')).toMatch(/Property 'undo' is missing/);
  }, 60_000);
});
