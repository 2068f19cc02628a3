/** The metrics engine's public surface; see shared/README.md for how to add a metric. */
export { MetricsEngine, type PlanInput } from './engine.ts';
export { prepareLayer, type MetricsLayer } from './layer.ts';
export { balanceStats, deviationPct, type BalanceStats } from './balance.ts';
export {
  AREA_TYPES,
  DEFAULT_DRIVE_TIME_SETTINGS,
  circuityEstimate,
  type AreaType,
  type DriveTargets,
  type DriveTimeProvider,
  type DriveTimeProviderFactory,
  type DriveTimeSettings,
} from './drive-time.ts';
export * from './types.ts';

import { MetricsEngine, type PlanInput } from './engine.ts';
import { prepareLayer } from './layer.ts';
import type { MapData } from '../model/project.ts';
import type { MetricsInput, MetricsOptions } from './types.ts';

/** Layer + engine in one call, for callers that load a plan once. */
export function createMetricsEngine(input: MetricsInput, options: MetricsOptions = {}): MetricsEngine {
  const plan: PlanInput = { territories: input.territories, assignments: input.assignments };
  return new MetricsEngine(prepareLayer(input, options), plan, options);
}

/** The metrics input of the plan the renderer holds (MapData from the API). */
export function metricsInputFromMapData(map: MapData): MetricsInput {
  return {
    units: map.units,
    topology: map.unitTopology,
    accounts: map.accounts,
    reps: map.reps,
    territories: map.territories,
    assignments: new Map(Object.entries(map.assignments)),
  };
}
