/** The slim bar above the map: app mark, project and scenario, undo/redo, Import, About. */
import type { HistoryState } from '../../../shared/model/project.ts';
import { InfoIcon, RedoIcon, TesseraMark, UndoIcon } from './icons.tsx';

export interface TopBarProps {
  projectName: string | null;
  scenarioName: string | null;
  history: HistoryState | null;
  onUndo(): void;
  onRedo(): void;
  onImport(): void;
  onAbout(): void;
  /** Opens the Optimize dialog; the button shows only when given (a project is loaded). */
  onOptimize?(): void;
  /** Opens Export map image…; shown only when given (a project is loaded). */
  onExportImage?(): void;
}

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl+';

export function TopBar({ projectName, scenarioName, history, onUndo, onRedo, onImport, onAbout, onOptimize, onExportImage }: TopBarProps) {
  const undoTitle = history?.undoLabel ? `Undo “${history.undoLabel}” (${mod}Z)` : 'Nothing to undo';
  const redoTitle = history?.redoLabel ? `Redo “${history.redoLabel}” (${mod}${isMac ? '⇧Z' : 'Y'})` : 'Nothing to redo';
  return (
    <header className="topbar">
      <div className="topbar__brand">
        <TesseraMark />
        <span>Tessera</span>
      </div>
      <div className="topbar__divider" />
      {projectName && (
        <div className="topbar__doc">
          <span className="topbar__project" data-testid="project-name">
            {projectName}
          </span>
          {scenarioName && (
            <span className="topbar__scenario" title="Active scenario" data-testid="scenario-name">
              {scenarioName}
            </span>
          )}
        </div>
      )}
      <div className="topbar__spacer" />
      <div className="topbar__group">
        <button type="button" className="icon-button" onClick={onUndo} disabled={!history?.canUndo} title={undoTitle} aria-label={undoTitle} data-testid="undo">
          <UndoIcon />
          <span>Undo</span>
        </button>
        <button type="button" className="icon-button" onClick={onRedo} disabled={!history?.canRedo} title={redoTitle} aria-label={redoTitle} data-testid="redo">
          <RedoIcon />
          <span>Redo</span>
        </button>
      </div>
      <div className="topbar__divider" />
      {onOptimize && (
        <button type="button" className="icon-button" onClick={onOptimize} title="Build or rebalance territories automatically (O)" data-testid="optimize">
          <span>Optimize…</span>
        </button>
      )}
      <button type="button" className="icon-button" onClick={onImport} title="Import boundaries or accounts from a file" data-testid="import">
        <span>Import…</span>
      </button>
      {onExportImage && (
        <button type="button" className="icon-button" onClick={onExportImage} title="Export the plan: map image, PDF, PowerPoint, GIS files or tables" data-testid="export">
          <span>Export…</span>
        </button>
      )}
      <button type="button" className="icon-button" onClick={onAbout} title="About Tessera and its data sources" data-testid="about">
        <InfoIcon />
        <span>About</span>
      </button>
    </header>
  );
}
