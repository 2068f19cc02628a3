/**
 * Export map image…: format, width (or a preset), DPI, title, labels and extent, with a live
 * preview of the page at reduced size. Save renders the full size in this page (tile by tile, with
 * progress and Cancel), encodes it and hands it to the browser as a download — in Electron the
 * shell turns that into a Save dialog (main/electron/downloads.ts).
 */
import { useEffect, useRef, useState } from 'react';
import {
  MAX_DPI,
  MAX_WIDTH_PX,
  MIN_DPI,
  MIN_WIDTH_PX,
  WIDTH_PRESETS,
  layoutScale,
  printOptionsProblem,
  type ImageFormat,
  type PrintExtent,
  type PrintOptions,
} from '../../../shared/image/print-options.ts';
import { encodeImage, IMAGE_MIME } from './encode-image.ts';
import { PrintCancelled } from './map-tiles.ts';
import { defaultPrintTitle, renderPrint } from './render-print.ts';
import type { PrintSource } from './print-source.ts';
import './print.css';

const PREVIEW_WIDTH = 640;

export interface MapExportDialogProps {
  source: PrintSource;
  onClose(): void;
}

type Saving = { tile: number; tiles: number; stage: 'render' | 'encode' } | null;

export function MapExportDialog({ source, onClose }: MapExportDialogProps) {
  const [format, setFormat] = useState<ImageFormat>('png');
  const [width, setWidth] = useState(4000);
  const [dpi, setDpi] = useState(150);
  const [title, setTitle] = useState(() => defaultPrintTitle(source));
  const [labels, setLabels] = useState(true);
  const [extentKey, setExtentKey] = useState('plan');
  const [previewState, setPreviewState] = useState<'rendering' | 'ready' | 'failed'>('rendering');
  const [pageSize, setPageSize] = useState<[number, number] | null>(null);
  const [saving, setSaving] = useState<Saving>(null);
  const [message, setMessage] = useState<string | null>(null);
  const previewHost = useRef<HTMLDivElement>(null);
  const saveAbort = useRef<AbortController | null>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);

  const extent: PrintExtent =
    extentKey === 'view' ? { kind: 'view' } : extentKey === 'plan' ? { kind: 'plan' } : { kind: 'territory', territoryId: extentKey.slice('territory:'.length) };
  const options: PrintOptions = { format, width, dpi, title, labels, extent };
  const problem = printOptionsProblem(options);
  const optionsKey = JSON.stringify({ width, dpi, title, labels, extent });

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  // The live preview: the same render at PREVIEW_WIDTH with the full size's proportions, debounced.
  useEffect(() => {
    if (problem) return;
    let stale = false;
    setPreviewState('rendering');
    const timer = setTimeout(() => {
      renderPrint(source, options, { renderWidth: PREVIEW_WIDTH })
        .then((result) => {
          if (stale) return;
          const canvas = result.canvas;
          canvas.className = 'map-export__preview-image';
          canvas.dataset.testid = 'map-export-preview-image';
          previewHost.current?.replaceChildren(canvas);
          setPageSize([options.width, Math.round((result.canvas.height * options.width) / result.canvas.width)]);
          setPreviewState('ready');
          setMessage((current) => (current?.startsWith('The preview failed') ? null : current));
        })
        .catch((error: unknown) => {
          if (stale) return;
          setPreviewState('failed');
          setMessage(`The preview failed: ${(error as Error).message}`);
        });
    }, 250);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
    // The options object is rebuilt every render; its key says when it changed.
  }, [optionsKey, source.planVersion, source.fillScale.key]);

  const save = async () => {
    if (problem || saving) return;
    const abort = new AbortController();
    saveAbort.current = abort;
    setMessage(null);
    setSaving({ tile: 0, tiles: 1, stage: 'render' });
    try {
      const result = await renderPrint(source, options, { signal: abort.signal, onProgress: ({ tile, tiles }) => setSaving({ tile, tiles, stage: 'render' }) });
      setSaving((current) => current && { ...current, stage: 'encode' });
      const bytes = await encodeImage(result.canvas, format, dpi);
      if (abort.signal.aborted) throw new PrintCancelled();
      download(bytes, format, fileName(title, format));
      setMessage(`Saved ${result.canvas.width.toLocaleString('en-US')} × ${result.canvas.height.toLocaleString('en-US')} px ${format.toUpperCase()} (${(bytes.length / 1e6).toFixed(1)} MB).`);
    } catch (error) {
      setMessage(error instanceof PrintCancelled ? 'Export cancelled; nothing was saved.' : `The image could not be made: ${(error as Error).message}`);
    } finally {
      setSaving(null);
      saveAbort.current = null;
    }
  };

  const close = () => {
    saveAbort.current?.abort();
    onClose();
  };
  const presetValue = (WIDTH_PRESETS as readonly number[]).includes(width) ? String(width) : 'custom';
  const territories = [...source.plan.territories.values()];
  const inches = pageSize ? `${(pageSize[0] / dpi).toFixed(1)} × ${(pageSize[1] / dpi).toFixed(1)} in at ${dpi} dpi` : '';

  return (
    <dialog ref={dialogRef} className="map-export" onCancel={(e) => (e.preventDefault(), close())} aria-label="Export map image" data-testid="map-export-dialog">
      <form
        className="map-export__form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <h2>Export map image</h2>
        <div className="map-export__body">
          <div className="map-export__fields">
            <label>
              Format
              <select value={format} onChange={(e) => setFormat(e.target.value as ImageFormat)} data-testid="map-export-format">
                <option value="png">PNG (sharp lines, larger file)</option>
                <option value="jpeg">JPEG (smaller file)</option>
              </select>
            </label>
            <label>
              Width
              <span className="map-export__row">
                <select value={presetValue} onChange={(e) => e.target.value !== 'custom' && setWidth(Number(e.target.value))} data-testid="map-export-preset">
                  {WIDTH_PRESETS.map((w) => (
                    <option key={w} value={w}>
                      {w.toLocaleString('en-US')} px
                    </option>
                  ))}
                  <option value="custom">custom</option>
                </select>
                <input type="number" min={MIN_WIDTH_PX} max={MAX_WIDTH_PX} step={1} value={Number.isFinite(width) ? width : ''} onChange={(e) => setWidth(e.target.valueAsNumber)} aria-label="Width in pixels" data-testid="map-export-width" />
              </span>
            </label>
            <label>
              DPI (written into the file; scales text)
              <input type="number" min={MIN_DPI} max={MAX_DPI} step={1} value={Number.isFinite(dpi) ? dpi : ''} onChange={(e) => setDpi(e.target.valueAsNumber)} data-testid="map-export-dpi" />
            </label>
            <label>
              Title
              <input value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} data-testid="map-export-title" />
            </label>
            <label>
              Extent
              <select value={extentKey} onChange={(e) => setExtentKey(e.target.value)} data-testid="map-export-extent">
                <option value="plan">whole plan</option>
                <option value="view">current view</option>
                {territories.map((t) => (
                  <option key={t.id} value={`territory:${t.id}`}>
                    territory: {t.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="map-export__check">
              <input type="checkbox" checked={labels} onChange={(e) => setLabels(e.target.checked)} data-testid="map-export-labels" /> Territory names on the map
            </label>
            <p className="map-export__size" data-testid="map-export-size">
              {problem ?? (pageSize ? `${pageSize[0].toLocaleString('en-US')} × ${pageSize[1].toLocaleString('en-US')} px · ${inches} · text ×${layoutScale(width, dpi).toFixed(1)}` : '')}
            </p>
          </div>
          <div className="map-export__preview" data-state={previewState} data-testid="map-export-preview">
            <div ref={previewHost} className="map-export__preview-host" />
            {previewState === 'rendering' && <span className="map-export__preview-note">Rendering preview…</span>}
          </div>
        </div>
        {saving && (
          <div className="map-export__progress" data-testid="map-export-progress">
            <span>{saving.stage === 'encode' ? `Encoding ${format.toUpperCase()}…` : `Rendering tile ${saving.tile} of ${saving.tiles}…`}</span>
            <div className="map-export__bar">
              <div style={{ width: `${saving.stage === 'encode' ? 100 : Math.round((100 * saving.tile) / Math.max(1, saving.tiles))}%` }} />
            </div>
          </div>
        )}
        {message && (
          <p className="map-export__message" data-testid="map-export-message">
            {message}
          </p>
        )}
        <div className="map-export__actions">
          {saving ? (
            <button type="button" className="button" onClick={() => saveAbort.current?.abort()} data-testid="map-export-cancel">
              Cancel export
            </button>
          ) : (
            <button type="button" className="button" onClick={close} data-testid="map-export-close">
              Close
            </button>
          )}
          <button type="submit" className="button button--primary" disabled={!!problem || !!saving} data-testid="map-export-save">
            Save {format.toUpperCase()}…
          </button>
        </div>
      </form>
    </dialog>
  );
}

function fileName(title: string, format: ImageFormat): string {
  const base = [...title].map((c) => (c.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(c) ? ' ' : c)).join('').replace(/\s+/g, ' ').trim().slice(0, 120) || 'map';
  return `${base}.${format === 'jpeg' ? 'jpg' : 'png'}`;
}

/** Hand the bytes to the browser as a download (Electron: the shell asks where to save). */
function download(bytes: Uint8Array, format: ImageFormat, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: IMAGE_MIME[format] }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
