/**
 * Zipped shapefile export: one .shp/.shx/.dbf/.prj/.cpg set per layer, named after the layer
 * (territories.shp, units.shp, accounts.shp), in one .zip that GIS tools open directly.
 */
import fs from 'node:fs';
import { zipSync, strToU8, type Zippable } from 'fflate';
import type { ExportLayer, ProgressFn } from './layers.ts';
import { shapefileSet } from './shapefile.ts';

export function writeShapefileZip(file: string, layers: readonly ExportLayer[], progress?: ProgressFn): void {
  const entries: Zippable = {};
  for (const layer of layers) {
    const set = shapefileSet(layer, progress);
    entries[`${layer.name}.shp`] = set.shp;
    entries[`${layer.name}.shx`] = set.shx;
    entries[`${layer.name}.dbf`] = set.dbf;
    entries[`${layer.name}.prj`] = strToU8(set.prj);
    entries[`${layer.name}.cpg`] = strToU8(set.cpg);
  }
  progress?.({ stage: 'zip', done: 0, total: 1 });
  fs.writeFileSync(file, zipSync(entries, { level: 6, mtime: new Date() }));
}
