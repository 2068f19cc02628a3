/**
 * Messages between the align service (main thread) and its worker. The worker reads the project
 * itself (read-only) so that no large arrays cross the thread boundary on the way in.
 */
import type { WorkerMessage } from './worker-job.ts';
import type { AlignProgress, AlignStats } from '../../shared/align/types.ts';
import type { Territory } from '../../shared/model/project.ts';

export interface AlignRequest {
  projectFile: string;
  /** Source plan; default the active scenario. */
  scenarioId?: string;
  mode: 'generate' | 'rebalance';
  territories?: number;
  useReps?: boolean;
  /** Fields to balance with weights, e.g. [{ field: 'potential', weight: 0.7 }]. */
  balance: { field: string; weight: number }[];
  /** Fraction, 0.02 = ±2%. */
  tolerance: number;
  seed: number | string;
  /** Territory ids to treat as locked in addition to those stored as locked. */
  lockTerritories?: string[];
  /** Unit ids that must keep their territory. */
  lockUnits?: string[];
  /** Treat territories stored as locked as free (the Optimize dialog's "respect locks" unticked). */
  ignoreStoredLocks?: boolean;
  compactness?: number;
  maxSweeps?: number;
  timeLimitMs?: number;
  /** Rebalance: the disruption limit in units, enforced during the search (shared/align/types.ts). */
  maxMovedUnits?: number;
}

/** Compactness and drive-time summary of the result plan, from the metrics engine. */
export interface AlignQuality {
  polsbyPopper: { mean: number | null; min: number | null };
  reock: { mean: number | null; min: number | null };
  convexHullRatio: { mean: number | null; min: number | null };
  /** Estimated drive minutes from rep homes (territories with a rep only). */
  driveMin: { meanOfMeans: number | null; worstP90: number | null; worstMax: number | null; provider: string };
}

export interface AlignOutcome {
  territories: Territory[];
  /** unit id -> territory id (assigned units only), in unit order. */
  assignments: [string, string][];
  moved: { unitId: string; from: string | null; to: string | null }[];
  stats: AlignStats;
  quality: AlignQuality;
  /** Optimizer time, seconds (load and save excluded). */
  seconds: number;
}

export type AlignWorkerMessage = WorkerMessage<AlignProgress, AlignOutcome>;
