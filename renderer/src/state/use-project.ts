/**
 * Loads the open project's MapData, builds the PlanStore for it, and reloads both when main says
 * another project was opened or data was imported. Edits made by this window also raise
 * 'edited' events; those are already mirrored by the PlanStore and need no reload.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Connection } from '../api/transport.ts';
import type { HistoryState, MapData } from '../../../shared/model/project.ts';
import type { ApiEvents } from '../../../shared/api/contract.ts';
import { PlanStore } from './plan-store.ts';

export type ProjectState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: MapData; store: PlanStore; dataVersion: number };

export function useProject(connection: Connection, onError: (message: string) => void): ProjectState {
  const [state, setState] = useState<ProjectState>({ status: 'loading' });
  const reload = useRef<() => void>(() => {});

  const load = useCallback(() => {
    let cancelled = false;
    connection.api.getMapData({}).then(
      (data) => {
        if (cancelled) return;
        setState((previous) => ({
          status: 'ready',
          data,
          store: new PlanStore(connection.api, data, onError, () => reload.current()),
          dataVersion: previous.status === 'ready' ? previous.dataVersion + 1 : 1,
        }));
      },
      (error: unknown) => {
        if (!cancelled) setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [connection, onError]);

  useEffect(() => {
    reload.current = load;
    return load();
  }, [load]);

  useEffect(
    () =>
      connection.onEvent((event) => {
        if (event.name !== 'projectChanged') return;
        const { reason } = event.payload as ApiEvents['projectChanged'];
        if (reason === 'opened' || reason === 'imported' || reason === 'scenario') load();
      }),
    [connection, load],
  );

  return state;
}

/**
 * Subscribe a component to the plan store: it re-renders on every plan or history change and gets
 * the plan version, the memo key for data derived from the (mutable) plan.
 */
export function usePlanVersion(store: PlanStore): number {
  useSyncExternalStore(store.subscribe, store.getRevision);
  return store.planVersion;
}

/**
 * Like usePlanVersion, but re-renders only when the plan changes, not when main confirms a save (a
 * history-only change): for what shows the plan itself (LiveTerritoryMap, LiveTerritoryPanel,
 * LiveMapExport). Without it, every edit rendered them twice — once for the edit, once for its save.
 */
export function usePlanChanges(store: PlanStore): number {
  return useSyncExternalStore(store.subscribe, () => store.planVersion);
}

/** The undo/redo state; re-renders its reader (the top bar) when it changes, and only then. */
export function useHistoryState(store: PlanStore): HistoryState {
  return useSyncExternalStore(store.subscribe, () => store.history);
}

/**
 * Re-renders only when territories, regions or unit locks change, not on an assignment: for the
 * Workspace, whose map and panel follow the plan themselves (LiveTerritoryMap, LiveTerritoryPanel).
 */
export function useStructureChanges(store: PlanStore): number {
  return useSyncExternalStore(store.subscribe, () => store.structureVersion);
}
