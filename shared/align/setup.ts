/**
 * Turns an AlignProblem and options into the optimizer's starting state: which territories exist
 * and are optimized, which units may move, normalised amounts, the starting plan (built from
 * scratch in generate mode, the source plan in rebalance mode) and the island groups.
 */
import { UserError } from '../errors.ts';
import type { Territory } from '../model/project.ts';
import { allocateBySeaGroup } from './allocate.ts';
import { bisect, fill, grow, repair } from './construct.ts';
import { componentsWithin } from './graph.ts';
import { territoryColor, territoryIds } from './palette.ts';
import type { Lump } from './partition.ts';
import { seaGroups } from './sea-groups.ts';
import type { AlignOptions, AlignProblem } from './types.ts';

const EARTH_RADIUS_KM = 6371.0088;
/** Share of the construction weight spread evenly over units, so empty land still splits by area. */
const AREA_SHARE = 0.05;
/** Territories an island group may join (nearest first). */
const LUMP_CANDIDATES = 6;

export interface AlignSetup {
  territories: Territory[];
  territoryOf: Int32Array;
  optimized: Uint8Array;
  movable: Uint8Array;
  /** Territory a unit is bound to whatever happens (locks), else -1. */
  pinned: Int32Array;
  /** Raw amount per field that one optimized territory should hold. */
  target: Float64Array;
  fieldWeights: Float64Array;
  values: Float64Array;
  xyz: Float64Array;
  anchors: Float64Array | null;
  lumps: Lump[];
  /** Units the optimized territories share (for the lower bound), and their count K. */
  pool: Int32Array;
  k: number;
  /** Component weight / territories per hosting component, per field (for the component bound). */
  componentMeans: Float64Array[];
  /** Index into componentMeans of each territory's home landmass, -1 for kept (locked) ones. */
  homeComponent: Int32Array;
  /**
   * Generate mode: adjacency component per unit of the pool (-1 outside) and sea group per
   * component (sea-groups.ts), for the component lower bound; null in rebalance mode, where the
   * source plan need not follow the sea-group rule.
   */
  seaGroups: { compOf: Int32Array; groupOf: Int32Array; count: number } | null;
}

/** Earth-centred xyz (km) of lon/lat points; unknown points get the mean of the known ones. */
export function toXyz(centroid: Float64Array): Float64Array {
  const U = centroid.length / 2;
  const xyz = new Float64Array(U * 3);
  const mean = [0, 0, 0];
  let known = 0;
  const RAD = Math.PI / 180;
  for (let u = 0; u < U; u++) {
    const lon = centroid[2 * u]! * RAD;
    const lat = centroid[2 * u + 1]! * RAD;
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
      xyz[3 * u] = Number.NaN;
      continue;
    }
    xyz[3 * u] = EARTH_RADIUS_KM * Math.cos(lat) * Math.cos(lon);
    xyz[3 * u + 1] = EARTH_RADIUS_KM * Math.cos(lat) * Math.sin(lon);
    xyz[3 * u + 2] = EARTH_RADIUS_KM * Math.sin(lat);
    for (let c = 0; c < 3; c++) mean[c]! += xyz[3 * u + c]!;
    known++;
  }
  for (let u = 0; u < U; u++) {
    if (Number.isNaN(xyz[3 * u])) for (let c = 0; c < 3; c++) xyz[3 * u + c] = known ? mean[c]! / known : 0;
  }
  return xyz;
}

function pointXyz(lon: number, lat: number): [number, number, number] {
  const RAD = Math.PI / 180;
  return [
    EARTH_RADIUS_KM * Math.cos(lat * RAD) * Math.cos(lon * RAD),
    EARTH_RADIUS_KM * Math.cos(lat * RAD) * Math.sin(lon * RAD),
    EARTH_RADIUS_KM * Math.sin(lat * RAD),
  ];
}

/** Normalise amounts by the target of the pool's K territories; fields with nothing get weight 0. */
function normalise(problem: AlignProblem, pool: Int32Array, k: number) {
  const F = problem.fields.length;
  const total = new Float64Array(F);
  for (const u of pool) for (let f = 0; f < F; f++) total[f]! += problem.values[u * F + f]!;
  const target = total.map((t) => t / k);
  const fieldWeights = new Float64Array(F);
  problem.fields.forEach((b, f) => (fieldWeights[f] = target[f]! > 0 ? Math.max(0, b.weight) : 0));
  const sum = fieldWeights.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) {
    throw new UserError(`Nothing to balance: ${problem.fields.map((b) => b.field).join(', ')} add up to zero over the units to plan.`);
  }
  for (let f = 0; f < F; f++) fieldWeights[f]! /= sum;
  const values = new Float64Array(problem.values.length);
  for (let i = 0; i < values.length; i++) {
    const t = target[i % F]!;
    values[i] = t > 0 ? problem.values[i]! / t : 0;
  }
  return { target, fieldWeights, values };
}

export function rebalanceSetup(problem: AlignProblem): AlignSetup {
  const U = problem.unitIds.length;
  const territories = problem.territories.map((t) => ({ ...t }));
  const optimized = Uint8Array.from(territories, (t) => (t.locked ? 0 : 1));
  const k = optimized.reduce((a, b) => a + b, 0);
  if (k === 0) throw new UserError('Every territory of the plan is locked: there is nothing to rebalance.');
  const territoryOf = problem.assignment.slice();
  const movable = new Uint8Array(U);
  const pinned = new Int32Array(U).fill(-1);
  const poolList: number[] = [];
  for (let u = 0; u < U; u++) {
    const t = territoryOf[u]!;
    if (t < 0) continue;
    if (optimized[t]) poolList.push(u);
    if (optimized[t] && !problem.lockedUnits[u]) movable[u] = 1;
    else pinned[u] = t;
  }
  const pool = Int32Array.from(poolList);
  const { target, fieldWeights, values } = normalise(problem, pool, k);
  const xyz = toXyz(problem.centroid);
  return {
    territories,
    territoryOf,
    optimized,
    movable,
    pinned,
    target,
    fieldWeights,
    values,
    xyz,
    anchors: null,
    lumps: islandPieces(problem, territoryOf, optimized, movable, values, xyz),
    pool,
    k,
    componentMeans: [],
    homeComponent: new Int32Array(territories.length).fill(-1),
    seaGroups: null,
  };
}

/** Largest island piece (units) the rebalance may hand to another territory as a whole. */
const ISLAND_PIECE_MAX_UNITS = 200;

/**
 * Rebalance: island pieces of the source plan (adjacency components held whole by one optimized
 * territory that are not its largest piece: Hawaii's counties attached to a Californian territory)
 * become lumps that may move whole to one of the nearest territories; otherwise, having no
 * neighbours, they could never move and a territory holding them could stay out of tolerance.
 * Their units are no longer single-unit movable.
 */
function islandPieces(
  problem: AlignProblem,
  territoryOf: Int32Array,
  optimized: Uint8Array,
  movable: Uint8Array,
  values: Float64Array,
  xyz: Float64Array,
): Lump[] {
  const U = territoryOf.length;
  const F = problem.fields.length;
  const T = optimized.length;
  const comp = componentsWithin(problem.adjacency, movable);
  const owner = new Int32Array(comp.count).fill(-2);
  const size = new Int32Array(comp.count);
  for (let u = 0; u < U; u++) {
    const c = comp.of[u]!;
    if (c < 0) continue;
    size[c]!++;
    const t = territoryOf[u]!;
    owner[c] = owner[c] === -2 || owner[c] === t ? t : -1;
  }
  // Each territory's largest whole-held component stays its home piece.
  const home = new Int32Array(T).fill(-1);
  for (let c = 0; c < comp.count; c++) {
    const t = owner[c]!;
    if (t >= 0 && (home[t]! < 0 || size[c]! > size[home[t]!]!)) home[t] = c;
  }
  // Territories that share a component with others have their home there.
  for (let u = 0; u < U; u++) {
    const c = comp.of[u]!;
    if (c >= 0 && owner[c] === -1) home[territoryOf[u]!] = -2;
  }
  const centre = territoryCentres(territoryOf, xyz, T, null);
  const members: number[][] = Array.from({ length: comp.count }, () => []);
  for (let u = 0; u < U; u++) if (comp.of[u]! >= 0) members[comp.of[u]!]!.push(u);
  const lumps: Lump[] = [];
  for (let c = 0; c < comp.count; c++) {
    const t = owner[c]!;
    if (t < 0 || !optimized[t] || home[t] === c || size[c]! > ISLAND_PIECE_MAX_UNITS) continue;
    const list = members[c]!;
    const value = new Float64Array(F);
    const p = new Float64Array(3);
    for (const u of list) {
      for (let f = 0; f < F; f++) value[f]! += values[u * F + f]!;
      for (let d = 0; d < 3; d++) p[d]! += xyz[3 * u + d]! / list.length;
    }
    const candidates = Int32Array.from({ length: T }, (_, i) => i)
      .filter((i) => optimized[i] === 1)
      .sort((a, b) => dist2(p, centre, a) - dist2(p, centre, b) || a - b)
      .slice(0, LUMP_CANDIDATES);
    for (const u of list) movable[u] = 0;
    lumps.push({ units: Int32Array.from(list), value, xyz: p, candidates });
  }
  return lumps;
}

/** `turn` (0..1) rotates the bisection's cut directions, giving restarts a different start. */
export function generateSetup(problem: AlignProblem, options: AlignOptions, turn = 0): AlignSetup {
  const U = problem.unitIds.length;
  const F = problem.fields.length;
  const locked = problem.territories.flatMap((t, i) => (t.locked ? [i] : []));
  const territories: Territory[] = locked.map((i) => ({ ...problem.territories[i]! }));
  const lockedIndex = new Map(locked.map((i, j) => [i, j]));
  const territoryOf = new Int32Array(U).fill(-1);
  const pinned = new Int32Array(U).fill(-1);
  const free = new Uint8Array(U);
  for (let u = 0; u < U; u++) {
    const j = lockedIndex.get(problem.assignment[u]!);
    if (j !== undefined) {
      territoryOf[u] = j;
      pinned[u] = j;
    } else if (problem.lockedUnits[u]) {
      throw new UserError(
        `Unit "${problem.unitIds[u]}" is locked but its territory is not: a new plan cannot keep it in place. ` +
          'Lock its territory, or rebalance the existing plan instead.',
      );
    } else free[u] = 1;
  }
  const reps = options.useReps ? problem.reps : [];
  const k = options.useReps ? reps.length : Math.floor(options.territories ?? 0);
  if (options.useReps && k === 0) throw new UserError('The project has no reps to build territories around.');
  if (!(k >= 1)) throw new UserError('Give the number of territories to create (at least 1), or use the reps.');
  const pool = Int32Array.from({ length: U }, (_, u) => u).filter((u) => free[u] === 1);
  if (pool.length < k) throw new UserError(`Only ${pool.length} units are free to plan: too few for ${k} territories.`);
  const { target, fieldWeights, values } = normalise(problem, pool, k);
  const xyz = toXyz(problem.centroid);

  const first = territories.length;
  const ids = territoryIds(k, new Set(territories.map((t) => t.id)));
  for (let i = 0; i < k; i++) {
    const rep = reps[i];
    territories.push({
      id: ids[i]!,
      name: rep ? rep.home || rep.name : `Territory ${i + 1}`,
      color: territoryColor(i),
      repId: rep ? rep.id : null,
      locked: false,
    });
  }
  const T = territories.length;
  const optimized = new Uint8Array(T).fill(1, first);

  // Composite construction weight, in territory targets (a territory should get about 1).
  const weight = new Float64Array(U);
  for (const u of pool) {
    let w = 0;
    for (let f = 0; f < F; f++) w += fieldWeights[f]! * values[u * F + f]!;
    weight[u] = (1 - AREA_SHARE) * w + (AREA_SHARE * k) / pool.length;
  }

  const comp = componentsWithin(problem.adjacency, free);
  const compUnits: number[][] = Array.from({ length: comp.count }, () => []);
  for (const u of pool) compUnits[comp.of[u]!]!.push(u);
  const compWeight = compUnits.map((list) => list.reduce((s, u) => s + weight[u]!, 0));
  const groups = seaGroups(comp.of, comp.count, xyz);

  const anchors = reps.length ? new Float64Array(T * 3) : null;
  let alloc: number[];
  const seeds = new Int32Array(T).fill(-1);
  // Reps: the first run grows territories from the reps' homes; restarts bisect by weight and then
  // give each territory the nearest free rep (better balance when homes are unevenly spread).
  const growFromReps = reps.length > 0 && turn === 0;
  if (growFromReps) {
    // Each rep's territory starts at the free unit nearest to the rep's home.
    const taken = new Uint8Array(U);
    alloc = new Array<number>(comp.count).fill(0);
    reps.forEach((rep, i) => {
      const [x, y, z] = pointXyz(rep.location[0], rep.location[1]);
      anchors!.set([x, y, z], 3 * (first + i));
      let best = -1;
      let bestD = Infinity;
      for (const u of pool) {
        if (taken[u]) continue;
        const d = (xyz[3 * u]! - x) ** 2 + (xyz[3 * u + 1]! - y) ** 2 + (xyz[3 * u + 2]! - z) ** 2;
        if (d < bestD) {
          bestD = d;
          best = u;
        }
      }
      taken[best] = 1;
      seeds[first + i] = best;
      alloc[comp.of[best]!]!++;
    });
  } else {
    alloc = allocateBySeaGroup(
      compWeight,
      compUnits.map((l) => l.length),
      groups.groupOf,
      groups.count,
      k,
    );
  }

  const hosting = new Uint8Array(U);
  for (const u of pool) if (alloc[comp.of[u]!]! > 0) hosting[u] = 1;
  const load = new Float64Array(T);
  if (growFromReps) {
    grow(problem.adjacency, territoryOf, hosting, seeds, anchors!, xyz, weight, load);
  } else {
    let next = first;
    compUnits.forEach((list, c) => {
      const kc = alloc[c]!;
      if (kc === 0) return;
      bisect(Int32Array.from(list), kc, next, { values, fieldWeights, weight, turn }, xyz, territoryOf);
      next += kc;
    });
    repair(problem.adjacency, territoryOf, optimized, hosting, weight);
    for (let u = 0; u < U; u++) if (territoryOf[u]! >= first) load[territoryOf[u]!]! += weight[u]!;
  }
  fill(problem.adjacency, territoryOf, optimized, hosting, weight, load);
  if (reps.length && !growFromReps) matchReps(reps, territoryOf, xyz, first, anchors!);

  const componentMeans: Float64Array[] = [];
  const slotOf = new Map<number, number>();
  compUnits.forEach((list, c) => {
    if (alloc[c]! === 0) return;
    slotOf.set(c, componentMeans.length);
    const mean = new Float64Array(F);
    for (const u of list) for (let f = 0; f < F; f++) mean[f]! += values[u * F + f]!;
    componentMeans.push(mean.map((m) => m / alloc[c]!));
  });

  // Island groups: components without a territory, attached whole to the nearest territory of
  // their own sea group (anywhere when the sea group hosts none) — the rule the bound relies on.
  const centre = territoryCentres(territoryOf, xyz, T, anchors);
  const homeGroup = new Int32Array(T).fill(-1);
  const groupHosts = new Uint8Array(groups.count);
  for (const u of pool) {
    const t = territoryOf[u]!;
    if (hosting[u] && t >= first) {
      homeGroup[t] = groups.groupOf[comp.of[u]!]!;
      groupHosts[homeGroup[t]!] = 1;
    }
  }
  const lumps: Lump[] = [];
  compUnits.forEach((list, c) => {
    if (alloc[c]! > 0 || list.length === 0) return;
    const value = new Float64Array(F);
    const p = new Float64Array(3);
    for (const u of list) {
      for (let f = 0; f < F; f++) value[f]! += values[u * F + f]!;
      for (let d = 0; d < 3; d++) p[d]! += xyz[3 * u + d]! / list.length;
    }
    const g = groups.groupOf[c]!;
    const candidates = Int32Array.from({ length: T - first }, (_, i) => first + i)
      .filter((t) => !groupHosts[g] || homeGroup[t] === g)
      .sort((a, b) => dist2(p, centre, a) - dist2(p, centre, b) || a - b)
      .slice(0, LUMP_CANDIDATES);
    const lump: Lump = { units: Int32Array.from(list), value, xyz: p, candidates };
    for (const u of list) territoryOf[u] = candidates[0]!;
    lumps.push(lump);
  });

  const movable = new Uint8Array(U);
  for (const u of pool) if (hosting[u]) movable[u] = 1;
  const homeComponent = new Int32Array(T).fill(-1);
  for (const u of pool) {
    const t = territoryOf[u]!;
    if (hosting[u] && t >= first) homeComponent[t] = slotOf.get(comp.of[u]!) ?? -1;
  }
  return {
    territories,
    territoryOf,
    optimized,
    movable,
    pinned,
    target,
    fieldWeights,
    values,
    xyz,
    anchors,
    lumps,
    pool,
    k,
    componentMeans,
    homeComponent,
    seaGroups: { compOf: comp.of, groupOf: groups.groupOf, count: groups.count },
  };
}

/**
 * Renumber territories first.. so that territory first+i goes to rep i: pairs (rep, territory) are
 * taken nearest first (rep home to territory centre). Sets the anchors to the rep homes.
 */
function matchReps(reps: AlignProblem['reps'], territoryOf: Int32Array, xyz: Float64Array, first: number, anchors: Float64Array): void {
  const k = reps.length;
  const T = first + k;
  const centre = territoryCentres(territoryOf, xyz, T, null);
  const homes = reps.map((r) => pointXyz(r.location[0], r.location[1]));
  const pairs: [number, number, number][] = [];
  homes.forEach((h, i) => {
    for (let t = first; t < T; t++) {
      pairs.push([(h[0] - centre[3 * t]!) ** 2 + (h[1] - centre[3 * t + 1]!) ** 2 + (h[2] - centre[3 * t + 2]!) ** 2, i, t]);
    }
  });
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  const repOfTerritory = new Int32Array(T).fill(-1);
  const used = new Uint8Array(k);
  for (const [, i, t] of pairs) {
    if (used[i] || repOfTerritory[t]! >= 0) continue;
    used[i] = 1;
    repOfTerritory[t] = i;
  }
  for (let u = 0; u < territoryOf.length; u++) {
    const t = territoryOf[u]!;
    if (t >= first) territoryOf[u] = first + repOfTerritory[t]!;
  }
  homes.forEach((h, i) => anchors.set(h, 3 * (first + i)));
}

function territoryCentres(territoryOf: Int32Array, xyz: Float64Array, T: number, anchors: Float64Array | null): Float64Array {
  if (anchors) return anchors;
  const c = new Float64Array(T * 3);
  const n = new Float64Array(T);
  territoryOf.forEach((t, u) => {
    if (t < 0) return;
    n[t]!++;
    for (let d = 0; d < 3; d++) c[3 * t + d]! += xyz[3 * u + d]!;
  });
  for (let t = 0; t < T; t++) if (n[t]! > 0) for (let d = 0; d < 3; d++) c[3 * t + d]! /= n[t]!;
  return c;
}

function dist2(p: Float64Array, centre: Float64Array, t: number): number {
  return (p[0]! - centre[3 * t]!) ** 2 + (p[1]! - centre[3 * t + 1]!) ** 2 + (p[2]! - centre[3 * t + 2]!) ** 2;
}
