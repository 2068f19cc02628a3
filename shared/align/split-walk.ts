/**
 * Split walk for territories a landmass binds (Hawaii's two): after the tree re-split and the
 * minimax polish, their split is usually a few people off the best that whole units allow (the
 * integer bound of lower-bound.ts). Plans one border move from it are not enough: the even splits
 * are needles that only a chain of moves reaches, each of which is worse on its own. So this walks
 * at random through the pair's contiguous splits near the best one found (a move leaves the pair
 * at most WINDOW above it), and every SCAN_EVERY steps looks for a single border move or a swap of
 * two border units that beats the best; the best split seen is kept. Measured on the ZIP-scale
 * layer (33,787 ZIP points, 500 territories): Hawaii's 97 connected ZIPs reach the bound's split
 * (725,295 / 725,294 people) in about 1,300 steps, where the polish stopped 6 people above it.
 *
 * Every move keeps both territories contiguous (TerritorySearch.canRemove for the one left, and a
 * unit joins only a territory it touches). Deterministic: the walk draws from the seeded PRNG and
 * counts steps, not time.
 */
import type { Partition } from './partition.ts';
import type { Prng } from './prng.ts';

/** How far (in deviation, 1 = a target) a walking step may leave the pair above its best split. */
const WINDOW = 0.05;
const SCAN_EVERY = 10;
const MAX_STEPS = 50_000;
/** Steps x units of the pair, so large pairs walk fewer steps. */
const WORK = 5e6;
/** Above this many units in a pair, the quadratic swap scan and the walk are skipped. */
const MAX_PAIR_UNITS = 2000;

/**
 * Walks the split of every adjacent pair of island-bound territories whose worst |deviation| is
 * above `goal` (the lower bound plus its slack, as a fraction: nothing lower exists, so the walk
 * stops there).
 * @returns number of pairs whose split improved
 */
export function walkIslandBoundSplits(part: Partition, islandBound: Uint8Array, goal: number, rng: Prng): number {
  const { territoryOf, movable, optimized, adjacency } = part.s;
  const members: number[][] = Array.from({ length: part.T }, () => []);
  for (let u = 0; u < territoryOf.length; u++) {
    const t = territoryOf[u]!;
    if (t >= 0 && optimized[t] && islandBound[t] && movable[u]) members[t]!.push(u);
  }
  let improved = 0;
  for (let a = 0; a < part.T; a++) {
    const neighbours = new Set<number>();
    for (const u of members[a]!) {
      for (let i = adjacency.start[u]!; i < adjacency.start[u + 1]!; i++) {
        const t = territoryOf[adjacency.unit[i]!]!;
        if (t > a && members[t]!.length > 0) neighbours.add(t);
      }
    }
    for (const b of [...neighbours].sort((x, y) => x - y)) {
      part.stopIfCancelled();
      const units = members[a]!.concat(members[b]!);
      if (units.length > MAX_PAIR_UNITS) continue;
      if (new PairWalk(part, a, b, units).run(goal, rng)) improved++;
      members[a] = units.filter((u) => territoryOf[u] === a);
      members[b] = units.filter((u) => territoryOf[u] === b);
    }
  }
  return improved;
}

class PairWalk {
  private readonly best: Int32Array;
  private bestWorst: number;

  constructor(
    private readonly part: Partition,
    private readonly a: number,
    private readonly b: number,
    private readonly units: readonly number[],
  ) {
    this.best = Int32Array.from(units, (u) => part.s.territoryOf[u]!);
    this.bestWorst = this.worstIf(-1, -1);
  }

  /** @returns whether the pair ends on a better split than it started */
  run(goal: number, rng: Prng): boolean {
    const start = this.bestWorst;
    const steps = Math.min(MAX_STEPS, Math.floor(WORK / this.units.length));
    for (let step = 0; step < steps && this.bestWorst > goal; step++) {
      if (step % SCAN_EVERY === 0) {
        this.part.stopIfCancelled();
        this.scan();
      }
      const u = this.units[rng.int(this.units.length)]!;
      if (this.worstIf(u, -1) <= this.bestWorst + WINDOW && this.canFlip(u)) this.flip(u);
    }
    this.restoreBest();
    return this.bestWorst < start - 1e-12;
  }

  /** Takes the single border move or border swap that most beats the best split, if any. */
  private scan(): void {
    const border = this.units.filter((u) => this.touchesOther(u));
    let bestU = -1;
    let bestV = -1;
    let bestWorst = this.bestWorst - 1e-12;
    for (const u of border) {
      const w = this.worstIf(u, -1);
      if (w < bestWorst) [bestWorst, bestU, bestV] = [w, u, -1];
    }
    const { territoryOf } = this.part.s;
    for (const u of border) {
      if (territoryOf[u] !== this.a) continue;
      for (const v of border) {
        if (territoryOf[v] !== this.b) continue;
        const w = this.worstIf(u, v);
        if (w < bestWorst) [bestWorst, bestU, bestV] = [w, u, v];
      }
    }
    if (bestU < 0) return;
    // Candidates in order of gain would cost a sort per scan; the next scan finds the runner-up.
    if (!this.canFlip(bestU)) return;
    this.flip(bestU);
    if (bestV >= 0) {
      if (!this.canFlip(bestV)) {
        this.flip(bestU);
        return;
      }
      this.flip(bestV);
    }
    this.bestWorst = this.worstIf(-1, -1);
    this.best.set(Int32Array.from(this.units, (u) => this.part.s.territoryOf[u]!));
  }

  /** u may change sides: it touches the other territory and its own stays in one piece without it. */
  private canFlip(u: number): boolean {
    const t = this.part.s.territoryOf[u]!;
    return this.part.core[t]! > 1 && this.touchesOther(u) && this.part.search.canRemove(u);
  }

  private flip(u: number): void {
    this.part.apply(u, this.part.s.territoryOf[u] === this.a ? this.b : this.a);
  }

  /** Whether u touches the other territory of the pair. */
  private touchesOther(u: number): boolean {
    const { territoryOf, adjacency } = this.part.s;
    const other = territoryOf[u] === this.a ? this.b : this.a;
    for (let i = adjacency.start[u]!; i < adjacency.start[u + 1]!; i++) {
      if (territoryOf[adjacency.unit[i]!] === other) return true;
    }
    return false;
  }

  /** Worst |deviation| of the pair over the weighted fields if u (and v, when >= 0) change sides. */
  private worstIf(u: number, v: number): number {
    const { F, totals } = this.part;
    const { values, fieldWeights, territoryOf } = this.part.s;
    let worst = 0;
    for (let f = 0; f < F; f++) {
      if (!(fieldWeights[f]! > 0)) continue;
      let toB = 0;
      if (u >= 0) toB += territoryOf[u] === this.a ? values[u * F + f]! : -values[u * F + f]!;
      if (v >= 0) toB += territoryOf[v] === this.a ? values[v * F + f]! : -values[v * F + f]!;
      worst = Math.max(worst, Math.abs(totals[this.a * F + f]! - toB - 1), Math.abs(totals[this.b * F + f]! + toB - 1));
    }
    return worst;
  }

  private restoreBest(): void {
    const { territoryOf } = this.part.s;
    this.units.forEach((u, i) => {
      if (territoryOf[u] !== this.best[i]) this.part.apply(u, this.best[i]!);
    });
  }
}
