/**
 * Recombination (ReCom-style merge-split) for territories the boundary search cannot fix: where
 * units are coarse (New York's counties are half a territory each), balancing needs many units to
 * change hands at once, which no single move improves. Two adjacent territories are merged, random
 * spanning trees of the merged units are drawn (Kruskal over shuffled edges, seeded), and the tree
 * edge whose cut balances the two halves best on every weighted field is taken when it beats the
 * current pair. Both halves of a tree cut are connected, so contiguity holds by construction.
 * Attached island groups and other units that may not move stay with their territory as a fixed
 * amount; a re-split that leaves one of them apart from its territory (a locked unit in a
 * rebalance) is undone.
 */
import type { Partition } from './partition.ts';
import { shuffle, type Prng } from './prng.ts';

/** Spanning trees drawn per pair. */
const TREES = 6;
/** Pairs larger than this many units are skipped (tree work is linear in the pair). */
const MAX_PAIR_UNITS = 5000;

/**
 * One round over the territories outside `band` (composite of weighted fields): each is merged
 * with each neighbouring territory in turn and re-split when that lowers the pair's worst
 * |deviation|. @returns number of pairs re-split
 */
export function recombine(part: Partition, band: number, rng: Prng): number {
  const { territoryOf, movable, optimized, adjacency, fieldWeights } = part.s;
  const F = part.F;
  const T = part.T;
  const U = territoryOf.length;
  const members: number[][] = Array.from({ length: T }, () => []);
  // Territories holding units that may not move (locked units, island groups): they stay with
  // their territory whatever the cut, so a cut can leave a locked unit apart from the rest.
  const holdsFixed = new Uint8Array(T);
  for (let u = 0; u < U; u++) {
    const t = territoryOf[u]!;
    if (t < 0 || !optimized[t]) continue;
    if (movable[u]) members[t]!.push(u);
    else holdsFixed[t] = 1;
  }
  const outside: number[] = [];
  for (let t = 0; t < T; t++) {
    if (!optimized[t]) continue;
    for (let f = 0; f < F; f++) {
      if (fieldWeights[f]! > 0 && Math.abs(part.totals[t * F + f]! - 1) > band) {
        outside.push(t);
        break;
      }
    }
  }
  // Worst first, so the scarce re-splits go where they matter.
  outside.sort((a, b) => pairWorst(part, b, b) - pairWorst(part, a, a) || a - b);
  const index = new Int32Array(U).fill(-1);
  const touched = new Uint8Array(T);
  let done = 0;
  for (const a of outside) {
    if (touched[a]) continue;
    const neighbours: number[] = [];
    for (const u of members[a]!) {
      for (let i = adjacency.start[u]!; i < adjacency.start[u + 1]!; i++) {
        const t = territoryOf[adjacency.unit[i]!]!;
        if (t >= 0 && t !== a && optimized[t] && !touched[t] && !neighbours.includes(t)) neighbours.push(t);
      }
    }
    neighbours.sort((x, y) => x - y);
    for (const b of neighbours) {
      part.stopIfCancelled();
      const units = members[a]!.concat(members[b]!);
      if (units.length < 2 || units.length > MAX_PAIR_UNITS) continue;
      const split = bestSplit(part, a, b, units, index, rng);
      if (!split || split.worst >= pairWorst(part, a, b) - 1e-9) continue;
      // Where a fixed unit could be left apart, the re-split is undone if either territory gained a piece.
      const before = holdsFixed[a] || holdsFixed[b] ? { pieces: part.search.piecesPerTerritory(T), side: Uint8Array.from(units, (u) => (territoryOf[u] === b ? 1 : 0)) } : null;
      applySplit(part, members, a, b, units, split.side);
      if (before) {
        const after = part.search.piecesPerTerritory(T);
        if (after[a]! > before.pieces[a]! || after[b]! > before.pieces[b]!) {
          applySplit(part, members, a, b, units, before.side);
          continue;
        }
      }
      touched[a] = 1;
      touched[b] = 1;
      done++;
      break;
    }
  }
  return done;
}

/** Island-bound pairs: tree-edge visits (units + edges per tree x trees) one re-split may spend. */
const ISLAND_SPLIT_WORK = 4e6;
/** Island-bound pairs: most spanning trees drawn for one pair. */
const ISLAND_SPLIT_TREES = 20_000;

/**
 * Island-bound territories (a landmass whose mean misses the target, e.g. Hawaii's two): their
 * worst member is what the plan is judged by, and the best even split of a small landmass is a
 * needle the boundary moves rarely reach (the sea-group bound proves how close it can get). So
 * every adjacent pair of them is merged and re-split along the best cut of many spanning trees
 * (as many as ISLAND_SPLIT_WORK allows for the pair), taken when it lowers the pair's worst
 * |deviation|. Run before `minimaxPolish`, which then evens out the cut unit by unit.
 * @returns number of pairs re-split
 */
export function resplitIslandBound(part: Partition, islandBound: Uint8Array, rng: Prng): number {
  const { territoryOf, movable, optimized, adjacency } = part.s;
  const T = part.T;
  const members: number[][] = Array.from({ length: T }, () => []);
  for (let u = 0; u < territoryOf.length; u++) {
    const t = territoryOf[u]!;
    if (t >= 0 && optimized[t] && islandBound[t] && movable[u]) members[t]!.push(u);
  }
  const index = new Int32Array(territoryOf.length).fill(-1);
  let done = 0;
  for (let a = 0; a < T; a++) {
    if (members[a]!.length === 0) continue;
    const neighbours: number[] = [];
    for (const u of members[a]!) {
      for (let i = adjacency.start[u]!; i < adjacency.start[u + 1]!; i++) {
        const t = territoryOf[adjacency.unit[i]!]!;
        if (t > a && members[t]!.length > 0 && !neighbours.includes(t)) neighbours.push(t);
      }
    }
    neighbours.sort((x, y) => x - y);
    for (const b of neighbours) {
      part.stopIfCancelled();
      const units = members[a]!.concat(members[b]!);
      if (units.length < 2 || units.length > MAX_PAIR_UNITS) continue;
      let edges = 0;
      for (const u of units) edges += adjacency.start[u + 1]! - adjacency.start[u]!;
      const trees = Math.max(TREES, Math.min(ISLAND_SPLIT_TREES, Math.floor(ISLAND_SPLIT_WORK / (units.length + edges))));
      const split = bestSplit(part, a, b, units, index, rng, trees);
      if (!split || split.worst >= pairWorst(part, a, b) - 1e-12) continue;
      applySplit(part, members, a, b, units, split.side);
      done++;
    }
  }
  return done;
}

/** The worst |deviation| over the weighted fields of territories a and b. */
function pairWorst(part: Partition, a: number, b: number): number {
  const F = part.F;
  let worst = 0;
  for (let f = 0; f < F; f++) {
    if (!(part.s.fieldWeights[f]! > 0)) continue;
    worst = Math.max(worst, Math.abs(part.totals[a * F + f]! - 1), Math.abs(part.totals[b * F + f]! - 1));
  }
  return worst;
}

/** Moves the merged `units` of a and b to the sides of a cut (side[i] = 1: to b) and records the pair's members. */
function applySplit(part: Partition, members: number[][], a: number, b: number, units: number[], side: Uint8Array): void {
  units.forEach((u, i) => {
    const to = side[i] ? b : a;
    if (part.s.territoryOf[u] !== to) part.apply(u, to);
  });
  members[a] = units.filter((_, i) => !side[i]);
  members[b] = units.filter((_, i) => side[i]);
}

/** Best tree cut of `units` (territories a and b merged): side[i] = 1 puts units[i] in b. */
function bestSplit(
  part: Partition,
  a: number,
  b: number,
  units: number[],
  index: Int32Array,
  rng: Prng,
  trees = TREES,
): { side: Uint8Array; worst: number } | null {
  const { adjacency, fieldWeights, values } = part.s;
  const F = part.F;
  const n = units.length;
  units.forEach((u, i) => (index[u] = i));
  // Fixed amounts that stay with a and b (island groups, units that may not move).
  const fixedA = new Float64Array(F);
  const fixedB = new Float64Array(F);
  const total = new Float64Array(F);
  for (let f = 0; f < F; f++) {
    fixedA[f] = part.totals[a * F + f]!;
    fixedB[f] = part.totals[b * F + f]!;
  }
  units.forEach((u) => {
    const inA = part.s.territoryOf[u] === a;
    for (let f = 0; f < F; f++) {
      const v = values[u * F + f]!;
      total[f]! += v;
      if (inA) fixedA[f]! -= v;
      else fixedB[f]! -= v;
    }
  });
  const edges: number[] = [];
  units.forEach((u, i) => {
    for (let k = adjacency.start[u]!; k < adjacency.start[u + 1]!; k++) {
      const j = index[adjacency.unit[k]!]!;
      if (j > i && units[j] === adjacency.unit[k]) edges.push(i * n + j);
    }
  });
  const parent = new Int32Array(n);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const treeStart = new Int32Array(n + 1);
  const treeNext = new Int32Array(2 * n);
  const order = new Int32Array(n);
  const up = new Int32Array(n);
  const sub = new Float64Array(n * F);
  const edgeList = Int32Array.from(edges);
  let best: { side: Uint8Array; worst: number } | null = null;
  for (let tree = 0; tree < trees; tree++) {
    if (tree % 64 === 0) part.stopIfCancelled();
    for (let i = 0; i < n; i++) parent[i] = i;
    shuffle(edgeList, rng);
    const chosen: number[] = [];
    for (const e of edgeList) {
      const i = Math.floor(e / n);
      const j = e % n;
      const ri = find(i);
      const rj = find(j);
      if (ri === rj) continue;
      parent[ri] = rj;
      chosen.push(i, j);
      if (chosen.length === 2 * (n - 1)) break;
    }
    // The merged units are not connected (should not happen for two adjacent one-piece territories).
    if (chosen.length !== 2 * (n - 1)) break;
    // Tree adjacency in CSR, then BFS order from node 0 and subtree sums bottom-up.
    treeStart.fill(0);
    for (const v of chosen) treeStart[v + 1]!++;
    for (let i = 0; i < n; i++) treeStart[i + 1]! += treeStart[i]!;
    const fillAt = treeStart.slice(0, n);
    for (let k = 0; k < chosen.length; k += 2) {
      const i = chosen[k]!;
      const j = chosen[k + 1]!;
      treeNext[fillAt[i]!++] = j;
      treeNext[fillAt[j]!++] = i;
    }
    up.fill(-1);
    up[0] = 0;
    let tail = 0;
    order[tail++] = 0;
    for (let head = 0; head < tail; head++) {
      const v = order[head]!;
      for (let k = treeStart[v]!; k < treeStart[v + 1]!; k++) {
        const w = treeNext[k]!;
        if (up[w] === -1) {
          up[w] = v;
          order[tail++] = w;
        }
      }
    }
    for (let i = 0; i < n; i++) for (let f = 0; f < F; f++) sub[i * F + f] = values[units[i]! * F + f]!;
    for (let k = n - 1; k > 0; k--) {
      const v = order[k]!;
      const p = up[v]!;
      for (let f = 0; f < F; f++) sub[p * F + f]! += sub[v * F + f]!;
    }
    // Cut above node v: its subtree goes to one territory, the rest to the other.
    let cutNode = -1;
    let cutToB = false;
    let cutWorst: number = best ? best.worst : Infinity;
    for (let k = 1; k < n; k++) {
      const v = order[k]!;
      for (const toB of [true, false]) {
        let worst = 0;
        for (let f = 0; f < F && worst < cutWorst; f++) {
          if (!(fieldWeights[f]! > 0)) continue;
          const s = sub[v * F + f]!;
          const inB = toB ? s : total[f]! - s;
          worst = Math.max(worst, Math.abs(fixedB[f]! + inB - 1), Math.abs(fixedA[f]! + total[f]! - inB - 1));
        }
        if (worst < cutWorst - 1e-12) {
          cutWorst = worst;
          cutNode = v;
          cutToB = toB;
        }
      }
    }
    if (cutNode < 0) continue;
    // Mark the subtree of cutNode (descendants in BFS order follow their ancestors).
    const inSub = new Uint8Array(n);
    inSub[cutNode] = 1;
    for (let k = 1; k < n; k++) {
      const v = order[k]!;
      if (v !== cutNode && inSub[up[v]!]) inSub[v] = 1;
    }
    const side = new Uint8Array(n);
    for (let i = 0; i < n; i++) side[i] = inSub[i] === (cutToB ? 1 : 0) ? 1 : 0;
    best = { side, worst: cutWorst };
  }
  units.forEach((u) => (index[u] = -1));
  return best;
}
