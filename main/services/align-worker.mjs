// Worker-thread entry of align jobs. Workers do not inherit the parent's TypeScript loader: the
// TypeScript body is loaded from a cached esbuild bundle (or through tsx), see worker-bundle.mjs.
// The packaged app runs build/electron/align-worker.mjs instead (scripts/build-electron.mjs).
import { importWorkerBody } from './worker-bundle.mjs';

await importWorkerBody(new URL('./align-worker.ts', import.meta.url));
