/**
 * What the metrics engine takes and returns. The input is store-agnostic: the main process loads it
 * from the project file (main/services/metrics-input.ts), the renderer builds it from MapData.
 * Coordinates are [lon, lat] EPSG:4326; areas km², lengths km, drive times minutes.
 */
import type { Topology } from 'topojson-specification';
import type { LonLat, Rep, Territory, UnitRecord } from '../model/project.ts';
import type { BalanceStats } from './balance.ts';
import type { DriveTimeProviderFactory, DriveTimeSettings } from './drive-time.ts';

/** Built-in balance fields: unit count, account count, account potential (US dollars). */
export const BUILTIN_FIELDS = ['units', 'accounts', 'potential'] as const;

export interface MetricsAccount {
  location: LonLat;
  /** Annual sales potential, US dollars. */
  potential: number;
  unitId: string | null;
}

export interface MetricsInput {
  /** Units in a fixed order: a unit's index in this list indexes every typed array. */
  units: readonly UnitRecord[];
  /** Unit shapes, object `units` with geometry id = unit id; null: no compactness, no adjacency. */
  topology: Topology | null;
  accounts: readonly MetricsAccount[];
  reps: readonly Rep[];
  territories: readonly Territory[];
  /** unit id -> territory id; unassigned units are absent. */
  assignments: ReadonlyMap<string, string>;
  /** Neighbour lists by unit index, replacing the topology's shared-arc adjacency for contiguity. */
  adjacency?: readonly (readonly number[])[];
}

/** A field to balance, with its weight in the composite deviation (default 1). */
export interface BalanceField {
  field: string;
  weight?: number;
}

export interface MetricsOptions {
  /** Fields to balance; default accounts and potential when there are accounts, else units. */
  balance?: readonly (string | BalanceField)[];
  /** Per-territory targets by territory id then field; fields without one use the mean. */
  targets?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Treat units whose boundaries come within this many km as adjacent for contiguity (0 = off). */
  nearKm?: number;
  drive?: Partial<DriveTimeSettings>;
  /** Replaces the straight-line estimate, e.g. with a road-network provider. */
  driveProvider?: DriveTimeProviderFactory;
  /** What drive times are measured to: each account, or each unit's weighted point. */
  driveTargets?: 'auto' | 'accounts' | 'units';
  /** Numeric unit field holding people (or any count) used to classify urban/suburban/rural. */
  densityField?: string;
  /** Numeric unit field weighting unit targets (e.g. population); default 1 per unit. */
  unitWeightField?: string;
}

export interface DriveFigures {
  /** Weighted mean minutes (weights: account potential, or the unit weight field). */
  mean: number | null;
  /** Weighted 90th percentile, minutes. */
  p90: number | null;
  max: number | null;
  /** Share (0..1) of the weight within `withinMin` minutes. */
  shareWithin: number | null;
  withinMin: number;
  /** Targets the provider could not reach (network providers only). */
  unreachable: number;
}

export interface TerritoryMetrics {
  id: string;
  name: string;
  repId: string | null;
  units: number;
  accounts: number;
  /** US dollars. */
  potential: number;
  areaKm2: number;
  perimeterKm: number;
  /** Every numeric field plus the built-ins. */
  totals: Record<string, number>;
  targets: Record<string, number>;
  /** Balance fields only; null where the target is 0. */
  deviationPct: Record<string, number | null>;
  /** Weighted mean of the balance fields' deviations. */
  compositeDeviationPct: number | null;
  /** Connected pieces (0 for an empty territory). */
  pieces: number;
  /** Units outside the main piece (the one with most units, ties by area). */
  islandUnits: number;
  /** 4 pi A / P², 0..1; null when empty. */
  polsbyPopper: number | null;
  /** Area / area of the minimum bounding circle, 0..1. */
  reock: number | null;
  /** Area / convex-hull area, 0..1. */
  convexHullRatio: number | null;
  driveMin: DriveFigures;
}

export interface PlanMetrics {
  balanceFields: BalanceField[];
  balance: Record<string, BalanceStats>;
  maxAbsDeviationPct: Record<string, number>;
  compositeMaxAbsDeviationPct: number;
  unassigned: { units: number; accounts: number; potential: number; totals: Record<string, number> };
  nonContiguousTerritories: number;
  driveTimeProvider: string;
  driveSettings: DriveTimeSettings;
}

/** Identity-stable between reads of one engine (MetricsEngine.report): read it, never mutate it. */
export interface MetricsReport {
  territories: TerritoryMetrics[];
  plan: PlanMetrics;
}
