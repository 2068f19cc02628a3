/** Helpers shared by the units and accounts imports. */
import type { LayerReader } from './reader.ts';
import type { LayerRef } from './source.ts';
import type { Progress } from './progress.ts';
import type { ImportKind, ImportReport, SourceFeature } from './types.ts';

export const BATCH = 500;

export async function readAll(reader: LayerReader, progress: Progress): Promise<SourceFeature[]> {
  progress.enter('read', `Reading ${reader.label}`);
  const features: SourceFeature[] = [];
  for await (const f of reader.features()) {
    features.push(f);
    if (features.length % 64 === 0) progress.tick(features.length, reader.count, `Reading ${reader.label}`);
  }
  return features;
}

export function emptyReport(kind: ImportKind, layer: LayerRef, reader: { srs: string; encoding: string }): ImportReport {
  return {
    project: '',
    source: '',
    layer: layer.name,
    as: kind,
    read: 0,
    written: 0,
    skipped: [],
    repaired: [],
    merged: 0,
    srs: reader.srs,
    encoding: reader.encoding,
    bbox: null,
    idField: null,
    nameField: null,
    metrics: [],
    seconds: 0,
  };
}
