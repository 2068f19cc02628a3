/**
 * Integer partition bounds for the sea-group lower bound (lower-bound.ts): when a sea group's
 * units must be shared by k territories, some territory holds at least the smallest possible
 * largest part of a split of those units into k sets. For k = 2 that is an exact subset sum
 * (bitset DP); for k >= 3 a cheap pigeonhole argument. Every function here returns a LOWER bound
 * on that largest part, so the sea-group bound stays a proof.
 */

/** Most DP steps (bits) an exact run on whole amounts may use: 2^24 bits = 2 MiB. */
export const SUBSET_SUM_MAX_STEPS = 1 << 24;
/** Most item x word operations of an exact run (Hawaii's 98 ZIPs, 1.45 M people: 4.4 M). */
const MAX_EXACT_WORK = 1e8;
/** Steps of a scaled run: the loss is under one step per item, 4e-6 of the total each. */
const SCALED_STEPS = 1 << 18;
/** Most item x word operations of a scaled run; above it the steps shrink further. */
const MAX_SCALED_WORK = 5e6;

/**
 * Smallest subset sum that is at least half the total, for non-negative integer weights: the
 * smallest achievable larger part when the items are split in two. Bitset DP over sums 0..total.
 */
export function smallestLargerHalf(weights: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  const words = (total >>> 5) + 1;
  const bits = new Uint32Array(words);
  bits[0] = 1;
  let reach = 0; // highest sum reachable so far: shifts only need the words up to it
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (w === 0) continue;
    const wordShift = w >>> 5;
    const bitShift = w & 31;
    reach += w;
    const top = Math.min(words - 1, reach >>> 5);
    // bits |= bits << w, from the top down so every source word is read before it is written.
    for (let j = top; j >= wordShift; j--) {
      const src = j - wordShift;
      let v = bitShift === 0 ? bits[src]! : bits[src]! << bitShift;
      if (bitShift !== 0 && src > 0) v |= bits[src - 1]! >>> (32 - bitShift);
      bits[j]! |= v;
    }
  }
  for (let s = Math.ceil(total / 2); s <= total; s++) if ((bits[s >>> 5]! >>> (s & 31)) & 1) return s;
  return total;
}

/**
 * Lower bound on the larger part of any split of `amounts` (>= 0, any unit) into two sets, in the
 * same unit. Exact when the amounts are integers summing to at most `maxSteps` (and the work is
 * small enough). Otherwise every amount is scaled by s (sum about 2^18 steps) and rounded DOWN:
 * each set's floored sum is at most s x its true sum, so the smallest floored larger part / s is still below every real larger part
 * (the loss is under one step per item). Never below total / 2, which bounds it too.
 */
export function twoWaySplitBound(amounts: ArrayLike<number>, maxSteps = SUBSET_SUM_MAX_STEPS): number {
  const n = amounts.length;
  let total = 0;
  let integral = true;
  for (let i = 0; i < n; i++) {
    const a = amounts[i]!;
    total += a;
    if (!Number.isInteger(a) || a < 0) integral = false;
  }
  if (!(total > 0)) return 0;
  const half = total / 2;
  // Work is items x words: keep it bounded for large groups.
  if (integral && total <= maxSteps && (n * total) / 32 <= MAX_EXACT_WORK) return smallestLargerHalf(amounts);
  const steps = Math.min(maxSteps, SCALED_STEPS, Math.floor((MAX_SCALED_WORK * 32) / Math.max(1, n)));
  if (steps < 64) return half;
  const scale = steps / total;
  // The product may round up past an integer in floating point: shave a relative 1e-12 first.
  const floored = Int32Array.from({ length: n }, (_, i) => Math.max(0, Math.floor(amounts[i]! * scale * (1 - 1e-12))));
  return Math.max(half, smallestLargerHalf(floored) / scale);
}

/**
 * Lower bound on the largest part of any split of `amounts` into k >= 1 sets: the mean (total / k),
 * the largest item, and (pigeonhole) the k-th plus the (k+1)-th largest, since two of the k + 1
 * largest items share a set. For k = 2 the exact subset sum (`twoWaySplitBound`) is tighter.
 */
export function kWaySplitBound(amounts: ArrayLike<number>, k: number): number {
  if (k <= 0) return Infinity;
  let total = 0;
  for (let i = 0; i < amounts.length; i++) total += amounts[i]!;
  const sorted = Float64Array.from(amounts).sort().reverse();
  let bound = Math.max(total / k, sorted[0] ?? 0);
  if (sorted.length > k) bound = Math.max(bound, sorted[k - 1]! + sorted[k]!);
  return bound;
}
