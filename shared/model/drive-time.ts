/**
 * What the drive-time calls of the API contract return (shared by main and the renderer).
 * Minutes travel as base64 of a little-endian Float32Array: the matrix can hold millions of
 * entries, and JSON numbers (no NaN) would be several times larger and slower to parse.
 */
import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { Scenario } from './project.ts';

export type DriveTimes =
  | {
      source: 'estimate';
      /** Why there are no network times, in plain words. */
      reason: string;
    }
  | {
      source: 'network';
      /** Rep ids in the order of MapData.reps (the matrix rows). */
      repIds: string[];
      /** The metrics engine's drive targets: accounts (when the project has any) or one point per unit. */
      targetKind: 'accounts' | 'units';
      targetCount: number;
      /** base64 Float32Array, rep r to target t at [r * targetCount + t]; NaN where the network cannot answer. */
      minutesBase64: string;
      /** The network provider's label, the words `tessera metrics` shows. */
      networkLabel: string;
      /** Targets the network cannot answer for from at least one rep (far from roads, islands): the estimate is used. */
      fallbackTargets: number;
      /** Reps whose home is far from every road (all their figures use the estimate). */
      farReps: string[];
      /** Wall-clock milliseconds main spent computing the matrix (0 when cached). */
      computeMs: number;
    };

export interface DriveAreas {
  from: [number, number];
  collection: FeatureCollection<MultiPolygon, { minutes: number }>;
  bands: { minutes: number; areaKm2: number }[];
  snapDistanceM: number;
  notes: string[];
}

/** Outcome of "Assign each unit to the quickest rep", saved as a new scenario. */
export interface QuickestScenarioReport {
  scenario: Scenario;
  territories: number;
  assignedUnits: number;
  /** Units the network cannot reach from any rep: assigned by the straight-line estimate instead. */
  fallbackUnits: string[];
  /** Reps whose home is far from every road. */
  farReps: string[];
  limitMinutes: number;
  /** Per territory: units beyond `limitMinutes` of its rep. */
  check: { territoryId: string; name: string; repId: string; units: number; beyond: number; unreachable: number; worstMinutes: number }[];
}

