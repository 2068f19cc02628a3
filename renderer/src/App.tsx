/**
 * The window: top bar, map, territory panel, toast and About box, wired to the open project.
 * Layout only; state lives in PlanStore (edits) and useProject (loading), derived data in hooks.
 */
import { useCallback, useMemo, useState } from 'react';
import { connect } from './api/transport.ts';
import { useProject, usePlanVersion, type ProjectState } from './state/use-project.ts';
import { useUndoShortcuts } from './state/use-undo-shortcuts.ts';
import { useMenuCommands } from './state/use-menu-commands.ts';
import type { Connection } from './api/transport.ts';
import { useTerritorySummary } from './state/use-territory-summary.ts';
import type { PlanStore } from './state/plan-store.ts';
import type { MapData } from '../../shared/model/project.ts';
import { TopBar } from './chrome/TopBar.tsx';
import { Toast } from './chrome/Toast.tsx';
import { AboutDialog } from './chrome/AboutDialog.tsx';
import { TerritoryMap } from './map/TerritoryMap.tsx';
import { TerritoryPanel, type PaintTarget } from './panel/TerritoryPanel.tsx';

export function App() {
  const connection = useMemo(() => connect(), []);
  const [toast, setToast] = useState<string | null>(null);
  const [aboutOpen, setAboutOpen] = useState(false);
  const showError = useCallback((message: string) => setToast(message), []);
  const dismissToast = useCallback(() => setToast(null), []);
  const project = useProject(connection, showError);

  return (
    <div className="app">
      {project.status === 'ready' ? (
        <Workspace key={project.dataVersion} connection={connection} data={project.data} store={project.store} onAbout={() => setAboutOpen(true)} />
      ) : (
        <>
          <TopBar projectName={null} scenarioName={null} history={null} onUndo={noop} onRedo={noop} onAbout={() => setAboutOpen(true)} />
          <StatusScreen project={project} />
        </>
      )}
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
  onAbout(): void;
}

/** Everything that exists once a project is loaded; remounted when another project is opened. */
function Workspace({ connection, data, store, onAbout }: WorkspaceProps) {
  const planVersion = usePlanVersion(store);
  const [target, setTarget] = useState<PaintTarget>(() => data.territories[0]?.id ?? null);
  const summary = useTerritorySummary(data, store, planVersion);
  const undo = useCallback(() => void store.undo(), [store]);
  const redo = useCallback(() => void store.redo(), [store]);
  useUndoShortcuts(undo, redo);
  useMenuCommands(connection, { undo, redo });
  const onUnitClick = useCallback((unitId: string) => void store.assign([unitId], target), [store, target]);
  const territories = useMemo(() => [...store.plan.territories.values()], [store, planVersion]);

  return (
    <>
      <TopBar
        projectName={data.projectName}
        scenarioName={data.scenario.name}
        history={store.history}
        onUndo={undo}
        onRedo={redo}
        onAbout={onAbout}
      />
      <main className="workspace">
        <TerritoryMap data={data} plan={store.plan} planVersion={planVersion} onUnitClick={onUnitClick} />
        <TerritoryPanel territories={territories} reps={data.reps} summary={summary} target={target} onTarget={setTarget} />
      </main>
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
