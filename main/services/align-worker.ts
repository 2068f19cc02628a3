/** Worker-thread body of an alignment run (started by align-service.ts through align-worker.mjs). */
import { parentPort, workerData } from 'node:worker_threads';
import { runAlign } from './align-run.ts';
import type { AlignRequest, AlignWorkerMessage } from './align-types.ts';
import { serializeError } from './worker-job.ts';

const { request, cancelBuffer } = workerData as { request: AlignRequest; cancelBuffer: SharedArrayBuffer };
const flag = new Int32Array(cancelBuffer);
const post = (message: AlignWorkerMessage): void => parentPort!.postMessage(message);

let lastProgress = 0;
try {
  const outcome = runAlign(
    request,
    (progress) => {
      // At most ~20 messages a second; the final one always goes out.
      const now = performance.now();
      if (progress.phase !== 'done' && now - lastProgress < 50) return;
      lastProgress = now;
      post({ type: 'progress', progress });
    },
    () => Atomics.load(flag, 0) === 1,
  );
  post({ type: 'done', value: outcome });
} catch (error) {
  post({ type: 'error', error: serializeError(error) });
}
