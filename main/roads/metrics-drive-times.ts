/**
 * The network drive minutes the metrics engine needs, computed once per project load so the
 * renderer's live metrics only look minutes up: rep homes (origins, in rep table order) to the
 * engine's own drive targets (accounts, or each unit's weighted point when there are none),
 * exactly the targets `prepareLayer` builds for `tessera metrics`. Runs in a worker
 * (roads-worker.ts), split by reps over threads like the plain matrix.
 */
import { prepareLayer, type DriveTargets } from '../../shared/metrics/index.ts';
import type { MetricsInput } from '../../shared/metrics/types.ts';
import { networkTravelTimes, type TravelTimeMatrix } from '../../shared/routing/matrix.ts';
import { defaultMetricsOptions } from '../../shared/plan/metrics-defaults.ts';
import type { ProjectStore } from '../store/project-store.ts';
import { requireNetwork } from './drive-time-service.ts';

export interface MetricsDriveTimes {
  repIds: string[];
  /** What the targets are: the project's accounts, or one point per unit. */
  targetKind: 'accounts' | 'units';
  targetCount: number;
  /** Minutes from rep r to target t at [r * targetCount + t]; NaN where the network cannot answer. */
  minutes: Float32Array;
  /** The network provider's label (the same words `tessera metrics` shows). */
  networkLabel: string;
  /** Targets farther than the snap distance from every road. */
  farTargets: number;
  farReps: string[];
}

/** Network minutes from reps [repRange) (all when omitted) to the metrics engine's drive targets. */
export function metricsDriveTimes(store: ProjectStore, repRange?: [number, number], onProgress?: (done: number, total: number) => void): MetricsDriveTimes {
  const { net } = requireNetwork(store);
  // the drive targets depend on units, accounts and reps only, not on any scenario's plan
  const input: MetricsInput = { units: store.units(), topology: store.topology('units'), accounts: store.accounts(), reps: store.reps(), territories: [], assignments: new Map() };
  const options = defaultMetricsOptions(store.fields('units'));
  let captured: { targets: DriveTargets; label: string; matrix: TravelTimeMatrix } | null = null;
  const reps = repRange ? input.reps.slice(repRange[0], repRange[1]) : input.reps;
  // prepareLayer builds the targets; the provider it is given sees them, and searches only from this thread's reps
  prepareLayer(
    { ...input, reps },
    {
      ...options,
      driveProvider: (origins, targets) => {
        const provider = networkTravelTimes(net, { onProgress })(origins, targets);
        captured = { targets, label: provider.label, matrix: provider.matrix };
        return provider;
      },
    },
  );
  const got = captured as { targets: DriveTargets; label: string; matrix: TravelTimeMatrix } | null;
  if (!got) throw new Error('prepareLayer did not ask for a drive-time provider');
  return {
    repIds: reps.map((r) => r.id),
    targetKind: input.accounts.length > 0 ? 'accounts' : 'units',
    targetCount: got.targets.count,
    minutes: got.matrix.minutes,
    networkLabel: got.label,
    farTargets: got.matrix.farTargets.length,
    farReps: got.matrix.farOrigins.map((i) => reps[i]!.id),
  };
}

