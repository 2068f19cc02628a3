/**
 * Bringing files in: a progress bar with Cancel for the running import (from main's
 * `importProgress` events, so it also shows imports started from the native menu), an Import
 * dialog that takes a file path (the HTTP host runs on this machine, so a path is what it needs),
 * drag-and-drop onto the window in the desktop app (a .gpkg opens, anything else imports), and
 * the report of a finished import, open until the user closes it (an error goes to the toast).
 */
import { useCallback, useEffect, useState } from 'react';
import type { Connection } from '../api/transport.ts';
import type { ImportProgress, ImportReport } from '../../../shared/model/import.ts';
import { ImportDialog, type ImportRequest } from './ImportDialog.tsx';
import { ImportReportDialog } from './ImportReportDialog.tsx';
import './import.css';

export interface ImportCenterProps {
  connection: Connection;
  dialogOpen: boolean;
  onCloseDialog(): void;
  /** Plain-language error for the user. */
  onMessage(message: string): void;
}

export function ImportCenter({ connection, dialogOpen, onCloseDialog, onMessage }: ImportCenterProps) {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [dropping, setDropping] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const closeReport = useCallback(() => setReport(null), []);

  useEffect(
    () =>
      connection.onEvent((event) => {
        if (event.name === 'importProgress') setProgress(event.payload as ImportProgress);
        else if (event.name === 'projectChanged') setProgress(null);
      }),
    [connection],
  );

  const runImport = useCallback(
    async (request: ImportRequest) => {
      setProgress({ stage: 'open', percent: 0, features: 0, featuresPerSecond: 0, message: `Opening ${request.path}` });
      try {
        setReport(await connection.api.importFile(request));
      } catch (error) {
        onMessage((error as Error).message);
      } finally {
        setProgress(null);
      }
    },
    [connection, onMessage],
  );

  const onDroppedPath = useCallback(
    (path: string) => {
      if (path.toLowerCase().endsWith('.gpkg')) connection.api.openProject({ path }).catch((error: Error) => onMessage(error.message));
      else void runImport({ path });
    },
    [connection, runImport, onMessage],
  );
  useFileDrop(connection, setDropping, onDroppedPath, onMessage);

  return (
    <>
      {dropping && <div className="import-drop" data-testid="import-drop">Drop to import (a .gpkg project opens)</div>}
      {progress && (
        <div className="import-progress" role="status" data-testid="import-progress">
          <div className="import-progress__text">
            <strong>Importing</strong> {progress.message}
            {progress.featuresPerSecond > 0 && <span className="import-progress__rate"> · {Math.round(progress.featuresPerSecond).toLocaleString()} features/s</span>}
          </div>
          <div className="import-progress__bar" aria-valuenow={Math.round(progress.percent)} aria-valuemin={0} aria-valuemax={100} role="progressbar">
            <div style={{ width: `${Math.max(2, progress.percent)}%` }} />
          </div>
          <button type="button" onClick={() => void connection.api.cancelImport({})}>
            Cancel
          </button>
        </div>
      )}
      {report && <ImportReportDialog report={report} onClose={closeReport} />}
      {dialogOpen && (
        <ImportDialog
          onCancel={onCloseDialog}
          onImport={(request) => {
            onCloseDialog();
            void runImport(request);
          }}
        />
      )}
    </>
  );
}

/** Window-wide drag-and-drop of files; only the desktop app can tell main where a file is. */
function useFileDrop(
  connection: Connection,
  setDropping: (dropping: boolean) => void,
  onPath: (path: string) => void,
  onMessage: (message: string) => void,
) {
  useEffect(() => {
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const over = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setDropping(true);
    };
    const leave = (event: DragEvent) => {
      if (event.relatedTarget === null) setDropping(false);
    };
    const drop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setDropping(false);
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      if (!connection.pathForFile) {
        onMessage(`A browser does not reveal where "${file.name}" is. Use Import… and give its path, or run: npx tessera import <project.gpkg> <file>`);
        return;
      }
      onPath(connection.pathForFile(file));
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [connection, setDropping, onPath, onMessage]);
}
