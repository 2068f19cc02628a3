/**
 * Running an import in a worker thread, so that neither the Electron main process nor the HTTP
 * host blocks. The caller gets progress events, a cancel() and the report. Cancel is a shared
 * flag that the pipeline checks between features, also inside the write transaction, which then
 * rolls back: the project is left exactly as it was.
 */
import { startWorkerJob, type WorkerJob, type WorkerMessage as JobMessage } from '../services/worker-job.ts';
import { ImportCancelled, type ImportOptions, type ImportProgress, type ImportReport } from './types.ts';

export interface ImportJobRequest {
  projectFile: string;
  source: string;
  options: ImportOptions;
  cancelBuffer: SharedArrayBuffer;
}

export type WorkerMessage = JobMessage<ImportProgress, ImportReport>;

/** `result` rejects with UserError, ImportCancelled or an internal error. */
export type ImportJob = WorkerJob<ImportReport>;

export function startImport(
  projectFile: string,
  source: string,
  options: ImportOptions = {},
  onProgress?: (progress: ImportProgress) => void,
): ImportJob {
  const data: Omit<ImportJobRequest, 'cancelBuffer'> = { projectFile, source, options };
  return startWorkerJob<ImportProgress, ImportReport>({
    entry: new URL('./import-worker.mjs', import.meta.url),
    data,
    what: 'import',
    onProgress,
    errors: { ImportCancelled: () => new ImportCancelled() },
  });
}
