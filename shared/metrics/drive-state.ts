/**
 * Per-territory drive-time state of the metrics engine: each target's current minutes (from its
 * territory's rep home), per-slot sums that give the weighted mean and the share within N minutes
 * in O(1), and a per-slot histogram of minutes that locates the weighted 90th percentile's bin, so
 * that reading p90 exactly touches only that bin's targets. Minutes; weights as in the layer.
 */
import type { MetricsLayer } from './layer.ts';
import { select } from './quantile.ts';
import type { DriveFigures } from './types.ts';
import { grown } from './typed-grow.ts';

/** Histogram bins of BIN_MIN minutes up to BINS x BIN_MIN, then one overflow bin. */
const BIN_MIN = 2;
const BINS = 512;
const HIST = BINS + 1;
const binOf = (minutes: number): number => (minutes < BINS * BIN_MIN ? Math.floor(minutes / BIN_MIN) : BINS);

/** Sums per slot: count, sum of minutes, positive-weight count, weight, weight x minutes, count and weight within N minutes, unreachable count. */
const SUMS = 8;

export class DriveState {
  /** Current minutes of every target (NaN: unassigned, no rep, or unreachable). */
  readonly targetMin: Float64Array;
  /** Smallest and largest minutes of each unit's targets (NaN: none measured). */
  private readonly unitMin: Float64Array;
  private readonly unitMax: Float64Array;
  private sums = new Float64Array(0);
  private histW = new Float64Array(0);
  private histN = new Int32Array(0);
  private values = new Float64Array(1024);
  private weights = new Float64Array(1024);
  private readonly withinMin: number;

  constructor(private readonly layer: MetricsLayer) {
    this.targetMin = new Float64Array(layer.targets.count).fill(Number.NaN);
    this.unitMin = new Float64Array(layer.unitIds.length).fill(Number.NaN);
    this.unitMax = new Float64Array(layer.unitIds.length).fill(Number.NaN);
    this.withinMin = layer.driveSettings.withinMin;
  }

  grow(cap: number): void {
    const grow = <A extends Float64Array | Int32Array>(a: A, per: number): A => grown(a, cap * per);
    this.sums = grow(this.sums, SUMS);
    this.histW = grow(this.histW, HIST);
    this.histN = grow(this.histN, HIST);
  }

  /** Forget every slot's sums (a full recompute follows). */
  clear(): void {
    this.sums.fill(0);
    this.histW.fill(0);
    this.histN.fill(0);
  }

  clearSlot(t: number): void {
    this.sums.fill(0, t * SUMS, (t + 1) * SUMS);
    this.histW.fill(0, t * HIST, (t + 1) * HIST);
    this.histN.fill(0, t * HIST, (t + 1) * HIST);
  }

  /**
   * Unit u moves from slot a to slot b (-1: unassigned). Its targets leave a's sums with their
   * current minutes and are re-timed from rep `repB` (-1: none) into b's. `aMeasured` tells whether
   * slot a has a rep (NaN minutes under a rep count as unreachable, without one as unmeasured).
   */
  move(u: number, a: number, aMeasured: boolean, b: number, repB: number): void {
    const start = this.layer.targetStart[u]!;
    const end = this.layer.targetStart[u + 1]!;
    if (start === end) return;
    if (a >= 0) this.accumulate(u, a, start, end, -1, aMeasured);
    if (repB >= 0) this.layer.drive.fill(repB, start, end, this.targetMin);
    else this.targetMin.fill(Number.NaN, start, end);
    if (b >= 0) this.accumulate(u, b, start, end, 1, repB >= 0);
  }

  private accumulate(u: number, t: number, start: number, end: number, sign: 1 | -1, measured: boolean): void {
    const { targetMin, withinMin, histW, histN } = this;
    const weight = this.layer.targetWeight;
    const h = t * HIST;
    let n = 0, m = 0, nw = 0, w = 0, wm = 0, ni = 0, wi = 0, nan = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = start; k < end; k++) {
      const minutes = targetMin[k]!;
      if (minutes !== minutes) {
        nan++;
        continue;
      }
      const wk = weight[k]!;
      n++;
      m += minutes;
      if (wk > 0) nw++;
      w += wk;
      wm += wk * minutes;
      if (minutes <= withinMin) {
        ni++;
        wi += wk;
      }
      if (minutes < lo) lo = minutes;
      if (minutes > hi) hi = minutes;
      const bin = h + binOf(minutes);
      histN[bin]! += sign;
      // An emptied bin is exactly zero again (no rounding residue from removed weights).
      histW[bin] = histN[bin] === 0 ? 0 : histW[bin]! + sign * wk;
    }
    if (sign > 0) {
      this.unitMin[u] = n > 0 ? lo : Number.NaN;
      this.unitMax[u] = n > 0 ? hi : Number.NaN;
    }
    const d = this.sums;
    const o = t * SUMS;
    d[o]! += sign * n;
    d[o + 1]! += sign * m;
    d[o + 2]! += sign * nw;
    d[o + 3]! += sign * w;
    d[o + 4]! += sign * wm;
    d[o + 5]! += sign * ni;
    d[o + 6]! += sign * wi;
    if (measured) d[o + 7]! += sign * nan;
    if (sign < 0) {
      // Sums of removed weights leave rounding residue; an emptied sum is exactly zero again.
      if (d[o] === 0) d.fill(0, o, o + 7);
      else if (d[o + 2] === 0) {
        d[o + 3] = 0;
        d[o + 4] = 0;
        d[o + 6] = 0;
      }
    }
  }

  /**
   * Exact max and weighted p90 of slot t's minutes; members are the linked list first, next[first]...
   * Weighted by the targets' weights; when no target of t has weight, each counts once.
   */
  quantiles(t: number, first: number, next: Int32Array): { p90: number; max: number } {
    const d = this.sums;
    if (d[t * SUMS] === 0) return { p90: Number.NaN, max: Number.NaN };
    const { layer, unitMin, unitMax, targetMin, histW, histN } = this;
    let max = -Infinity;
    for (let u = first; u >= 0; u = next[u]!) if (unitMax[u]! > max) max = unitMax[u]!;
    const byWeight = d[t * SUMS + 2]! > 0;
    const h = t * HIST;
    let total = 0;
    for (let b = 0; b < HIST; b++) total += byWeight ? histW[h + b]! : histN[h + b]!;
    const goal = 0.9 * total;
    let below = 0;
    let bin = 0;
    for (; bin < HIST - 1; bin++) {
      const v = byWeight ? histW[h + bin]! : histN[h + bin]!;
      if (v > 0 && below + v >= goal) break;
      below += v;
    }
    const lo = bin * BIN_MIN;
    const hi = bin === BINS ? Infinity : (bin + 1) * BIN_MIN;
    const size = histN[h + bin]!;
    if (this.values.length < size) {
      this.values = new Float64Array(size * 2);
      this.weights = new Float64Array(size * 2);
    }
    const { values, weights } = this;
    let k = 0;
    for (let u = first; u >= 0; u = next[u]!) {
      if (!(unitMax[u]! >= lo && unitMin[u]! < hi)) continue;
      for (let i = layer.targetStart[u]!; i < layer.targetStart[u + 1]!; i++) {
        const m = targetMin[i]!;
        if (m === m && binOf(m) === bin) {
          values[k] = m;
          weights[k++] = byWeight ? layer.targetWeight[i]! : 1;
        }
      }
    }
    return { p90: select(values, weights, below, k, goal), max };
  }

  figures(t: number, p90: number, max: number): DriveFigures {
    const d = this.sums;
    const o = t * SUMS;
    const n = d[o]!;
    const byWeight = d[o + 2]! > 0;
    return {
      mean: n === 0 ? null : byWeight ? d[o + 4]! / d[o + 3]! : d[o + 1]! / n,
      p90: n === 0 ? null : p90,
      max: n === 0 ? null : max,
      shareWithin: n === 0 ? null : byWeight ? d[o + 6]! / d[o + 3]! : d[o + 5]! / n,
      withinMin: this.withinMin,
      unreachable: d[o + 7]!,
    };
  }
}
