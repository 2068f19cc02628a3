/**
 * Connected pieces of territories on the unit adjacency graph, full and incremental. A move needs
 * to know how many separate pieces the moved unit's same-territory neighbours belong to; usually
 * those neighbours touch each other around the unit (planar tilings), which a local check sees in
 * O(degree²); only when it does not, a search runs inside the territory.
 */
import type { Adjacency } from './unit-geometry.ts';

export class ContiguityGraph {
  private readonly stamp: Uint32Array;
  private readonly queue: Int32Array;
  private epoch = 0;

  constructor(
    readonly adjacency: Adjacency,
    /** Territory slot of each unit, -1 unassigned; shared with (and mutated by) the engine. */
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

  /** Neighbours of u currently in territory t (distinct). */
  neighboursIn(u: number, t: number, out: number[]): number[] {
    out.length = 0;
    const { start, unit } = this.adjacency;
    for (let i = start[u]!; i < start[u + 1]!; i++) if (this.territoryOf[unit[i]!] === t) out.push(unit[i]!);
    return out;
  }

  /**
   * Number of distinct pieces of territory t that contain the given units (all in t; the unit being
   * moved must already be outside t in territoryOf).
   */
  piecesAmong(t: number, units: readonly number[]): number {
    if (units.length <= 1) return units.length;
    if (this.locallyConnected(units)) return 1;
    const { start, unit } = this.adjacency;
    const epoch = this.nextEpoch();
    const stamp = this.stamp;
    const queue = this.queue;
    let pieces = 0;
    for (const seed of units) {
      if (stamp[seed] === epoch) continue;
      pieces++;
      let head = 0;
      let tail = 0;
      stamp[seed] = epoch;
      queue[tail++] = seed;
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

  /** Whether the units form one connected set using only edges among themselves. */
  private locallyConnected(units: readonly number[]): boolean {
    const n = units.length;
    if (n > 31) return false;
    const { start, unit } = this.adjacency;
    const all = (1 << n) - 1;
    let seen = 1;
    let frontier = 1;
    while (frontier) {
      let grown = 0;
      for (let k = 0; k < n; k++) {
        if (!(frontier & (1 << k))) continue;
        const v = units[k]!;
        for (let i = start[v]!; i < start[v + 1]!; i++) {
          const j = units.indexOf(unit[i]!);
          if (j >= 0 && !(seen & (1 << j))) {
            seen |= 1 << j;
            grown |= 1 << j;
          }
        }
      }
      frontier = grown;
    }
    return seen === all;
  }

  /**
   * Pieces of territory t, whose members are the linked list `first, next[first], ...` (-1 ends
   * it); calls `onPiece(units, size)` for each piece when given (the array is reused).
   */
  pieces(t: number, first: number, next: Int32Array, onPiece?: (units: Int32Array, size: number) => void): number {
    const { start, unit } = this.adjacency;
    const epoch = this.nextEpoch();
    const stamp = this.stamp;
    const queue = this.queue;
    let pieces = 0;
    let offset = 0;
    for (let seed = first; seed >= 0; seed = next[seed]!) {
      if (stamp[seed] === epoch) continue;
      pieces++;
      const begin = offset;
      let head = offset;
      let tail = offset;
      stamp[seed] = epoch;
      queue[tail++] = seed;
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
      offset = tail;
      onPiece?.(queue.subarray(begin, tail), tail - begin);
    }
    return pieces;
  }
}
