/**
 * Classes for choropleth maps: break points that split a field's values into k classes, by
 * quantiles (equal counts) or Jenks natural breaks (least squared deviation within classes).
 * Values keep the field's own unit; non-finite values are ignored.
 */

export type ClassMethod = 'quantile' | 'jenks';

/**
 * Class edges of `values` in k classes: an ascending list [min, b1, ..., b(k-1), max]; class i
 * holds values in [edges[i], edges[i+1]) (the last one closed; it may be [max, max] when the top
 * value stands alone). Duplicate breaks (many equal values) are merged, so fewer classes may come
 * back. Empty input: [].
 */
export function classBreaks(values: ArrayLike<number>, k: number, method: ClassMethod): number[] {
  const sorted = finiteSorted(values);
  if (sorted.length === 0) return [];
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  if (min === max || k <= 1) return [min, max];
  const inner = method === 'quantile' ? quantileInner(sorted, k) : jenksInner(sampleSorted(sorted, JENKS_SAMPLE), k);
  const lower = [min, ...inner.filter((b) => b > min && b <= max)].filter((b, i, all) => i === 0 || b > all[i - 1]!);
  // A last class holding only the maximum (an isolated top value) is closed by repeating it.
  return [...lower, max];
}

/** Index of the class of `value` for `edges` from classBreaks (clamped to the first/last class). */
export function classOf(value: number, edges: readonly number[]): number {
  const n = edges.length - 1;
  if (n <= 0) return 0;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (value >= edges[mid]!) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function finiteSorted(values: ArrayLike<number>): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) out.push(values[i]!);
  return Float64Array.from(out).sort();
}

function quantileInner(sorted: Float64Array, k: number): number[] {
  const out: number[] = [];
  for (let i = 1; i < k; i++) out.push(sorted[Math.floor((i * sorted.length) / k)]!);
  return out;
}

/** Jenks is O(k n²): above this many values it runs on evenly spaced order statistics. */
const JENKS_SAMPLE = 1500;

function sampleSorted(sorted: Float64Array, n: number): Float64Array {
  if (sorted.length <= n) return sorted;
  return Float64Array.from({ length: n }, (_, i) => sorted[Math.round((i * (sorted.length - 1)) / (n - 1))]!);
}

/** Fisher-Jenks dynamic programme: the lower bounds of classes 2..k. */
function jenksInner(x: Float64Array, k: number): number[] {
  const n = x.length;
  k = Math.min(k, n);
  // lower[j][i]: first index of the last class in the best split of x[0..i] into j+1 classes.
  const cost = Array.from({ length: k }, () => new Float64Array(n).fill(Infinity));
  const lower = Array.from({ length: k }, () => new Int32Array(n));
  const prefix = new Float64Array(n + 1);
  const prefix2 = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    prefix[i + 1] = prefix[i]! + x[i]!;
    prefix2[i + 1] = prefix2[i]! + x[i]! * x[i]!;
  }
  const ssd = (a: number, b: number) => {
    const m = b - a + 1;
    const s = prefix[b + 1]! - prefix[a]!;
    return prefix2[b + 1]! - prefix2[a]! - (s * s) / m;
  };
  for (let i = 0; i < n; i++) cost[0]![i] = ssd(0, i);
  for (let j = 1; j < k; j++) {
    const row = cost[j]!;
    const prev = cost[j - 1]!;
    for (let i = j; i < n; i++) {
      let best = Infinity;
      let at = j;
      for (let s = j; s <= i; s++) {
        const c = prev[s - 1]! + ssd(s, i);
        if (c < best) {
          best = c;
          at = s;
        }
      }
      row[i] = best;
      lower[j]![i] = at;
    }
  }
  const inner: number[] = [];
  let i = n - 1;
  for (let j = k - 1; j > 0; j--) {
    const s = lower[j]![i]!;
    inner.unshift(x[s]!);
    i = s - 1;
  }
  return inner;
}
