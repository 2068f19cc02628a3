/**
 * Minimax polish for territories a landmass binds (island-bound: e.g. Hawaii's two territories,
 * whose mean is 8.46% above target whatever the plan). The local search's squared objective
 * leaves their split a few units off even; the plan is judged by its worst territory, so here
 * single border moves, swaps of two border units and moves of attached island groups (lumps)
 * between two such territories are taken whenever they lower the larger |deviation| of the pair,
 * until none is left. Contiguity is
 * checked for every unit that leaves (TerritorySearch.canRemove), as in the main search.
 */
import type { Lump, Partition } from './partition.ts';

/** Above this many units in the polished territories, swaps (quadratic) are skipped. */
const SWAP_MAX_UNITS = 4000;
const PASSES = 20;

/** @returns number of moves and swaps taken */
export function minimaxPolish(part: Partition, polished: Uint8Array, lumps: readonly Lump[] = []): number {
  const { territoryOf, movable, adjacency, fieldWeights } = part.s;
  const F = part.F;
  const members: number[] = [];
  for (let u = 0; u < territoryOf.length; u++) {
    const t = territoryOf[u]!;
    if (t >= 0 && polished[t] && movable[u]) members.push(u);
  }
  if (members.length === 0) return 0;
  const dev = (t: number, f: number, change: number) => Math.abs(part.totals[t * F + f]! + change - 1);
  const values = part.s.values;
  /** Worst |deviation| of a and b over weighted fields if `out` moves a -> b and `back` b -> a. */
  const pairWorst = (a: number, b: number, out: number, back: number): number => {
    let worst = 0;
    for (let f = 0; f < F; f++) {
      if (!(fieldWeights[f]! > 0)) continue;
      const v = (out >= 0 ? values[out * F + f]! : 0) - (back >= 0 ? values[back * F + f]! : 0);
      worst = Math.max(worst, dev(a, f, -v), dev(b, f, v));
    }
    return worst;
  };
  /** Worst |deviation| of a and b over weighted fields if `value` (normalised) moves a -> b. */
  const lumpWorst = (a: number, b: number, value: Float64Array | null): number => {
    let worst = 0;
    for (let f = 0; f < F; f++) {
      if (!(fieldWeights[f]! > 0)) continue;
      const v = value ? value[f]! : 0;
      worst = Math.max(worst, dev(a, f, -v), dev(b, f, v));
    }
    return worst;
  };
  const touches = (u: number, t: number, except = -1): boolean => {
    for (let i = adjacency.start[u]!; i < adjacency.start[u + 1]!; i++) {
      const v = adjacency.unit[i]!;
      if (v !== except && territoryOf[v] === t) return true;
    }
    return false;
  };
  const neighbourTerritories = (u: number): number[] => {
    const list: number[] = [];
    for (let i = adjacency.start[u]!; i < adjacency.start[u + 1]!; i++) {
      const t = territoryOf[adjacency.unit[i]!]!;
      if (t >= 0 && t !== territoryOf[u] && polished[t] && !list.includes(t)) list.push(t);
    }
    return list;
  };
  let taken = 0;
  for (let pass = 0; pass < PASSES; pass++) {
    let changed = 0;
    for (const u of members) {
      part.stopIfCancelled();
      const a = territoryOf[u]!;
      if (part.core[a]! <= 1) continue;
      for (const b of neighbourTerritories(u)) {
        const now = pairWorst(a, b, -1, -1);
        if (pairWorst(a, b, u, -1) < now - 1e-12 && part.search.canRemove(u)) {
          part.apply(u, b);
          changed++;
          break;
        }
        if (members.length > SWAP_MAX_UNITS) continue;
        // Swap: u goes to b and a border unit v of b comes back to a.
        let best = now - 1e-12;
        let bestV = -1;
        for (const v of members) {
          if (territoryOf[v] !== b || v === u || part.core[b]! <= 1) continue;
          const w = pairWorst(a, b, u, v);
          if (w < best && touches(v, a, u)) {
            best = w;
            bestV = v;
          }
        }
        if (bestV < 0 || !part.search.canRemove(u)) continue;
        part.apply(u, b);
        if (touches(bestV, a) && part.search.canRemove(bestV)) {
          part.apply(bestV, a);
          changed++;
          break;
        }
        part.apply(u, a);
        part.moves -= 2;
      }
    }
    for (const lump of lumps) {
      const a = territoryOf[lump.units[0]!]!;
      if (a < 0 || !polished[a]) continue;
      let best = -1;
      let bestWorst = Infinity;
      for (const b of lump.candidates) {
        if (b === a || !polished[b]) continue;
        const now = lumpWorst(a, b, null);
        const after = lumpWorst(a, b, lump.value);
        if (after < now - 1e-12 && after < bestWorst) {
          bestWorst = after;
          best = b;
        }
      }
      if (best >= 0) {
        part.moveLump(lump, best);
        changed++;
      }
    }
    taken += changed;
    if (changed === 0) break;
  }
  return taken;
}
