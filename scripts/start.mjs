// `npm start`: open Tessera on the given project, or the built-in demo. Uses the Electron window
// when the Electron runtime is installed; otherwise says so in one line and serves the same app
// over the HTTP host for a browser.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { register } from 'tsx/esm/api';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

register();
const { ensureRendererBuilt } = await import('../main/host/renderer-build.ts');
await ensureRendererBuilt((line) => console.error(line));

const electron = electronBinary();
if (electron) {
  await import('./build-electron.mjs');
  const child = spawn(electron, ['.', ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.error('The Electron runtime is not installed here; serving Tessera for your browser instead:');
  const { main } = await import('../main/cli/main.ts');
  process.exitCode = await main(['serve', ...args]);
}
