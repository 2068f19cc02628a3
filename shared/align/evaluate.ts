/**
 * Figures of a finished plan: deviations per field, pieces and the pieces geography and locks
 * force, units moved against the source plan.
 */
import type { AlignAdjacency, AlignProblem } from './types.ts';
import type { Territory } from '../model/project.ts';

/**
 * Pieces each territory cannot avoid: the number of connected components, in the graph of units
 * not pinned to another territory, that hold some of its units. Islands attached to a territory
 * and pinned units cut off by other territories' locked units count here.
 */
export function forcedPieces(adjacency: AlignAdjacency, territoryOf: Int32Array, pinned: Int32Array, T: number): Int32Array {
  const U = territoryOf.length;
  const forced = new Int32Array(T);
  const anyPinned = pinned.some((p) => p >= 0);
  const stamp = new Int32Array(U).fill(-1);
  const queue = new Int32Array(U);
  const search = (seed: number, t: number, mark: number): void => {
    let head = 0;
    let tail = 0;
    queue[tail++] = seed;
    stamp[seed] = mark;
    while (head < tail) {
      const v = queue[head++]!;
      for (let i = adjacency.start[v]!; i < adjacency.start[v + 1]!; i++) {
        const w = adjacency.unit[i]!;
        if (stamp[w] === mark) continue;
        if (t >= 0 && pinned[w]! >= 0 && pinned[w] !== t) continue;
        stamp[w] = mark;
        queue[tail++] = w;
      }
    }
  };
  if (!anyPinned) {
    // Plain components; a territory's forced pieces = components it touches.
    let n = 0;
    for (let u = 0; u < U; u++) if (stamp[u] === -1) search(u, -1, n++);
    const seen = new Set<number>();
    for (let u = 0; u < U; u++) {
      const t = territoryOf[u]!;
      if (t < 0) continue;
      const key = t * n + stamp[u]!;
      if (!seen.has(key)) {
        seen.add(key);
        forced[t]!++;
      }
    }
    return forced;
  }
  // Each territory searches with its own mark, so its searches never see another's stamps.
  const members: number[][] = Array.from({ length: T }, () => []);
  territoryOf.forEach((t, u) => {
    if (t >= 0) members[t]!.push(u);
  });
  stamp.fill(-1);
  for (let t = 0; t < T; t++) {
    for (const u of members[t]!) {
      if (stamp[u] === t) continue;
      forced[t]!++;
      search(u, t, t);
    }
  }
  return forced;
}

/** Units whose rep (or territory id, where either side has no rep) differs, with what moved. */
export function movedUnits(
  problem: AlignProblem,
  territories: readonly Territory[],
  territoryOf: Int32Array,
): { unitId: string; from: string | null; to: string | null; u: number }[] {
  const moved: { unitId: string; from: string | null; to: string | null; u: number }[] = [];
  for (let u = 0; u < territoryOf.length; u++) {
    const a = problem.assignment[u]!;
    const b = territoryOf[u]!;
    const from = a >= 0 ? problem.territories[a]! : null;
    const to = b >= 0 ? territories[b]! : null;
    const same = from && to ? (from.repId && to.repId ? from.repId === to.repId : from.id === to.id) : from === to;
    if (!same) moved.push({ unitId: problem.unitIds[u]!, from: from?.id ?? null, to: to?.id ?? null, u });
  }
  return moved;
}
