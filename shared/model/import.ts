/**
 * What an import takes and reports. Shared because the report and the progress events cross the
 * API to the renderer (progress bar, report dialog); the pipeline itself lives in main/import/.
 */

export type ImportKind = 'units' | 'accounts';

export interface ImportOptions {
  /** What the source holds; guessed from the source when absent (CSV/TSV and points = accounts). */
  as?: ImportKind;
  /** Layer to read when the source holds several (zip, folder, GeoPackage). */
  layer?: string;
  /** Source field holding the unit (or account) id; auto-detected when absent. */
  idField?: string;
  /** Source field holding the display name; auto-detected when absent. */
  nameField?: string;
  /** Coordinate system of the source when it has no .prj, e.g. `EPSG:2249`. */
  srs?: string;
  /** Replace the units (or accounts) already in the project; replacing units clears the plans. */
  replace?: boolean;
}

export type ImportStage = 'open' | 'read' | 'topology' | 'write' | 'link' | 'done';

/** Pushed to the caller all along the import; `percent` is of the whole job (0-100). */
export interface ImportProgress {
  stage: ImportStage;
  percent: number;
  /** Features handled so far in this stage, and the rate over the stage so far. */
  features: number;
  featuresPerSecond: number;
  message: string;
}

export interface SkippedFeature {
  /** 1-based feature (or CSV data row) number in the source. */
  index: number;
  id?: string;
  reason: string;
}

export interface ImportReport {
  project: string;
  source: string;
  layer: string;
  as: ImportKind;
  /** Features (or rows) read from the source. */
  read: number;
  /** Units or accounts written to the project. */
  written: number;
  skipped: SkippedFeature[];
  /** Features whose geometry was changed to make it valid, with what was done. */
  repaired: SkippedFeature[];
  /** Features folded into another feature with the same id (a unit split in several records). */
  merged: number;
  /** Source coordinate system, as detected (e.g. `EPSG:4326`, or the .prj's name). */
  srs: string;
  /** Text encoding of the attribute table (DBF), or `utf-8` for text formats. */
  encoding: string;
  /** [minLon, minLat, maxLon, maxLat] of what was written; null when nothing was. */
  bbox: [number, number, number, number] | null;
  idField: string | null;
  nameField: string | null;
  /** Numeric fields registered as metrics (units only). */
  metrics: string[];
  /** Accounts only: accounts inside no unit, and ZIPs not found in the Census ZIP points. */
  unmatched?: string[];
  unknownZips?: string[];
  /** True when the project had no units and a default plan "Plan 1" was created. */
  createdScenario?: boolean;
  seconds: number;
}
