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
import { applyEdit, historyState, redo, undo } from '../store/history-store.ts';
import { projectInfo } from './project-info.ts';

export class ProjectService {
  private readonly events = new EventEmitter();
  private topologyCache: { topology: Topology; geometries: Map<string, GeometryObject> } | null = null;

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

  /** Recompute the stored outlines of the territories whose units the ops moved. */
  private refreshOutlines(scenarioId: string, ops: readonly EditOp[]): void {
    const topo = this.unitTopology();
    if (!topo) return;
    const touched = new Set<string>();
    for (const op of ops) {
      if (op.op === 'assign') {
        if (op.to) touched.add(op.to);
        for (const from of op.from) if (from) touched.add(from);
      } else if (op.after) touched.add(op.after.id);
    }
    if (touched.size === 0 || touchedUnits(ops).size === 0) return;
    const outlines = dissolveTerritories(topo.topology, topo.geometries, this.store.assignments(scenarioId), touched);
    this.store.transaction(() => {
      for (const [territoryId, outline] of outlines) this.store.setTerritoryOutline(scenarioId, territoryId, outline);
      this.store.refreshTerritoryExtent();
    });
  }

  /** Recompute every territory outline of a scenario (after bulk changes such as building a plan). */
  rebuildOutlines(scenarioId: string): void {
    const topo = this.unitTopology();
    if (!topo) return;
    const ids = this.store.territories(scenarioId).map((t) => t.id);
    const outlines = dissolveTerritories(topo.topology, topo.geometries, this.store.assignments(scenarioId), ids);
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
        history: historyState(this.store, scenario.id),
      };
    },
    getInfo: () => projectInfo(this.store),
    applyEdit: ({ scenarioId, edit }) => {
      const history = applyEdit(this.store, scenarioId, edit);
      this.refreshOutlines(scenarioId, edit.ops);
      this.emit('projectChanged', { reason: 'edited', scenarioId });
      return history;
    },
    undo: ({ scenarioId }) => {
      const result = undo(this.store, scenarioId);
      this.refreshOutlines(scenarioId, result.ops);
      if (result.ops.length) this.emit('projectChanged', { reason: 'edited', scenarioId });
      return result;
    },
    redo: ({ scenarioId }) => {
      const result = redo(this.store, scenarioId);
      this.refreshOutlines(scenarioId, result.ops);
      if (result.ops.length) this.emit('projectChanged', { reason: 'edited', scenarioId });
      return result;
    },
    openProject: ({ path }) => this.open(path),
    saveCopy: ({ path }) => {
      this.store.db.exec('VACUUM INTO ' + sqlString(path));
      return { path };
    },
  };
}

function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
