/**
 * Loads what the metrics engine needs from a project file (units, numeric fields, topology,
 * accounts, reps, territories and the assignments of a scenario) through ProjectStore, and the
 * default options the project implies. Runs in plain Node (CLI, HTTP host, workers).
 */
import type { MetricsInput } from '../../shared/metrics/types.ts';
import { circuityEstimate, driveSettings, type DriveTimeProviderFactory, type DriveTimeSettings } from '../../shared/metrics/drive-time.ts';
import { networkTravelTimes, withFallback } from '../../shared/routing/matrix.ts';
import { projectNetwork } from '../roads/drive-time-service.ts';
import type { FieldInfo, Scenario } from '../../shared/model/project.ts';
import type { ProjectStore } from '../store/project-store.ts';

export interface LoadedMetricsInput extends MetricsInput {
  scenario: Scenario;
  fields: FieldInfo[];
}

/** The metrics input of a scenario (default: the active one). */
export function loadMetricsInput(store: ProjectStore, scenarioId?: string): LoadedMetricsInput {
  const scenario = scenarioId === undefined ? store.activeScenario() : store.requireScenario(scenarioId);
  return {
    scenario,
    fields: store.fields('units'),
    units: store.units(),
    topology: store.topology('units'),
    accounts: store.accounts(),
    reps: store.reps(),
    territories: store.territories(scenario.id),
    assignments: store.assignments(scenario.id),
  };
}

/**
 * The drive-time source for a project: network times where its road network answers, the
 * straight-line estimate elsewhere (far from roads, unreachable islands of network); undefined
 * (the engine's estimate) when the project has no road network. The label says which is used.
 */
export function driveProviderFor(store: ProjectStore, drive?: Partial<DriveTimeSettings>): DriveTimeProviderFactory | undefined {
  const network = projectNetwork(store);
  return network ? withFallback(networkTravelTimes(network.net), circuityEstimate(driveSettings(drive))) : undefined;
}

/** Shared with the renderer's panel, so the CLI and the panel compute with the same options. */
export { defaultMetricsOptions } from '../../shared/plan/metrics-defaults.ts';
