/**
 * One alignment run in plain Node (what the worker executes, also callable directly in tests):
 * load the project read-only, build the problem through the metrics layer, optimize, and measure
 * the result with the metrics engine.
 */
import { align } from '../../shared/align/align.ts';
import { problemFromLayer } from '../../shared/align/problem.ts';
import type { AlignProgress } from '../../shared/align/types.ts';
import { MetricsEngine, prepareLayer, type MetricsLayer } from '../../shared/metrics/index.ts';
import type { TerritoryMetrics } from '../../shared/metrics/types.ts';
import { UserError } from '../../shared/errors.ts';
import { ProjectStore } from '../store/project-store.ts';
import { defaultMetricsOptions, loadMetricsInput } from './metrics-input.ts';
import type { AlignOutcome, AlignQuality, AlignRequest } from './align-types.ts';

export function runAlign(request: AlignRequest, onProgress?: (p: AlignProgress) => void, isCancelled?: () => boolean): AlignOutcome {
  const store = ProjectStore.open(request.projectFile, { readonly: true });
  let input;
  try {
    input = loadMetricsInput(store, request.scenarioId);
  } finally {
    store.close();
  }
  if (!input.topology) throw new UserError(`Project "${request.projectFile}" has no unit topology: import units first.`);
  const options = { ...defaultMetricsOptions(input.fields), balance: request.balance };
  const layer = prepareLayer(input, options);
  const lockIds = new Set(request.lockTerritories ?? []);
  for (const id of lockIds) {
    if (!input.territories.some((t) => t.id === id)) throw new UserError(`Territory "${id}" to lock is not in the plan.`);
  }
  const territories = input.territories.map((t) =>
    lockIds.has(t.id) ? { ...t, locked: true } : request.ignoreStoredLocks && t.locked ? { ...t, locked: false } : t,
  );
  const problem = problemFromLayer(
    layer,
    { territories, assignments: input.assignments, reps: input.reps, lockedUnits: request.lockUnits },
    request.balance,
  );
  const started = performance.now();
  const result = align(problem, {
    mode: request.mode,
    territories: request.territories,
    useReps: request.useReps,
    tolerance: request.tolerance,
    seed: request.seed,
    compactness: request.compactness,
    maxSweeps: request.maxSweeps,
    timeLimitMs: request.timeLimitMs,
    maxMovedUnits: request.maxMovedUnits,
    onProgress,
    isCancelled,
  });
  const seconds = (performance.now() - started) / 1000;
  const assignments: [string, string][] = [];
  result.assignment.forEach((t, u) => {
    if (t >= 0) assignments.push([problem.unitIds[u]!, result.territories[t]!.id]);
  });
  return {
    territories: result.territories,
    assignments,
    moved: result.moved,
    stats: result.stats,
    quality: quality(layer, result.territories, new Map(assignments), options),
    seconds,
  };
}

function quality(
  layer: MetricsLayer,
  territories: AlignOutcome['territories'],
  assignments: Map<string, string>,
  options: ConstructorParameters<typeof MetricsEngine>[2],
): AlignQuality {
  const engine = new MetricsEngine(layer, { territories, assignments }, options);
  const metrics = engine.territories();
  const summary = (pick: (t: TerritoryMetrics) => number | null) => {
    const values = metrics.map(pick).filter((v): v is number => v !== null);
    return values.length
      ? { mean: values.reduce((a, b) => a + b, 0) / values.length, min: Math.min(...values) }
      : { mean: null, min: null };
  };
  const withRep = metrics.filter((t) => t.repId !== null && t.driveMin.mean !== null);
  const drive = (pick: (t: TerritoryMetrics) => number | null) => withRep.map(pick).filter((v): v is number => v !== null);
  const means = drive((t) => t.driveMin.mean);
  const p90 = drive((t) => t.driveMin.p90);
  const max = drive((t) => t.driveMin.max);
  return {
    polsbyPopper: summary((t) => t.polsbyPopper),
    reock: summary((t) => t.reock),
    convexHullRatio: summary((t) => t.convexHullRatio),
    driveMin: {
      meanOfMeans: means.length ? means.reduce((a, b) => a + b, 0) / means.length : null,
      worstP90: p90.length ? Math.max(...p90) : null,
      worstMax: max.length ? Math.max(...max) : null,
      provider: layer.drive.label,
    },
  };
}
