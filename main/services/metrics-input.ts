/**
 * Loads what the metrics engine needs from a project file (units, numeric fields, topology,
 * accounts, reps, territories and the assignments of a scenario) through ProjectStore, and the
 * default options the project implies. Runs in plain Node (CLI, HTTP host, workers).
 */
import type { MetricsInput, MetricsOptions } from '../../shared/metrics/types.ts';
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

/** Numeric unit fields that hold people, in the order they are preferred for urban/rural density. */
const POPULATION_FIELD = /^(population|pop(ulation)?_?\d{0,4}|residents)$/i;

/**
 * Options a project implies: its population field (if any) classifies units as urban, suburban or
 * rural for drive speeds and weights unit drive targets when there are no accounts.
 */
export function defaultMetricsOptions(fields: readonly FieldInfo[]): MetricsOptions {
  const population = fields.find((f) => f.kind === 'number' && POPULATION_FIELD.test(f.name));
  return population ? { densityField: population.name, unitWeightField: population.name } : {};
}
