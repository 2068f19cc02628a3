/**
 * Types of the import pipeline (main process, plain Node; runs in a worker thread). Coordinates
 * leaving a source reader are already [lon, lat] in EPSG:4326.
 */
import type { Geometry } from 'geojson';

export type {
  ImportKind,
  ImportOptions,
  ImportProgress,
  ImportReport,
  ImportStage,
  SkippedFeature,
} from '../../shared/model/import.ts';

/** One feature as a reader yields it: lon/lat geometry (or null) and raw attributes. */
export interface SourceFeature {
  geometry: Geometry | null;
  properties: Record<string, unknown>;
}

/** Cooperative cancel flag shared with the worker (checked between features). */
export interface CancelToken {
  readonly cancelled: boolean;
}

export class ImportCancelled extends Error {
  override readonly name = 'ImportCancelled';
  constructor() {
    super('The import was cancelled; the project was left as it was.');
  }
}
