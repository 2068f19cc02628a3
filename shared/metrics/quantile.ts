const BINS = 1024;
const histogram = new Float64Array(BINS);

/**
 * Weighted quantile: the smallest value v such that the weights of values <= v reach q x total
 * weight (all weights 0: every value counts once). Values are >= 0 and `max` is their maximum.
 * Large sets are first narrowed with a histogram over [0, max] (two linear passes), then the
 * crossing bin is resolved exactly by selection. Reorders `values` and `weights` in place.
 */
export function weightedQuantile(values: Float64Array, weights: Float64Array, n: number, q: number, max: number): number {
  if (n === 0) return Number.NaN;
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i]!;
  if (!(total > 0)) {
    weights.fill(1, 0, n);
    total = n;
  }
  const goal = q * total;
  if (n <= 256 || !(max > 0)) return select(values, weights, 0, n, goal);
  histogram.fill(0);
  const scale = BINS / max;
  for (let i = 0; i < n; i++) histogram[Math.min(BINS - 1, Math.floor(values[i]! * scale))]! += weights[i]!;
  let below = 0;
  let bin = 0;
  for (; bin < BINS - 1; bin++) {
    if (below + histogram[bin]! >= goal) break;
    below += histogram[bin]!;
  }
  // Keep only the crossing bin's values (stable compaction to the front).
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (Math.min(BINS - 1, Math.floor(values[i]! * scale)) === bin) {
      values[m] = values[i]!;
      weights[m++] = weights[i]!;
    }
  }
  return select(values, weights, below, m, goal);
}

/** Selection on values[0..n): smallest v with below + weight(values <= v) >= goal. */
export function select(values: Float64Array, weights: Float64Array, below: number, n: number, goal: number): number {
  if (n === 0) return Number.NaN;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = median3(values[lo]!, values[(lo + hi) >>> 1]!, values[hi]!);
    // Three-way partition of [lo, hi] into < pivot | == pivot | > pivot.
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = values[i]!;
      if (v < pivot) swap(values, weights, lt++, i++);
      else if (v > pivot) swap(values, weights, i, gt--);
      else i++;
    }
    let wLess = 0;
    for (let k = lo; k < lt; k++) wLess += weights[k]!;
    let wEqual = 0;
    for (let k = lt; k <= gt; k++) wEqual += weights[k]!;
    if (lt > lo && below + wLess >= goal) hi = lt - 1;
    else if (below + wLess + wEqual >= goal || gt >= hi) return pivot;
    else {
      below += wLess + wEqual;
      lo = gt + 1;
    }
  }
  return values[lo]!;
}

function median3(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}

function swap(values: Float64Array, weights: Float64Array, i: number, j: number): void {
  const v = values[i]!;
  values[i] = values[j]!;
  values[j] = v;
  const w = weights[i]!;
  weights[i] = weights[j]!;
  weights[j] = w;
}
