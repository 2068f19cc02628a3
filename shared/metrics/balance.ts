/**
 * Balance statistics of one field over the territories of a plan. Totals are in the field's own
 * unit (accounts, US dollars of potential, people...); deviations are signed percentages of the
 * target: +10 means 10 % above target.
 */

export interface BalanceStats {
  /** Mean of the territory totals (the default target). */
  mean: number;
  /** Largest |deviation %| over territories with a non-zero target. */
  maxAbsDeviationPct: number;
  /** (max total - min total) / mean. */
  rangeOverMean: number;
  /** max total / min total (Infinity when some territory has 0 and another more). */
  maxOverMin: number;
  /** Population standard deviation / mean. */
  coefficientOfVariation: number;
  /** Gini coefficient of the totals, 0 = all equal, (n-1)/n = all in one territory. */
  gini: number;
}

/** Signed deviation % of a total from its target; null when the target is 0. */
export function deviationPct(total: number, target: number): number | null {
  return target === 0 ? null : ((total - target) / target) * 100;
}

/** Statistics of territory totals against per-territory targets (same order). */
export function balanceStats(totals: ArrayLike<number>, targets: ArrayLike<number>): BalanceStats {
  const n = totals.length;
  if (n === 0) return { mean: 0, maxAbsDeviationPct: 0, rangeOverMean: 0, maxOverMin: 1, coefficientOfVariation: 0, gini: 0 };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const t = totals[i]!;
    sum += t;
    if (t < min) min = t;
    if (t > max) max = t;
    const d = deviationPct(t, targets[i]!);
    if (d !== null && Math.abs(d) > maxAbs) maxAbs = Math.abs(d);
  }
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (totals[i]! - mean) ** 2;
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = totals[i]!;
  sorted.sort();
  // Gini = sum_i (2i - n - 1) x_(i) / (n * sum), with x sorted ascending and i from 1.
  let weighted = 0;
  for (let i = 0; i < n; i++) weighted += (2 * (i + 1) - n - 1) * sorted[i]!;
  return {
    mean,
    maxAbsDeviationPct: maxAbs,
    rangeOverMean: mean === 0 ? 0 : (max - min) / mean,
    maxOverMin: max === min ? 1 : min > 0 ? max / min : Infinity,
    coefficientOfVariation: mean === 0 ? 0 : Math.sqrt(squares / n) / mean,
    gini: sum === 0 ? 0 : weighted / (n * sum),
  };
}
