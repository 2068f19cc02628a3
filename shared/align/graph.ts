/**
 * Graph helpers for the optimizer: connected components of the unit adjacency, and a reusable
 * breadth-first search that answers "does territory t stay connected without unit u?" in time
 * proportional to the territory, never the whole layer.
 */
import type { AlignAdjacency } from './types.ts';

/**
 * Component index per unit and the number of components (isolated units are their own), over the
 * units with `include[u]` = 1 and the edges between them; excluded units get -1.
 */
export function componentsWithin(adjacency: AlignAdjacency, include: Uint8Array): { of: Int32Array; count: number } {
  const count = include.length;
  const of = new Int32Array(count).fill(-1);
  const queue = new Int32Array(count);
  let n = 0;
  for (let s = 0; s < count; s++) {
    if (of[s] !== -1 || !include[s]) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    of[s] = n;
    while (head < tail) {
      const v = queue[head++]!;
      for (let i = adjacency.start[v]!; i < adjacency.start[v + 1]!; i++) {
        const w = adjacency.unit[i]!;
        if (of[w] === -1 && include[w]) {
          of[w] = n;
          queue[tail++] = w;
        }
      }
    }
    n++;
  }
  return { of, count: n };
}

/** Breadth-first searches inside one territory, with epoch stamps instead of clearing arrays. */
export class TerritorySearch {
  private readonly stamp: Uint32Array;
  private readonly queue: Int32Array;
  private epoch = 0;
  private readonly around: number[] = [];

  constructor(
    private readonly adjacency: AlignAdjacency,
    private readonly territoryOf: Int32Array,
  ) {
    this.stamp = new Uint32Array(territoryOf.length);
    this.queue = new Int32Array(territoryOf.length);
  }

  private nextEpoch(): number {
    if (++this.epoch === 0xffffffff) {
      this.stamp.fill(0);
      this.epoch = 1;
    }
    return this.epoch;
  }

  /**
   * Whether removing u from its territory keeps the rest of that territory's piece(s) around u
   * connected, i.e. does not raise the territory's piece count.
   */
  canRemove(u: number): boolean {
    const t = this.territoryOf[u]!;
    const { start, unit } = this.adjacency;
    const around = this.around;
    around.length = 0;
    for (let i = start[u]!; i < start[u + 1]!; i++) {
      const v = unit[i]!;
      if (this.territoryOf[v] === t && !around.includes(v)) around.push(v);
    }
    if (around.length <= 1) return true;
    if (this.connectedAmong(around)) return true;
    // Search inside t without u from the first neighbour until every other neighbour is reached.
    const epoch = this.nextEpoch();
    const stamp = this.stamp;
    const queue = this.queue;
    stamp[u] = epoch;
    let head = 0;
    let tail = 0;
    queue[tail++] = around[0]!;
    stamp[around[0]!] = epoch;
    let missing = around.length - 1;
    while (head < tail) {
      const v = queue[head++]!;
      for (let i = start[v]!; i < start[v + 1]!; i++) {
        const w = unit[i]!;
        if (stamp[w] === epoch || this.territoryOf[w] !== t) continue;
        stamp[w] = epoch;
        if (around.includes(w) && --missing === 0) return true;
        queue[tail++] = w;
      }
    }
    return false;
  }

  /**
   * The units that removing u would cut off from the rest of its territory, when that is possible
   * with at most `limit` of them: every piece of (territory - u) but one large remainder. Fills
   * `out` and returns true; returns false when two pieces exceed the limit. When all pieces are
   * small the largest one stays as the remainder.
   */
  cutOff(u: number, limit: number, out: number[]): boolean {
    const t = this.territoryOf[u]!;
    const { start, unit } = this.adjacency;
    const around = this.around;
    around.length = 0;
    for (let i = start[u]!; i < start[u + 1]!; i++) {
      const v = unit[i]!;
      if (this.territoryOf[v] === t && !around.includes(v)) around.push(v);
    }
    out.length = 0;
    const epoch = this.nextEpoch();
    const stamp = this.stamp;
    const queue = this.queue;
    stamp[u] = epoch;
    let big = 0;
    let largestStart = -1;
    let largestSize = 0;
    for (const seed of around) {
      if (stamp[seed] === epoch) continue;
      const first = out.length;
      let head = 0;
      let tail = 0;
      queue[tail++] = seed;
      stamp[seed] = epoch;
      out.push(seed);
      let overflow = false;
      let merged = false;
      while (head < tail && !overflow && !merged) {
        const v = queue[head++]!;
        for (let i = start[v]!; i < start[v + 1]!; i++) {
          const w = unit[i]!;
          if (this.territoryOf[w] !== t) continue;
          if (stamp[w] === epoch) {
            // Reaching an earlier search's unit: this is the large remainder met again.
            if (!out.includes(w, first)) merged = true;
            continue;
          }
          stamp[w] = epoch;
          queue[tail++] = w;
          out.push(w);
          if (tail > limit) {
            overflow = true;
            break;
          }
        }
      }
      if (merged) {
        out.length = first;
        continue;
      }
      if (overflow) {
        out.length = first;
        if (++big > 1) return false;
        continue;
      }
      if (tail > largestSize) {
        largestSize = tail;
        largestStart = first;
      }
    }
    if (big === 0 && largestStart >= 0) out.splice(largestStart, largestSize);
    return out.length > 0;
  }

  /** Whether the given units are connected using only edges among themselves (the ring around u). */
  private connectedAmong(units: readonly number[]): boolean {
    const { start, unit } = this.adjacency;
    const n = units.length;
    if (n > 16) return false;
    let seen = 1;
    let reached = 1;
    const stack = [0];
    while (stack.length) {
      const k = stack.pop()!;
      const v = units[k]!;
      for (let i = start[v]!; i < start[v + 1]!; i++) {
        const j = units.indexOf(unit[i]!);
        if (j >= 0 && !(seen & (1 << j))) {
          seen |= 1 << j;
          reached++;
          stack.push(j);
        }
      }
    }
    return reached === n;
  }

  /**
   * Pieces of each territory: count per territory index (length `territories`), by BFS over all
   * units. Units with territory < 0 are skipped.
   */
  piecesPerTerritory(territories: number): Int32Array {
    const pieces = new Int32Array(territories);
    const epoch = this.nextEpoch();
    const { start, unit } = this.adjacency;
    const stamp = this.stamp;
    const queue = this.queue;
    for (let s = 0; s < this.territoryOf.length; s++) {
      const t = this.territoryOf[s]!;
      if (t < 0 || stamp[s] === epoch) continue;
      pieces[t]!++;
      let head = 0;
      let tail = 0;
      queue[tail++] = s;
      stamp[s] = epoch;
      while (head < tail) {
        const v = queue[head++]!;
        for (let i = start[v]!; i < start[v + 1]!; i++) {
          const w = unit[i]!;
          if (stamp[w] !== epoch && this.territoryOf[w] === t) {
            stamp[w] = epoch;
            queue[tail++] = w;
          }
        }
      }
    }
    return pieces;
  }
}
