/**
 * The territory studio wired to one loaded scenario: tools and selection over the map, territory
 * commands, history, scenarios and compare, search, help and theme. Returns what the Workspace
 * mounts: props and overlays for TerritoryMap, and the sidebar.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Layer } from '@deck.gl/core';
import type { Connection } from '../api/transport.ts';
import type { MapData } from '../../../shared/model/project.ts';
import type { PlanStore } from '../state/plan-store.ts';
import type { MapApi } from '../map/TerritoryMap.tsx';
import type { MapTheme } from '../map/map-theme.ts';
import { decodeUnits } from '../map/unit-geometry.ts';
import { buildUnitIndex } from '../tools/unit-index.ts';
import { SelectionStore, useSelectionVersion } from '../tools/selection-store.ts';
import { useTools } from '../tools/use-tools.ts';
import { toolById } from '../tools/tools.ts';
import { useStudioShortcuts } from '../tools/use-studio-shortcuts.ts';
import { buildTotalsIndex, selectionTotals } from '../tools/selection-totals.ts';
import { changedLayer, DARK_STUDIO, featuresOf, LIGHT_STUDIO, lockedLayer, selectionLayer, strokeLayer } from '../tools/studio-layers.ts';
import { ToolBar } from '../tools/ToolBar.tsx';
import { StatusBar } from '../tools/StatusBar.tsx';
import { GestureOverlay } from '../tools/GestureOverlay.tsx';
import { ListFillDialog } from '../tools/ListFillDialog.tsx';
import { AttributeDialog } from '../tools/AttributeDialog.tsx';
import { HelpOverlay } from '../tools/HelpOverlay.tsx';
import { useCompare } from '../scenarios/use-compare.ts';
import { useTheme } from './use-theme.ts';
import { darkMapTheme } from './dark-map-theme.ts';
import { connectStudioHook } from './studio-hook.ts';
import { StudioSidebar } from './StudioSidebar.tsx';
import { useTerritoryActions } from './use-territory-actions.ts';
import { useScenarioActions } from './use-scenario-actions.ts';

export interface StudioInputs {
  connection: Connection;
  data: MapData;
  store: PlanStore;
  /** PlanStore.structureVersion: territories, regions and locks; assignments alone do not re-render the studio. */
  structureVersion: number;
  target: string | null;
  setTarget(target: string | null): void;
  onError(message: string): void;
  /** Open the compare view against this scenario (after an optimization: the plan it started from). */
  compareWith?: string | null;
}

export interface Studio {
  map: {
    onUnitClick(unitId: string, modifiers?: { shiftKey: boolean }): void;
    extraLayers: Layer[];
    dragPan: boolean;
    cursor: string | undefined;
    onMapPointer: ReturnType<typeof useTools>['onMapPointer'];
    mapApiRef: React.RefObject<MapApi | null>;
    theme: MapTheme | undefined;
  };
  overlays: ReactNode;
  sidebar: ReactNode;
}

export function useStudio({ connection, data, store, structureVersion, target, setTarget, onError, compareWith = null }: StudioInputs): Studio {
  const mapApiRef = useRef<MapApi | null>(null);
  const searchRef = useRef<HTMLInputElement | null>(null);
  const selection = useMemo(() => new SelectionStore(), []);
  const selectionVersion = useSelectionVersion(selection);
  const index = useMemo(() => buildUnitIndex(decodeUnits(data.unitTopology).features), [data.unitTopology]);
  const unitIdSet = useMemo(() => new Set(index.ids), [index]);
  const [dialog, setDialog] = useState<'list' | 'attribute' | 'help' | null>(null);
  const [theme, toggleTheme] = useTheme();
  const colours = theme === 'dark' ? DARK_STUDIO : LIGHT_STUDIO;

  const assign = useCallback(
    (unitIds: readonly string[], territoryId: string | null) => {
      const territory = territoryId === null ? null : store.plan.territories.get(territoryId);
      if (territory?.locked) onError(`${territory.name} is locked; unlock it to add units.`);
      else void store.assign(unitIds, territoryId);
    },
    [store, onError],
  );
  const tools = useTools({ index, mapApi: mapApiRef, selection, target, assign });
  const targetTerritory = target === null ? null : (store.plan.territories.get(target) ?? null);
  const targetName = targetTerritory?.name ?? 'Unassigned';

  const assignSelection = useCallback(() => {
    if (selection.units.size) assign([...selection.units], target);
  }, [selection, assign, target]);
  const lockSelection = useCallback(
    (locked: boolean) => {
      if (selection.units.size) void store.lockUnits([...selection.units], locked);
    },
    [selection, store],
  );
  const shortcuts = useMemo(
    () => ({
      setTool: tools.setTool,
      assignSelection,
      clearSelection: () => selection.clear(),
      resizeBrush: (d: number) => tools.setBrushRadius(tools.brushRadius + d),
      toggleHelp: () => setDialog((d) => (d === 'help' ? null : 'help')),
      lockSelection,
    }),
    [tools, assignSelection, selection, lockSelection],
  );
  const focusSearch = useCallback(() => searchRef.current?.focus(), []);
  useStudioShortcuts(shortcuts, focusSearch);

  const totalsIndex = useMemo(
    () => buildTotalsIndex(data.units, data.accounts, data.fields.some((f) => f.name === 'population') ? 'population' : null),
    [data.units, data.accounts, data.fields],
  );
  const totals = useMemo(() => selectionTotals(totalsIndex, selection.units), [totalsIndex, selection, selectionVersion]);

  const compare = useCompare(connection.api, data, store, onError, compareWith);
  const selectedFeatures = useMemo(() => featuresOf(index, selection.units), [index, selection, selectionVersion]);
  const changedFeatures = useMemo(
    () => (compare.comparison ? featuresOf(index, compare.comparison.changedUnits.map((u) => u.unitId)) : []),
    [index, compare.comparison],
  );
  const lockedFeatures = useMemo(() => featuresOf(index, store.plan.lockedUnits ?? []), [index, store, structureVersion]);
  const lockedSelected = useMemo(() => {
    let n = 0;
    for (const id of selection.units) if (store.plan.lockedUnits?.has(id)) n++;
    return n;
  }, [selection, selectionVersion, store, structureVersion]);
  const stroke = tools.stroke;
  const strokeFeatures = useMemo(() => (stroke ? featuresOf(index, stroke.units) : []), [index, stroke]);
  const extraLayers: Layer[] = [
    ...(lockedFeatures.length ? [lockedLayer(lockedFeatures, colours)] : []),
    ...(compare.baseId ? [changedLayer(changedFeatures, colours)] : []),
    selectionLayer(selectedFeatures, colours),
    ...(stroke ? [strokeLayer(strokeFeatures, stroke.erase, colours)] : []),
  ];

  useEffect(() => {
    connectStudioHook({
      selection: () => selection.units,
      tool: tools.toolId,
      compareChanged: compare.baseId ? (compare.comparison?.changedUnits.length ?? -1) : -1,
      theme,
    });
    return () => connectStudioHook(null);
  }, [selection, tools.toolId, compare.baseId, compare.comparison, theme]);

  const territoryActions = useTerritoryActions(store, target, setTarget);
  const scenarioActions = useScenarioActions(connection.api, store, data.scenario, onError);
  const territories = useMemo(() => [...store.plan.territories.values()], [store, structureVersion]);

  const flyToUnit = useCallback(
    (unitId: string | null, location: [number, number] | null) => {
      const i = unitId === null ? undefined : index.byId.get(unitId);
      const at = location ?? (i === undefined ? null : ([index.points[i * 2]!, index.points[i * 2 + 1]!] as [number, number]));
      if (unitId !== null) selection.select([unitId]);
      if (at) mapApiRef.current?.flyTo(at, 7);
    },
    [index, selection],
  );

  const overlays = (
    <>
      <ToolBar toolId={tools.toolId} onTool={tools.setTool} brushRadius={tools.brushRadius} onBrushRadius={tools.setBrushRadius}
        onListFill={() => setDialog('list')} onAttributeSelect={() => setDialog('attribute')} />
      <GestureOverlay gestures={tools.gestures} />
      <StatusBar totals={totals} targetName={targetName} targetLocked={!!targetTerritory?.locked} toolHint={toolById(tools.toolId).hint}
        onAssign={assignSelection} onClear={() => selection.clear()} lockedSelected={lockedSelected} onLock={lockSelection} />
      {dialog === 'list' && (
        <ListFillDialog unitIds={unitIdSet} targetName={targetName}
          onAssign={(ids) => assign(ids, target)} onSelect={(ids) => selection.select(ids)} onClose={() => setDialog(null)} />
      )}
      {dialog === 'attribute' && (
        <AttributeDialog units={data.units} fields={data.fields} onSelect={(ids, add) => selection.select(ids, add)} onClose={() => setDialog(null)} />
      )}
      {dialog === 'help' && <HelpOverlay onClose={() => setDialog(null)} />}
    </>
  );

  const sidebar = (
    <StudioSidebar
      api={connection.api}
      store={store}
      data={data}
      territory={targetTerritory}
      territories={territories}
      territoryActions={territoryActions}
      scenarioActions={scenarioActions}
      compare={compare}
      searchRef={searchRef}
      onSearchPick={(hit) => flyToUnit(hit.unitId, hit.location)}
      theme={theme}
      onToggleTheme={toggleTheme}
      onHelp={() => setDialog('help')}
      openCompare={compareWith}
    />
  );

  return {
    map: {
      onUnitClick: tools.onUnitClick,
      extraLayers,
      dragPan: tools.dragPan,
      cursor: tools.cursor,
      onMapPointer: tools.onMapPointer,
      mapApiRef,
      theme: theme === 'dark' ? darkMapTheme : undefined,
    },
    overlays,
    sidebar,
  };
}
