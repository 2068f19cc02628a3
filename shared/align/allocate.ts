/**
 * How many territories each landmass (adjacency component) gets. A territory cannot span two
 * components without an island piece, so territories are shared out in proportion to each
 * component's weight; a component too light for a territory of its own (an island county, a
 * small archipelago) gets none and is later attached whole to a nearby territory, whose
 * mainland part then shrinks to make room.
 */
import { seaGroupAllocation, seaGroupLowerBound, type SeaGroupWeights } from './lower-bound.ts';

/** Cost of an island piece, in territory targets (small: islands are allowed where forced). */
const ISLAND_COST = 0.02;

/**
 * @param weight component weights in territory targets (they sum to about k)
 * @param capacity most territories each component can hold (its unit count)
 * @param k territories to share out
 * @returns territories per component, summing to k (when capacities allow)
 */
export function allocateTerritories(weight: readonly number[], capacity: readonly number[], k: number): number[] {
  const n = weight.length;
  // Attached components' weight spreads over all territories; each hosting component's territories
  // then miss the target by |mean - 1|, summed over its territories.
  // The worst component mean counts first (the plan is judged by its worst territory), the sum next.
  const cost = (alloc: readonly number[]): number => {
    let attached = 0;
    let total = 0;
    let worst = 0;
    for (let c = 0; c < n; c++) if (alloc[c] === 0) attached += weight[c]!;
    for (let c = 0; c < n; c++) {
      const kc = alloc[c]!;
      if (kc > 0) {
        const miss = Math.abs((weight[c]! + (attached * kc) / k) / kc - 1);
        total += kc * miss;
        worst = Math.max(worst, miss);
      } else total += weight[c]! > 1 ? weight[c]! : ISLAND_COST;
    }
    return 100 * worst + total;
  };
  const alloc = weight.map((w, c) => Math.min(capacity[c]!, Math.max(0, Math.floor(w))));
  let sum = alloc.reduce((a, b) => a + b, 0);
  while (sum !== k) {
    const step = sum < k ? 1 : -1;
    let best = -1;
    let bestCost = Infinity;
    for (let c = 0; c < n; c++) {
      const next = alloc[c]! + step;
      if (next < 0 || next > capacity[c]!) continue;
      alloc[c] = next;
      const value = cost(alloc);
      alloc[c] = next - step;
      if (value < bestCost - 1e-12) {
        bestCost = value;
        best = c;
      }
    }
    if (best < 0) break;
    alloc[best]! += step;
    sum += step;
  }
  // Move single territories between components while that lowers the cost.
  for (let round = 0; round < 4 * k + n; round++) {
    const current = cost(alloc);
    let bestGain = 1e-12;
    let move: [number, number] | null = null;
    for (let a = 0; a < n; a++) {
      if (alloc[a]! === 0) continue;
      for (let b = 0; b < n; b++) {
        if (a === b || alloc[b]! >= capacity[b]!) continue;
        alloc[a]!--;
        alloc[b]!++;
        const gain = current - cost(alloc);
        alloc[a]!++;
        alloc[b]!--;
        if (gain > bestGain) {
          bestGain = gain;
          move = [a, b];
        }
      }
    }
    if (!move) break;
    alloc[move[0]]!--;
    alloc[move[1]]!++;
  }
  return alloc;
}

/**
 * Territories per component when components fall into sea groups (sea-groups.ts): first the
 * territories per sea group that minimise the worst deviation the component bound allows
 * (`seaGroupLowerBound` / `seaGroupAllocation`, the same DP that proves the bound, so the plan can
 * reach it), then `allocateTerritories` inside each hosted group.
 * @param groupOf sea group per component
 */
export function allocateBySeaGroup(
  weight: readonly number[],
  capacity: readonly number[],
  groupOf: Int32Array,
  groupCount: number,
  k: number,
): number[] {
  const members: number[][] = Array.from({ length: groupCount }, () => []);
  weight.forEach((_, c) => members[groupOf[c]!]!.push(c));
  const groups: SeaGroupWeights[] = members.map((list) => ({
    components: list.map((c) => weight[c]!),
    capacity: list.reduce((s, c) => s + capacity[c]!, 0),
  }));
  const bound = seaGroupLowerBound(groups, k);
  const perGroup = Number.isFinite(bound) ? seaGroupAllocation(groups, k, bound) : null;
  if (!perGroup) return allocateTerritories(weight, capacity, k);
  const alloc = new Array<number>(weight.length).fill(0);
  members.forEach((list, g) => {
    if (perGroup[g]! === 0) return;
    const inGroup = allocateTerritories(
      list.map((c) => weight[c]!),
      list.map((c) => capacity[c]!),
      perGroup[g]!,
    );
    list.forEach((c, i) => (alloc[c] = inGroup[i]!));
  });
  return alloc;
}
