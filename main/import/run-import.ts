/**
 * The import pipeline (plain Node; run it in a worker through import-job.ts): open source ->
 * read with the right encoding -> reproject to EPSG:4326 -> clean/repair geometry -> topology ->
 * write everything in ONE transaction. A failure or cancel leaves the project file as it was (a
 * project file this import created is removed again).
 */
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/errors.ts';
import { ProjectStore } from '../store/project-store.ts';
import { importAccounts } from './import-accounts.ts';
import { importUnits } from './import-units.ts';
import { Progress, type ImportHooks } from './progress.ts';
import type { LayerReader } from './reader.ts';
import { openShapefile } from './shapefile-reader.ts';
import { openSource, type LayerRef } from './source.ts';
import type { ImportOptions, ImportReport } from './types.ts';

export type { ImportHooks };

export async function runImport(projectFile: string, source: string, options: ImportOptions = {}, hooks: ImportHooks = {}): Promise<ImportReport> {
  const started = Date.now();
  const progress = new Progress(hooks);
  progress.enter('open', `Opening ${path.basename(source)}`);
  const existed = fs.existsSync(projectFile);
  const store = ProjectStore.open(projectFile, { create: true });
  let ok = false;
  let cleanup = () => {};
  try {
    const opened = await openSource(source, options.layer);
    cleanup = opened.cleanup;
    const layer = opened.layer;
    if (layer.format === 'csv' && options.as === 'units') {
      throw new UserError(`"${path.basename(layer.file)}" is a table, not boundaries: import it with --as accounts.`);
    }
    const reader = layer.format === 'csv' ? null : await openReader(layer, options);
    let report: ImportReport;
    try {
      const kind = options.as ?? (reader === null || reader.geometryKind === 'point' ? 'accounts' : 'units');
      report =
        kind === 'units' ? await importUnits(store, reader!, layer, options, progress, !existed) : await importAccounts(store, layer, reader, options, progress);
    } finally {
      reader?.close();
    }
    report.project = store.file;
    report.source = path.resolve(source);
    report.seconds = (Date.now() - started) / 1000;
    progress.enter('done', `Imported ${report.written} ${report.as}`);
    ok = true;
    return report;
  } finally {
    cleanup();
    store.close();
    if (!ok && !existed) for (const f of [projectFile, `${projectFile}-wal`, `${projectFile}-shm`, `${projectFile}-journal`]) fs.rmSync(f, { force: true });
  }
}

async function openReader(layer: LayerRef, options: ImportOptions): Promise<LayerReader> {
  switch (layer.format) {
    case 'shapefile':
      return openShapefile(layer.files, options.srs);
    // The text readers (and the KML parser they pull in) are loaded only when needed: an import
    // worker starts for each import, and start-up is part of its time.
    case 'geojson':
      return (await import('./text-readers.ts')).openGeoJson(layer.file, options.srs);
    case 'gpkg':
      return (await import('./text-readers.ts')).openGpkgLayer(layer.file, layer.table, options.srs);
    case 'kml':
      return (await import('./text-readers.ts')).openKml(layer.file);
    case 'csv':
      throw new UserError(`"${path.basename(layer.file)}" is a table, not boundaries: import it with --as accounts.`);
  }
}
