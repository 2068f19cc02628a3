/**
 * Long work in a worker thread, done one way for import, alignment and road networks: progress
 * messages, a cancel flag in shared memory that the worker polls (`workerData.cancelBuffer`, an
 * Int32 set to 1), and exactly one result or one error. Worker entries are .mjs files that load
 * the TypeScript body (worker-bundle.mjs: a cached esbuild bundle, else tsx), because the CLI
 * runs the sources directly; the packaged app starts the bodies bundled beside its main.mjs.
 */
import { Worker } from 'node:worker_threads';
import { UserError } from '../../shared/errors.ts';

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}

/** What a worker posts to its parent. */
export type WorkerMessage<P, T> =
  | { type: 'progress'; progress: P }
  | { type: 'done'; value: T }
  | { type: 'error'; error: SerializedError };

export interface WorkerJob<T> {
  /** Resolves with the worker's value; rejects with its error (revived) or if it dies. */
  readonly result: Promise<T>;
  /** Ask the worker to stop; `result` then rejects with the worker's cancellation error. */
  cancel(): void;
}

export interface WorkerJobOptions<P> {
  /** The worker's .mjs entry. */
  entry: URL;
  /** Passed as workerData, together with `cancelBuffer`. */
  data: object;
  /** Names the job in the message when the worker dies, e.g. "import". */
  what: string;
  onProgress?: (progress: P) => void;
  /** Error classes the worker may throw besides UserError, revived by name. */
  errors?: Record<string, () => Error>;
}

export function startWorkerJob<P, T>({ entry, data, what, onProgress, errors = {} }: WorkerJobOptions<P>): WorkerJob<T> {
  const cancelBuffer = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancelBuffer);
  const worker = new Worker(entry, { workerData: { ...data, cancelBuffer } });
  const result = new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      settled = true;
      outcome();
    };
    worker.on('message', (message: WorkerMessage<P, T>) => {
      if (message.type === 'progress') onProgress?.(message.progress);
      else if (message.type === 'done') settle(() => resolve(message.value));
      else settle(() => reject(reviveError(message.error, errors)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`The ${what} worker stopped unexpectedly (exit code ${code}).`));
    });
  });
  return { result, cancel: () => Atomics.store(flag, 0, 1) };
}

/** An error as it crosses from the worker: name, message and stack only. */
export function serializeError(error: unknown): SerializedError {
  const e = error as Partial<Error> | null;
  return { name: e?.name ?? 'Error', message: e?.message ?? String(error), stack: e?.stack };
}

function reviveError(e: SerializedError, errors: Record<string, () => Error>): Error {
  if (e.name === 'UserError') return new UserError(e.message);
  const known = errors[e.name];
  if (known) return known();
  const error = new Error(e.message);
  if (e.stack) error.stack = e.stack;
  return error;
}
