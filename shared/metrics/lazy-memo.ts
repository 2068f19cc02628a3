/**
 * Remembers a territory's lazy metrics (Reock, hull ratio, drive p90/max, islands) and piece count
 * by what they depend on: its member set and its rep. Undo puts territories back into a membership
 * they had at the previous read, so their figures come from here instead of hulls, quantiles and
 * piece searches (undoing a 5,000-unit lasso touches ~90 territories). A member set is known by a 64-bit
 * fingerprint, the XOR of random per-unit keys, taken by one walk of the member list when the slot
 * is read (not kept current in link/unlink: that slowed a 5,000-unit apply by 30-50 %, probably V8's
 * inlining of the move path); two different sets share one with probability 2^-64, and the unit
 * count and rep are compared too. Each slot keeps its last MEMO states, so an edit, its undo and
 * its redo all hit.
 */
import { grown } from './typed-grow.ts';

const MEMO = 2;

export class LazyMemo {
  private readonly keyLo: Int32Array;
  private readonly keyHi: Int32Array;
  /** The fingerprint the last fingerprint() call took. */
  lo = 0;
  hi = 0;
  /** Per slot and memo entry: fingerprint, unit count, rep (-2: empty entry), values. */
  private memoLo = new Int32Array(0);
  private memoHi = new Int32Array(0);
  private memoSize = new Int32Array(0);
  private memoRep = new Int32Array(0);
  private memoValues = new Float64Array(0);
  /** Entry the next store of each slot overwrites. */
  private memoNext = new Uint8Array(0);

  constructor(
    units: number,
    /** Numbers remembered per state. */
    private readonly width: number,
  ) {
    this.keyLo = new Int32Array(units);
    this.keyHi = new Int32Array(units);
    // xorshift32 with a fixed seed: the same keys every run, so results are reproducible.
    let x = 0x2545f491;
    const nextKey = () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return x | 0;
    };
    for (let u = 0; u < units; u++) {
      this.keyLo[u] = nextKey();
      this.keyHi[u] = nextKey();
    }
  }

  grow(cap: number): void {
    this.memoLo = grown(this.memoLo, cap * MEMO);
    this.memoHi = grown(this.memoHi, cap * MEMO);
    this.memoSize = grown(this.memoSize, cap * MEMO);
    this.memoRep = grown(this.memoRep, cap * MEMO, -2);
    this.memoValues = grown(this.memoValues, cap * MEMO * this.width);
    this.memoNext = grown(this.memoNext, cap);
  }

  /** Fingerprint of the member list first, next[first], ... (-1 ends it), into lo and hi. */
  fingerprint(first: number, next: Int32Array): void {
    let lo = 0;
    let hi = 0;
    for (let u = first; u >= 0; u = next[u]!) {
      lo ^= this.keyLo[u]!;
      hi ^= this.keyHi[u]!;
    }
    this.lo = lo;
    this.hi = hi;
  }

  /** Forget every remembered state (a full recompute follows). */
  clear(): void {
    this.memoRep.fill(-2);
  }

  /**
   * Copy the remembered values of slot t in the state last fingerprinted (with this size and rep)
   * to out[at..]; false if there are none.
   */
  recall(t: number, size: number, rep: number, out: Float64Array, at: number): boolean {
    for (let e = t * MEMO; e < (t + 1) * MEMO; e++) {
      if (this.memoRep[e] === rep && this.memoSize[e] === size && this.memoLo[e] === this.lo && this.memoHi[e] === this.hi) {
        for (let i = 0; i < this.width; i++) out[at + i] = this.memoValues[e * this.width + i]!;
        return true;
      }
    }
    return false;
  }

  /** Remember values[at..at+width) as slot t's figures in the state last fingerprinted. */
  store(t: number, size: number, rep: number, values: Float64Array, at: number): void {
    const e = t * MEMO + this.memoNext[t]!;
    this.memoNext[t] = (this.memoNext[t]! + 1) % MEMO;
    this.memoLo[e] = this.lo;
    this.memoHi[e] = this.hi;
    this.memoSize[e] = size;
    this.memoRep[e] = rep;
    for (let i = 0; i < this.width; i++) this.memoValues[e * this.width + i] = values[at + i]!;
  }
}
