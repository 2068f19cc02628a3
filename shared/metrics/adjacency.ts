/**
 * Adjacency used for contiguity. By default it is the rook adjacency of shared topology arcs
 * (unit-geometry.ts); callers may pass their own lists (store-agnostic), and an optional rule adds
 * pairs of units whose boundaries come within N km of each other (a ferry-linked island, a unit
 * across a narrow bay) without changing perimeters.
 */
import { EARTH_RADIUS_KM, haversineKm, toUnitVector } from './geodesy.ts';
import { adjacencyFromPairs, type Adjacency, type UnitGeometry } from './unit-geometry.ts';

/** CSR adjacency from neighbour lists by unit index (symmetrised, self-loops and duplicates dropped). */
export function adjacencyFromLists(lists: readonly (readonly number[])[]): Adjacency {
  const count = lists.length;
  const pairs = new Map<number, number>();
  lists.forEach((list, u) => {
    for (const v of list) if (v !== u && v >= 0 && v < count) pairs.set(u < v ? u * count + v : v * count + u, 0);
  });
  return adjacencyFromPairs(count, pairs);
}

/**
 * `base` plus every pair of units with boundary points (points of arcs no other unit shares)
 * within `km` kilometres great-circle distance. Points are bucketed in a 3D grid of unit vectors
 * with cell size = km, so the cost is linear in the number of boundary points for small km.
 */
export function withDistanceRule(base: Adjacency, geometry: UnitGeometry, km: number): Adjacency {
  const count = geometry.count;
  const pairs = new Map<number, number>();
  for (let u = 0; u < count; u++) {
    for (let i = base.start[u]!; i < base.start[u + 1]!; i++) {
      const v = base.unit[i]!;
      if (u < v) pairs.set(u * count + v, base.sharedKm[i]!);
    }
  }
  if (!(km > 0)) return adjacencyFromPairs(count, pairs);
  const cell = km / EARTH_RADIUS_KM;
  const grid = new Map<string, number[]>();
  const n = geometry.edge.length / 2;
  const owner = new Int32Array(n);
  for (let u = 0; u < count; u++) owner.fill(u, geometry.edgeStart[u]!, geometry.edgeStart[u + 1]!);
  const xyz = new Float64Array(3);
  const cellOf = (p: number): [number, number, number] => {
    toUnitVector(geometry.edge[2 * p]!, geometry.edge[2 * p + 1]!, xyz, 0);
    return [Math.floor(xyz[0]! / cell), Math.floor(xyz[1]! / cell), Math.floor(xyz[2]! / cell)];
  };
  const cells = Array.from({ length: n }, (_, p) => cellOf(p));
  cells.forEach(([x, y, z], p) => {
    const key = `${x},${y},${z}`;
    const list = grid.get(key);
    if (list) list.push(p);
    else grid.set(key, [p]);
  });
  for (let p = 0; p < n; p++) {
    const u = owner[p]!;
    const [x, y, z] = cells[p]!;
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (let dz = -1; dz <= 1; dz++) {
          for (const q of grid.get(`${x + dx},${y + dy},${z + dz}`) ?? []) {
            const v = owner[q]!;
            if (v <= u) continue;
            const key = u * count + v;
            if (pairs.has(key)) continue;
            const d = haversineKm(geometry.edge[2 * p]!, geometry.edge[2 * p + 1]!, geometry.edge[2 * q]!, geometry.edge[2 * q + 1]!);
            if (d <= km) pairs.set(key, 0);
          }
        }
  }
  return adjacencyFromPairs(count, pairs);
}
