/**
 * Builds an AlignProblem from the metrics layer (shared/metrics), so the optimizer and the
 * metrics agree on field values (accounts summed into units, built-in fields `units`, `accounts`,
 * `potential`) and on adjacency (shared topology arcs).
 */
import { UserError } from '../errors.ts';
import type { MetricsLayer } from '../metrics/layer.ts';
import type { Rep, Territory } from '../model/project.ts';
import type { AlignField, AlignProblem } from './types.ts';

export interface PlanSource {
  territories: readonly Territory[];
  /** unit id -> territory id. */
  assignments: ReadonlyMap<string, string>;
  reps: readonly Rep[];
  /** Unit ids that must keep their territory. */
  lockedUnits?: Iterable<string>;
}

export function problemFromLayer(layer: MetricsLayer, plan: PlanSource, fields: readonly AlignField[]): AlignProblem {
  const U = layer.unitIds.length;
  const F = fields.length;
  const columns = fields.map((b) => {
    const f = layer.fieldIndex.get(b.field);
    if (f === undefined) {
      throw new UserError(`"${b.field}" is not a numeric field of the units layer. Available: ${layer.fields.join(', ')}.`);
    }
    if (!(b.weight >= 0)) throw new UserError(`The weight of "${b.field}" must be a number >= 0.`);
    return f;
  });
  const LF = layer.fields.length;
  const values = new Float64Array(U * F);
  for (let u = 0; u < U; u++) {
    for (let f = 0; f < F; f++) values[u * F + f] = Math.max(0, layer.values[u * LF + columns[f]!]!);
  }
  const territoryIndex = new Map(plan.territories.map((t, i) => [t.id, i]));
  const assignment = new Int32Array(U).fill(-1);
  for (const [unitId, territoryId] of plan.assignments) {
    const u = layer.unitIndex.get(unitId);
    const t = territoryIndex.get(territoryId);
    if (u !== undefined && t !== undefined) assignment[u] = t;
  }
  const lockedUnits = new Uint8Array(U);
  for (const id of plan.lockedUnits ?? []) {
    const u = layer.unitIndex.get(id);
    if (u === undefined) throw new UserError(`Locked unit "${id}" is not in the units layer.`);
    lockedUnits[u] = 1;
  }
  return {
    unitIds: layer.unitIds,
    adjacency: { start: layer.contiguity.start, unit: layer.contiguity.unit },
    centroid: layer.geometry.centroid,
    fields,
    values,
    territories: plan.territories,
    assignment,
    reps: plan.reps,
    lockedUnits,
  };
}
