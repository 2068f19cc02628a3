/** Runs inside the road network worker thread: one task, progress and the outcome posted back. */
import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../../shared/errors.ts';
import { ProjectStore } from '../store/project-store.ts';
import { projectIsochrones, repUnitTravelTimes } from './drive-time-service.ts';
import { importRoads } from './import-roads.ts';
import { metricsDriveTimes } from './metrics-drive-times.ts';
import type { MatrixResult, RoadsTask, RoadsWorkerMessage } from './roads-job.ts';
import { serializeError } from '../services/worker-job.ts';

const { task, cancelBuffer } = workerData as { task: RoadsTask; cancelBuffer: SharedArrayBuffer };
const flag = new Int32Array(cancelBuffer);
const post = (message: RoadsWorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);

async function run(): Promise<void> {
  if (task.kind === 'import') {
    const report = await importRoads(task.projectFile, task.source, task.options, (_stage, message) => post({ type: 'progress', progress: { message, percent: null } }));
    post({ type: 'done', value: report });
    return;
  }
  const store = ProjectStore.open(task.projectFile, { readonly: true });
  try {
    if (task.kind === 'isochrones') {
      const { result, report } = projectIsochrones(store, task.lon, task.lat, task.minutes);
      post({ type: 'done', value: { collection: result.collection, report } });
      return;
    }
    if (task.kind === 'metrics-matrix') {
      const m = metricsDriveTimes(store, task.repRange, (done, total) => {
        if (Atomics.load(flag, 0) === 1) throw new UserError('The drive-time calculation was cancelled.');
        post({ type: 'progress', progress: { message: `Drive times from rep ${done} of ${total}`, percent: Math.round((100 * done) / Math.max(1, total)) } });
      });
      post({ type: 'done', value: m }, [m.minutes.buffer as ArrayBuffer]);
      return;
    }
    const t = repUnitTravelTimes(store, {
      maxMinutes: task.maxMinutes,
      repRange: task.repRange,
      onProgress: (done, total) => {
        if (Atomics.load(flag, 0) === 1) throw new UserError('The drive-time calculation was cancelled.');
        post({ type: 'progress', progress: { message: `Drive times from rep ${done} of ${total}`, percent: Math.round((100 * done) / Math.max(1, total)) } });
      },
    });
    const result: MatrixResult = {
      repIds: t.repIds,
      unitIds: t.unitIds,
      minutes: t.matrix.minutes,
      farUnits: t.matrix.farTargets.map((i) => t.unitIds[i]!),
      farReps: t.matrix.farOrigins.map((i) => t.repIds[i]!),
      label: t.provider.label,
    };
    post({ type: 'done', value: result }, [result.minutes.buffer as ArrayBuffer]);
  } finally {
    store.close();
  }
}

try {
  await run();
} catch (error) {
  post({ type: 'error', error: serializeError(error) });
}
