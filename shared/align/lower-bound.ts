import { kWaySplitBound, twoWaySplitBound } from './subset-sum.ts';

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

/** A sea group's components (weights in territory targets) for `seaGroupLowerBound`. */
export interface SeaGroupWeights {
  /** Weight of each adjacency component of the group, in territory targets (target = 1). */
  components: readonly number[];
  /** Most territories the group can host (its unit count). */
  capacity: number;
  /**
   * The group also holds territories the bound does not judge (those with a unit above the band):
   * its mass may sit there, so only "enough mass for the judged territories" is required.
   */
  absorbing?: boolean;
  /**
   * The amounts of the group's units, per component (same order as `components`), in any unit
   * whose `perTarget` makes one territory's target. When given, the integer condition (iv) of
   * `seaGroupLowerBound` applies: units are indivisible. Whole amounts (people) keep it exact.
   */
  unitAmounts?: readonly ArrayLike<number>[];
  /** Amount of one territory's target in the unit of `unitAmounts`. */
  perTarget?: number;
}

/**
 * Lower bound on the worst |deviation| of plans that obey the sea-group rule (sea-groups.ts):
 * every territory has one home component; a component is either shared by an integer number
 * k_c >= 1 of territories homed on it, or attached whole to one territory homed in its own sea
 * group; a sea group that hosts no territory is attached (whole components) anywhere.
 *
 * Proof of validity. Take any such plan with worst deviation D, and a sea group g hosting
 * k_g >= 1 territories, total weight W_g. Its territories hold W_g plus p_g >= 0 from unhosted
 * groups (Σ_g p_g <= P, the unhosted groups' weight) — nothing else reaches them. Each holds
 * between 1 - D and 1 + D, so (i) W_g + p_g <= k_g (1 + D), hence W_g <= k_g (1 + D);
 * (ii) a component c hosting k_c territories keeps its whole weight w_c in them, so
 * w_c <= k_c (1 + D): components with w_c > 1 + D must host k_c >= ceil(w_c / (1 + D));
 * (iii) summing the lower band over g's territories: k_g (1 - D) <= W_g + p_g, and, more sharply,
 * the part of w_c above k_c (1 - D) (its surplus) cannot fill territories of other components, so
 * k_g (1 - D) + Σ_c max(0, w_c - k_c (1 - D)) <= W_g + p_g. Every plan thus picks integers k_g
 * (Σ k_g = K) and k_c making need_g = k_g (1 - D) + S_g(k_g) - W_g fit: Σ need_g <= P, where
 * S_g(k_g) is the smallest surplus over the k_c allowed by (ii) — extra territories lower one
 * component's surplus by at most 1 - D each, so handing out full steps first and then the largest
 * partial steps is optimal (the reductions per component are non-increasing). Relaxing "whole
 * units / whole attached components" to fluid amounts only enlarges the feasible set, so the
 * smallest D for which some integer allocation (a DP over groups x territories) satisfies
 * (i)-(iii) is a lower bound for every plan of the rule. Feasibility is monotone in D (every
 * condition loosens as D grows), so bisection finds it.
 * (iv) Integrality (when the group's unit amounts are given): a unit of g goes to a territory homed
 * in g (a hosting component's units to its own territories, an attached component whole to one of
 * g's territories; units of other groups only ADD to these territories), so the k_g territories
 * split g's units into k_g sets and the fullest holds at least the smallest possible largest set:
 * M_g(k_g) <= 1 + D. For k_g = 2 at most one component is split (either one component hosts both
 * territories and the others are whole, or two host one each and all are whole), so M_g(2) is the
 * minimum over components c of the smallest subset sum >= half the total over the items "units of
 * c, the other components whole" (subset-sum.ts, exact for integer amounts, rounded down
 * otherwise); for k_g >= 3 the weaker pigeonhole bound over all units (largest unit, k-th plus
 * (k+1)-th largest). Fluid weights would give only W_g / k_g, which (i) already requires.
 * An `absorbing` group keeps only "k_g (1 - D) <= W_g + p_g": its excess can sit in territories
 * the bound does not judge.
 * @returns the bound as a fraction (0.05 = 5%)
 */
export function seaGroupLowerBound(groups: readonly SeaGroupWeights[], territories: number): number {
  if (territories <= 0 || groups.length === 0) return 0;
  if (seaGroupAllocation(groups, territories, 0)) return 0;
  let lo = 0;
  let hi = 1;
  while (!seaGroupAllocation(groups, territories, hi)) {
    hi *= 2;
    if (hi > 1e6) return Infinity;
  }
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (seaGroupAllocation(groups, territories, mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

const EPS = 1e-9;
/**
 * How far a plan may sit above a bound and still count as reaching it: the bisection's tolerant
 * comparisons (EPS) can leave the bound up to about EPS below the deviation whole units allow, so a
 * plan at exactly that deviation reads 1e-9 above the bound. 1e-8 of a target is far under a
 * person at any real scale (0.007 people at 670,000 per territory).
 */
export const BOUND_SLACK = 1e-8;

/**
 * Territories per sea group satisfying conditions (i)-(iii) of `seaGroupLowerBound` at deviation
 * `d`, or null when none does. Among feasible allocations it returns one with the most slack
 * (unhosted weight left over), ties to the earlier group.
 */
export function seaGroupAllocation(groups: readonly SeaGroupWeights[], territories: number, d: number): number[] | null {
  const K = territories;
  const G = groups.length;
  const weightOf = groups.map((g) => g.components.reduce((a, b) => a + b, 0));
  // Weight that unhosted groups could supply at most: caps how many territories a group can fill.
  let spare = 0;
  groups.forEach((g, i) => {
    if (g.components.every((w) => w <= 1 + d + EPS)) spare += weightOf[i]!;
  });
  const low = 1 - d;
  // value[g][k]: slack a group adds with k territories (k = 0: its weight joins the unhosted
  // supply; k >= 1: minus the supply it needs), -Infinity when infeasible.
  const value: Float64Array[] = groups.map((g, i) => {
    const W = weightOf[i]!;
    const most = Math.min(K, g.capacity, low > EPS ? Math.floor((W + spare) / low + 1 + EPS) : K);
    const v = new Float64Array(Math.max(0, most) + 1).fill(-Infinity);
    if (g.components.every((w) => w <= 1 + d + EPS)) v[0] = W;
    else if (g.absorbing) v[0] = 0;
    for (let k = 1; k < v.length; k++) {
      if (!g.absorbing && k >= 2 && W <= k * (1 + d) + EPS && largestPartBound(g, k) > 1 + d + EPS) continue;
      const need = g.absorbing ? k * low - W : groupNeed(g.components, W, k, d);
      if (need === null) continue;
      v[k] = -Math.max(0, need);
    }
    return v;
  });
  // best[j]: most slack with j territories over the groups so far; choice[g][j]: k of group g.
  let best = new Float64Array(K + 1).fill(-Infinity);
  best[0] = 0;
  const choice: Int32Array[] = [];
  for (let g = 0; g < G; g++) {
    const v = value[g]!;
    const next = new Float64Array(K + 1).fill(-Infinity);
    const pick = new Int32Array(K + 1).fill(-1);
    for (let j = 0; j <= K; j++) {
      if (best[j] === -Infinity) continue;
      for (let k = 0; k < v.length && j + k <= K; k++) {
        if (v[k] === -Infinity) continue;
        const s = best[j]! + v[k]!;
        if (s > next[j + k]! + EPS) {
          next[j + k] = s;
          pick[j + k] = k;
        }
      }
    }
    choice.push(pick);
    best = next;
  }
  if (!(best[K]! >= -EPS)) return null;
  const alloc = new Array<number>(G).fill(0);
  let j = K;
  for (let g = G - 1; g >= 0; g--) {
    const k = choice[g]![j]!;
    alloc[g] = k;
    j -= k;
  }
  return alloc;
}

/** M_g(k) of condition (iv) per group, in targets (computed once per group object and k). */
const partBounds = new WeakMap<SeaGroupWeights, Map<number, number>>();
/** Above this many components the k = 2 bound splits all units (no per-component minimum). */
const MAX_COMPONENTS_SPLIT = 16;

/**
 * Condition (iv) of `seaGroupLowerBound`: a lower bound, in targets, on the fullest of k territories
 * sharing the group's indivisible units (0 without unit amounts: the fluid (i) then decides).
 */
export function largestPartBound(group: SeaGroupWeights, k: number): number {
  const units = group.unitAmounts;
  const per = group.perTarget;
  if (!units || !(per! > 0) || k < 2) return 0;
  let cache = partBounds.get(group);
  if (!cache) partBounds.set(group, (cache = new Map()));
  const known = cache.get(k);
  if (known !== undefined) return known;
  let raw: number;
  if (k === 2 && units.length <= MAX_COMPONENTS_SPLIT) {
    const wholes = units.map((list) => {
      let s = 0;
      for (let i = 0; i < list.length; i++) s += list[i]!;
      return s;
    });
    raw = Infinity;
    units.forEach((list, c) => {
      const items = [...Array.from(list), ...wholes.filter((_, o) => o !== c)];
      raw = Math.min(raw, twoWaySplitBound(items));
    });
  } else {
    const all = units.flatMap((list) => Array.from(list));
    raw = k === 2 ? twoWaySplitBound(all) : kWaySplitBound(all, k);
  }
  const bound = Number.isFinite(raw) ? raw / per! : 0;
  cache.set(k, bound);
  return bound;
}

/**
 * need_g of a hosted, non-absorbing group with k territories at deviation d (conditions (i)-(iii)),
 * or null when (i) or (ii) fail.
 */
function groupNeed(components: readonly number[], W: number, k: number, d: number): number | null {
  if (W > k * (1 + d) + EPS) return null;
  const low = 1 - d;
  let lo = 0;
  let surplus = 0;
  let fullSteps = 0;
  const partials: number[] = [];
  for (const w of components) {
    if (w <= 1 + d + EPS) continue;
    const kc = Math.max(1, Math.ceil(w / (1 + d) - EPS));
    lo += kc;
    const s = Math.max(0, w - kc * low);
    surplus += s;
    if (s > 0 && low > EPS) {
      const full = Math.floor(s / low + EPS);
      fullSteps += full;
      const rest = s - full * low;
      if (rest > EPS) partials.push(rest);
    }
  }
  if (lo > k) return null;
  let extra = k - lo;
  if (low > EPS) {
    const full = Math.min(extra, fullSteps);
    surplus -= full * low;
    extra -= full;
    partials.sort((a, b) => b - a);
    for (let i = 0; i < partials.length && extra > 0; i++, extra--) surplus -= partials[i]!;
  }
  return k * low + Math.max(0, surplus) - W;
}
