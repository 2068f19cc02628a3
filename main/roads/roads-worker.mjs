// Worker-thread entry of roads jobs. Workers do not inherit the parent's TypeScript loader: the
// TypeScript body is loaded from a cached esbuild bundle (or through tsx), see worker-bundle.mjs.
// The packaged app runs build/electron/roads-worker.mjs instead (scripts/build-electron.mjs).
import { importWorkerBody } from '../services/worker-bundle.mjs';

await importWorkerBody(new URL('./roads-worker.ts', import.meta.url));
