/** Accounts: CSV/TSV rows or point features placed, linked to units and written in one transaction. */
import path from 'node:path';
import { UserError } from '../../shared/errors.ts';
import type { ProjectStore } from '../store/project-store.ts';
import { buildAccounts, detectAccountColumns, UnitLocator, type AccountRow } from './accounts.ts';
import { readCsv } from './csv.ts';
import { Bounds } from './geometry.ts';
import { BATCH, emptyReport, readAll } from './import-common.ts';
import type { Progress } from './progress.ts';
import type { LayerReader } from './reader.ts';
import type { LayerRef } from './source.ts';
import type { ImportOptions, ImportReport } from './types.ts';

export async function importAccounts(
  store: ProjectStore,
  layer: LayerRef,
  reader: LayerReader | null,
  options: ImportOptions,
  progress: Progress,
): Promise<ImportReport> {
  const existing = store.count('accounts');
  if (existing > 0 && !options.replace) {
    throw new UserError(`Project "${store.name}" already has ${existing} accounts. Pass --replace to replace them.`);
  }
  let report: ImportReport;
  let built: ReturnType<typeof buildAccounts>;
  if (layer.format === 'csv' || reader === null) {
    if (layer.format !== 'csv') throw new Error('A non-CSV layer needs a reader.');
    progress.enter('read', `Reading ${path.basename(layer.file)}`);
    const table = readCsv(layer.file);
    const label = path.basename(layer.file);
    const columns = detectAccountColumns(table.header, options, label);
    if (!(columns.lat && columns.lon) && !columns.zip) {
      throw new UserError(
        `"${label}" has no latitude/longitude columns and no ZIP column, so its accounts cannot be placed. Its columns: ${table.header.join(', ')}.`,
      );
    }
    const index = new Map(table.header.map((h, i) => [h, i]));
    report = emptyReport('accounts', layer, { srs: columns.lat ? 'EPSG:4326' : 'US ZIP points (Census 2021)', encoding: 'utf-8' });
    report.read = table.rows.length;
    built = buildAccounts(
      table.rows.map((row, i) => ({ index: i + 1, location: null, get: (c: string) => row.cells[index.get(c)!] })),
      columns,
    );
    report.idField = columns.id;
    report.nameField = columns.name;
  } else {
    if (reader.geometryKind === 'polygon' || reader.geometryKind === 'line') {
      throw new UserError(`"${reader.label}" holds ${reader.geometryKind === 'polygon' ? 'polygons' : 'lines'}, not points: import it as units, not as accounts.`);
    }
    const features = await readAll(reader, progress);
    report = emptyReport('accounts', layer, reader);
    report.read = features.length;
    const columns = detectAccountColumns(
      reader.fields.map((f) => f.name),
      options,
      reader.label,
    );
    built = buildAccounts(
      features.map((f, i) => {
        const g = f.geometry;
        const p = g?.type === 'Point' ? g.coordinates : g?.type === 'MultiPoint' ? g.coordinates[0] : undefined;
        return { index: i + 1, location: p ? [p[0]!, p[1]!] : null, get: (c: string) => f.properties[c] };
      }),
      { ...columns, lat: null, lon: null },
    );
    report.idField = columns.id;
    report.nameField = columns.name;
  }
  report.skipped = built.skipped;
  report.unknownZips = built.unknownZips;
  if (built.accounts.length === 0) {
    throw new UserError(`No account of "${layer.name}" could be placed (${built.skipped.length} skipped, e.g. ${built.skipped[0]?.reason ?? 'no rows'}).`);
  }

  progress.enter('link', `Linking ${built.accounts.length} accounts to units`);
  const locator = new UnitLocator(store);
  const bounds = new Bounds();
  const linked = built.accounts.map((a: AccountRow, i) => {
    if (i % 256 === 0) progress.tick(i, built.accounts.length, 'Linking accounts to units');
    bounds.addPosition(a.location[0], a.location[1]);
    return { ...a, unitId: locator.locate(a.location) };
  });
  report.unmatched = linked.filter((a) => a.unitId === null).map((a) => a.id);
  report.bbox = bounds.toArray();

  progress.enter('write', `Writing ${linked.length} accounts`);
  store.transaction(() => {
    if (existing > 0) store.db.exec('DELETE FROM accounts');
    for (let i = 0; i < linked.length; i += BATCH) {
      store.insertAccounts(linked.slice(i, i + BATCH));
      progress.tick(i + BATCH, linked.length, `Writing ${linked.length} accounts`);
    }
  });
  report.written = linked.length;
  return report;
}
