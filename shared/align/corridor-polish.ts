/**
 * Corridor exchanges for several weighted fields (generate mode, the last step of a run): a
 * minimax polish between adjacent territories. On the demo counties 62% of the units hold nothing
 * on either field, and the valued (urban) units that decide a territory's mix of fields (potential
 * per account) sit inside it, behind that empty land, so no border move changes the mix. Here a
 * valued unit moves together with the shortest path of empty units that joins it to the neighbour
 * (its corridor, which costs nothing on any field), alone or exchanged against a valued unit of the
 * neighbour with its own corridor: giving a unit of high potential per account and taking one of
 * low potential per account changes the mix of both territories while their mass stays.
 *
 * Acceptance: the pair's worst deviation (over the weighted fields) must not rise and the pair's
 * sum of fourth powers of the deviations must fall. Fourth powers weigh the worst deviations most
 * (close to minimax) yet let a territory take some excess from a worse neighbour and pass it on to
 * a better one later; they only fall, so the polish ends. The global worst never rises.
 * Contiguity: a corridor is only a candidate if it can leave unit by unit with
 * `TerritorySearch.canRemove` (so narrow necks are not cut), and after an exchange both
 * territories are recounted (no more pieces than before, else undone move by move).
 * Deterministic: no randomness; orders are by deviation, then index.
 */
import type { Partition } from './partition.ts';

/** Longest corridor, in empty units crossed. */
const MAX_DEPTH = 8;
/** Valued units reachable from the border considered per side, nearest first. */
const MAX_CANDIDATES = 40;
/** Best exchanges per pair checked for contiguity, best first. */
const TRIES = 10;
/** Passes over the territories at most. */
const PASSES = 40;

interface Candidate {
  /** Units to move, in order: from the border in to the valued unit (last). */
  units: number[];
  /** The valued unit. */
  unit: number;
}

/**
 * Exchanges between territories with `polished[t]` (optimized, neither forced by a big unit nor
 * island-bound) until none lowers a pair's worst deviation. @returns exchanges taken
 */
export function corridorPolish(part: Partition, polished: Uint8Array): number {
  const { territoryOf, movable, adjacency, fieldWeights, values } = part.s;
  const F = part.F;
  const T = part.T;
  const U = territoryOf.length;
  const weighted: number[] = [];
  for (let f = 0; f < F; f++) if (fieldWeights[f]! > 0) weighted.push(f);
  const empty = new Uint8Array(U);
  for (let u = 0; u < U; u++) empty[u] = weighted.every((f) => values[u * F + f] === 0) ? 1 : 0;
  const stamp = new Uint32Array(U);
  let epoch = 0;
  const parent = new Int32Array(U);
  const depth = new Int32Array(U);

  let members: number[][] = [];
  const rebuild = () => {
    members = Array.from({ length: T }, () => []);
    for (let u = 0; u < U; u++) if (territoryOf[u]! >= 0) members[territoryOf[u]!]!.push(u);
  };
  const worstOf = (t: number): number => {
    let w = 0;
    for (const f of weighted) w = Math.max(w, Math.abs(part.totals[t * F + f]! - 1));
    return w;
  };
  const touches = (u: number, t: number): boolean => {
    for (let i = adjacency.start[u]!; i < adjacency.start[u + 1]!; i++) if (territoryOf[adjacency.unit[i]!] === t) return true;
    return false;
  };

  /**
   * Whether the corridor can leave x for y unit by unit without raising x's piece count (checked
   * by the search's own test, then undone): exchanges that would cut a territory at a narrow neck
   * are dropped before they are scored.
   */
  const leavesWhole = (units: number[], x: number, y: number): boolean => {
    let k = 0;
    for (; k < units.length; k++) {
      if (part.core[x]! <= 1 || !part.search.canRemove(units[k]!)) break;
      part.apply(units[k]!, y);
    }
    const whole = k === units.length;
    for (let i = k - 1; i >= 0; i--) part.apply(units[i]!, x);
    part.moves -= 2 * k;
    return whole;
  };

  /** Valued units of x reachable from its border with y through empty movable units of x. */
  const candidates = (x: number, y: number): Candidate[] => {
    const out: Candidate[] = [];
    epoch++;
    const queue: number[] = [];
    for (const u of members[x]!) {
      if (movable[u] && touches(u, y)) {
        stamp[u] = epoch;
        parent[u] = -1;
        depth[u] = 0;
        queue.push(u);
      }
    }
    for (let head = 0; head < queue.length && out.length < MAX_CANDIDATES; head++) {
      const u = queue[head]!;
      if (!empty[u]) {
        const units: number[] = [];
        for (let v = u; v >= 0; v = parent[v]!) units.push(v);
        units.reverse();
        if (leavesWhole(units, x, y)) out.push({ units, unit: u });
        continue;
      }
      if (depth[u]! >= MAX_DEPTH) continue;
      for (let i = adjacency.start[u]!; i < adjacency.start[u + 1]!; i++) {
        const w = adjacency.unit[i]!;
        if (stamp[w] !== epoch && territoryOf[w] === x && movable[w]) {
          stamp[w] = epoch;
          parent[w] = u;
          depth[w] = depth[u]! + 1;
          queue.push(w);
        }
      }
    }
    return out;
  };

  /** Connected pieces (unit lists) of territory t among `units`. */
  const piecesOf = (t: number, units: number[]): number[][] => {
    epoch++;
    const out: number[][] = [];
    for (const s of units) {
      if (stamp[s] === epoch || territoryOf[s] !== t) continue;
      stamp[s] = epoch;
      const piece = [s];
      for (let head = 0; head < piece.length; head++) {
        const v = piece[head]!;
        for (let i = adjacency.start[v]!; i < adjacency.start[v + 1]!; i++) {
          const w = adjacency.unit[i]!;
          if (stamp[w] !== epoch && territoryOf[w] === t) {
            stamp[w] = epoch;
            piece.push(w);
          }
        }
      }
      out.push(piece);
    }
    return out;
  };

  /** Pair's deviations per weighted field (a's then b's) before the exchange under test. */
  const base = new Float64Array(2 * F);
  /** Unit amounts per weighted field, read once per candidate. */
  const amount = (c: Candidate | null, f: number): number => (c ? values[c.unit * F + f]! : 0);

  /** Best exchanges between a and b that keep their worst deviation and lower the fourth powers. */
  const improvePair = (a: number, b: number): boolean => {
    let now = 0;
    let now4 = 0;
    for (const f of weighted) {
      const da = part.totals[a * F + f]! - 1;
      const db = part.totals[b * F + f]! - 1;
      base[f] = da;
      base[F + f] = db;
      now = Math.max(now, Math.abs(da), Math.abs(db));
      now4 += da ** 4 + db ** 4;
    }
    const give = candidates(a, b);
    const take = candidates(b, a);
    const options: { give: Candidate | null; take: Candidate | null; score: number }[] = [];
    // One unit (with its corridor) against one or none: a unit of high potential per account
    // against one of low potential per account moves the mix while the mass stays.
    for (let i = -1; i < give.length; i++) {
      const g = i >= 0 ? give[i]! : null;
      for (let j = -1; j < take.length; j++) {
        const t = j >= 0 ? take[j]! : null;
        if (!g && !t) continue;
        let worst = 0;
        let score = 0;
        for (const f of weighted) {
          const v = amount(g, f) - amount(t, f);
          const da = base[f]! - v;
          const db = base[F + f]! + v;
          worst = Math.max(worst, Math.abs(da), Math.abs(db));
          score += da ** 4 + db ** 4;
        }
        if (worst > now + 1e-12 || score >= now4 * (1 - 1e-6)) continue;
        if (options.length === TRIES && score >= options[TRIES - 1]!.score) continue;
        let k = options.length;
        while (k > 0 && options[k - 1]!.score > score) k--;
        options.splice(k, 0, { give: g, take: t, score });
        if (options.length > TRIES) options.pop();
      }
    }
    if (options.length === 0) return false;
    const pair = members[a]!.concat(members[b]!);
    const piecesA = piecesOf(a, pair).length;
    const piecesB = piecesOf(b, pair).length;
    for (const option of options) {
      const moved: { u: number; from: number }[] = [];
      const move = (list: number[], from: number, to: number) => {
        for (const u of list) {
          if (territoryOf[u] !== from) continue;
          part.apply(u, to);
          moved.push({ u, from });
        }
      };
      if (option.give) move(option.give.units, a, b);
      if (option.take) move(option.take.units, b, a);
      const ok =
        part.core[a]! >= 1 &&
        part.core[b]! >= 1 &&
        piecesOf(a, pair).length <= piecesA &&
        piecesOf(b, pair).length <= piecesB;
      let worst = 0;
      let score = 0;
      for (const f of weighted) {
        const da = part.totals[a * F + f]! - 1;
        const db = part.totals[b * F + f]! - 1;
        worst = Math.max(worst, Math.abs(da), Math.abs(db));
        score += da ** 4 + db ** 4;
      }
      if (ok && worst <= now + 1e-12 && score < now4 * (1 - 1e-6)) return true;
      for (let k = moved.length - 1; k >= 0; k--) part.apply(moved[k]!.u, moved[k]!.from);
      part.moves -= 2 * moved.length;
    }
    return false;
  };

  let taken = 0;
  const version = new Uint32Array(T);
  const triedAt = new Map<number, [number, number]>();
  for (let pass = 0; pass < PASSES; pass++) {
    rebuild();
    const order: number[] = [];
    for (let t = 0; t < T; t++) if (polished[t]) order.push(t);
    order.sort((p, q) => worstOf(q) - worstOf(p) || p - q);
    let changed = 0;
    for (const a of order) {
      part.stopIfCancelled();
      const neighbours: number[] = [];
      for (const u of members[a]!) {
        for (let i = adjacency.start[u]!; i < adjacency.start[u + 1]!; i++) {
          const t = territoryOf[adjacency.unit[i]!]!;
          if (t >= 0 && t !== a && polished[t] && !neighbours.includes(t)) neighbours.push(t);
        }
      }
      neighbours.sort((p, q) => worstOf(q) - worstOf(p) || p - q);
      for (const b of neighbours) {
        // A pair that found nothing is tried again only after one of the two has changed.
        const lo = Math.min(a, b);
        const hi = Math.max(a, b);
        const tried = triedAt.get(lo * T + hi);
        if (tried && tried[0] === version[lo] && tried[1] === version[hi]) continue;
        if (improvePair(a, b)) {
          changed++;
          version[a]!++;
          version[b]!++;
          rebuild();
          break;
        }
        triedAt.set(lo * T + hi, [version[lo]!, version[hi]!]);
      }
    }
    taken += changed;
    if (changed === 0) break;
  }
  return taken;
}
