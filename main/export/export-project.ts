/**
 * `exportProject`: one entry for every export format. Checks the request (format, layer, scenario)
 * before anything is written, builds the layers from the project (layers.ts), and has the format's
 * writer fill a temporary file in the target folder that is renamed over the target only when
 * complete (atomic-file.ts). SVG, PDF and PPTX are drawn in Node from the project's geometry
 * (vector/); map images render through the renderer and are declared here so the CLI and the app
 * share one list.
 */
import path from 'node:path';
import { UserError } from '../../shared/errors.ts';
import { ProjectStore } from '../store/project-store.ts';
import { writeAtomically } from './atomic-file.ts';
import { writeCsv } from './csv.ts';
import { writeGeoJson } from './geojson.ts';
import { writeGpkg } from './gpkg.ts';
import { writeKml } from './kml.ts';
import { EXPORT_WHATS, ExportSource, type ExportLayer, type ExportWhat, type ProgressFn } from './layers.ts';
import { writeShapefileZip } from './shapefile-zip.ts';
import { writeXlsx } from './xlsx.ts';
import { checkPageSize, isVectorFormat, writeVector, type VectorFormat } from './vector/vector-export.ts';

export const RENDERED_FORMATS = ['png', 'jpeg', 'pdf', 'svg', 'pptx'] as const;
export const DATA_FORMATS = ['shp', 'geojson', 'gpkg', 'kml', 'csv', 'xlsx'] as const;
export const EXPORT_FORMATS = [...RENDERED_FORMATS, ...DATA_FORMATS] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type DataFormat = (typeof DATA_FORMATS)[number];

/** What each format writes when no layer is named: every layer the format can hold in one file. */
const DEFAULT_WHAT: Record<DataFormat, ExportWhat[]> = {
  shp: ['territories', 'units', 'accounts'],
  gpkg: ['territories', 'units', 'accounts', 'metrics'],
  kml: ['territories', 'accounts'],
  geojson: ['territories'],
  csv: ['units'],
  xlsx: ['units', 'accounts', 'metrics'],
};

/** Formats whose files hold map features only (the metrics table has no geometry). */
const GEOMETRY_ONLY = new Set<DataFormat>(['shp', 'geojson', 'kml']);

export interface ExportRequest {
  project: string;
  format: string;
  out: string;
  what?: string;
  /** Scenario id or name; default the active scenario. */
  scenario?: string;
  progress?: ProgressFn;
  /** SVG, PDF and PPTX: page title (default the project name), page size (a4|letter, landscape), territory labels. */
  title?: string;
  page?: string;
  labels?: boolean;
}

export interface ExportResult {
  file: string;
  format: DataFormat | VectorFormat;
  scenario: { id: string; name: string };
  layers: { name: ExportWhat; features: number }[];
}

export function isRenderedFormat(format: string): format is (typeof RENDERED_FORMATS)[number] {
  return (RENDERED_FORMATS as readonly string[]).includes(format);
}

/** Check a format and layer choice; returns the layers to write. Throws UserError in plain words. */
export function planExport(format: string, what: string | undefined, out?: string): { format: DataFormat; whats: ExportWhat[] } {
  const f = format.toLowerCase().replace(/^\./, '') === 'jpg' ? 'jpeg' : format.toLowerCase().replace(/^\./, '');
  if (isRenderedFormat(f) && !isVectorFormat(f)) {
    // PNG/JPEG: rendered by the app's map in headless Chromium (image/map-image-export.ts); the CLI branches there.
    throw new UserError(
      `${f.toUpperCase()} map images are rendered by the app's map in a headless Chromium: use exportMapImage ` +
        `(main/export/image/), which \`tessera export --format ${f}\` runs, or the app's Export image… dialog.`,
    );
  }
  if (!(DATA_FORMATS as readonly string[]).includes(f)) {
    throw new UserError(`Unknown export format "${format}". Formats: ${EXPORT_FORMATS.join(', ')}.`);
  }
  const dataFormat = f as DataFormat;
  if (out !== undefined && dataFormat === 'shp' && !/\.zip$/i.test(out)) {
    throw new UserError(`A shapefile export is a .zip of the .shp/.shx/.dbf/.prj/.cpg files: give an --out ending in .zip (not "${path.basename(out)}").`);
  }
  if (what === undefined) return { format: dataFormat, whats: DEFAULT_WHAT[dataFormat] };
  if (!(EXPORT_WHATS as readonly string[]).includes(what)) {
    throw new UserError(`--what must be one of ${EXPORT_WHATS.join(', ')}, not "${what}".`);
  }
  if (what === 'metrics' && GEOMETRY_ONLY.has(dataFormat)) {
    throw new UserError(
      `The metrics table has no map shapes, so it cannot be written as ${dataFormat}. Use --format csv, xlsx or gpkg, ` +
        `or --what territories (the territory outlines carry the same key figures).`,
    );
  }
  return { format: dataFormat, whats: [what as ExportWhat] };
}

export async function exportProject(request: ExportRequest): Promise<ExportResult> {
  const vector = request.format.toLowerCase().replace(/^\./, '');
  if (isVectorFormat(vector)) return exportVector(vector, request);
  const { format, whats } = planExport(request.format, request.what, request.out);
  const store = ProjectStore.open(request.project, { readonly: true });
  try {
    const source = new ExportSource(store, request.scenario);
    const layers = whats.map((w) => source.layer(w, request.progress));
    await writeAtomically(request.out, (temp) => writeFormat(format, temp, layers, `${store.name} — ${source.scenario.name}`, request.progress));
    request.progress?.({ stage: 'done', done: 1, total: 1 });
    return {
      file: path.resolve(request.out),
      format,
      scenario: source.scenario,
      layers: layers.map((l) => ({ name: l.name, features: l.rows.length })),
    };
  } finally {
    store.close();
  }
}

async function writeFormat(format: DataFormat, file: string, layers: ExportLayer[], title: string, progress?: ProgressFn): Promise<void> {
  switch (format) {
    case 'shp':
      return writeShapefileZip(file, layers, progress);
    case 'gpkg':
      return writeGpkg(file, layers, progress);
    case 'kml':
      return writeKml(file, title, layers, progress);
    case 'geojson':
      return writeGeoJson(file, single(layers), progress);
    case 'csv':
      return writeCsv(file, single(layers), progress);
    case 'xlsx':
      return writeXlsx(file, layers, progress);
  }
}

function single(layers: ExportLayer[]): ExportLayer {
  if (layers.length !== 1) throw new Error('This format holds one layer.');
  return layers[0]!;
}

/** SVG, PDF and PPTX: drawn in Node from the project's geometry (vector/), written atomically like the rest. */
async function exportVector(format: VectorFormat, request: ExportRequest): Promise<ExportResult> {
  checkPageSize(request.page);
  if (request.what !== undefined) throw new UserError(`--what does not apply to ${format.toUpperCase()}: the page shows the territories and units of the plan.`);
  const store = ProjectStore.open(request.project, { readonly: true });
  try {
    const source = new ExportSource(store, request.scenario);
    const result = await writeAtomically(request.out, (temp) =>
      writeVector(format, temp, source, { title: request.title, page: request.page, labels: request.labels }, request.progress),
    );
    request.progress?.({ stage: 'done', done: 1, total: 1 });
    return {
      file: path.resolve(request.out),
      format,
      scenario: source.scenario,
      layers: [{ name: 'territories', features: result.territories }],
    };
  } finally {
    store.close();
  }
}
