/**
 * Lower bound on the worst |deviation| any plan can reach when units are indivisible. Relaxation:
 * units at or below the lower end of the band are treated as fluid (they can be split at will);
 * a unit above it needs a territory of its own and brings at least its own amount. For a band
 * half-width D around the target (1 after normalisation) a plan can exist only if
 *   max unit <= 1 + D   and   sum of big units + (K - big count) x (1 - D) <= total.
 * The smallest such D (binary search; the test is monotone in D) is a valid lower bound for any
 * plan, contiguous or not, because every real plan is also a plan of the relaxation.
 */

/**
 * @param amounts unit amounts of one field (any unit of measure, >= 0)
 * @param territories K, the number of territories sharing `total`
 * @param total what the K territories share (normally the sum of `amounts`)
 * @returns the bound as a fraction of the mean target (0.05 = 5%)
 */
export function indivisibleLowerBound(amounts: ArrayLike<number>, territories: number, total: number): number {
  if (territories <= 0 || !(total > 0)) return 0;
  const target = total / territories;
  const sorted = Float64Array.from(amounts, (v) => v / target).sort().reverse();
  const prefix = new Float64Array(sorted.length + 1);
  for (let i = 0; i < sorted.length; i++) prefix[i + 1] = prefix[i]! + sorted[i]!;
  const K = territories;
  const normalisedTotal = total / target;
  const max = sorted[0] ?? 0;
  const feasible = (d: number): boolean => {
    if (max > 1 + d) return false;
    const threshold = 1 - d;
    if (threshold <= 0) return true;
    // Number of units strictly above the threshold (sorted descending).
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! > threshold) lo = mid + 1;
      else hi = mid;
    }
    const big = lo;
    // More big units than territories: every territory reaches the threshold anyway.
    if (big > K) return true;
    return prefix[big]! + (K - big) * threshold <= normalisedTotal * (1 + 1e-12);
  };
  let lo = 0;
  let hi = Math.max(1, max) + 1;
  if (feasible(0)) return 0;
  while (!feasible(hi)) hi *= 2;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (feasible(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Territories holding a unit larger than target x (1 + tolerance) cannot get within tolerance;
 * the other territories then share at most total - (those units) between K - m of them, so some
 * of them must fall at least this far (fraction of the target) below the target.
 * @returns [bound, threshold amount above which a unit counts as big]
 */
export function unforcedLowerBound(amounts: ArrayLike<number>, territories: number, total: number, tolerance: number): number {
  if (territories <= 0 || !(total > 0)) return 0;
  const target = total / territories;
  let big = 0;
  let bigSum = 0;
  for (let i = 0; i < amounts.length; i++) {
    if (amounts[i]! > target * (1 + tolerance)) {
      big++;
      bigSum += amounts[i]!;
    }
  }
  if (big === 0 || big >= territories) return 0;
  const level = (total - bigSum) / (territories - big) / target;
  return Math.max(0, 1 - level);
}

/**
 * Lower bound from landmasses (adjacency components): a territory cannot cross the sea, so a
 * component heavier than one territory's target (it cannot be attached whole to another
 * territory) is shared by its own k territories, whose mean is its weight / k plus whatever light
 * components are attached to them. Relaxation: every light component (weight < 1) may join it.
 * @param weights component weights in territory targets (total / K = 1)
 * @returns the bound as a fraction (max over components of min over k)
 */
export function landmassLowerBound(weights: readonly number[]): number {
  let light = 0;
  for (const w of weights) if (w < 1) light += w;
  let bound = 0;
  for (const w of weights) {
    if (w <= 1) continue;
    let best = Infinity;
    const most = Math.ceil(w + light) + 1;
    for (let k = 1; k <= most; k++) best = Math.min(best, Math.max(0, w / k - 1, 1 - (w + light) / k));
    bound = Math.max(bound, best);
  }
  return bound;
}
