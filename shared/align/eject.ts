/**
 * Ejection chains and field-aware swaps for multi-field balancing (generate mode, several weighted
 * fields; align.ts runs a few rounds when the search has stalled after recombination and relaxed
 * compactness). On the demo counties the fields are anti-correlated per territory (+5% potential /
 * -4% accounts next to -3% / +3%): the valued units (urban counties) lie inside the territories,
 * behind empty border land, so no single border move carries mass and moving the composite does not
 * fix the mix. Two exchanges:
 * - swap: territory a gives block A to a neighbour b and takes block B back; the prefixes of both
 *   blocks are chosen together (for each prefix of A the best prefix of B by the objective) so one
 *   field moves while the other stays; kept when the pair's worst deviation falls;
 * - chain: a gives a block to b, b gives one to c, ... (at most MAX_HOPS, depth-first over the best
 *   BRANCH blocks per hop) until the total objective falls (kept then); a hop back into a closes a
 *   swap.
 * A block is grown best-first from the border with the receiving territory: units worth moving alone
 * first, empty land nearest those next (a corridor to the valued units), units that hurt last; at
 * most MAX_BLOCK_SHARE of the territory.
 *
 * Contiguity: a block touches the receiving territory, so that never gains a piece; the giving one
 * is checked by search (a chain block is shrunk until the giver keeps its piece count; a swap moves
 * small cut-off pieces along with the block that cut them off, else it is refused). Anything not
 * kept is undone move by move in reverse, which restores the exact assignment. No randomness; all
 * orders are by unit and territory index, ties included: deterministic.
 */
import { MinHeap } from './heap.ts';
import type { Partition } from './partition.ts';

/** Longest chain (hops). */
const MAX_HOPS = 3;
/** Next territories tried at each hop, best block first. */
const BRANCH = 4;
/** Prefix pairs of a swap checked for contiguity and exact objective, best first. */
const SWAP_TRIES = 4;
/** A block takes at most this share of its territory's movable units. */
const MAX_BLOCK_SHARE = 0.25;

interface Hop {
  units: number[];
  from: number;
  to: number;
  delta: number;
}

/**
 * One round of ejection chains from every optimized territory outside `limit` (fraction) on some
 * weighted field, worst first. Returns the number of chains applied.
 */
export function ejectionChains(part: Partition, limit: number): number {
  const { T, F } = part;
  const { optimized, fieldWeights } = part.s;
  const excess = (t: number): number => {
    let e = 0;
    for (let f = 0; f < F; f++) if (fieldWeights[f]! > 0) e = Math.max(e, Math.abs(part.totals[t * F + f]! - 1) - limit);
    return e;
  };
  const chain = new ChainSearch(part);
  chain.rebuild();
  let applied = 0;
  for (let pass = 0; pass < 4; pass++) {
    const out: number[] = [];
    for (let t = 0; t < T; t++) if (optimized[t] && excess(t) > 1e-12) out.push(t);
    if (out.length === 0) break;
    out.sort((a, b) => excess(b) - excess(a) || a - b);
    let passApplied = 0;
    for (const a of out) {
      part.stopIfCancelled();
      if (excess(a) <= 1e-12) continue;
      if (chain.swap(a) || chain.run(a)) passApplied++;
    }
    applied += passApplied;
    if (passApplied === 0) break;
  }
  return applied;
}

class ChainSearch {
  private readonly hops: Hop[] = [];
  private readonly onPath: Uint8Array;
  private readonly stamp: Uint32Array;
  private epoch = 0;
  private readonly queue: Int32Array;
  private total = 0;
  private start = -1;
  private readonly sum: Float64Array;

  constructor(private readonly part: Partition) {
    this.onPath = new Uint8Array(part.T);
    const U = part.s.territoryOf.length;
    this.stamp = new Uint32Array(U);
    this.queue = new Int32Array(U);
    this.sum = new Float64Array(part.F);
  }

  private nextEpoch(): number {
    if (++this.epoch === 0xffffffff) {
      this.stamp.fill(0);
      this.epoch = 1;
    }
    return this.epoch;
  }

  /**
   * Field-aware swap between a and a neighbour: a gives block A (grown best-first towards the
   * neighbour), the neighbour gives block B back; the prefixes of both are chosen together so the
   * exchange moves one field while the other stays. Keeps the first exchange that lowers the
   * objective and leaves both territories in no more pieces.
   */
  swap(a: number): boolean {
    const { part } = this;
    const { territoryOf, optimized, adjacency } = part.s;
    const F = part.F;
    const membersA = this.membersOf(a);
    const neighbours: number[] = [];
    for (const u of membersA) {
      for (let i = adjacency.start[u]!; i < adjacency.start[u + 1]!; i++) {
        const t = territoryOf[adjacency.unit[i]!]!;
        if (t >= 0 && t !== a && optimized[t] && !neighbours.includes(t)) neighbours.push(t);
      }
    }
    neighbours.sort((p, q) => p - q);
    const net = new Float64Array(F);
    for (const b of neighbours) {
      const membersB = this.membersOf(b);
      const blockA = this.growBlock(a, b, membersA, Math.floor(part.core[a]! * MAX_BLOCK_SHARE));
      const blockB = this.growBlock(b, a, membersB, Math.floor(part.core[b]! * MAX_BLOCK_SHARE));
      if (blockA.length === 0 || blockB.length === 0) continue;
      const prefix = (block: number[]) => {
        const out = new Float64Array((block.length + 1) * F);
        block.forEach((u, k) => {
          for (let f = 0; f < F; f++) out[(k + 1) * F + f] = out[k * F + f]! + part.s.values[u * F + f]!;
        });
        return out;
      };
      const sa = prefix(blockA);
      const sb = prefix(blockB);
      // For each prefix i of A the best prefix j of B; the best few distinct i by balance change.
      const best: { i: number; j: number; score: number }[] = [];
      for (let i = 1; i <= blockA.length; i++) {
        let bj = 0;
        let bs = -1e-9;
        for (let j = 1; j <= blockB.length; j++) {
          for (let f = 0; f < F; f++) net[f] = sa[i * F + f]! - sb[j * F + f]!;
          const score = part.blockBalanceDelta(net, a, b);
          if (score < bs) {
            bs = score;
            bj = j;
          }
        }
        if (bj === 0 || (best.length === SWAP_TRIES && bs >= best[SWAP_TRIES - 1]!.score)) continue;
        let k = best.length;
        while (k > 0 && best[k - 1]!.score > bs) k--;
        best.splice(k, 0, { i, j: bj, score: bs });
        if (best.length > SWAP_TRIES) best.pop();
      }
      const pair = membersA.concat(membersB);
      const piecesA = this.piecesOf(a, pair).length;
      const piecesB = this.piecesOf(b, pair).length;
      const pairWorst = () => {
        let w = 0;
        for (let f = 0; f < F; f++) if (part.s.fieldWeights[f]! > 0) w = Math.max(w, Math.abs(part.totals[a * F + f]! - 1), Math.abs(part.totals[b * F + f]! - 1));
        return w;
      };
      const worstBefore = pairWorst();
      for (const { i, j } of best) {
        const moves: { u: number; from: number; to: number }[] = [];
        const move = (u: number, from: number, to: number) => {
          part.apply(u, to);
          moves.push({ u, from, to });
        };
        for (const u of blockA.slice(0, i)) move(u, a, b);
        for (const u of blockB.slice(0, j)) move(u, b, a);
        // Pieces the exchange cut off a territory go with the block that cut them off (they touch it).
        const ok =
          this.absorbFragments(a, b, pair, piecesA, move) &&
          this.absorbFragments(b, a, pair, piecesB, move) &&
          this.piecesOf(a, pair).length <= piecesA &&
          this.piecesOf(b, pair).length <= piecesB;
        // Kept when the pair's worst deviation falls (the prefixes were chosen by the objective, which
        // alone would also take exchanges that trade the worst territory for a better sum).
        if (ok && pairWorst() < worstBefore - 1e-9) {
          this.rebuild();
          return true;
        }
        for (let k = moves.length - 1; k >= 0; k--) part.apply(moves[k]!.u, moves[k]!.from);
        part.moves -= 2 * moves.length;
      }
    }
    return false;
  }

  /**
   * After an exchange between x and y: when x fell into more pieces than `piecesBefore`, its pieces
   * other than the largest move to y (each touches a unit x just gave y), if they are small and
   * movable. `pair` lists the units of x and y before the exchange.
   */
  private absorbFragments(x: number, y: number, pair: number[], piecesBefore: number, move: (u: number, from: number, to: number) => void): boolean {
    const { part } = this;
    const { adjacency, movable, territoryOf } = part.s;
    const comps = this.piecesOf(x, pair);
    if (comps.length <= piecesBefore) return true;
    comps.sort((p, q) => q.length - p.length || p[0]! - q[0]!);
    const limit = Math.floor(part.core[x]! * MAX_BLOCK_SHARE);
    let extra = 0;
    for (const c of comps.slice(piecesBefore)) {
      extra += c.length;
      if (extra > limit || c.some((u) => !movable[u])) return false;
      let touches = false;
      for (const u of c) for (let i = adjacency.start[u]!; i < adjacency.start[u + 1]!; i++) if (territoryOf[adjacency.unit[i]!] === y) touches = true;
      if (!touches) return false;
      for (const u of c) move(u, x, y);
    }
    return true;
  }

  /** Connected pieces (unit lists) of territory x among `units`. */
  private piecesOf(x: number, units: number[]): number[][] {
    const { territoryOf, adjacency } = this.part.s;
    const epoch = this.nextEpoch();
    const out: number[][] = [];
    for (const s of units) {
      if (this.stamp[s] === epoch || territoryOf[s] !== x) continue;
      this.stamp[s] = epoch;
      const comp = [s];
      for (let head = 0; head < comp.length; head++) {
        const v = comp[head]!;
        for (let i = adjacency.start[v]!; i < adjacency.start[v + 1]!; i++) {
          const w = adjacency.unit[i]!;
          if (this.stamp[w] !== epoch && territoryOf[w] === x) {
            this.stamp[w] = epoch;
            comp.push(w);
          }
        }
      }
      out.push(comp);
    }
    return out;
  }

  /** Units per territory, by unit index; refreshed after every applied exchange. */
  private lists: number[][] = [];

  rebuild(): void {
    const { territoryOf } = this.part.s;
    this.lists = Array.from({ length: this.part.T }, () => []);
    for (let u = 0; u < territoryOf.length; u++) if (territoryOf[u]! >= 0) this.lists[territoryOf[u]!]!.push(u);
  }

  /** Current units of t in index order (the lists plus what the chain under way moved in). */
  private membersOf(t: number): number[] {
    const { territoryOf } = this.part.s;
    const out = this.lists[t]!.filter((u) => territoryOf[u] === t);
    let added = false;
    for (const hop of this.hops) {
      if (hop.to !== t) continue;
      for (const u of hop.units) if (territoryOf[u] === t) out.push(u);
      added = true;
    }
    if (added) out.sort((p, q) => p - q);
    return out;
  }

  /** Depth-first search for an improving chain from territory a; keeps the first one found. */
  run(a: number): boolean {
    this.start = a;
    this.onPath.fill(0);
    this.onPath[a] = 1;
    this.total = 0;
    this.hops.length = 0;
    return this.extend(a, 0);
  }

  private extend(x: number, depth: number): boolean {
    if (depth >= MAX_HOPS) return false;
    for (const option of this.options(x, depth)) {
      const { part } = this;
      let delta = 0;
      for (const u of option.units) {
        delta += this.unitDelta(u, x, option.to);
        part.apply(u, option.to);
      }
      this.hops.push({ units: option.units, from: x, to: option.to, delta });
      this.total += delta;
      if (this.total < -1e-9) {
        this.rebuild();
        return true;
      }
      const next = option.to;
      // A hop back into the start territory closes a swap; nothing further to extend.
      if (next !== this.start) {
        this.onPath[next] = 1;
        if (this.extend(next, depth + 1)) return true;
        this.onPath[next] = 0;
      }
      this.undo();
    }
    return false;
  }

  private undo(): void {
    const hop = this.hops.pop()!;
    for (let i = hop.units.length - 1; i >= 0; i--) this.part.apply(hop.units[i]!, hop.from);
    this.part.moves -= 2 * hop.units.length;
    this.total -= hop.delta;
  }

  /** Objective change of moving u from a to b with the current neighbours (exact, applied in order). */
  private unitDelta(u: number, a: number, b: number): number {
    const { adjacency, territoryOf } = this.part.s;
    let inA = 0;
    let inB = 0;
    for (let i = adjacency.start[u]!; i < adjacency.start[u + 1]!; i++) {
      const t = territoryOf[adjacency.unit[i]!];
      if (t === a) inA++;
      else if (t === b) inB++;
    }
    return this.part.moveDelta(u, a, b, inA, inB);
  }

  /**
   * Block hops out of x: for each neighbouring territory y off the path (or the start, closing a
   * swap), the best block of x grown from the border with y, best BRANCH by balance change.
   */
  private options(x: number, depth: number): { units: number[]; to: number; score: number }[] {
    const { part } = this;
    const { territoryOf, optimized, adjacency } = part.s;
    const neighbours: number[] = [];
    const members = this.membersOf(x);
    for (const u of members) {
      for (let i = adjacency.start[u]!; i < adjacency.start[u + 1]!; i++) {
        const t = territoryOf[adjacency.unit[i]!]!;
        if (t < 0 || t === x || !optimized[t] || neighbours.includes(t)) continue;
        if (this.onPath[t] && !(t === this.start && depth >= 1)) continue;
        neighbours.push(t);
      }
    }
    neighbours.sort((p, q) => p - q);
    const piecesBefore = this.pieces(x, members, null);
    const maxBlock = Math.floor(part.core[x]! * MAX_BLOCK_SHARE);
    const found: { units: number[]; to: number; score: number }[] = [];
    for (const y of neighbours) {
      const block = this.growBlock(x, y, members, maxBlock);
      const sum = this.sum.fill(0);
      let bestLen = 0;
      let bestScore = Infinity;
      for (let k = 0; k < block.length; k++) {
        const u = block[k]!;
        for (let f = 0; f < part.F; f++) sum[f]! += part.s.values[u * part.F + f]!;
        const score = part.blockBalanceDelta(sum, x, y);
        if (score < bestScore - 1e-15) {
          bestScore = score;
          bestLen = k + 1;
        }
      }
      if (bestLen === 0) continue;
      // Shrink the block from its far end until x keeps its piece count.
      let units = block.slice(0, bestLen);
      for (let tries = 0; tries < 4 && units.length > 0; tries++) {
        if (this.pieces(x, members, units) <= piecesBefore) break;
        units = units.slice(0, Math.floor(units.length / 2));
      }
      if (units.length === 0 || this.pieces(x, members, units) > piecesBefore) continue;
      found.push({ units, to: y, score: bestScore });
    }
    found.sort((p, q) => p.score - q.score || p.to - q.to);
    return found.slice(0, BRANCH);
  }

  /**
   * Units of x in best-first order from its border with y: the frontier unit whose move to y alone
   * improves the balance most comes next (so the block collects the right mix of fields, crossing
   * empty land where it must). At most `max` units, connected through x's movable units.
   */
  growBlock(x: number, y: number, members: number[], max: number): number[] {
    const { part } = this;
    const { territoryOf, adjacency, movable, values } = part.s;
    const F = part.F;
    const gain = (u: number) => part.blockBalanceDelta(values.subarray(u * F, u * F + F), x, y);
    // Hops from each unit of x to the nearest unit worth moving alone: empty land is taken nearest
    // those first, so the block reaches valued units inside x by a corridor instead of flooding.
    const hops = this.hopsToGain(x, members, gain);
    const key = (u: number) => {
      const g = gain(u);
      if (g < -1e-15) return g;
      return g > 1e-15 ? g + 1 : 1e-12 * (1 + Math.min(hops.get(u) ?? 1e6, 1e6));
    };
    const epoch = this.nextEpoch();
    const heap = new MinHeap();
    for (const u of members) {
      if (!movable[u]) continue;
      for (let i = adjacency.start[u]!; i < adjacency.start[u + 1]!; i++) {
        if (territoryOf[adjacency.unit[i]!] === y) {
          this.stamp[u] = epoch;
          heap.push(u, key(u));
          break;
        }
      }
    }
    const block: number[] = [];
    while (heap.size > 0 && block.length < max) {
      const u = heap.pop();
      block.push(u);
      for (let i = adjacency.start[u]!; i < adjacency.start[u + 1]!; i++) {
        const v = adjacency.unit[i]!;
        if (this.stamp[v] !== epoch && territoryOf[v] === x && movable[v]) {
          this.stamp[v] = epoch;
          heap.push(v, key(v));
        }
      }
    }
    return block;
  }

  /** Hop distance inside x (movable units) from each unit to the nearest one with gain < 0. */
  private hopsToGain(x: number, members: number[], gain: (u: number) => number): Map<number, number> {
    const { territoryOf, adjacency, movable } = this.part.s;
    const hops = new Map<number, number>();
    const queue: number[] = [];
    for (const u of members) {
      if (movable[u] && territoryOf[u] === x && gain(u) < -1e-15) {
        hops.set(u, 0);
        queue.push(u);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head]!;
      const h = hops.get(v)! + 1;
      for (let i = adjacency.start[v]!; i < adjacency.start[v + 1]!; i++) {
        const w = adjacency.unit[i]!;
        if (territoryOf[w] === x && movable[w] && !hops.has(w)) {
          hops.set(w, h);
          queue.push(w);
        }
      }
    }
    return hops;
  }

  /** Pieces of territory x (its `members`) without the units of `without`. */
  private pieces(x: number, members: number[], without: number[] | null): number {
    const { territoryOf, adjacency } = this.part.s;
    const epoch = this.nextEpoch();
    if (without) for (const u of without) this.stamp[u] = epoch;
    let count = 0;
    for (const s of members) {
      if (this.stamp[s] === epoch) continue;
      count++;
      this.stamp[s] = epoch;
      let tail = 0;
      this.queue[tail++] = s;
      for (let head = 0; head < tail; head++) {
        const v = this.queue[head]!;
        for (let i = adjacency.start[v]!; i < adjacency.start[v + 1]!; i++) {
          const w = adjacency.unit[i]!;
          if (this.stamp[w] !== epoch && territoryOf[w] === x) {
            this.stamp[w] = epoch;
            this.queue[tail++] = w;
          }
        }
      }
    }
    return count;
  }
}
