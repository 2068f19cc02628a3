/**
 * The window: top bar, map, territory panel, toast and About box, wired to the open project.
 * Layout only; state lives in PlanStore (edits) and useProject (loading), derived data in hooks.
 */
import { useCallback, useMemo, useState } from 'react';
import { connect } from './api/transport.ts';
import { useProject, useStructureChanges, type ProjectState } from './state/use-project.ts';
import { useUndoShortcuts } from './state/use-undo-shortcuts.ts';
import { useMenuCommands } from './state/use-menu-commands.ts';
import type { Connection } from './api/transport.ts';
import { usePlanInsights } from './state/use-plan-insights.ts';
import type { PlanStore } from './state/plan-store.ts';
import type { MapData } from '../../shared/model/project.ts';
import { TopBar } from './chrome/TopBar.tsx';
import { StoreTopBar } from './chrome/StoreTopBar.tsx';
import { Toast } from './chrome/Toast.tsx';
import { AboutDialog } from './chrome/AboutDialog.tsx';
import { ImportCenter } from './import/ImportCenter.tsx';
import { OptimizeCenter } from './optimize/OptimizeCenter.tsx';
import { LiveTerritoryMap } from './map/LiveTerritoryMap.tsx';
import { LiveMapExport } from './print/LiveMapExport.tsx';
import { ExportDialog } from './export/ExportDialog.tsx';
import { useStudio } from './studio/use-studio.tsx';
import './styles/studio.css';
import type { PaintTarget } from './panel/TerritoryPanel.tsx';
import { LiveTerritoryPanel } from './panel/LiveTerritoryPanel.tsx';
import { fallbackNote, useDriveTimes } from './drive-time/use-drive-times.ts';
import { useDriveTime } from './drive-time/use-drive-time.tsx';

export function App() {
  const connection = useMemo(() => connect(), []);
  const [toast, setToast] = useState<string | null>(null);
  const [aboutOpen, setAboutOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [optimizeOpen, setOptimizeOpen] = useState(false);
  const [compareWith, setCompareWith] = useState<string | null>(null);
  const openOptimize = useCallback(() => setOptimizeOpen(true), []);
  const closeOptimize = useCallback(() => setOptimizeOpen(false), []);
  const openImport = useCallback(() => setImportOpen(true), []);
  const closeImport = useCallback(() => setImportOpen(false), []);
  const showError = useCallback((message: string) => setToast(message), []);
  const dismissToast = useCallback(() => setToast(null), []);
  const project = useProject(connection, showError);

  return (
    <div className="app">
      {project.status === 'ready' ? (
        <Workspace key={project.dataVersion} connection={connection} data={project.data} store={project.store} onImport={openImport} onAbout={() => setAboutOpen(true)} onError={showError}
          onOptimize={openOptimize} compareWith={compareWith} />
      ) : (
        <>
          <TopBar projectName={null} scenarioName={null} history={null} onUndo={noop} onRedo={noop} onImport={openImport} onAbout={() => setAboutOpen(true)} />
          <StatusScreen project={project} />
        </>
      )}
      <ImportCenter connection={connection} dialogOpen={importOpen} onCloseDialog={closeImport} onMessage={showError} />
      <OptimizeCenter connection={connection} data={project.status === 'ready' ? project.data : null} store={project.status === 'ready' ? project.store : null}
        open={optimizeOpen} onOpen={openOptimize} onClose={closeOptimize} onCompare={setCompareWith} onMessage={showError} />
      {toast && <Toast message={toast} onDismiss={dismissToast} />}
      {aboutOpen && <AboutDialog onClose={() => setAboutOpen(false)} />}
    </div>
  );
}

function noop() {}

interface WorkspaceProps {
  connection: Connection;
  data: MapData;
  store: PlanStore;
  onImport(): void;
  onAbout(): void;
  onError(message: string): void;
  onOptimize(): void;
  /** Scenario to compare the active one with on load (set after an optimization). */
  compareWith: string | null;
}

/** Everything that exists once a project is loaded; remounted when another project is opened. */
function Workspace({ connection, data, store, onImport, onAbout, onError, onOptimize, compareWith }: WorkspaceProps) {
  // Territory, region and lock changes only: an assignment re-renders just the map and the panel,
  // which follow the plan themselves (LiveTerritoryMap, LiveTerritoryPanel), and a confirmed save
  // just the top bar (StoreTopBar).
  const structureVersion = useStructureChanges(store);
  const [target, setTarget] = useState<PaintTarget>(() => data.territories[0]?.id ?? null);
  const driveTimes = useDriveTimes(connection.api, data);
  const insights = usePlanInsights(data, store, driveTimes.times);
  const undo = useCallback(() => void store.undo(), [store]);
  const redo = useCallback(() => void store.redo(), [store]);
  useUndoShortcuts(undo, redo);
  const [exportImageOpen, setExportImageOpen] = useState(false);
  const openExportImage = useCallback(() => setExportImageOpen(true), []);
  const [exportOpen, setExportOpen] = useState(false);
  const openExport = useCallback(() => setExportOpen(true), []);
  useMenuCommands(connection, { undo, redo, exportMapImage: openExportImage, exportAny: openExport });
  const studio = useStudio({ connection, data, store, structureVersion, target, setTarget, onError, compareWith });
  const driveTime = useDriveTime({ api: connection.api, data, store, driveTimes, live: insights.live, mapApiRef: studio.map.mapApiRef, dark: studio.map.theme !== undefined });
  const territories = useMemo(() => [...store.plan.territories.values()], [store, structureVersion]);

  return (
    <>
      <StoreTopBar
        store={store}
        projectName={data.projectName}
        scenarioName={data.scenario.name}
        onUndo={undo}
        onRedo={redo}
        onImport={onImport}
        onAbout={onAbout}
        onOptimize={onOptimize}
        onExportImage={openExport}
      />
      <main className="workspace workspace--studio">
        {studio.sidebar}
        <LiveTerritoryMap
          {...studio.map}
          extraLayers={[...studio.map.extraLayers, ...driveTime.layers]}
          data={data}
          store={store}
          live={insights.live}
          balanceKey={insights.balanceKey}
          colourMode={insights.colourMode}
          defaultField={insights.defaultField}
        >
          {studio.overlays}
          {driveTime.overlay}
        </LiveTerritoryMap>
        <LiveTerritoryPanel
          store={store}
          live={insights.live}
          balanceKey={insights.balanceKey}
          territories={territories}
          reps={data.reps}
          balanceOptions={insights.fieldOptions}
          balance={insights.balance}
          onBalance={insights.setBalance}
          tolerancePct={insights.tolerancePct}
          onTolerance={insights.setTolerance}
          target={target}
          onTarget={setTarget}
          islandNames={insights.islandNames}
          onRecolour={insights.recolour}
          driveFallbackNote={fallbackNote(driveTimes.times)}
        />
      </main>
      <LiveMapExport
        data={data}
        store={store}
        live={insights.live}
        balanceKey={insights.balanceKey}
        colourMode={insights.colourMode}
        mapApiRef={studio.map.mapApiRef}
        open={exportImageOpen}
        onClose={() => setExportImageOpen(false)}
      />
      {exportOpen && (
        <ExportDialog
          connection={connection}
          data={data}
          onClose={() => setExportOpen(false)}
          onMapImage={() => (setExportOpen(false), openExportImage())}
        />
      )}
    </>
  );
}

function StatusScreen({ project }: { project: Exclude<ProjectState, { status: 'ready' }> }) {
  return (
    <main className="status-screen" data-testid="status">
      {project.status === 'loading' ? (
        <>
          <div className="spinner" aria-hidden="true" />
          <p>Opening project…</p>
        </>
      ) : (
        <>
          <h2>The project could not be opened</h2>
          <p>{project.message}</p>
        </>
      )}
    </main>
  );
}
