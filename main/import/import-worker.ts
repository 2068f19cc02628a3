/** Runs inside the import worker thread: one import, progress and the outcome posted back. */
import { parentPort, workerData } from 'node:worker_threads';
import { runImport } from './run-import.ts';
import type { ImportJobRequest, WorkerMessage } from './import-job.ts';
import { serializeError } from '../services/worker-job.ts';

const request = workerData as ImportJobRequest;
const flag = new Int32Array(request.cancelBuffer);
const post = (message: WorkerMessage) => parentPort!.postMessage(message);

try {
  const report = await runImport(request.projectFile, request.source, request.options, {
    cancel: {
      get cancelled() {
        return Atomics.load(flag, 0) === 1;
      },
    },
    onProgress: (progress) => post({ type: 'progress', progress }),
  });
  post({ type: 'done', value: report });
} catch (error) {
  post({ type: 'error', error: serializeError(error) });
}
