/**
 * The territory optimizer: builds a balanced, contiguous, compact plan from scratch (or one
 * territory per rep, grown from the reps' homes), or rebalances an existing plan moving as few
 * units as it can. Construction (setup.ts) is followed by a local search over boundary moves that
 * never split a territory (partition.ts), with short annealing kicks when greedy descent stalls
 * (one weighted field; with several, the corridor polish of corridor-polish.ts ends each run).
 * Deterministic for a seed: seeded PRNG, stable orders, sweep counts rather than clocks (unless
 * `timeLimitMs` fires, which the result reports).
 */
import { UserError } from '../errors.ts';
import { ejectionChains } from './eject.ts';
import { forcedPieces, movedUnits } from './evaluate.ts';
import { componentsWithin } from './graph.ts';
import { BOUND_SLACK, indivisibleLowerBound, landmassLowerBound, seaGroupLowerBound, unforcedLowerBound, type SeaGroupWeights } from './lower-bound.ts';
import { minimaxPolish } from './minimax-polish.ts';
import { corridorPolish } from './corridor-polish.ts';
import { Partition } from './partition.ts';
import { createPrng, shuffle } from './prng.ts';
import { recombine, resplitIslandBound } from './recombine.ts';
import { walkIslandBoundSplits } from './split-walk.ts';
import { generateSetup, rebalanceSetup, type AlignSetup } from './setup.ts';
import type { AlignOptions, AlignProblem, AlignResult, AlignStats } from './types.ts';

const DEFAULT_SWEEPS = 300;
/** Generate mode: the hinge starts at this share of the tolerance, keeping a safety margin. */
const BAND = 0.8;
/** Rebalance mode: the hinge starts at this share of the tolerance. */
const REBALANCE_BAND = 0.75;
/** Rebalance mode: pressure while some territory is outside tolerance (none once all are inside). */
const REBALANCE_PRESSURE = 100;
const KICKS = 6;
/** Generate mode: merge-split rounds (recombine.ts) when the search stalls outside tolerance. */
const RECOMBINE_ROUNDS = 2;
/**
 * Rebalance without a disruption limit: merge-split rounds when the search stalls outside
 * tolerance. A territory of few coarse units (the demo's California, +89% at the start) sheds its
 * small border counties first and is left with big ones no single move can balance; each round
 * re-splits it with a neighbour, and the search carries the excess on. Demo counties on
 * potential, seeds 1-12 (up to 3 runs each): 11 of 12 within ±2% with 8 rounds, 10 with 4, 5 with none.
 */
const REBALANCE_RECOMBINE_ROUNDS = 8;
/**
 * Generate mode, several weighted fields: ejection-chain rounds (eject.ts) when the search stalls
 * after recombination and relaxation, before the annealing kicks.
 */
const CHAIN_ROUNDS = 4;
/** Generate mode: construction + search runs at most, while the result is outside tolerance. */
const RESTARTS = 3;
/**
 * Rebalance without a disruption limit: searches of the same plan at most, while the result is
 * outside tolerance (a search from the plan is cheaper than a construction). Demo counties on
 * potential: seeds 1-12 all within ±2% with 8 (11 with 3); the Optimize dialog's case, seed 1 with
 * 8 locked Plains counties, 1.99% with 8, 2.14% with 5, 4.18% with 3, in 2.3 s of optimizer time.
 */
const REBALANCE_RESTARTS = 8;
/** Above this many units one run must do (restarts would cost too much time). */
const RESTART_MAX_UNITS = 20_000;
/** Times the compactness weight is divided by 4 when the search stalls outside tolerance. */
const RELAXATIONS = 5;
/** Rebalance: objective cost of one unit leaving its source territory (see partition.ts). */
const DISRUPTION = 2e-3;
/** Rebalance under a disruption limit: times a stalled search may free budget by sending moves back. */
const LIMIT_FREES = 8;

export function align(problem: AlignProblem, options: AlignOptions): AlignResult {
  const started = Date.now();
  if (!(options.tolerance > 0 && options.tolerance < 1)) {
    throw new UserError(`The tolerance must be a fraction between 0 and 1 (0.02 = ±2%), not ${options.tolerance}.`);
  }
  if (problem.fields.length === 0) throw new UserError('Give at least one field to balance.');
  const limit = options.maxMovedUnits;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) {
    throw new UserError(`The disruption limit must be a whole number of units (0 or more), not ${limit}.`);
  }
  const progress = (phase: Parameters<NonNullable<AlignOptions['onProgress']>>[0]['phase'], fraction: number, dev: number) =>
    options.onProgress?.({ phase, fraction, maxAbsDeviationPct: dev * 100 });
  progress('prepare', 0, 0);
  const rebalance = options.mode === 'rebalance';
  // A run that ends outside tolerance is followed by another, and the best run is kept (still
  // deterministic: attempt i uses seed "seed:i"). Generate mode restarts from a differently
  // oriented construction. Rebalance searches again in another order: one search from the same
  // plan can stall far out (the demo counties -> 12 on potential, seeds 1-6: one run at 9.35%
  // and one at 2.87%, four within 2%). Rebalance under a disruption limit that binds: a second run
  // with gated pressure (only territories outside the band push, downhill), which spends a small
  // budget on the worst ones. Above RESTART_MAX_UNITS, one run.
  const restarts = problem.unitIds.length > RESTART_MAX_UNITS ? 1 : rebalance ? REBALANCE_RESTARTS : RESTARTS;
  const attempts = rebalance && limit !== undefined ? 2 : restarts;
  let best: Attempt | null = null;
  for (let i = 0; i < attempts; i++) {
    const run = attempt(problem, options, i, attempts, started, progress);
    if (!best || better(run.score, best.score)) best = run;
    if (run.reached || run.timedOut || (rebalance && limit !== undefined && run.part.refusedByLimit === 0)) break;
  }
  const { setup, part, bounds, sweeps, timedOut } = best!;
  if (rebalance) {
    progress('polish', 0.9, part.maxDeviation().worst);
    revertUnneeded(problem, setup, part, options.tolerance);
  }
  const result = finish(problem, setup, part, bounds, options.tolerance, { sweeps, timedOut });
  if (rebalance && limit !== undefined) result.stats.disruptionNote = disruptionNote(setup, part, result.stats, options.tolerance, limit);
  progress('done', 1, part.maxDeviation().worst);
  return result;
}

function better(a: readonly [number, number], b: readonly [number, number]): boolean {
  if (Math.abs(a[0] - b[0]) > 1e-12) return a[0] < b[0];
  return a[1] < b[1] - 1e-12;
}

interface Attempt {
  setup: AlignSetup;
  part: Partition;
  bounds: { all: number[]; unforced: number[]; unforcedUnits: number[] };
  sweeps: number;
  timedOut: boolean;
  reached: boolean;
  /**
   * Worst deviation over territories without a big unit, then over those that are not
   * island-bound either (compared in that order; smaller is better).
   */
  score: readonly [number, number];
}

function attempt(
  problem: AlignProblem,
  options: AlignOptions,
  index: number,
  attempts: number,
  started: number,
  progress: (phase: 'search' | 'construct', fraction: number, dev: number) => void,
): Attempt {
  const rebalance = options.mode === 'rebalance';
  const constructionRng = createPrng(`${options.seed}:${index}`);
  const setup = rebalance ? rebalanceSetup(problem) : generateSetup(problem, options, index === 0 ? 0 : constructionRng.next());
  const F = problem.fields.length;
  const bounds = lowerBounds(problem, setup, options.tolerance);
  // Stop rule: territories that are neither island-bound nor forced by a big unit must reach the
  // tolerance or the big units' bound (the sea-group bound is about the island-bound ones).
  const unforcedLimits = Float64Array.from(bounds.unforcedUnits, (lb) => Math.max(options.tolerance, lb));
  const bigUnits = setup.pool.filter((u) => {
    for (let f = 0; f < F; f++) if (setup.fieldWeights[f]! > 0 && setup.values[u * F + f]! > 1 + options.tolerance) return true;
    return false;
  });
  const span = 0.8 / attempts;
  const base = 0.1 + index * span;
  progress('construct', base, 0);
  const part = new Partition({
    adjacency: problem.adjacency,
    fieldWeights: setup.fieldWeights,
    values: setup.values,
    xyz: setup.xyz,
    territories: setup.territories.length,
    territoryOf: setup.territoryOf,
    movable: setup.movable,
    optimized: setup.optimized,
    // Rebalance: the hinge starts at 75% of the tolerance and pressure acts from every territory,
    // so mass flows across the territories in between (a regional shift needs chains of moves);
    // the polish below sends back moves the result does not need.
    band: options.tolerance * (rebalance ? REBALANCE_BAND : BAND),
    squareWeight: rebalance ? 0.3 : 1,
    anchors: setup.anchors,
    compactness: options.compactness ?? 1,
    pressure: rebalance ? REBALANCE_PRESSURE : 1,
    pressureGated: rebalance && options.maxMovedUnits !== undefined && index === 1,
    origin: rebalance ? problem.assignment : null,
    disruptionCost: DISRUPTION,
    maxMoved: rebalance ? options.maxMovedUnits : undefined,
    lumps: setup.lumps,
    bigUnits,
    isCancelled: options.isCancelled,
  });
  const islandBound = islandBoundTerritories(setup, options.tolerance);
  const reached = (): boolean => {
    const { perField } = part.maxDeviation(true, islandBound);
    for (let f = 0; f < F; f++) if (setup.fieldWeights[f]! > 0 && perField[f]! > unforcedLimits[f]! + 1e-12) return false;
    return true;
  };

  const rng = createPrng(index === 0 ? options.seed : `${options.seed}:${index}`);
  const order = Int32Array.from({ length: problem.unitIds.length }, (_, u) => u).filter((u) => setup.movable[u] === 1);
  const maxSweeps = options.maxSweeps ?? DEFAULT_SWEEPS;
  let sweeps = 0;
  let kicks = 0;
  let relaxations = 0;
  let recombinations = 0;
  // Not under a disruption limit, which re-splitting two territories would overrun.
  const recombineRounds = !rebalance ? RECOMBINE_ROUNDS : options.maxMovedUnits === undefined ? REBALANCE_RECOMBINE_ROUNDS : 0;
  let chainRounds = 0;
  // Chains only where several fields compete; one field is balanced by the moves below alone.
  let weightedFields = 0;
  for (let f = 0; f < F; f++) if (setup.fieldWeights[f]! > 0) weightedFields++;
  let escalated = false;
  let frees = 0;
  let refusedAtFree = 0;
  let temperature = 0;
  let timedOut = false;
  for (; sweeps < maxSweeps; sweeps++) {
    part.stopIfCancelled();
    if (options.timeLimitMs !== undefined && Date.now() - started > options.timeLimitMs) {
      timedOut = true;
      break;
    }
    if (sweeps % 4 === 0) part.updateAnchors();
    // A plan already within tolerance is left alone (no pressure, so only moves worth their cost).
    if (rebalance && !escalated) part.s.pressure = part.maxDeviation().worst > options.tolerance ? REBALANCE_PRESSURE : 0;
    shuffle(order, rng);
    let moved = 0;
    for (let i = 0; i < order.length; i++) if (part.tryUnit(order[i]!, temperature, rng)) moved++;
    for (const lump of setup.lumps) if (part.tryLump(lump)) moved++;
    const dev = part.maxDeviation().worst;
    progress('search', base + (span * sweeps) / maxSweeps, dev);
    if (temperature > 0) {
      temperature = temperature > 1e-7 ? temperature * 0.5 : 0;
      continue;
    }
    // Pressure is not a potential: it can cycle. Past the first half of the budget, drop it.
    if (sweeps === maxSweeps >> 1 && !rebalance) part.s.pressure = 0;
    // A sweep that moves almost nothing (a few units shuffling along borders) counts as stalled.
    if (moved > order.length / 2000) continue;
    if (part.s.pressure > 0 && !rebalance) {
      part.s.pressure = 0;
      continue;
    }
    if (reached()) break;
    // Disruption limit spent while still outside tolerance: send back moved units whose return
    // lifts no territory above the current worst (pressure also moves empty border land), so the
    // freed budget can go to moves that balance.
    if (rebalance && options.maxMovedUnits !== undefined && part.refusedByLimit > refusedAtFree && frees < LIMIT_FREES) {
      frees++;
      refusedAtFree = part.refusedByLimit;
      if (revertUnneeded(problem, setup, part, options.tolerance, part.maxDeviation().perField) > 0) continue;
    }
    // Rebalance stuck outside tolerance: let every unit move with the full squared objective and
    // ungated pressure (more moves; the polish below sends unneeded ones back).
    if (rebalance && !escalated) {
      escalated = true;
      part.s.squareWeight = 1;
      part.s.pressureGated = false;
      part.s.pressure = 1;
      continue;
    }
    // Stuck outside tolerance where units are coarse: merge-split pairs of territories.
    if (recombinations < recombineRounds) {
      recombinations++;
      if (recombine(part, options.tolerance, rng) > 0) continue;
    }
    // Stuck outside tolerance: compactness may be pinning borders in dense areas, so loosen it
    // before shaking the plan.
    if (relaxations < RELAXATIONS) {
      relaxations++;
      part.s.compactness /= 4;
      continue;
    }
    // Several fields, stuck outside tolerance: the out territories are often neighbours, so move
    // their excess along chains of territories (and field-aware swaps) to one with room.
    if (!rebalance && weightedFields > 1 && chainRounds < CHAIN_ROUNDS) {
      chainRounds++;
      // Kept only when the worst deviation does not grow (chains lower the sum of penalties, which
      // can trade the worst territory for several better ones).
      const before = setup.territoryOf.slice();
      const worstBefore = part.maxDeviation(true).worst;
      let n = ejectionChains(part, part.s.band);
      if (n > 0 && part.maxDeviation(true).worst > worstBefore + 1e-12) {
        setup.territoryOf.set(before);
        part.recount();
        n = 0;
      }
      if (n > 0) continue;
    }
    // Several fields: no annealing kicks, the corridor polish below ends the run instead. Measured
    // on the demo counties -> 12, seeds 1-4: worst 1.75 / 2.38 / 4.84 / 4.41% without kicks against
    // 1.68 / 2.52 / 4.46 / 4.73% with them, for 2-3 s less CPU per run.
    if (kicks >= (!rebalance && weightedFields > 1 ? 0 : KICKS)) break;
    kicks++;
    temperature = 2e-5;
  }

  // Island-bound territories are judged by their worst member: even out their split exactly.
  // A landmass's best even split is a needle: many tree cuts first, then unit-by-unit polish.
  // Each polish step checks for a cancel as it goes (Partition.stopIfCancelled).
  part.stopIfCancelled();
  if (!rebalance && islandBound.some((b) => b === 1)) {
    resplitIslandBound(part, islandBound, rng);
    minimaxPolish(part, islandBound, setup.lumps);
    const goal = Math.max(...bounds.all.map((bound, f) => (setup.fieldWeights[f]! > 0 ? bound : 0)));
    walkIslandBoundSplits(part, islandBound, goal + BOUND_SLACK, rng);
  }
  // Several fields: the mix of the fields (potential per account) is set by valued units inside
  // the territories; exchange them with their corridors of empty land (corridor-polish.ts).
  if (!rebalance && weightedFields > 1) {
    const forced = part.forcedTerritories();
    corridorPolish(part, Uint8Array.from(setup.optimized, (o, t) => (o && !forced[t] && !islandBound[t] ? 1 : 0)));
  }
  part.stopIfCancelled();
  const done = reached();
  const score = [part.maxDeviation(true).worst, part.maxDeviation(true, islandBound).worst] as const;
  return { setup, part, bounds, sweeps, timedOut, reached: done, score };
}

/**
 * Lower bounds per field (fractions) from the indivisible units of the pool: over all territories,
 * and over the territories without a unit larger than the tolerance band.
 */
function lowerBounds(problem: AlignProblem, setup: AlignSetup, tolerance: number): { all: number[]; unforced: number[]; unforcedUnits: number[] } {
  const F = problem.fields.length;
  const inPool = new Uint8Array(problem.unitIds.length);
  for (const u of setup.pool) inPool[u] = 1;
  const comp = componentsWithin(problem.adjacency, inPool);
  const all: number[] = [];
  const unforced: number[] = [];
  const unforcedUnits: number[] = [];
  problem.fields.forEach((_, f) => {
    const amounts = Float64Array.from(setup.pool, (u) => problem.values[u * F + f]!);
    const total = amounts.reduce((a, b) => a + b, 0);
    const weights = new Array<number>(comp.count).fill(0);
    if (total > 0) for (const u of setup.pool) weights[comp.of[u]!]! += (problem.values[u * F + f]! * setup.k) / total;
    const sea = seaBounds(problem, setup, f, tolerance);
    all.push(Math.max(indivisibleLowerBound(amounts, setup.k, total), landmassLowerBound(weights), sea.all));
    const byUnits = unforcedLowerBound(amounts, setup.k, total, tolerance);
    unforcedUnits.push(byUnits);
    unforced.push(Math.max(byUnits, sea.unforced));
  });
  return { all, unforced, unforcedUnits };
}

/** Most units above the band for which the unforced sea-group bound tries every count of forced territories. */
const SEA_BOUND_MAX_BIG = 8;

/**
 * The sea-group component bound (lower-bound.ts) for field f, over all territories and over the
 * territories without a unit above target x (1 + tolerance) on a weighted field ("unforced").
 * Unforced: m territories (1 <= m <= big units) hold the big units; the others share what is left,
 * and sea groups holding a big unit may keep any excess in those territories (absorbing). The
 * minimum over m is valid whatever m the plan has. Skipped (0) when a big unit lies on a light
 * component, which might be attached to a territory in another sea group.
 */
function seaBounds(problem: AlignProblem, setup: AlignSetup, f: number, tolerance: number): { all: number; unforced: number } {
  const sg = setup.seaGroups;
  if (!sg || !(setup.fieldWeights[f]! > 0)) return { all: 0, unforced: 0 };
  const F = setup.fieldWeights.length;
  const compCount = sg.groupOf.length;
  const weight = new Float64Array(compCount);
  const units = new Int32Array(compCount);
  const bigWeight = new Float64Array(compCount);
  let big = 0;
  for (const u of setup.pool) {
    const c = sg.compOf[u]!;
    if (c < 0) continue;
    const v = setup.values[u * F + f]!;
    weight[c]! += v;
    units[c]!++;
    let isBig = false;
    for (let g = 0; g < F; g++) if (setup.fieldWeights[g]! > 0 && setup.values[u * F + g]! > 1 + tolerance) isBig = true;
    if (isBig) {
      big++;
      bigWeight[c]! += v;
    }
  }
  // Raw unit amounts per component (whole people stay integers), for the integer condition (iv).
  const rawAmounts: number[][] = Array.from({ length: compCount }, () => []);
  for (const u of setup.pool) {
    const c = sg.compOf[u]!;
    if (c >= 0) rawAmounts[c]!.push(problem.values[u * F + f]!);
  }
  const groupsOf = (exclude: Float64Array | null): SeaGroupWeights[] => {
    const groups: SeaGroupWeights[] = Array.from({ length: sg.count }, () => ({
      components: [] as number[],
      capacity: 0,
      absorbing: false,
      unitAmounts: [] as number[][],
      perTarget: setup.target[f]!,
    }));
    for (let c = 0; c < compCount; c++) {
      const g = groups[sg.groupOf[c]!]!;
      (g.components as number[]).push(weight[c]! - (exclude ? exclude[c]! : 0));
      (g.unitAmounts as number[][]).push(rawAmounts[c]!);
      g.capacity += units[c]!;
      if (exclude && exclude[c]! > 0) g.absorbing = true;
    }
    return groups;
  };
  const all = seaGroupLowerBound(groupsOf(null), setup.k);
  if (big === 0) return { all, unforced: all };
  let lightBig = false;
  for (let c = 0; c < compCount; c++) if (bigWeight[c]! > 0 && weight[c]! <= 2) lightBig = true;
  if (big > SEA_BOUND_MAX_BIG || lightBig) return { all, unforced: 0 };
  const groups = groupsOf(bigWeight);
  let unforced = Infinity;
  for (let m = 1; m <= big && m < setup.k; m++) unforced = Math.min(unforced, seaGroupLowerBound(groups, setup.k - m));
  return { all, unforced: Number.isFinite(unforced) ? unforced : 0 };
}

/**
 * Rebalance polish: send moved units back to their source territory, in unit order, wherever that
 * keeps both territories inside 98% of the tolerance and in one piece; repeat until nothing changes.
 */
function revertUnneeded(problem: AlignProblem, setup: AlignSetup, part: Partition, tolerance: number, keepWithin?: Float64Array): number {
  const { territoryOf, optimized } = setup;
  const origin = problem.assignment;
  const band = keepWithin ?? new Float64Array(problem.fields.length).fill(tolerance * 0.98);
  let total = 0;
  for (let pass = 0; pass < 20; pass++) {
    let changed = 0;
    for (let u = 0; u < territoryOf.length; u++) {
      const a = territoryOf[u]!;
      const o = origin[u]!;
      if (a === o || a < 0 || o < 0 || !optimized[o] || !setup.movable[u]) continue;
      let touches = false;
      for (let i = problem.adjacency.start[u]!; i < problem.adjacency.start[u + 1]!; i++) {
        if (territoryOf[problem.adjacency.unit[i]!] === o) touches = true;
      }
      if (!touches || part.size[a]! <= 1 || !part.search.canRemove(u)) continue;
      part.apply(u, o);
      if (!part.within(a, band) || !part.within(o, band)) {
        part.apply(u, a);
        part.moves -= 2;
        continue;
      }
      changed++;
    }
    total += changed;
    if (changed === 0) break;
  }
  return total;
}

/**
 * Rebalance under a disruption limit: when the limit refused moves and territories (other than
 * those a big unit forces) stay outside the tolerance, say so plainly, naming the worst ones.
 */
function disruptionNote(setup: AlignSetup, part: Partition, stats: AlignStats, tolerance: number, limit: number): string | null {
  if (part.refusedByLimit === 0) return null;
  const F = part.F;
  const forced = part.forcedTerritories();
  const outside: { id: string; dev: number }[] = [];
  setup.territories.forEach((t, i) => {
    if (!setup.optimized[i] || forced[i]) return;
    let worst = 0;
    for (let f = 0; f < F; f++) {
      const d = part.totals[i * F + f]! - 1;
      if (setup.fieldWeights[f]! > 0 && Math.abs(d) > Math.abs(worst)) worst = d;
    }
    if (Math.abs(worst) > tolerance + 1e-9) outside.push({ id: t.name || t.id, dev: worst });
  });
  if (outside.length === 0) return null;
  outside.sort((a, b) => Math.abs(b.dev) - Math.abs(a.dev));
  const shown = outside.slice(0, 5).map((o) => `${o.id} (${o.dev > 0 ? '+' : '−'}${(Math.abs(o.dev) * 100).toFixed(1)}%)`);
  const more = outside.length > 5 ? ` and ${outside.length - 5} more` : '';
  const which = outside.length === 1 ? '1 territory stays' : `${outside.length} territories stay`;
  return (
    `The disruption limit (at most ${limit.toLocaleString('en-US')} units may change territory; ${stats.unitsMoved.toLocaleString('en-US')} did) ` +
    `stopped the rebalance: ${which} outside ±${+(tolerance * 100).toFixed(2)}%: ${shown.join(', ')}${more}. Raise the limit to bring ${outside.length === 1 ? 'it' : 'them'} in.`
  );
}

/** Territories on a landmass whose own mean misses the target by more than the tolerance (1). */
function islandBoundTerritories(setup: AlignSetup, tolerance: number): Uint8Array {
  const islandBound = new Uint8Array(setup.territories.length);
  setup.homeComponent.forEach((c, t) => {
    const mean = c >= 0 ? setup.componentMeans[c]! : null;
    if (mean && mean.some((m, f) => setup.fieldWeights[f]! > 0 && Math.abs(m - 1) > tolerance)) islandBound[t] = 1;
  });
  return islandBound;
}

function finish(
  problem: AlignProblem,
  setup: AlignSetup,
  part: Partition,
  bounds: { all: number[]; unforced: number[]; unforcedUnits: number[] },
  tolerance: number,
  run: { sweeps: number; timedOut: boolean },
): AlignResult {
  const F = problem.fields.length;
  const T = setup.territories.length;
  const names = problem.fields.map((b) => b.field);
  const maxAbs = part.maxDeviation().perField;
  const maxUnforced = part.maxDeviation(true).perField;
  const islandBound = islandBoundTerritories(setup, tolerance);
  const forcedMask = part.forcedTerritories();
  const maxOther = new Float64Array(F);
  for (let t = 0; t < T; t++) {
    if (!setup.optimized[t] || forcedMask[t] || islandBound[t]) continue;
    for (let f = 0; f < F; f++) maxOther[f] = Math.max(maxOther[f]!, Math.abs(part.totals[t * F + f]! - 1));
  }
  const forcedT = part.forcedTerritories();
  const stats: AlignStats = {
    maxAbsDeviationPct: {},
    lowerBoundPct: {},
    maxAbsDeviationPctUnforced: {},
    lowerBoundUnforcedPct: {},
    forcedTerritories: setup.territories.filter((_, t) => forcedT[t] === 1).map((t) => t.id),
    islandBoundTerritories: setup.territories.filter((_, t) => islandBound[t] === 1).map((t) => t.id),
    maxAbsDeviationPctOther: {},
    componentBoundPct: {},
    targets: {},
    pieces: {},
    forcedPieces: {},
    unitsMoved: 0,
    movedValue: {},
    attachedComponents: setup.lumps.length,
    sweeps: run.sweeps,
    moves: part.moves,
    withinTolerance: true,
    timedOut: run.timedOut,
    disruptionNote: null,
  };
  names.forEach((name, f) => {
    stats.maxAbsDeviationPct[name] = maxAbs[f]! * 100;
    stats.lowerBoundPct[name] = bounds.all[f]! * 100;
    stats.maxAbsDeviationPctUnforced[name] = maxUnforced[f]! * 100;
    stats.lowerBoundUnforcedPct[name] = bounds.unforced[f]! * 100;
    stats.maxAbsDeviationPctOther[name] = maxOther[f]! * 100;
    stats.componentBoundPct[name] = setup.componentMeans.reduce((m, mean) => Math.max(m, Math.abs(mean[f]! - 1) * 100), 0);
    stats.targets[name] = setup.target[f]!;
    const weighted = setup.fieldWeights[f]! > 0;
    if (weighted && maxAbs[f]! > Math.max(tolerance, bounds.all[f]!) + BOUND_SLACK) stats.withinTolerance = false;
    if (weighted && maxUnforced[f]! > Math.max(tolerance, bounds.unforced[f]!) + BOUND_SLACK) stats.withinTolerance = false;
  });
  const pieces = part.search.piecesPerTerritory(T);
  const forced = forcedPieces(problem.adjacency, setup.territoryOf, setup.pinned, T);
  setup.territories.forEach((t, i) => {
    stats.pieces[t.id] = pieces[i]!;
    stats.forcedPieces[t.id] = forced[i]!;
  });
  const moved = movedUnits(problem, setup.territories, setup.territoryOf);
  stats.unitsMoved = moved.length;
  names.forEach((name, f) => {
    stats.movedValue[name] = moved.reduce((s, m) => s + problem.values[m.u * F + f]!, 0);
  });
  return {
    territories: setup.territories,
    assignment: setup.territoryOf,
    moved: moved.map(({ unitId, from, to }) => ({ unitId, from, to })),
    stats,
  };
}
