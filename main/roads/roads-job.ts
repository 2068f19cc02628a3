/**
 * Road network work in a worker thread, so that neither the Electron main process nor the HTTP
 * host blocks: importing roads, isochrones, and the rep x unit drive-time matrix (with progress
 * per rep and cancel, split over several threads). Same pattern as the importer's import-job.ts.
 */
import os from 'node:os';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { IsochroneReport } from './drive-time-service.ts';
import type { RoadImportReport } from './import-roads.ts';
import { ProjectStore } from '../store/project-store.ts';
import { startWorkerJob, type WorkerMessage } from '../services/worker-job.ts';
import type { RoadSourceOptions } from './road-source.ts';
import type { MetricsDriveTimes } from './metrics-drive-times.ts';

export type RoadsTask =
  | { kind: 'import'; projectFile: string; source: string; options: RoadSourceOptions }
  | { kind: 'isochrones'; projectFile: string; lon: number; lat: number; minutes: number[] }
  | {
      kind: 'matrix';
      projectFile: string;
      maxMinutes?: number;
      /** Worker threads sharing the reps (default: one per CPU core beyond the first, 1 to 8). */
      threads?: number;
      /** Reps [start, end) only (set by startRoadsJob for each thread). */
      repRange?: [number, number];
    }
  | {
      /** Network minutes from every rep to the metrics engine's drive targets (the renderer's live metrics). */
      kind: 'metrics-matrix';
      projectFile: string;
      threads?: number;
      repRange?: [number, number];
    };

export interface MatrixResult {
  repIds: string[];
  unitIds: string[];
  /** Minutes from rep r to unit u at [r * unitIds.length + u]; NaN where the network cannot answer. */
  minutes: Float32Array;
  farUnits: string[];
  farReps: string[];
  label: string;
}

export type RoadsResult<T extends RoadsTask> = T extends { kind: 'import' }
  ? RoadImportReport
  : T extends { kind: 'isochrones' }
    ? { collection: FeatureCollection<MultiPolygon, { minutes: number }>; report: IsochroneReport }
    : T extends { kind: 'metrics-matrix' }
      ? MetricsDriveTimes
      : MatrixResult;

export interface RoadsProgress {
  message: string;
  /** 0-100 where known. */
  percent: number | null;
}

export type RoadsWorkerMessage = WorkerMessage<RoadsProgress, unknown>;

export interface RoadsJob<T extends RoadsTask> {
  readonly result: Promise<RoadsResult<T>>;
  /** Stop a matrix between reps; `result` then rejects with a UserError saying so. */
  cancel(): void;
}

export function startRoadsJob<T extends RoadsTask>(task: T, onProgress?: (p: RoadsProgress) => void): RoadsJob<T> {
  if (task.kind === 'matrix' && !task.repRange) return startParallelMatrix(task, onProgress) as RoadsJob<T>;
  if (task.kind === 'metrics-matrix' && !task.repRange) return startParallelMetricsMatrix(task, onProgress) as RoadsJob<T>;
  return startWorker(task, onProgress);
}

/**
 * The matrix split by reps over several worker threads (each loads the graph and searches from
 * its share of the reps), merged in rep order. Progress counts reps done over all threads.
 */
function startParallelMatrix(task: Extract<RoadsTask, { kind: 'matrix' }>, onProgress?: (p: RoadsProgress) => void): RoadsJob<typeof task> {
  return splitByReps(task, onProgress, (parts, reps, per): MatrixResult => {
    const first = parts[0]!;
    const units = first.unitIds.length;
    const minutes = new Float32Array(reps * units);
    parts.forEach((p, k) => minutes.set(p.minutes, k * per * units));
    return { ...first, repIds: parts.flatMap((p) => p.repIds), minutes, farReps: parts.flatMap((p) => p.farReps) };
  });
}

/** The metrics matrix split by reps over threads like the plain matrix, merged in rep order. */
function startParallelMetricsMatrix(task: Extract<RoadsTask, { kind: 'metrics-matrix' }>, onProgress?: (p: RoadsProgress) => void): RoadsJob<typeof task> {
  return splitByReps(task, onProgress, (parts, reps, per): MetricsDriveTimes => {
    const first = parts[0]!;
    const minutes = new Float32Array(reps * first.targetCount);
    parts.forEach((p, k) => minutes.set(p.minutes, k * per * first.targetCount));
    return { ...first, repIds: parts.flatMap((p) => p.repIds), minutes, farReps: parts.flatMap((p) => p.farReps) };
  });
}

/** Runs a per-rep task on threads, each over its range of reps, and merges the parts in rep order. */
function splitByReps<T extends Extract<RoadsTask, { kind: 'matrix' | 'metrics-matrix' }>>(
  task: T,
  onProgress: ((p: RoadsProgress) => void) | undefined,
  merge: (parts: RoadsResult<T>[], reps: number, perThread: number) => RoadsResult<T>,
): RoadsJob<T> {
  const reps = countReps(task.projectFile);
  const threads = Math.max(1, Math.min(task.threads ?? Math.min(8, Math.max(1, os.availableParallelism() - 1)), reps || 1));
  const per = Math.ceil(reps / threads);
  const done = new Array<number>(threads).fill(0);
  const jobs = Array.from({ length: threads }, (_, k) =>
    startWorker({ ...task, repRange: [k * per, Math.min(reps, (k + 1) * per)] as [number, number] }, (p) => {
      done[k] = Number(/rep (\d+) of/.exec(p.message)?.[1] ?? done[k]);
      const total = done.reduce((a, b) => a + b, 0);
      onProgress?.({ message: `Drive times from rep ${total} of ${reps}`, percent: Math.round((100 * total) / Math.max(1, reps)) });
    }),
  );
  const result = Promise.all(jobs.map((j) => j.result)).then((parts) => merge(parts, reps, per));
  // a failing thread rejects the whole job: stop the others too
  result.catch(() => jobs.forEach((j) => j.cancel()));
  return { result, cancel: () => jobs.forEach((j) => j.cancel()) };
}

function countReps(projectFile: string): number {
  const store = ProjectStore.open(projectFile, { readonly: true });
  try {
    return store.count('reps');
  } finally {
    store.close();
  }
}

function startWorker<T extends RoadsTask>(task: T, onProgress?: (p: RoadsProgress) => void): RoadsJob<T> {
  return startWorkerJob<RoadsProgress, RoadsResult<T>>({
    entry: new URL('./roads-worker.mjs', import.meta.url),
    data: { task },
    what: 'road network',
    onProgress,
  });
}
