/**
 * Inputs and outputs of the territory optimizer. The optimizer works on unit indices (the order of
 * `unitIds`) and typed arrays; it knows nothing of files, topology formats or workers.
 * Coordinates are [lon, lat] EPSG:4326; distances km; deviations are fractions unless named `Pct`.
 */
import type { LonLat, Rep, Territory } from '../model/project.ts';

/** Neighbour lists in compressed sparse rows: neighbours of u are `unit[start[u] .. start[u+1])`. */
export interface AlignAdjacency {
  start: Uint32Array;
  unit: Int32Array;
}

/** A field to balance with its weight in the objective (weights are normalised to sum 1). */
export interface AlignField {
  field: string;
  weight: number;
}

export interface AlignProblem {
  unitIds: readonly string[];
  adjacency: AlignAdjacency;
  /** Unit representative points, lon/lat degrees flat `[lon0, lat0, lon1, ...]`; NaN when unknown. */
  centroid: Float64Array;
  /** Balance fields, column f of `values`. */
  fields: readonly AlignField[];
  /** values[u * fields.length + f]: unit u's amount of field f (>= 0). */
  values: Float64Array;
  /** Territories of the source plan, in plan order (locked ones are kept as they are). */
  territories: readonly Territory[];
  /** Source plan: index into `territories` per unit, -1 unassigned. */
  assignment: Int32Array;
  reps: readonly Rep[];
  /** 1 for units that must keep their source territory. */
  lockedUnits: Uint8Array;
}

export interface AlignProgress {
  phase: 'prepare' | 'construct' | 'search' | 'polish' | 'done';
  /** 0..1 over the whole run. */
  fraction: number;
  /** Current worst |deviation| over the balance fields, percent. */
  maxAbsDeviationPct: number;
}

export interface AlignOptions {
  mode: 'generate' | 'rebalance';
  /** Generate mode: number of territories to create (besides locked ones). Ignored with `useReps`. */
  territories?: number;
  /** Generate mode: one territory per rep, seeded at the rep's home. */
  useReps?: boolean;
  /** Allowed |deviation| from target per field as a fraction (0.02 = ±2%). */
  tolerance: number;
  seed: number | string;
  /** Weight of compactness and of distance to the rep home relative to balance (default 1). */
  compactness?: number;
  /** Upper bound on local-search sweeps over the boundary (deterministic stop). */
  maxSweeps?: number;
  /** Safety stop in milliseconds; when it fires the result no longer depends only on the seed. */
  timeLimitMs?: number;
  /**
   * Rebalance: the disruption limit, most units that may end in another territory than in the
   * source plan. Enforced during the search (a move past it is refused), not checked afterwards.
   */
  maxMovedUnits?: number;
  onProgress?: (progress: AlignProgress) => void;
  /** Polled every sweep and throughout the polish steps; return true to abandon the run (throws AlignCancelled). */
  isCancelled?: () => boolean;
}

export class AlignCancelled extends Error {
  override readonly name = 'AlignCancelled';
  constructor() {
    super('Alignment cancelled.');
  }
}

export interface AlignStats {
  /** Worst |deviation| from target per field over the optimized territories, percent. */
  maxAbsDeviationPct: Record<string, number>;
  /** Lower bound on that figure that indivisible units and separate landmasses impose, percent. */
  lowerBoundPct: Record<string, number>;
  /** Worst |deviation| over the territories that hold no unit larger than target x (1 + tolerance), percent. */
  maxAbsDeviationPctUnforced: Record<string, number>;
  /** How far below target those territories must fall on average because of the big units, percent. */
  lowerBoundUnforcedPct: Record<string, number>;
  /** Territories holding a unit larger than target x (1 + tolerance): no plan can balance them. */
  forcedTerritories: string[];
  /** Territories on a landmass (e.g. Hawaii) whose territories' mean misses the target by more than the tolerance. */
  islandBoundTerritories: string[];
  /** Worst |deviation| over territories neither forced by a big unit nor island-bound, percent. */
  maxAbsDeviationPctOther: Record<string, number>;
  /** Deviation implied by the split of territories between separate landmasses, percent. */
  componentBoundPct: Record<string, number>;
  /** Target per optimized territory per field (mean), in the field's own units. */
  targets: Record<string, number>;
  /** Connected pieces per territory id. */
  pieces: Record<string, number>;
  /** Pieces per territory id that geography and locks force (islands, enclaves of locked units). */
  forcedPieces: Record<string, number>;
  /** Units whose rep (or territory, where no rep) differs from the source plan. */
  unitsMoved: number;
  /** Amount of each balance field on moved units. */
  movedValue: Record<string, number>;
  /** Adjacency components that got no territory and were attached whole to one (islands). */
  attachedComponents: number;
  sweeps: number;
  moves: number;
  /** True when all territories are within max(tolerance, lower bound) and the unforced ones within max(tolerance, their bound). */
  withinTolerance: boolean;
  timedOut: boolean;
  /**
   * Rebalance with a disruption limit that refused moves while territories stayed outside the
   * tolerance: a plain sentence naming them (null otherwise).
   */
  disruptionNote: string | null;
}

export interface AlignResult {
  /** Territories of the new plan in order (locked ones first, unchanged). */
  territories: Territory[];
  /** Index into `territories` per unit, -1 unassigned. */
  assignment: Int32Array;
  /** Moved units as unit id -> [from territory id | null, to territory id]. */
  moved: { unitId: string; from: string | null; to: string | null }[];
  stats: AlignStats;
}

export type { LonLat };
