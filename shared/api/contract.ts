/**
 * The API contract: every call the renderer can make and every event main pushes. Both hosts
 * (Electron IPC and the HTTP host) serve exactly this table from the same `ApiHandlers` object,
 * so a contract entry without a handler is a compile error in both.
 */
import { z } from 'zod';
import type { HistoryState, MapData, ProjectInfo, Scenario, Territory } from '../model/project.ts';
import type { EditOp } from '../edit/edit-ops.ts';
import type { ImportProgress, ImportReport } from '../model/import.ts';
import type { CallName } from './call-names.ts';
import type { DriveAreas, DriveTimes, QuickestScenarioReport } from '../model/drive-time.ts';
import type { AlignProgress } from '../align/types.ts';

export { CALL_NAMES, isCallName, type CallName } from './call-names.ts';

const id = z.string().min(1).max(200);

const territorySchema = z.object({
  id,
  name: z.string().min(1).max(200),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  repId: id.nullable(),
  locked: z.boolean(),
  regionId: id.nullable().optional(),
});

const regionSchema = z.object({
  id,
  name: z.string().min(1).max(200),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  manager: z.string().max(200).nullable(),
});

const editOpSchema = z.discriminatedUnion('op', [
  z
    .object({
      op: z.literal('assign'),
      unitIds: z.array(id).min(1).max(1_000_000),
      from: z.array(id.nullable()),
      to: id.nullable(),
    })
    .refine((op) => op.from.length === op.unitIds.length, 'from[] must match unitIds[]'),
  z.object({ op: z.literal('territory'), before: territorySchema.nullable(), after: territorySchema.nullable() }),
  z.object({ op: z.literal('lock'), unitIds: z.array(id).min(1).max(1_000_000), locked: z.boolean() }),
  z.object({ op: z.literal('region'), before: regionSchema.nullable(), after: regionSchema.nullable() }),
]);

export const editSchema = z.object({
  label: z.string().min(1).max(500),
  ops: z.array(editOpSchema).min(1).max(10_000),
});

/** The Optimize dialog's request (see main/services/align-api.ts); weights are normalised to sum 1. */
export const alignPlanSchema = z
  .object({
    /** generate: build N territories (or one per rep) from scratch; rebalance: fix the active plan moving few units. */
    mode: z.enum(['generate', 'rebalance']),
    territories: z.number().int('territories must be a whole number').min(1, 'territories must be at least 1').max(100_000).optional(),
    useReps: z.boolean().optional(),
    balance: z
      .array(z.object({ field: z.string().min(1).max(200), weight: z.number().min(0, 'a weight must be 0 or more').max(100) }))
      .min(1, 'choose at least one field to balance')
      .max(20),
    tolerance: z
      .number()
      .gt(0, 'tolerance must be more than 0 (0.02 means ±2%)')
      .lt(1, 'tolerance is a fraction below 1 (0.02 means ±2%), not a percentage'),
    seed: z.union([z.number().int().min(0).max(2 ** 31 - 1), z.string().min(1).max(100)]),
    /** Rebalance only: refuse (save nothing) when more than this percentage of units would change territory. */
    maxMovedPct: z.number().gt(0, 'the disruption limit must be more than 0%').max(100, 'the disruption limit is a percentage up to 100').optional(),
    /** Default true: locked territories and locked units keep their units. */
    respectLocks: z.boolean().optional(),
    name: z.string().min(1).max(200).optional(),
  })
  .refine((r) => r.balance.some((b) => b.weight > 0), { message: 'at least one balance weight must be more than 0', path: ['balance'] })
  .refine((r) => r.mode === 'rebalance' || (r.territories !== undefined) !== (r.useReps === true), {
    message: 'give either a number of territories or useReps (not both) to generate a plan',
    path: ['territories'],
  });

/** The Export… dialog's request for every format but the map images (those render in the window). */
export const exportFileSchema = z
  .object({
    format: z.enum(['pdf', 'svg', 'pptx', 'shp', 'geojson', 'gpkg', 'kml', 'csv', 'xlsx']),
    /** GIS and table formats: one layer; absent = every layer the format holds in one file. */
    what: z.enum(['territories', 'units', 'accounts', 'metrics']).optional(),
    scenarioId: z.string().min(1).max(200),
    /** PDF, SVG and PPTX only. */
    title: z.string().min(1).max(200).optional(),
    page: z.enum(['a4', 'letter']).optional(),
    labels: z.boolean().optional(),
  })
  .refine((r) => r.what === undefined || !['pdf', 'svg', 'pptx'].includes(r.format), {
    message: 'a layer choice does not apply to PDF, SVG or PowerPoint',
    path: ['what'],
  })
  .refine((r) => ['pdf', 'svg', 'pptx'].includes(r.format) || (r.title === undefined && r.page === undefined && r.labels === undefined), {
    message: 'title, page and labels apply to PDF, SVG and PowerPoint only',
    path: ['format'],
  });
export type ExportFileRequest = z.infer<typeof exportFileSchema>;

/** A finished in-app export: GET `url` once (same origin, same token) to download it. */
export interface ExportFileResult {
  url: string;
  filename: string;
  bytes: number;
  scenario: { id: string; name: string };
  layers: { name: string; features: number }[];
}

/** Declares one call: its request schema and (as a phantom type) its result. */
function call<Res>() {
  return <Req extends z.ZodType>(request: Req) => ({ request, result: undefined as unknown as Res });
}

const none = z.object({});
const scenarioRef = z.object({ scenarioId: id });
const scenarioName = z.string().min(1).max(200);
const filePath = z.object({ path: z.string().min(1).max(4096) });

export const contract = {
  /** Everything needed to draw and edit the active scenario. */
  getMapData: call<MapData>()(none),
  /** Layer counts and per-territory summary (the same as `tessera info --json`). */
  getInfo: call<ProjectInfo>()(none),
  /** Persist one edit of the active scenario as one transaction and one undo step. */
  applyEdit: call<HistoryState>()(z.object({ scenarioId: id, edit: editSchema })),
  /** Revert the newest edit; returns the ops main applied so the renderer can mirror them. */
  undo: call<UndoRedoResult>()(scenarioRef),
  redo: call<UndoRedoResult>()(scenarioRef),
  /** Open another project file (Electron: from the Open dialog or a dropped file). */
  openProject: call<ProjectInfo>()(filePath),
  /** Write a consistent copy of the project to another file (File > Export > Project copy). */
  saveCopy: call<{ path: string }>()(filePath),
  /**
   * Import boundaries (as units) or accounts from a file into the open project, in a worker;
   * progress arrives as `importProgress` events. Resolves with the report when it is written.
   */
  importFile: call<ImportReport>()(
    filePath.extend({
      as: z.enum(['units', 'accounts']).optional(),
      layer: z.string().max(200).optional(),
      replace: z.boolean().optional(),
    }),
  ),
  /** Cancel the running import; the project stays exactly as it was. */
  cancelImport: call<{ cancelled: boolean }>()(none),
  /** The scenario's edits by name, newest first (the History panel). */
  getHistory: call<HistoryEntry[]>()(z.object({ scenarioId: id, limit: z.number().int().min(1).max(1_000_000).optional() })),
  /** Copy a scenario's territories and assignments (not its history) into a new scenario. */
  duplicateScenario: call<Scenario>()(z.object({ scenarioId: id, name: scenarioName.optional() })),
  renameScenario: call<Scenario>()(z.object({ scenarioId: id, name: scenarioName })),
  /** Delete a scenario (not the last one); returns the scenario active afterwards. */
  deleteScenario: call<Scenario>()(scenarioRef),
  /** Make a scenario the active one; the window reloads its map data. */
  switchScenario: call<Scenario>()(scenarioRef),
  /** Territories and assignments of any scenario (for the compare view). */
  getScenarioPlan: call<ScenarioPlan>()(scenarioRef),
  /**
   * Optimize the active plan in a worker (progress as `alignProgress` events) and save the result as
   * a NEW scenario that becomes active; the previous scenario is untouched. Resolves when saved.
   */
  alignPlan: call<AlignSummary>()(alignPlanSchema),
  /** Cancel the running optimization; nothing is saved and the project stays as it was. */
  cancelAlign: call<{ cancelled: boolean }>()(none),
  /** Road-network minutes from every rep to the metrics' drive targets (computed in workers, cached per roads/reps), or why only the estimate exists. */
  getDriveTimes: call<DriveTimes>()(none),
  /** Drive-time areas (isochrone bands) from a point over the project's road network. */
  getDriveAreas: call<DriveAreas>()(
    z.object({
      lon: z.number().min(-180).max(180),
      lat: z.number().min(-90).max(90),
      minutes: z.array(z.number().positive().max(24 * 60)).min(1).max(8),
    }),
  ),
  /** Assign each unit to the rep quickest to reach it; saved as a new active scenario with the "within N minutes" check. */
  assignQuickestReps: call<QuickestScenarioReport>()(
    z.object({ name: scenarioName.optional(), limitMinutes: z.number().positive().max(24 * 60).optional() }),
  ),
  /**
   * Export the plan as a file other than a map image (main/services/export-downloads.ts); progress as
   * `exportProgress` events. Resolves with a single-use download address, valid for a few minutes.
   */
  exportFile: call<ExportFileResult>()(exportFileSchema),
} satisfies Record<CallName, { request: z.ZodType; result: unknown }>;

export interface UndoRedoResult {
  /** Ops applied by main, or empty when there was nothing to undo/redo. */
  ops: EditOp[];
  label: string | null;
  history: HistoryState;
}

/** One edit of a scenario's history, as the History panel lists it. */
export interface HistoryEntry {
  seq: number;
  label: string;
  /** ISO 8601 UTC time the edit was made. */
  createdAt: string;
  /** Undone edits are the redo branch; a new edit discards them. */
  undone: boolean;
}

/** One scenario's plan, for comparing it with the active one. */
export interface ScenarioPlan {
  scenario: Scenario;
  territories: Territory[];
  /** unit id -> territory id for every assigned unit. */
  assignments: Record<string, string>;
}

/** What an optimization produced and saved, for the Optimize dialog's summary. */
export interface AlignSummary {
  /** The new scenario, now active. */
  scenario: Scenario;
  /** The scenario that was active before (the source plan; compare against it, return to it on Discard). */
  previous: Scenario;
  mode: 'generate' | 'rebalance';
  territories: number;
  tolerancePct: number;
  /** Per balance field: worst |deviation| from target, and the lower bound indivisible units impose, percent. */
  maxAbsDeviationPct: Record<string, number>;
  lowerBoundPct: Record<string, number>;
  withinTolerance: boolean;
  /** Connected pieces over all territories, and how many of them geography and locks force (islands). */
  pieces: number;
  forcedPieces: number;
  /** Territories in more pieces than the geography forces. */
  splitTerritories: number;
  unitsMoved: number;
  unitsTotal: number;
  lockedUnits: number;
  lockedTerritories: number;
  /** Optimizer seconds (load and save excluded). */
  seconds: number;
  timedOut: boolean;
  /** Rebalance: the disruption limit kept territories outside the tolerance (plain sentence), else null. */
  disruptionNote: string | null;
}

export type Contract = typeof contract;
export type RequestOf<K extends CallName> = z.infer<Contract[K]['request']>;
export type ResultOf<K extends CallName> = Contract[K]['result'];

/** What a host needs: one handler per contract entry. */
export type ApiHandlers = { [K in CallName]: (request: RequestOf<K>) => Promise<ResultOf<K>> | ResultOf<K> };

/** The typed client the renderer calls; the transport behind it is IPC or HTTP. */
export type ApiClient = { [K in CallName]: (request: RequestOf<K>) => Promise<ResultOf<K>> };

/** Events main pushes to every window/client. */
export interface ApiEvents {
  /** The open project changed under the renderer (another file opened, another client edited). */
  projectChanged: { reason: 'opened' | 'edited' | 'imported' | 'scenario'; scenarioId: string | null };
  /** A native menu item the renderer carries out (Electron only). */
  menuCommand: { command: 'undo' | 'redo' | 'exportMapImage' | 'export' };
  /** Progress of the running import (stage, percent of the whole job, features per second). */
  importProgress: ImportProgress;
  /** Progress of the running optimization (phase, fraction of the run, current worst deviation). */
  alignProgress: AlignProgress;
  /** Progress of the running in-app export (stage, done of total). */
  exportProgress: { stage: string; done: number; total: number };
}
export type EventName = keyof ApiEvents;
export interface ApiEvent<K extends EventName = EventName> {
  name: K;
  payload: ApiEvents[K];
}

/** Error kinds that cross the transport. `user` errors carry a plain-language message to show. */
export type ApiErrorCode = 'bad-request' | 'user' | 'internal';
export interface ApiError {
  code: ApiErrorCode;
  message: string;
}
export type ApiResponse<T> = { ok: true; value: T } | { ok: false; error: ApiError };
