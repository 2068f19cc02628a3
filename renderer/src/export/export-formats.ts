/**
 * The Export… dialog's choices: the formats in the groups users look for, and which options each
 * takes. Mirrors main/export (export-project.ts, DEFAULT_WHAT) — main checks the request again.
 */
import type { ExportFileRequest } from '../../../shared/api/contract.ts';

export type FileFormat = ExportFileRequest['format'];
export type LayerChoice = NonNullable<ExportFileRequest['what']>;

export interface FormatChoice {
  format: FileFormat;
  label: string;
  hint: string;
  /** Layers the format can hold one at a time; empty for the drawn formats (PDF, SVG, PPTX). */
  layers: LayerChoice[];
  /** What the file holds when no single layer is chosen. */
  everything: string;
}

export interface FormatGroup {
  title: string;
  formats: FormatChoice[];
}

const MAP_LAYERS: LayerChoice[] = ['territories', 'units', 'accounts'];
const ALL_LAYERS: LayerChoice[] = ['territories', 'units', 'accounts', 'metrics'];

export const FORMAT_GROUPS: FormatGroup[] = [
  {
    title: 'Presentation (PDF, SVG, PowerPoint)',
    formats: [
      { format: 'pdf', label: 'PDF', hint: 'one page: map, legend, scale bar, sharp at any zoom', layers: [], everything: 'the plan map' },
      { format: 'svg', label: 'SVG', hint: 'the same page as an editable drawing', layers: [], everything: 'the plan map' },
      { format: 'pptx', label: 'PowerPoint', hint: 'overview slide, then one slide per territory', layers: [], everything: 'overview + one slide per territory' },
    ],
  },
  {
    title: 'GIS (Shapefile zip, GeoJSON, GeoPackage, KML)',
    formats: [
      { format: 'shp', label: 'Shapefile (zip)', hint: '.shp .shx .dbf .prj .cpg per layer', layers: MAP_LAYERS, everything: 'territories, units and accounts' },
      { format: 'geojson', label: 'GeoJSON', hint: 'one layer per file', layers: MAP_LAYERS, everything: 'territories' },
      { format: 'gpkg', label: 'GeoPackage', hint: 'all layers and the metrics table in one file', layers: ALL_LAYERS, everything: 'territories, units, accounts and metrics' },
      { format: 'kml', label: 'KML', hint: 'Google Earth, with territory colours', layers: MAP_LAYERS, everything: 'territories and accounts' },
    ],
  },
  {
    title: 'Tables (CSV, Excel)',
    formats: [
      { format: 'csv', label: 'CSV', hint: 'unit → territory → rep for CRM routing; IDs quoted as text', layers: ALL_LAYERS, everything: 'units' },
      { format: 'xlsx', label: 'Excel', hint: 'units, accounts and metrics sheets; IDs as text', layers: ALL_LAYERS, everything: 'units, accounts and metrics' },
    ],
  },
];

export function formatChoice(format: FileFormat): FormatChoice {
  for (const group of FORMAT_GROUPS) {
    const found = group.formats.find((f) => f.format === format);
    if (found) return found;
  }
  throw new Error(`Unknown export format ${format}`);
}

export function isDrawnFormat(format: FileFormat): boolean {
  return format === 'pdf' || format === 'svg' || format === 'pptx';
}

const FILE_WRITERS = new Set(['gpkg', 'shapefile', 'geojson', 'kml', 'csv', 'xlsx']);
const DRAWN = new Set(['svg', 'pdf', 'pptx']);

/**
 * Main's progress stage ids (`exportProgress` events: "gpkg accounts", "pptx slides", "zip"…) in
 * words for the dialog: "writing accounts", "drawing slides", "zipping the shapefile".
 */
export function exportStageLabel(stage: string): string {
  const [head = '', ...rest] = stage.split(' ');
  const tail = rest.join(' ');
  if (FILE_WRITERS.has(head) && tail) return `writing ${tail}`;
  if (DRAWN.has(head) && tail === 'map') return 'drawing the map';
  if (DRAWN.has(head) && tail === 'slides') return 'drawing slides';
  if (DRAWN.has(head) && tail === 'write') return 'writing the file';
  if (stage === 'zip') return 'zipping the shapefile';
  if (stage === 'units' || stage === 'accounts' || stage === 'territories') return `collecting ${stage}`;
  return stage;
}
