/**
 * Sea groups: adjacency components (landmasses, islands) that lie within `SEA_REACH_KM` of each
 * other, chained. An island group without a territory of its own is attached to a territory homed
 * in its own sea group (Alaska's islands to Alaska or the mainland, Hawaii's islands to Hawaii);
 * only a sea group that hosts no territory at all (an uninhabited or tiny remote island) may join
 * the nearest territory anywhere. This is the plan rule the component lower bound
 * (lower-bound.ts, `seaGroupLowerBound`) relies on: territories never carry weight from one sea group
 * to a territory homed in another, so Hawaii's population must be shared by Hawaii's territories.
 */

/**
 * Largest straight-line gap (km, between the nearest units of two components) that one territory
 * may bridge with an island piece. 1,200 km links south-east Alaska to Washington (~900 km) but keeps
 * Hawaii (~3,800 km from California) and Puerto Rico (~1,600 km from Florida) on their own.
 */
export const SEA_REACH_KM = 1200;
/** Above this many distance evaluations the large component is sampled (every n-th unit). */
const WORK_LIMIT = 6e7;

export interface SeaGroups {
  /** Sea group index per component. */
  groupOf: Int32Array;
  count: number;
}

/**
 * @param compOf component index per unit (-1 = not in the pool)
 * @param compCount number of components
 * @param xyz unit positions, earth-centred km (U x 3)
 */
export function seaGroups(compOf: Int32Array, compCount: number, xyz: Float64Array): SeaGroups {
  const parent = Int32Array.from({ length: compCount }, (_, c) => c);
  const find = (c: number): number => {
    while (parent[c] !== c) {
      parent[c] = parent[parent[c]!]!;
      c = parent[c]!;
    }
    return c;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    // The smaller index becomes the root, so the result does not depend on the order of unions.
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  if (compCount > 1) {
    const members: number[][] = Array.from({ length: compCount }, () => []);
    compOf.forEach((c, u) => {
      if (c >= 0) members[c]!.push(u);
    });
    // Every pair of components needs at least one side small: compare each unit outside the
    // largest component with every unit of the other components (the largest one sampled when
    // that would be too much work; the rule stays one deterministic function of the layer).
    let largest = 0;
    for (let c = 1; c < compCount; c++) if (members[c]!.length > members[largest]!.length) largest = c;
    const outside = compOf.reduce((n, c) => n + (c >= 0 && c !== largest ? 1 : 0), 0);
    const inPool = compOf.reduce((n, c) => n + (c >= 0 ? 1 : 0), 0);
    const stride = Math.max(1, Math.ceil((outside * inPool) / WORK_LIMIT));
    const reach2 = SEA_REACH_KM * SEA_REACH_KM;
    for (let c = 0; c < compCount; c++) {
      if (c === largest) continue;
      for (let d = 0; d < compCount; d++) {
        if (d === c || (d !== largest && d < c) || find(c) === find(d)) continue;
        const step = d === largest ? stride : 1;
        if (withinReach(members[c]!, members[d]!, step, xyz, reach2)) union(c, d);
      }
    }
  }
  const roots = new Map<number, number>();
  const groupOf = new Int32Array(compCount);
  for (let c = 0; c < compCount; c++) {
    const r = find(c);
    if (!roots.has(r)) roots.set(r, roots.size);
    groupOf[c] = roots.get(r)!;
  }
  return { groupOf, count: roots.size };
}

function withinReach(a: readonly number[], b: readonly number[], step: number, xyz: Float64Array, reach2: number): boolean {
  for (const u of a) {
    const x = xyz[3 * u]!;
    const y = xyz[3 * u + 1]!;
    const z = xyz[3 * u + 2]!;
    for (let i = 0; i < b.length; i += step) {
      const v = b[i]!;
      if ((xyz[3 * v]! - x) ** 2 + (xyz[3 * v + 1]! - y) ** 2 + (xyz[3 * v + 2]! - z) ** 2 <= reach2) return true;
    }
  }
  return false;
}
