/**
 * GeoPackage export: a clean standalone GeoPackage 1.3 (no Tessera tables, rollback journal rather
 * than WAL so it is one self-contained file), one feature table per layer with the R*Tree index,
 * and the metrics table as a GeoPackage attributes table. Reuses the project store's GeoPackage core.
 */
import Database from 'better-sqlite3';
import { createFeatureTable, createGpkgCore, registerGpkgFunctions, updateContentsExtent } from '../store/gpkg-core.ts';
import { encodeGpkgGeometry } from '../store/gpkg-geometry.ts';
import type { Column, ExportLayer, ProgressFn } from './layers.ts';

// MEDIUMINT is the GeoPackage 32-bit integer: GIS tools show counts as Integer rather than Integer64.
const SQL_TYPE: Record<Column['type'], string> = { text: 'TEXT', integer: 'MEDIUMINT', real: 'REAL' };

export function writeGpkg(file: string, layers: readonly ExportLayer[], progress?: ProgressFn): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = DELETE');
    registerGpkgFunctions(db);
    db.transaction(() => {
      createGpkgCore(db);
      for (const layer of layers) writeLayer(db, layer, progress);
    })();
  } finally {
    db.close();
  }
}

function writeLayer(db: Database.Database, layer: ExportLayer, progress?: ProgressFn): void {
  const columns = layer.columns.map((c) => `"${c.name}" ${SQL_TYPE[c.type]}`);
  if (layer.geometryType) {
    createFeatureTable(db, { name: layer.name, geometryType: layer.geometryType, columns, description: layer.title });
  } else {
    db.exec(`CREATE TABLE "${layer.name}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, ${columns.join(', ')})`);
    db.prepare("INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES (?, 'attributes', ?, ?)").run(
      layer.name,
      layer.name,
      layer.title,
    );
  }
  const names = [...(layer.geometryType ? ['geom'] : []), ...layer.columns.map((c) => `"${c.name}"`)];
  const insert = db.prepare(`INSERT INTO "${layer.name}" (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
  layer.rows.forEach((row, i) => {
    if (progress && i % 1000 === 0) progress({ stage: `gpkg ${layer.name}`, done: i, total: layer.rows.length });
    const values = layer.columns.map((c, k) => {
      const v = row.values[k] ?? null;
      return c.type === 'integer' && typeof v === 'number' ? Math.round(v) : v;
    });
    if (layer.geometryType) insert.run(row.geometry ? encodeGpkgGeometry(row.geometry) : null, ...values);
    else insert.run(...values);
  });
  if (layer.geometryType) updateContentsExtent(db, layer.name);
}
