/**
 * The service behind the API contract: one open project, the handlers both hosts serve, and the
 * events they push. Runs in plain Node (no Electron), so the CLI, the HTTP host, the Electron
 * shell and the tests all drive the same code.
 */
import { EventEmitter } from 'node:events';
import type { Topology } from 'topojson-specification';
import type { GeometryObject } from '../../shared/geo/dissolve.ts';
import type { ApiEvent, ApiHandlers, EventName, ApiEvents } from '../../shared/api/contract.ts';
import type { MapData, ProjectInfo } from '../../shared/model/project.ts';
import { touchedUnits, type EditOp } from '../../shared/edit/edit-ops.ts';
import { dissolveTerritories, unitGeometriesById } from '../../shared/geo/dissolve.ts';
import { ProjectStore } from '../store/project-store.ts';
import { applyEdit, historyEntries, historyState, redo, undo } from '../store/history-store.ts';
import { deleteScenario, duplicateScenario, renameScenario, switchScenario } from '../store/scenario-store.ts';
import { projectInfo } from './project-info.ts';
import { lockedUnits } from '../store/unit-locks.ts';
import { regions } from '../store/regions.ts';
import { AlignRunner } from './align-api.ts';
import { UserError } from '../../shared/errors.ts';
import { startImport, type ImportJob } from '../import/import-job.ts';
import { ImportCancelled } from '../import/types.ts';
import type { ImportOptions, ImportReport } from '../../shared/model/import.ts';
import { DriveTimeApi } from '../roads/drive-time-api.ts';
import { ExportDownloads } from './export-downloads.ts';

export class ProjectService {
  private readonly events = new EventEmitter();
  private runningImport: ImportJob | null = null;
  private topologyCache: { topology: Topology; geometries: Map<string, GeometryObject> } | null = null;
  private readonly aligner = new AlignRunner(() => this.store, (progress) => this.emit('alignProgress', progress));

  /** Network drive times, drive-time areas and the quickest-rep scenario (worker threads). */
  private readonly driveTime = new DriveTimeApi(() => this.store);

  /** In-app exports waiting for their single download (the hosts serve them at `/download/<id>`). */
  readonly exports = new ExportDownloads();

  constructor(private store: ProjectStore) {}

  get file(): string {
    return this.store.file;
  }

  /** Subscribe to events for all clients; returns the unsubscribe function. */
  onEvent(listener: (event: ApiEvent) => void): () => void {
    this.events.on('event', listener);
    return () => this.events.off('event', listener);
  }

  private emit<K extends EventName>(name: K, payload: ApiEvents[K]): void {
    this.events.emit('event', { name, payload } satisfies ApiEvent<K>);
  }

  close(): void {
    this.exports.clear();
    this.store.close();
  }

  /** Replace the open project (the old one is closed only once the new one opened). */
  open(file: string): ProjectInfo {
    const next = ProjectStore.open(file);
    this.store.close();
    this.store = next;
    this.topologyCache = null;
    this.emit('projectChanged', { reason: 'opened', scenarioId: null });
    return projectInfo(this.store);
  }

  private unitTopology() {
    if (!this.topologyCache) {
      const topology = this.store.topology('units');
      if (!topology) return null;
      this.topologyCache = { topology, geometries: unitGeometriesById(topology) };
    }
    return this.topologyCache;
  }

  /**
   * Import a file into the open project in a worker (one transaction there; cancel or failure
   * leaves the project as it was). Every client hears progress, then reloads on 'imported'.
   */
  async importFile(source: string, options: ImportOptions = {}): Promise<ImportReport> {
    if (this.runningImport) throw new UserError('An import is already running; wait for it or cancel it first.');
    const job = startImport(this.store.file, source, options, (progress) => this.emit('importProgress', progress));
    this.runningImport = job;
    try {
      const report = await job.result;
      this.topologyCache = null;
      this.emit('projectChanged', { reason: 'imported', scenarioId: null });
      return report;
    } catch (error) {
      if (error instanceof ImportCancelled) throw new UserError('Import cancelled; the project was not changed.');
      throw error;
    } finally {
      this.runningImport = null;
    }
  }

  /** Recompute the stored outlines of the territories whose units the ops moved. */
  private refreshOutlines(scenarioId: string, ops: readonly EditOp[]): void {
    if (touchedUnits(ops).size === 0) return;
    const touched = new Set<string>();
    for (const op of ops) {
      if (op.op === 'assign') {
        if (op.to) touched.add(op.to);
        for (const from of op.from) if (from) touched.add(from);
      } else if (op.op === 'territory' && op.after) touched.add(op.after.id);
    }
    this.writeOutlines(scenarioId, touched);
  }

  /** Recompute every territory outline of a scenario (after bulk changes such as building a plan). */
  rebuildOutlines(scenarioId: string): void {
    this.writeOutlines(scenarioId, this.store.territories(scenarioId).map((t) => t.id));
  }

  private writeOutlines(scenarioId: string, territoryIds: Iterable<string>): void {
    const topo = this.unitTopology();
    if (!topo) return;
    const outlines = dissolveTerritories(topo.topology, topo.geometries, this.store.assignments(scenarioId), territoryIds);
    if (outlines.size === 0) return;
    this.store.transaction(() => {
      for (const [territoryId, outline] of outlines) this.store.setTerritoryOutline(scenarioId, territoryId, outline);
      this.store.refreshTerritoryExtent();
    });
  }

  readonly handlers: ApiHandlers = {
    getMapData: (): MapData => {
      const scenario = this.store.activeScenario();
      const topology = this.unitTopology()?.topology;
      if (!topology) throw new Error('The project has units but no stored topology.');
      return {
        projectName: this.store.name,
        scenario,
        scenarios: this.store.scenarios(),
        fields: this.store.fields('units'),
        units: this.store.units(),
        unitTopology: topology,
        accounts: this.store.accounts(),
        reps: this.store.reps(),
        territories: this.store.territories(scenario.id),
        assignments: Object.fromEntries(this.store.assignments(scenario.id)),
        lockedUnits: lockedUnits(this.store, scenario.id),
        regions: regions(this.store, scenario.id),
        history: historyState(this.store, scenario.id),
      };
    },
    getInfo: () => projectInfo(this.store),
    // The edit and the outlines it changes commit together: a crash between two transactions left
    // the territories layer stale for good (found by test/crash, see test/integration/crash-edits).
    applyEdit: ({ scenarioId, edit }) => {
      const history = this.store.transaction(() => {
        const state = applyEdit(this.store, scenarioId, edit);
        this.refreshOutlines(scenarioId, edit.ops);
        return state;
      });
      this.emit('projectChanged', { reason: 'edited', scenarioId });
      return history;
    },
    undo: ({ scenarioId }) => {
      const result = this.store.transaction(() => {
        const applied = undo(this.store, scenarioId);
        this.refreshOutlines(scenarioId, applied.ops);
        return applied;
      });
      if (result.ops.length) this.emit('projectChanged', { reason: 'edited', scenarioId });
      return result;
    },
    redo: ({ scenarioId }) => {
      const result = this.store.transaction(() => {
        const applied = redo(this.store, scenarioId);
        this.refreshOutlines(scenarioId, applied.ops);
        return applied;
      });
      if (result.ops.length) this.emit('projectChanged', { reason: 'edited', scenarioId });
      return result;
    },
    openProject: ({ path }) => this.open(path),
    importFile: ({ path, ...options }) => this.importFile(path, options),
    cancelImport: () => {
      this.runningImport?.cancel();
      return { cancelled: this.runningImport !== null };
    },
    saveCopy: ({ path }) => {
      this.store.db.exec('VACUUM INTO ' + sqlString(path));
      return { path };
    },
    getHistory: ({ scenarioId, limit }) => historyEntries(this.store, scenarioId, limit),
    duplicateScenario: ({ scenarioId, name }) => {
      // Outlines are copied with the territories: they are already the exact dissolve of the same assignments.
      const scenario = duplicateScenario(this.store, scenarioId, name);
      this.emit('projectChanged', { reason: 'edited', scenarioId: scenario.id });
      return scenario;
    },
    renameScenario: ({ scenarioId, name }) => {
      const scenario = renameScenario(this.store, scenarioId, name);
      // Windows reload to show the new name (top bar, scenario list).
      this.emit('projectChanged', { reason: 'scenario', scenarioId });
      return scenario;
    },
    deleteScenario: ({ scenarioId }) => {
      const wasActive = this.store.activeScenario().id === scenarioId;
      const active = deleteScenario(this.store, scenarioId);
      if (wasActive) this.rebuildOutlines(active.id);
      this.emit('projectChanged', { reason: 'scenario', scenarioId: active.id });
      return active;
    },
    switchScenario: ({ scenarioId }) => {
      const scenario = switchScenario(this.store, scenarioId);
      this.rebuildOutlines(scenarioId);
      this.emit('projectChanged', { reason: 'scenario', scenarioId });
      return scenario;
    },
    alignPlan: async (request) => {
      const summary = await this.aligner.run(request);
      this.emit('projectChanged', { reason: 'scenario', scenarioId: summary.scenario.id });
      return summary;
    },
    cancelAlign: () => ({ cancelled: this.aligner.cancel() }),
    getScenarioPlan: ({ scenarioId }) => ({
      scenario: this.store.requireScenario(scenarioId),
      territories: this.store.territories(scenarioId),
      assignments: Object.fromEntries(this.store.assignments(scenarioId)),
    }),
    // Reads the project file through its own read-only connection; the file is never written.
    exportFile: (request) => this.exports.create(this.store.file, this.store.name, request, (progress) => this.emit('exportProgress', progress)),
    getDriveTimes: () => this.driveTime.driveTimes(),
    getDriveAreas: ({ lon, lat, minutes }) => this.driveTime.driveAreas(lon, lat, minutes),
    assignQuickestReps: async ({ name, limitMinutes }) => {
      const report = await this.driveTime.assignQuickest(name, limitMinutes);
      this.topologyCache = null;
      this.emit('projectChanged', { reason: 'scenario', scenarioId: report.scenario.id });
      return report;
    },
  };
}

function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
