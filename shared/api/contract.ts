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

export { CALL_NAMES, isCallName, type CallName } from './call-names.ts';

const id = z.string().min(1).max(200);

const territorySchema = z.object({
  id,
  name: z.string().min(1).max(200),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  repId: id.nullable(),
  locked: z.boolean(),
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
]);

export const editSchema = z.object({
  label: z.string().min(1).max(500),
  ops: z.array(editOpSchema).min(1).max(10_000),
});

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
  menuCommand: { command: 'undo' | 'redo' };
  /** Progress of the running import (stage, percent of the whole job, features per second). */
  importProgress: ImportProgress;
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
