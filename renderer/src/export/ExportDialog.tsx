/**
 * The Export… dialog: one place for every export. Map images open the existing image dialog (they
 * render in this window); every other format is written by main (`exportFile`), then downloaded once
 * from the address main returns — a plain same-origin download, which the browser saves and
 * Electron turns into a native Save dialog (main/electron/downloads.ts).
 */
import { useEffect, useRef, useState } from 'react';
import type { ApiEvents, ExportFileRequest } from '../../../shared/api/contract.ts';
import type { MapData } from '../../../shared/model/project.ts';
import type { Connection } from '../api/transport.ts';
import { exportStageLabel, FORMAT_GROUPS, formatChoice, isDrawnFormat, type FileFormat, type LayerChoice } from './export-formats.ts';
import './export.css';

export interface ExportDialogProps {
  connection: Connection;
  data: MapData;
  onClose(): void;
  /** Open the map image dialog instead. */
  onMapImage(): void;
}

type Progress = ApiEvents['exportProgress'];

export function ExportDialog({ connection, data, onClose, onMapImage }: ExportDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [format, setFormat] = useState<FileFormat>('pdf');
  const [what, setWhat] = useState<LayerChoice | ''>('');
  const [scenarioId, setScenarioId] = useState(data.scenario.id);
  const [title, setTitle] = useState('');
  const [page, setPage] = useState<'a4' | 'letter'>('letter');
  const [labels, setLabels] = useState(true);
  // Progress of OUR export only: events from another window's export are ignored.
  const [busy, setBusy] = useState<Progress | null>(null);
  const running = useRef(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  useEffect(
    () =>
      connection.onEvent((event) => {
        if (event.name === 'exportProgress' && running.current) setBusy(event.payload as Progress);
      }),
    [connection],
  );

  const choice = formatChoice(format);
  const drawn = isDrawnFormat(format);
  const pickFormat = (next: FileFormat) => {
    setFormat(next);
    if (what && !formatChoice(next).layers.includes(what)) setWhat('');
    setMessage(null);
  };

  const save = async () => {
    const request: ExportFileRequest = drawn
      ? { format, scenarioId, page, labels, ...(title.trim() ? { title: title.trim() } : {}) }
      : { format, scenarioId, ...(what ? { what } : {}) };
    setMessage(null);
    running.current = true;
    setBusy({ stage: 'starting', done: 0, total: 1 });
    try {
      const result = await connection.api.exportFile(request);
      const link = document.createElement('a');
      link.href = result.url;
      link.download = result.filename;
      document.body.append(link);
      link.click();
      link.remove();
      const counts = result.layers.map((l) => `${l.features.toLocaleString('en-US')} ${l.name}`).join(', ');
      setMessage({ text: `Saved ${result.filename} (${formatBytes(result.bytes)}; ${counts}).`, error: false });
    } catch (error) {
      setMessage({ text: `Nothing was exported: ${(error as Error).message}`, error: true });
    } finally {
      running.current = false;
      setBusy(null);
    }
  };

  const percent = busy && busy.total > 0 ? Math.round((100 * busy.done) / busy.total) : 0;

  return (
    <dialog ref={dialogRef} className="export-dialog" onCancel={(e) => (e.preventDefault(), onClose())} aria-label="Export" data-testid="export-dialog">
      <form
        className="export-dialog__form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <h2>Export</h2>
        <div className="export-dialog__body">
          <div className="export-dialog__groups" role="radiogroup" aria-label="Format">
            <fieldset className="export-dialog__group">
              <legend>Map image (PNG, JPEG)</legend>
              <button type="button" className="export-dialog__image" onClick={onMapImage} data-testid="export-map-image">
                <strong>Map image…</strong>
                <small>the map as you see it, up to 10,000 px, with a live preview</small>
              </button>
            </fieldset>
            {FORMAT_GROUPS.map((group) => (
              <fieldset key={group.title} className="export-dialog__group">
                <legend>{group.title}</legend>
                {group.formats.map((f) => (
                  <label key={f.format} className="export-dialog__format" data-selected={f.format === format}>
                    <input type="radio" name="export-format" value={f.format} checked={f.format === format} onChange={() => pickFormat(f.format)} data-testid={`export-format-${f.format}`} />
                    <span>
                      <strong>{f.label}</strong>
                      <small>{f.hint}</small>
                    </span>
                  </label>
                ))}
              </fieldset>
            ))}
          </div>
          <div className="export-dialog__options">
            <label>
              Scenario
              <select value={scenarioId} onChange={(e) => setScenarioId(e.target.value)} data-testid="export-scenario">
                {data.scenarios.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
            {drawn ? (
              <>
                <label>
                  Title
                  <input value={title} maxLength={200} placeholder={data.projectName} onChange={(e) => setTitle(e.target.value)} data-testid="export-title" />
                </label>
                <label>
                  Page size
                  <select value={page} onChange={(e) => setPage(e.target.value as 'a4' | 'letter')} data-testid="export-page">
                    <option value="letter">US Letter, landscape</option>
                    <option value="a4">A4, landscape</option>
                  </select>
                </label>
                <label className="export-dialog__check">
                  <input type="checkbox" checked={labels} onChange={(e) => setLabels(e.target.checked)} data-testid="export-labels" />
                  Territory names on the map
                </label>
              </>
            ) : (
              <label>
                Layer
                <select value={what} onChange={(e) => setWhat(e.target.value as LayerChoice | '')} data-testid="export-what">
                  <option value="">Everything ({choice.everything})</option>
                  {choice.layers.map((layer) => (
                    <option key={layer} value={layer}>
                      {layerLabel(layer)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <p className="export-dialog__note">{drawn ? `Contains ${choice.everything}.` : 'IDs stay text, so ZIP codes keep their leading zeros.'}</p>
          </div>
        </div>
        {busy && (
          <div className="export-dialog__progress" data-testid="export-progress">
            <span>Exporting… {exportStageLabel(busy.stage)}</span>
            <div className="export-dialog__bar">
              <div style={{ width: `${Math.max(5, percent)}%` }} />
            </div>
          </div>
        )}
        {message && (
          <p className={message.error ? 'export-dialog__message export-dialog__message--error' : 'export-dialog__message'} role={message.error ? 'alert' : 'status'} data-testid="export-message">
            {message.text}
          </p>
        )}
        <div className="export-dialog__actions">
          <button type="button" className="button" onClick={onClose} data-testid="export-close">
            Close
          </button>
          <button type="submit" className="button button--primary" disabled={!!busy} data-testid="export-save">
            Export {choice.label}
          </button>
        </div>
      </form>
    </dialog>
  );
}

function layerLabel(layer: LayerChoice): string {
  switch (layer) {
    case 'territories':
      return 'Territories (outlines with totals)';
    case 'units':
      return 'Units → territory → rep';
    case 'accounts':
      return 'Accounts → territory → rep';
    case 'metrics':
      return 'Territory metrics table';
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`;
}
