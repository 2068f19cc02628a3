/**
 * Metrics options a project implies, shared by the CLI (`tessera metrics`) and the renderer's
 * panel so both compute the same figures: its population field (if any) classifies units as
 * urban, suburban or rural for drive speeds and weights unit drive targets without accounts.
 */
import type { MetricsOptions } from '../metrics/types.ts';
import type { FieldInfo } from '../model/project.ts';

/** Numeric unit fields that hold people, in the order they are preferred for urban/rural density. */
const POPULATION_FIELD = /^(population|pop(ulation)?_?\d{0,4}|residents)$/i;

export function defaultMetricsOptions(fields: readonly FieldInfo[]): MetricsOptions {
  const population = fields.find((f) => f.kind === 'number' && POPULATION_FIELD.test(f.name));
  return population ? { densityField: population.name, unitWeightField: population.name } : {};
}
