// Worker-thread entry of an import. Workers do not inherit the parent's TypeScript loader: the
// TypeScript pipeline is loaded from a cached esbuild bundle (or through tsx), see worker-bundle.mjs.
// The packaged app runs build/electron/import-worker.mjs instead (scripts/build-electron.mjs).
import { importWorkerBody } from '../services/worker-bundle.mjs';

await importWorkerBody(new URL('./import-worker.ts', import.meta.url));
