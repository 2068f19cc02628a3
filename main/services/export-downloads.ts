/**
 * In-app exports (the Export… dialog): runs `exportProject` for one non-image format into a private
 * temp folder and keeps the file for exactly one download. The hosts hand it out — the HTTP host at
 * `/download/<id>` behind its token check, Electron at `tessera://app/download/<id>` — and `take`
 * forgets the id at once, so a second GET of the same address finds nothing. The file is deleted
 * after the download, or after `ttlMs` when nobody fetched it. The id is 32 random bytes, so the
 * address cannot be guessed; the file name shown to the user is derived here and sanitised.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportProject } from '../export/export-project.ts';
import type { ProgressFn } from '../export/layers.ts';
import type { ExportFileRequest, ExportFileResult } from '../../shared/api/contract.ts';

/** What each in-app format downloads as: file extension and MIME type. */
export const DOWNLOAD_TYPES: Record<ExportFileRequest['format'], { ext: string; mime: string }> = {
  pdf: { ext: '.pdf', mime: 'application/pdf' },
  svg: { ext: '.svg', mime: 'image/svg+xml' },
  pptx: { ext: '.pptx', mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
  shp: { ext: '.zip', mime: 'application/zip' },
  geojson: { ext: '.geojson', mime: 'application/geo+json' },
  gpkg: { ext: '.gpkg', mime: 'application/geopackage+sqlite3' },
  kml: { ext: '.kml', mime: 'application/vnd.google-earth.kml+xml' },
  csv: { ext: '.csv', mime: 'text/csv; charset=utf-8' },
  xlsx: { ext: '.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
};

/** The URL path prefix both hosts serve downloads under. */
export const DOWNLOAD_PREFIX = '/download/';

export interface ReadyDownload {
  file: string;
  filename: string;
  mime: string;
  size: number;
  /** Delete the file and its folder; call when the response has been sent (or failed). */
  dispose(): void;
}

interface Pending {
  file: string;
  dir: string;
  filename: string;
  mime: string;
  timer: NodeJS.Timeout;
}

export class ExportDownloads {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly ttlMs = 5 * 60_000) {}

  /** Export into a private temp folder; returns the single-use download address. Throws UserError on bad input (no file left). */
  async create(project: string, projectName: string, request: ExportFileRequest, progress?: ProgressFn): Promise<ExportFileResult> {
    const type = DOWNLOAD_TYPES[request.format];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-export-'));
    fs.chmodSync(dir, 0o700);
    const out = path.join(dir, 'export' + type.ext);
    try {
      const result = await exportProject({
        project,
        format: request.format,
        out,
        what: request.what,
        scenario: request.scenarioId,
        title: request.title,
        page: request.page,
        labels: request.labels,
        progress,
      });
      const id = crypto.randomBytes(32).toString('base64url');
      const filename = downloadName(projectName, result.scenario.name, request.what, type.ext);
      const timer = setTimeout(() => this.drop(id), this.ttlMs);
      timer.unref();
      this.pending.set(id, { file: out, dir, filename, mime: type.mime, timer });
      return {
        url: DOWNLOAD_PREFIX + id,
        filename,
        bytes: fs.statSync(out).size,
        scenario: result.scenario,
        layers: result.layers,
      };
    } catch (error) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Hand out a download once: the id is forgotten now, the file deleted when `dispose` is called. */
  take(id: string): ReadyDownload | null {
    const entry = this.pending.get(id);
    if (!entry) return null;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    let size: number;
    try {
      size = fs.statSync(entry.file).size;
    } catch {
      fs.rmSync(entry.dir, { recursive: true, force: true });
      return null;
    }
    return { file: entry.file, filename: entry.filename, mime: entry.mime, size, dispose: () => fs.rmSync(entry.dir, { recursive: true, force: true }) };
  }

  /** Delete every waiting file (on quit or project close). */
  clear(): void {
    for (const id of [...this.pending.keys()]) this.drop(id);
  }

  private drop(id: string): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    fs.rmSync(entry.dir, { recursive: true, force: true });
  }
}

/** "Acme plan - Scenario 2 - units.csv", with anything a file system or a header could trip on replaced. */
export function downloadName(project: string, scenario: string, what: string | undefined, ext: string): string {
  const stem = [project, scenario, what].filter((s): s is string => !!s).join(' - ');
  return sanitizeFilename(stem) + ext;
}

/** Printable ASCII without quotes, slashes or reserved characters, at most 120 characters, never empty. */
export function sanitizeFilename(name: string): string {
  const clean = name
    .normalize('NFKD')
    .replace(/\s+/g, ' ')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\/:*?<>|%;]/g, '_')
    .replace(/^[ .]+|[ .]+$/g, '')
    .slice(0, 120)
    .trim();
  return clean || 'tessera-export';
}
