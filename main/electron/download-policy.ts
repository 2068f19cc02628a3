/**
 * Which downloads the window may make (decided here without Electron, so it is unit-tested):
 * map images as blob: URLs of the app page, and in-app exports from tessera://app/download/<id>,
 * each only with its own file types. Everything else is cancelled by downloads.ts.
 */
import path from 'node:path';
import type { FileFilter } from 'electron';
import type { ExportFileRequest } from '../../shared/api/contract.ts';
import { DOWNLOAD_PREFIX, DOWNLOAD_TYPES } from '../services/export-downloads.ts';
import { APP_ORIGIN } from './security-policy.ts';

export const IMAGE_FILTERS: Record<string, FileFilter> = {
  '.png': { name: 'PNG image', extensions: ['png'] },
  '.jpg': { name: 'JPEG image', extensions: ['jpg', 'jpeg'] },
};

/** One Save dialog filter per in-app export format; a format added to the contract fails to compile until named here. */
const EXPORT_FILTER_NAMES: Record<ExportFileRequest['format'], string> = {
  pdf: 'PDF document',
  svg: 'SVG drawing',
  pptx: 'PowerPoint presentation',
  shp: 'Zipped shapefile',
  geojson: 'GeoJSON',
  gpkg: 'GeoPackage',
  kml: 'KML',
  csv: 'CSV table',
  xlsx: 'Excel workbook',
};
const EXPORT_FILTERS: Record<string, FileFilter> = Object.fromEntries(
  (Object.keys(EXPORT_FILTER_NAMES) as ExportFileRequest['format'][]).map((format) => {
    const ext = DOWNLOAD_TYPES[format].ext;
    return [ext, { name: EXPORT_FILTER_NAMES[format], extensions: [ext.slice(1)] }];
  }),
);

/** The Save dialog filter for a download the app may make, or null to refuse it. */
export function allowedDownload(url: string, filename: string): FileFilter | null {
  const ext = path.extname(filename).toLowerCase();
  if (url.startsWith(`blob:${APP_ORIGIN}/`)) return IMAGE_FILTERS[ext] ?? null;
  if (url.startsWith(APP_ORIGIN + DOWNLOAD_PREFIX)) return EXPORT_FILTERS[ext] ?? null;
  return null;
}
