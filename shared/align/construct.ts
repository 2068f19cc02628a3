/**
 * Starting plans for the local search, all contiguous by construction:
 * - `bisect`: recursive weighted bisection of unit positions along their principal axis into k
 *   parts of equal weight (proportional to the territories on each side), then `repair` keeps
 *   each part's heaviest connected piece and `fill` grows parts into the units left over;
 * - `grow`: region growing from seed units (rep homes), always extending the lightest territory
 *   by its frontier unit nearest to its anchor.
 * Weights are composite (weighted normalised balance fields) plus a small per-unit share, so that
 * empty country still splits by area.
 */
import type { AlignAdjacency } from './types.ts';
import { MinHeap } from './heap.ts';

/** Per-unit amounts the bisection balances: normalised fields plus the composite weight. */
export interface BisectFields {
  /** U x F normalised amounts. */
  values: Float64Array;
  fieldWeights: Float64Array;
  /** Composite construction weight per unit. */
  weight: Float64Array;
  /** Offset of the tried cut directions, as a fraction of the angle between two of them. */
  turn: number;
}

/** Cut directions tried at each level, as angles from the principal axis. */
const DIRECTIONS = 8;
/** Cost, in territory targets of error, of cutting across the principal axis instead of along it. */
const DIRECTION_PENALTY = 0.02;

/**
 * Assign `units` to territories `first .. first+k-1` by recursive bisection. At each level the cut
 * is tried across several directions around the principal axis, and the cut whose two sides come
 * closest to the k1 : k2 share on every weighted field wins (a slight preference keeps cuts across
 * the long axis, for compact parts).
 * @param xyz unit positions, earth-centred km (U x 3)
 */
export function bisect(units: Int32Array, k: number, first: number, fields: BisectFields, xyz: Float64Array, out: Int32Array): void {
  if (k <= 1 || units.length <= 1) {
    for (const u of units) out[u] = first;
    return;
  }
  const k1 = Math.floor(k / 2);
  const F = fields.fieldWeights.length;
  const [p1, p2] = principalAxes(units, xyz);
  const totals = new Float64Array(F + 1);
  for (const u of units) {
    for (let f = 0; f < F; f++) totals[f]! += fields.values[u * F + f]!;
    totals[F]! += fields.weight[u]!;
  }
  const active: number[] = [];
  for (let f = 0; f < F; f++) if (fields.fieldWeights[f]! > 0 && totals[f]! > 0) active.push(f);
  const share = k1 / k;
  let best: { error: number; order: number[]; cut: number } | null = null;
  const key = new Float64Array(units.length);
  const cum = new Float64Array(F + 1);
  for (let d = 0; d < DIRECTIONS; d++) {
    const angle = (Math.PI * (d + fields.turn)) / DIRECTIONS;
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    const ax = c * p1[0]! + s * p2[0]!;
    const ay = c * p1[1]! + s * p2[1]!;
    const az = c * p1[2]! + s * p2[2]!;
    units.forEach((u, i) => (key[i] = xyz[3 * u]! * ax + xyz[3 * u + 1]! * ay + xyz[3 * u + 2]! * az));
    const order = Array.from(units.keys()).sort((a, b) => key[a]! - key[b]! || units[a]! - units[b]!);
    cum.fill(0);
    // Each side needs at least one unit per territory.
    let bestCut = k1;
    let bestError = Infinity;
    for (let i = 0; i < order.length - (k - k1); i++) {
      const u = units[order[i]!]!;
      for (let f = 0; f < F; f++) cum[f]! += fields.values[u * F + f]!;
      cum[F]! += fields.weight[u]!;
      if (i + 1 < k1) continue;
      // Error in territory targets: how far the left side is from k1 territories' worth.
      let error = 0;
      if (active.length === 0) error = Math.abs(cum[F]! - share * totals[F]!) / (totals[F]! / k);
      for (const f of active) error = Math.max(error, Math.abs(cum[f]! - share * totals[f]!) / (totals[f]! / k));
      if (error < bestError) {
        bestError = error;
        bestCut = i + 1;
      }
    }
    const penalised = bestError + DIRECTION_PENALTY * Math.abs(s);
    if (!best || penalised < best.error) best = { error: penalised, order, cut: bestCut };
  }
  const { order, cut } = best!;
  const left = Int32Array.from(order.slice(0, cut), (i) => units[i]!);
  const right = Int32Array.from(order.slice(cut), (i) => units[i]!);
  bisect(left, k1, first, fields, xyz, out);
  bisect(right, k - k1, first + k1, fields, xyz, out);
}

/** The two directions of largest spread of the unit positions (power iteration with deflation). */
function principalAxes(units: Int32Array, xyz: Float64Array): [Float64Array, Float64Array] {
  const mean = [0, 0, 0];
  for (const u of units) for (let c = 0; c < 3; c++) mean[c]! += xyz[3 * u + c]!;
  for (let c = 0; c < 3; c++) mean[c]! /= units.length;
  const cov = new Float64Array(9);
  for (const u of units) {
    for (let i = 0; i < 3; i++) {
      const di = xyz[3 * u + i]! - mean[i]!;
      for (let j = 0; j < 3; j++) cov[3 * i + j]! += di * (xyz[3 * u + j]! - mean[j]!);
    }
  }
  const power = (start: Float64Array, against: Float64Array | null): Float64Array => {
    let v = start;
    for (let it = 0; it < 60; it++) {
      const w = new Float64Array(3);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) w[i]! += cov[3 * i + j]! * v[j]!;
      if (against) {
        const dot = w[0]! * against[0]! + w[1]! * against[1]! + w[2]! * against[2]!;
        for (let i = 0; i < 3; i++) w[i]! -= dot * against[i]!;
      }
      const n = Math.hypot(w[0]!, w[1]!, w[2]!);
      if (!(n > 0)) break;
      v = w.map((x) => x / n);
    }
    return v;
  };
  const p1 = power(new Float64Array([1, 0.7, 0.4]), null);
  let p2 = power(new Float64Array([-0.3, 1, 0.5]), p1);
  // Degenerate spread (one unit, a line): any direction orthogonal to p1 will do.
  if (Math.abs(p1[0]! * p2[0]! + p1[1]! * p2[1]! + p1[2]! * p2[2]!) > 1e-6) {
    p2 = new Float64Array([p1[1]! - p1[2]!, p1[2]! - p1[0]!, p1[0]! - p1[1]!]);
    const n = Math.hypot(p2[0]!, p2[1]!, p2[2]!) || 1;
    p2 = p2.map((x) => x / n);
  }
  return [p1, p2];
}

/**
 * Keep, for each territory with `optimized[t]`, its heaviest connected piece (the one holding
 * `pinned` units first); unassign (-1) its other units unless `movable[u]` is 0.
 */
export function repair(
  adjacency: AlignAdjacency,
  territoryOf: Int32Array,
  optimized: Uint8Array,
  movable: Uint8Array,
  weight: Float64Array,
): void {
  const U = territoryOf.length;
  const piece = new Int32Array(U).fill(-1);
  const queue = new Int32Array(U);
  const pieceWeight: number[] = [];
  const pieceTerritory: number[] = [];
  const pieceSize: number[] = [];
  for (let s = 0; s < U; s++) {
    const t = territoryOf[s]!;
    if (t < 0 || !optimized[t] || piece[s] !== -1) continue;
    const p = pieceWeight.length;
    let head = 0;
    let tail = 0;
    let w = 0;
    queue[tail++] = s;
    piece[s] = p;
    while (head < tail) {
      const v = queue[head++]!;
      w += weight[v]! + (movable[v] ? 0 : 1e12);
      for (let i = adjacency.start[v]!; i < adjacency.start[v + 1]!; i++) {
        const x = adjacency.unit[i]!;
        if (piece[x] === -1 && territoryOf[x] === t) {
          piece[x] = p;
          queue[tail++] = x;
        }
      }
    }
    pieceWeight.push(w);
    pieceTerritory.push(t);
    pieceSize.push(tail);
  }
  const keep = new Map<number, number>();
  pieceWeight.forEach((w, p) => {
    const t = pieceTerritory[p]!;
    const k = keep.get(t);
    if (k === undefined || w > pieceWeight[k]! || (w === pieceWeight[k] && pieceSize[p]! > pieceSize[k]!)) keep.set(t, p);
  });
  for (let u = 0; u < U; u++) {
    const p = piece[u]!;
    if (p >= 0 && keep.get(pieceTerritory[p]!) !== p && movable[u]) territoryOf[u] = -1;
  }
}

/**
 * Give every unassigned unit reachable from an optimized territory to a neighbouring territory,
 * lightest territory first. `fill` holds the composite load per territory and is updated.
 * Units in `eligible` = 0 are never touched.
 */
export function fill(
  adjacency: AlignAdjacency,
  territoryOf: Int32Array,
  optimized: Uint8Array,
  eligible: Uint8Array,
  weight: Float64Array,
  load: Float64Array,
): void {
  const U = territoryOf.length;
  const heap = new MinHeap();
  const push = (u: number): void => {
    let best = -1;
    for (let i = adjacency.start[u]!; i < adjacency.start[u + 1]!; i++) {
      const t = territoryOf[adjacency.unit[i]!]!;
      if (t >= 0 && optimized[t] && (best < 0 || load[t]! < load[best]! || (load[t] === load[best] && t < best))) best = t;
    }
    if (best >= 0) heap.push(u, load[best]!);
  };
  for (let u = 0; u < U; u++) if (territoryOf[u]! < 0 && eligible[u]) push(u);
  while (heap.size > 0) {
    const key = heap.peekKey();
    const u = heap.pop();
    if (territoryOf[u]! >= 0) continue;
    let best = -1;
    for (let i = adjacency.start[u]!; i < adjacency.start[u + 1]!; i++) {
      const t = territoryOf[adjacency.unit[i]!]!;
      if (t >= 0 && optimized[t] && (best < 0 || load[t]! < load[best]! || (load[t] === load[best] && t < best))) best = t;
    }
    if (best < 0) continue;
    // The lightest neighbour got heavier since u was queued: requeue with the current load.
    if (load[best]! > key) {
      heap.push(u, load[best]!);
      continue;
    }
    territoryOf[u] = best;
    load[best]! += weight[u]!;
    for (let i = adjacency.start[u]!; i < adjacency.start[u + 1]!; i++) {
      const v = adjacency.unit[i]!;
      if (territoryOf[v]! < 0 && eligible[v]) push(v);
    }
  }
}

/**
 * Region growing from one seed unit per territory (`seeds[t]`, all eligible and unassigned):
 * repeatedly the territory with the smallest load takes its unassigned frontier unit nearest to
 * its anchor (`anchors`, T x 3 km).
 */
export function grow(
  adjacency: AlignAdjacency,
  territoryOf: Int32Array,
  eligible: Uint8Array,
  seeds: Int32Array,
  anchors: Float64Array,
  xyz: Float64Array,
  weight: Float64Array,
  load: Float64Array,
): void {
  const T = seeds.length;
  const frontier = Array.from({ length: T }, () => new MinHeap());
  const order = new MinHeap();
  const d2 = (u: number, t: number): number =>
    (xyz[3 * u]! - anchors[3 * t]!) ** 2 + (xyz[3 * u + 1]! - anchors[3 * t + 1]!) ** 2 + (xyz[3 * u + 2]! - anchors[3 * t + 2]!) ** 2;
  const take = (u: number, t: number): void => {
    territoryOf[u] = t;
    load[t]! += weight[u]!;
    for (let i = adjacency.start[u]!; i < adjacency.start[u + 1]!; i++) {
      const v = adjacency.unit[i]!;
      if (territoryOf[v]! < 0 && eligible[v]) frontier[t]!.push(v, d2(v, t));
    }
  };
  for (let t = 0; t < T; t++) {
    const s = seeds[t]!;
    if (s >= 0 && territoryOf[s]! < 0) take(s, t);
  }
  for (let t = 0; t < T; t++) if (frontier[t]!.size > 0) order.push(t, load[t]!);
  while (order.size > 0) {
    const t = order.pop();
    const f = frontier[t]!;
    while (f.size > 0) {
      const u = f.pop();
      if (territoryOf[u]! >= 0) continue;
      take(u, t);
      break;
    }
    if (f.size > 0) order.push(t, load[t]!);
  }
}
