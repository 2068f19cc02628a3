/**
 * The Optimize dialog's form as plain data: defaults from the loaded plan, weights that always sum
 * to 100 %, and the request for `alignPlan` (or the plain-language reason the form cannot run yet).
 * No React here, so the rules are easy to read and to test.
 */
import type { RequestOf } from '../../../shared/api/contract.ts';
import type { MapData } from '../../../shared/model/project.ts';
import { BUILTIN_LABELS } from '../panel/metrics-format.ts';

export interface WeightedField {
  field: string;
  /** Percent, 0..100; the rows of a form sum to 100. */
  weight: number;
}

export interface OptimizeForm {
  mode: 'generate' | 'rebalance';
  /** Generate: a number of territories, or one per rep. */
  count: 'number' | 'reps';
  territories: number;
  fields: WeightedField[];
  tolerancePct: number;
  seed: number;
  limitMoves: boolean;
  maxMovedPct: number;
  respectLocks: boolean;
}

export interface FieldChoice {
  field: string;
  label: string;
}

/** Fields the optimizer can balance: the built-in ones, then the units' numeric attributes. */
export function fieldChoices(data: Pick<MapData, 'fields'>): FieldChoice[] {
  const builtins = ['potential', 'accounts', 'units'].map((field) => ({ field, label: BUILTIN_LABELS[field] ?? field }));
  const numeric = data.fields.filter((f) => f.kind === 'number' && !(f.name in BUILTIN_LABELS)).map((f) => ({ field: f.name, label: f.label }));
  return [...builtins, ...numeric];
}

export function defaultForm(data: Pick<MapData, 'territories' | 'fields'>): OptimizeForm {
  const first = fieldChoices(data)[0]!.field;
  return {
    mode: 'generate',
    count: 'number',
    territories: Math.max(1, data.territories.length || 12),
    fields: [{ field: first, weight: 100 }],
    tolerancePct: 2,
    seed: 1,
    limitMoves: true,
    maxMovedPct: 10,
    respectLocks: true,
  };
}

/**
 * Set row i's weight to `value` (0..100) and scale the other rows so the total stays 100. When
 * the others are all 0 they share the remainder equally.
 */
export function setWeight(fields: readonly WeightedField[], i: number, value: number): WeightedField[] {
  if (fields.length === 1) return [{ ...fields[0]!, weight: 100 }];
  const v = Math.min(100, Math.max(0, Math.round(value)));
  const others = fields.reduce((sum, f, j) => (j === i ? sum : sum + f.weight), 0);
  const rest = 100 - v;
  const scaled = fields.map((f, j) => (j === i ? v : others > 0 ? (f.weight / others) * rest : rest / (fields.length - 1)));
  return roundTo100(fields, scaled, i);
}

/** Drop row i and give its weight to the others in proportion. */
export function removeField(fields: readonly WeightedField[], i: number): WeightedField[] {
  const rest = fields.filter((_, j) => j !== i);
  if (rest.length === 0) return fields.slice();
  const total = rest.reduce((sum, f) => sum + f.weight, 0);
  const scaled = rest.map((f) => (total > 0 ? (f.weight / total) * 100 : 100 / rest.length));
  return roundTo100(rest, scaled, -1);
}

/** Add a field with weight 0 (the user then drags it up). */
export function addField(fields: readonly WeightedField[], field: string): WeightedField[] {
  return [...fields, { field, weight: 0 }];
}

/** Whole percents summing to exactly 100; the rounding remainder goes to the largest row other than `keep`. */
function roundTo100(fields: readonly WeightedField[], scaled: number[], keep: number): WeightedField[] {
  const rounded = scaled.map((w) => Math.round(w));
  const diff = 100 - rounded.reduce((a, b) => a + b, 0);
  if (diff !== 0) {
    let j = -1;
    rounded.forEach((w, k) => {
      if (k !== keep && (j < 0 || w > rounded[j]!)) j = k;
    });
    if (j < 0) j = keep;
    rounded[j] = Math.max(0, rounded[j]! + diff);
  }
  return fields.map((f, k) => ({ ...f, weight: rounded[k]! }));
}

export type OptimizeRequest = RequestOf<'alignPlan'>;

/** The request for `alignPlan`, or why the form cannot run yet (shown next to the Run button). */
export function requestOf(form: OptimizeForm, context: { units: number; reps: number }): { request: OptimizeRequest } | { problem: string } {
  if (form.fields.length === 0) return { problem: 'Choose at least one field to balance.' };
  const total = form.fields.reduce((sum, f) => sum + f.weight, 0);
  if (total !== 100) return { problem: `The weights add up to ${total}%, not 100%.` };
  if (!(form.tolerancePct > 0 && form.tolerancePct < 100)) return { problem: 'The tolerance must be more than 0% and less than 100%.' };
  if (!Number.isInteger(form.seed) || form.seed < 0) return { problem: 'The seed must be a whole number, 0 or more.' };
  const generate = form.mode === 'generate';
  if (generate && form.count === 'number') {
    if (!Number.isInteger(form.territories) || form.territories < 1) return { problem: 'The number of territories must be a whole number, at least 1.' };
    if (form.territories > context.units) return { problem: `The project has ${context.units.toLocaleString('en-US')} units: too few for ${form.territories} territories.` };
  }
  if (generate && form.count === 'reps' && context.reps === 0) return { problem: 'The project has no reps to build territories around.' };
  if (!generate && form.limitMoves && !(form.maxMovedPct > 0 && form.maxMovedPct <= 100)) {
    return { problem: 'The disruption limit must be more than 0% and at most 100%.' };
  }
  return {
    request: {
      mode: form.mode,
      ...(generate && form.count === 'number' ? { territories: form.territories } : {}),
      ...(generate && form.count === 'reps' ? { useReps: true } : {}),
      balance: form.fields.filter((f) => f.weight > 0).map((f) => ({ field: f.field, weight: f.weight / 100 })),
      tolerance: form.tolerancePct / 100,
      seed: form.seed,
      ...(!generate && form.limitMoves ? { maxMovedPct: form.maxMovedPct } : {}),
      respectLocks: form.respectLocks,
    },
  };
}
