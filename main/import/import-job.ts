/**
 * Running an import in a worker thread, so that neither the Electron main process nor the HTTP
 * host blocks. The caller gets progress events, a cancel() and the report. Cancel is a shared
 * flag that the pipeline checks between features, also inside the write transaction, which then
 * rolls back: the project is left exactly as it was.
 */
import { Worker } from 'node:worker_threads';
import { UserError } from '../../shared/errors.ts';
import { ImportCancelled, type ImportOptions, type ImportProgress, type ImportReport } from './types.ts';

export interface ImportJobRequest {
  projectFile: string;
  source: string;
  options: ImportOptions;
  cancelBuffer: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; report: ImportReport }
  | { type: 'error'; error: { name: string; message: string; stack?: string } };

export interface ImportJob {
  /** Resolves with the report; rejects with UserError, ImportCancelled or an internal error. */
  readonly result: Promise<ImportReport>;
  /** Ask the import to stop; `result` then rejects with ImportCancelled (unless it already finished). */
  cancel(): void;
}

export function startImport(
  projectFile: string,
  source: string,
  options: ImportOptions = {},
  onProgress?: (progress: ImportProgress) => void,
): ImportJob {
  const cancelBuffer = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancelBuffer);
  const request: ImportJobRequest = { projectFile, source, options, cancelBuffer };
  const worker = new Worker(new URL('./import-worker.mjs', import.meta.url), { workerData: request });
  const result = new Promise<ImportReport>((resolve, reject) => {
    let settled = false;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress?.(message.progress);
      else if (message.type === 'done') {
        settled = true;
        resolve(message.report);
      } else {
        settled = true;
        reject(reviveError(message.error));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`The import worker stopped unexpectedly (exit code ${code}).`));
    });
  });
  return {
    result,
    cancel() {
      Atomics.store(flag, 0, 1);
    },
  };
}

function reviveError(e: { name: string; message: string; stack?: string }): Error {
  if (e.name === 'UserError') return new UserError(e.message);
  if (e.name === 'ImportCancelled') return new ImportCancelled();
  const error = new Error(e.message);
  if (e.stack) error.stack = e.stack;
  return error;
}
