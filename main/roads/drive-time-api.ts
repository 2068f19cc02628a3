/**
 * The drive-time calls the app makes (behind the API contract): the network minutes for the
 * renderer's live metrics, isochrone bands for the map, and the quickest-rep scenario. Searches
 * run in worker threads (roads-job.ts) so the main process stays responsive. The metrics matrix
 * is cached per project file, road graph build and rep homes: reloading the map after an edit
 * costs nothing, while moved reps or re-imported roads recompute it.
 */
import { UserError } from '../../shared/errors.ts';
import type { DriveAreas, DriveTimes, QuickestScenarioReport } from '../../shared/model/drive-time.ts';
import type { ProjectStore } from '../store/project-store.ts';
import { projectNetwork } from './drive-time-service.ts';
import type { MetricsDriveTimes } from './metrics-drive-times.ts';
import { saveQuickestRepScenario } from './quickest-scenario.ts';
import { startRoadsJob } from './roads-job.ts';

export class DriveTimeApi {
  private cache: { key: string; value: Promise<MetricsDriveTimes> } | null = null;

  constructor(private readonly store: () => ProjectStore) {}

  /** Network minutes for the live metrics, or why there are none (the estimate is used). */
  async driveTimes(): Promise<DriveTimes> {
    const store = this.store();
    const network = projectNetwork(store);
    if (!network) {
      return { source: 'estimate', reason: `Project "${store.name}" has no road network; drive times are the straight-line estimate. Import roads to use network times.` };
    }
    if (store.reps().length === 0) return { source: 'estimate', reason: 'The project has no reps, so there are no drive times to compute.' };
    const key = cacheKey(store, network.meta.builtAt);
    const start = performance.now();
    const cached = this.cache?.key === key;
    if (!cached) {
      const value = startRoadsJob({ kind: 'metrics-matrix', projectFile: store.file }).result;
      this.cache = { key, value };
      // a failure must not stay cached: the next load tries again
      value.catch(() => {
        if (this.cache?.value === value) this.cache = null;
      });
    }
    const m = await this.cache!.value;
    return {
      source: 'network',
      repIds: m.repIds,
      targetKind: m.targetKind,
      targetCount: m.targetCount,
      minutesBase64: Buffer.from(m.minutes.buffer, m.minutes.byteOffset, m.minutes.byteLength).toString('base64'),
      networkLabel: m.networkLabel,
      fallbackTargets: countFallbackTargets(m),
      farReps: m.farReps,
      computeMs: cached ? 0 : Math.round(performance.now() - start),
    };
  }

  /** Isochrone bands from a point, computed in a worker. */
  async driveAreas(lon: number, lat: number, minutes: number[]): Promise<DriveAreas> {
    const store = this.store();
    if (!projectNetwork(store)) {
      throw new UserError('Drive-time areas need a road network, and this project has none yet. Import roads first (File > Import, "as roads", or tessera import <project> <roads file> --as roads).');
    }
    const { collection, report } = await startRoadsJob({ kind: 'isochrones', projectFile: store.file, lon, lat, minutes }).result;
    return {
      from: [lon, lat],
      collection,
      bands: report.bands.map((b) => ({ minutes: b.minutes, areaKm2: b.areaKm2 })),
      snapDistanceM: report.snapDistanceM,
      notes: report.notes,
    };
  }

  /** The quickest-rep plan as a new active scenario. */
  assignQuickest(name: string | undefined, limitMinutes: number | undefined): Promise<QuickestScenarioReport> {
    return saveQuickestRepScenario(this.store().file, { name, limitMinutes });
  }
}

/** Same file, same graph build, same rep homes, same targets count: same matrix. */
function cacheKey(store: ProjectStore, builtAt: string): string {
  const reps = store.reps().map((r) => `${r.id}@${r.location[0]},${r.location[1]}`);
  return [store.file, builtAt, store.count('accounts'), store.count('units'), ...reps].join('|');
}

function countFallbackTargets(m: MetricsDriveTimes): number {
  const far = new Set(m.farReps);
  const rows = m.repIds.map((id, r) => (far.has(id) ? -1 : r)).filter((r) => r >= 0);
  let n = 0;
  for (let t = 0; t < m.targetCount; t++) {
    for (const r of rows) {
      if (Number.isNaN(m.minutes[r * m.targetCount + t]!)) {
        n++;
        break;
      }
    }
  }
  return n;
}
