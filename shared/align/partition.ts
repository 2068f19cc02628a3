/**
 * The optimizer's working state and its local search: territory totals per balance field
 * (normalised so each territory's target is 1), membership counts, and boundary moves that never
 * raise a territory's piece count. Everything is typed arrays indexed by unit and territory.
 *
 * Objective (smaller is better), summed over optimized territories t and fields f with weight w_f:
 *   w_f x [ squareWeight x d² + HINGE x max(0, |d| - band)² ],  d = total(t, f) - 1,
 * plus compactness: CUT per adjacency edge between territories and DIST per (distance to the
 * territory's anchor / typical radius)², plus in rebalance mode a fixed cost per unit that leaves
 * its source territory (and the same bonus for returning).
 */
import { TerritorySearch } from './graph.ts';
import type { Prng } from './prng.ts';
import { AlignCancelled, type AlignAdjacency } from './types.ts';

/** Weight of the squared excess beyond the band, relative to the squared deviation. */
const HINGE = 400;
const CUT = 4e-5;
const DIST = 2e-5;
/**
 * Pressure: a unit moving from a heavier to a lighter territory (composite deviation) earns this
 * much per unit of deviation difference, even when it carries nothing. Overloaded territories thus
 * give up empty border land until their loaded units reach a border they can cross.
 */
const PRESSURE = 1e-3;
/** Most units a block move may carry along with the unit that would cut them off. */
const FRAGMENT_LIMIT = 48;

/** An island group (adjacency component without a territory of its own), moved as a whole. */
export interface Lump {
  units: Int32Array;
  /** Normalised amount per field. */
  value: Float64Array;
  /** Mean unit position, km (earth-centred xyz). */
  xyz: Float64Array;
  /** Territories it may join, nearest first. */
  candidates: Int32Array;
}

export interface PartitionSetup {
  adjacency: AlignAdjacency;
  fieldWeights: Float64Array;
  /** Unit amounts normalised by the per-territory target, U x F. */
  values: Float64Array;
  /** Unit positions, earth-centred xyz km, U x 3. */
  xyz: Float64Array;
  territories: number;
  /** Territory per unit (mutated in place). */
  territoryOf: Int32Array;
  /** 1 for units that single-unit moves may move. */
  movable: Uint8Array;
  /** 1 for territories the optimizer balances and may change. */
  optimized: Uint8Array;
  /** Band half-width (fraction) the hinge starts at. */
  band: number;
  squareWeight: number;
  /** Fixed anchors (rep homes) T x 3, or null to use each territory's mean unit position. */
  anchors: Float64Array | null;
  compactness: number;
  /** Multiplier of the pressure term (0 = off); the search may change it between sweeps. */
  pressure: number;
  /** Apply pressure only from territories outside the band (rebalance). */
  pressureGated: boolean;
  /** Rebalance: source territory per unit and the cost of moving one unit away from it. */
  origin: Int32Array | null;
  disruptionCost: number;
  /**
   * Rebalance: most units that may sit outside their source territory at any time (the disruption
   * limit). A move that would exceed it is refused; moves back home or between other territories
   * stay allowed. Default: no limit.
   */
  maxMoved?: number;
  lumps: Lump[];
  /** Units larger than a target x (1 + tolerance) on some field: their territories cannot balance. */
  bigUnits: Int32Array;
  /** The caller's cancel flag, polled by `stopIfCancelled`. */
  isCancelled?: () => boolean;
}

export class Partition {
  readonly F: number;
  readonly T: number;
  readonly totals: Float64Array;
  readonly size: Int32Array;
  /** Movable units per territory: the last one never leaves (a territory is never emptied). */
  readonly core: Int32Array;
  readonly anchor: Float64Array;
  readonly search: TerritorySearch;
  moves = 0;
  /** Rebalance: units now outside their source territory (what `maxMoved` caps). */
  moved = 0;
  /** Moves refused because they would have exceeded `maxMoved`. */
  refusedByLimit = 0;
  private radius2 = 1;
  private readonly candT: Int32Array = new Int32Array(64);
  private readonly candN: Int32Array = new Int32Array(64);
  private readonly fragment: number[] = [];
  private readonly blockValue: Float64Array;
  private readonly single = new Int32Array(1);

  constructor(readonly s: PartitionSetup) {
    this.F = s.fieldWeights.length;
    this.T = s.territories;
    this.blockValue = new Float64Array(this.F);
    this.totals = new Float64Array(this.T * this.F);
    this.size = new Int32Array(this.T);
    this.core = new Int32Array(this.T);
    this.anchor = s.anchors ? s.anchors.slice() : new Float64Array(this.T * 3);
    this.search = new TerritorySearch(s.adjacency, s.territoryOf);
    this.recount();
    this.updateAnchors();
    this.radius2 = this.meanSquaredRadius();
  }

  /**
   * Throws AlignCancelled when the caller has cancelled. The search calls it every sweep, and the
   * polish steps (which report no progress and can run for minutes on a loaded machine) between
   * territories, pairs and passes, so a Cancel takes effect within one small piece of work.
   */
  stopIfCancelled(): void {
    if (this.s.isCancelled?.()) throw new AlignCancelled();
  }

  /** Recompute totals and sizes from the assignment. */
  recount(): void {
    const { F } = this;
    this.totals.fill(0);
    this.size.fill(0);
    this.core.fill(0);
    const { territoryOf, values, movable, origin } = this.s;
    this.moved = 0;
    for (let u = 0; u < territoryOf.length; u++) {
      const t = territoryOf[u]!;
      if (origin && t !== origin[u]) this.moved++;
      if (t < 0) continue;
      this.size[t]!++;
      if (movable[u]) this.core[t]!++;
      for (let f = 0; f < F; f++) this.totals[t * F + f]! += values[u * F + f]!;
    }
  }

  /** Mean position of each territory's units when anchors are not fixed. */
  updateAnchors(): void {
    if (this.s.anchors) return;
    const { territoryOf, xyz } = this.s;
    const a = this.anchor;
    a.fill(0);
    for (let u = 0; u < territoryOf.length; u++) {
      const t = territoryOf[u]!;
      if (t < 0) continue;
      a[3 * t]! += xyz[3 * u]!;
      a[3 * t + 1]! += xyz[3 * u + 1]!;
      a[3 * t + 2]! += xyz[3 * u + 2]!;
    }
    for (let t = 0; t < this.T; t++) {
      const n = this.size[t]!;
      if (n > 0) for (let k = 0; k < 3; k++) a[3 * t + k]! /= n;
    }
  }

  private meanSquaredRadius(): number {
    const { territoryOf } = this.s;
    let sum = 0;
    let n = 0;
    for (let u = 0; u < territoryOf.length; u++) {
      const t = territoryOf[u]!;
      if (t < 0 || !this.s.optimized[t]) continue;
      sum += this.dist2(u, t);
      n++;
    }
    return n > 0 && sum > 0 ? sum / n : 1;
  }

  private dist2(u: number, t: number): number {
    const { xyz } = this.s;
    const a = this.anchor;
    const dx = xyz[3 * u]! - a[3 * t]!;
    const dy = xyz[3 * u + 1]! - a[3 * t + 1]!;
    const dz = xyz[3 * u + 2]! - a[3 * t + 2]!;
    const d = dx * dx + dy * dy + dz * dz;
    return Number.isFinite(d) ? d : 0;
  }

  /** Penalty of deviation d on a field of weight w: the squared part is weighted, the hinge is not
   * (the tolerance holds for every field, whatever its weight). */
  private pen(d: number, w: number): number {
    const e = Math.abs(d) - this.s.band;
    return w * this.s.squareWeight * d * d + (e > 0 ? HINGE * e * e : 0);
  }

  /** Balance part of moving amounts `values[base ..]` from territory a to b. */
  private balanceDelta(values: Float64Array, base: number, a: number, b: number): number {
    const { F } = this;
    const w = this.s.fieldWeights;
    let delta = 0;
    for (let f = 0; f < F; f++) {
      const v = values[base + f]!;
      if (v === 0) continue;
      const xa = this.totals[a * F + f]! - 1;
      const xb = this.totals[b * F + f]! - 1;
      const wf = w[f]!;
      delta += this.pen(xa - v, wf) - this.pen(xa, wf) + this.pen(xb + v, wf) - this.pen(xb, wf);
    }
    return delta;
  }

  /** Balance part of the objective change of moving amounts `sum` (one per field) from a to b. */
  blockBalanceDelta(sum: Float64Array, a: number, b: number): number {
    return this.balanceDelta(sum, 0, a, b);
  }

  private composite(t: number): number {
    const { F } = this;
    const w = this.s.fieldWeights;
    let c = 0;
    for (let f = 0; f < F; f++) c += w[f]! * (this.totals[t * F + f]! - 1);
    return c;
  }

  /** Objective change of moving unit u from a to b, given its neighbour counts in a and b. */
  moveDelta(u: number, a: number, b: number, inA: number, inB: number): number {
    let delta = this.balanceDelta(this.s.values, u * this.F, a, b);
    if (this.s.pressure > 0) {
      const ca = this.composite(a);
      // Gated (rebalance): only territories outside the band push land out, and only downhill.
      if (!this.s.pressureGated || (Math.abs(ca) > this.s.band && ca > this.composite(b))) {
        delta += this.s.pressure * PRESSURE * (this.composite(b) - ca);
      }
    }
    const c = this.s.compactness;
    if (c > 0) delta += c * (CUT * (inA - inB) + (DIST * (this.dist2(u, b) - this.dist2(u, a))) / this.radius2);
    const origin = this.s.origin;
    if (origin) {
      if (origin[u] === a) delta += this.s.disruptionCost;
      else if (origin[u] === b) delta -= this.s.disruptionCost;
    }
    return delta;
  }

  /** Change in `moved` if units of `units` (all in territory a) went to b. */
  private movedChange(units: ArrayLike<number>, a: number, b: number): number {
    const origin = this.s.origin;
    if (!origin) return 0;
    let change = 0;
    for (let i = 0; i < units.length; i++) {
      const o = origin[units[i]!]!;
      if (o === a) change++;
      else if (o === b) change--;
    }
    return change;
  }

  /** Whether the disruption limit allows moving `units` from a to b (counts a refusal). */
  private allowed(units: ArrayLike<number>, a: number, b: number): boolean {
    const limit = this.s.maxMoved;
    if (limit === undefined || !this.s.origin) return true;
    if (this.moved + this.movedChange(units, a, b) <= limit) return true;
    this.refusedByLimit++;
    return false;
  }

  /** Move unit u to territory b, updating totals (no checks). */
  apply(u: number, b: number): void {
    const { F } = this;
    const a = this.s.territoryOf[u]!;
    const origin = this.s.origin;
    if (origin) this.moved += (b !== origin[u] ? 1 : 0) - (a !== origin[u] ? 1 : 0);
    const v = this.s.values;
    for (let f = 0; f < F; f++) {
      if (a >= 0) this.totals[a * F + f]! -= v[u * F + f]!;
      this.totals[b * F + f]! += v[u * F + f]!;
    }
    if (a >= 0) this.size[a]!--;
    this.size[b]!++;
    if (this.s.movable[u]) {
      if (a >= 0) this.core[a]!--;
      this.core[b]!++;
    }
    this.s.territoryOf[u] = b;
    this.moves++;
  }

  /**
   * Try the best move of unit u to a neighbouring territory. With temperature > 0, a worsening
   * best move is accepted with probability exp(-delta / temperature). Returns whether u moved.
   */
  tryUnit(u: number, temperature: number, rng: Prng): boolean {
    const { territoryOf, movable, optimized, adjacency } = this.s;
    if (!movable[u]) return false;
    const a = territoryOf[u]!;
    if (a < 0 || !optimized[a] || this.core[a]! <= 1) return false;
    let k = 0;
    let inA = 0;
    for (let i = adjacency.start[u]!; i < adjacency.start[u + 1]!; i++) {
      const t = territoryOf[adjacency.unit[i]!]!;
      if (t === a) {
        inA++;
        continue;
      }
      if (t < 0 || !optimized[t]) continue;
      let j = 0;
      while (j < k && this.candT[j] !== t) j++;
      if (j === k) {
        if (k === this.candT.length) continue;
        this.candT[k] = t;
        this.candN[k++] = 0;
      }
      this.candN[j]!++;
    }
    if (k === 0) return false;
    let best = Infinity;
    let bestT = -1;
    for (let j = 0; j < k; j++) {
      const d = this.moveDelta(u, a, this.candT[j]!, inA, this.candN[j]!);
      if (d < best) {
        best = d;
        bestT = this.candT[j]!;
      }
    }
    const accept = best < -1e-12 || (temperature > 0 && rng.next() < Math.exp(-best / temperature));
    if (!accept) return false;
    if (this.search.canRemove(u)) {
      this.single[0] = u;
      if (!this.allowed(this.single, a, bestT)) return false;
      this.apply(u, bestT);
      return true;
    }
    return this.tryFragment(u, a, bestT);
  }

  /**
   * u cannot leave alone without splitting its territory: move it to b together with the small
   * pieces it would cut off, when that whole block improves the objective.
   */
  private tryFragment(u: number, a: number, b: number): boolean {
    const limit = Math.min(FRAGMENT_LIMIT, Math.floor(this.core[a]! / 3));
    if (limit < 1) return false;
    const block = this.fragment;
    if (!this.search.cutOff(u, limit, block)) return false;
    block.push(u);
    const { F } = this;
    const { values, movable, origin } = this.s;
    const sum = this.blockValue;
    sum.fill(0);
    let distDelta = 0;
    let disruption = 0;
    for (const v of block) {
      if (!movable[v]) return false;
      for (let f = 0; f < F; f++) sum[f]! += values[v * F + f]!;
      distDelta += this.dist2(v, b) - this.dist2(v, a);
      if (origin) {
        if (origin[v] === a) disruption++;
        else if (origin[v] === b) disruption--;
      }
    }
    let delta = this.balanceDelta(sum, 0, a, b) + disruption * this.s.disruptionCost;
    if (this.s.compactness > 0) delta += (this.s.compactness * DIST * distDelta) / this.radius2;
    if (delta >= -1e-12) return false;
    if (!this.allowed(block, a, b)) return false;
    for (const v of block) this.apply(v, b);
    return true;
  }

  /** Try moving an island group to the best of its candidate territories. */
  tryLump(lump: Lump): boolean {
    const a = this.s.territoryOf[lump.units[0]!]!;
    if (a < 0 || !this.s.optimized[a]) return false;
    let best = -1e-12;
    let bestT = -1;
    for (const b of lump.candidates) {
      if (b === a || !this.s.optimized[b]) continue;
      let d = this.balanceDelta(lump.value, 0, a, b);
      // Rebalance: the same cost per unit leaving (or bonus returning to) its source territory.
      const origin = this.s.origin;
      if (origin) {
        for (const u of lump.units) {
          if (origin[u] === a) d += this.s.disruptionCost;
          else if (origin[u] === b) d -= this.s.disruptionCost;
        }
      }
      const c = this.s.compactness;
      if (c > 0) d += (c * DIST * lump.units.length * (this.pointDist2(lump.xyz, b) - this.pointDist2(lump.xyz, a))) / this.radius2;
      if (d < best) {
        best = d;
        bestT = b;
      }
    }
    if (bestT < 0) return false;
    if (!this.allowed(lump.units, a, bestT)) return false;
    this.moveLump(lump, bestT);
    return true;
  }

  moveLump(lump: Lump, b: number): void {
    const { F } = this;
    const a = this.s.territoryOf[lump.units[0]!]!;
    this.moved += this.movedChange(lump.units, a, b);
    for (const u of lump.units) this.s.territoryOf[u] = b;
    for (let f = 0; f < F; f++) {
      if (a >= 0) this.totals[a * F + f]! -= lump.value[f]!;
      this.totals[b * F + f]! += lump.value[f]!;
    }
    if (a >= 0) this.size[a]! -= lump.units.length;
    this.size[b]! += lump.units.length;
    this.moves++;
  }

  private pointDist2(p: Float64Array, t: number): number {
    const a = this.anchor;
    const d = (p[0]! - a[3 * t]!) ** 2 + (p[1]! - a[3 * t + 1]!) ** 2 + (p[2]! - a[3 * t + 2]!) ** 2;
    return Number.isFinite(d) ? d : 0;
  }

  /** Territories holding a big unit (1) — those no plan can bring within tolerance. */
  forcedTerritories(): Uint8Array {
    const forced = new Uint8Array(this.T);
    for (const u of this.s.bigUnits) {
      const t = this.s.territoryOf[u]!;
      if (t >= 0) forced[t] = 1;
    }
    return forced;
  }

  /** Worst |total - 1| over optimized territories (optionally skipping forced ones), per field and overall. */
  maxDeviation(skipForced = false, skip?: Uint8Array): { perField: Float64Array; worst: number } {
    const { F } = this;
    const perField = new Float64Array(F);
    const forced = skipForced ? this.forcedTerritories() : null;
    for (let t = 0; t < this.T; t++) {
      if (!this.s.optimized[t] || forced?.[t] || skip?.[t]) continue;
      for (let f = 0; f < F; f++) {
        if (this.s.fieldWeights[f] === 0) continue;
        const d = Math.abs(this.totals[t * F + f]! - 1);
        if (d > perField[f]!) perField[f] = d;
      }
    }
    let worst = 0;
    for (let f = 0; f < F; f++) worst = Math.max(worst, perField[f]!);
    return { perField, worst };
  }

  /** Whether territory t is within `limit[f]` on every weighted field. */
  within(t: number, limit: Float64Array): boolean {
    for (let f = 0; f < this.F; f++) {
      if (this.s.fieldWeights[f] === 0) continue;
      if (Math.abs(this.totals[t * this.F + f]! - 1) > limit[f]! + 1e-12) return false;
    }
    return true;
  }
}
