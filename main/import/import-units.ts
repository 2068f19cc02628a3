/**
 * Units: read and clean every feature (packed at once), map fields, build the shared-arc
 * topology, then write units, fields, topology and the default plan in ONE transaction.
 */
import { UserError } from '../../shared/errors.ts';
import type { ProjectStore } from '../store/project-store.ts';
import { UnitLocator } from './accounts.ts';
import { withBulkWriteSettings } from './bulk-write.ts';
import { cleanCompact } from './compact-clean.ts';
import { concatCompact, extendBounds, packMultiPolygon, type CompactPolygons } from './compact.ts';
import { idText, planFields, type FieldPlan } from './fields.ts';
import { cleanPolygonal } from './geometry.ts';
import { BATCH, emptyReport } from './import-common.ts';
import type { Progress } from './progress.ts';
import type { LayerReader } from './reader.ts';
import type { LayerRef } from './source.ts';
import { buildUnitTopology } from './topology.ts';
import type { ImportOptions, ImportReport } from './types.ts';

interface PendingUnit {
  id: string;
  name: string;
  geometry: CompactPolygons;
  values: Record<string, number | string | null>;
}

interface CleanedFeature {
  properties: Record<string, unknown>;
  geometry: CompactPolygons | null;
  problem?: string;
  repairs: string[];
}

/** Read and clean each feature as it comes, keeping only its packed geometry. */
async function readAndClean(reader: LayerReader, progress: Progress): Promise<CleanedFeature[]> {
  progress.enter('read', `Reading ${reader.label}`);
  const out: CleanedFeature[] = [];
  if (reader.polygons) {
    // Packed all the way: typed arrays from the file, cleaned as typed arrays.
    for await (const f of reader.polygons()) {
      const clean = cleanCompact(f.geometry);
      out.push({ properties: f.properties, geometry: clean.geometry, ...(clean.problem ? { problem: clean.problem } : {}), repairs: clean.repairs });
      if (out.length % 64 === 0) progress.tick(out.length, reader.count, `Reading ${reader.label}`);
    }
    return out;
  }
  for await (const f of reader.features()) {
    const clean = cleanPolygonal(f.geometry);
    out.push({
      properties: f.properties,
      geometry: clean.geometry ? packMultiPolygon(clean.geometry) : null,
      ...(clean.problem ? { problem: clean.problem } : {}),
      repairs: clean.repairs,
    });
    if (out.length % 64 === 0) progress.tick(out.length, reader.count, `Reading ${reader.label}`);
  }
  return out;
}

export async function importUnits(
  store: ProjectStore,
  reader: LayerReader,
  layer: LayerRef,
  options: ImportOptions,
  progress: Progress,
  /** This import created the project file (a failure deletes it): see bulk-write.ts. */
  freshFile = false,
): Promise<ImportReport> {
  const existing = store.count('units');
  if (existing > 0 && !options.replace) {
    throw new UserError(
      `Project "${store.name}" already has ${existing} units. Import into a new project, or pass --replace to replace them (this deletes every plan of the project).`,
    );
  }
  const report = emptyReport('units', layer, reader);
  if (reader.geometryKind === 'point') {
    throw new UserError(`"${reader.label}" holds points, not polygons, so it cannot be imported as units. To place customers, import it with --as accounts.`);
  }
  if (reader.geometryKind === 'line') {
    throw new UserError(`"${reader.label}" holds lines, not polygons, so it cannot be imported as units.`);
  }
  const features = await readAndClean(reader, progress);
  report.read = features.length;
  if (features.length === 0) throw new UserError(`"${reader.label}" has no features: there is nothing to import.`);

  const plan = planFields(reader.fields, features, options, reader.label);
  report.idField = plan.idField;
  report.nameField = plan.nameField;
  report.metrics = plan.columns.filter((c) => c.type === 'number').map((c) => c.column);

  const units = collectUnits(features, plan, report);
  features.length = 0;
  if (units.length === 0) {
    throw new UserError(
      `"${reader.label}" has no usable polygons (${report.skipped.length} features skipped, e.g. ${report.skipped[0]?.reason ?? 'empty'}).`,
    );
  }
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const u of units) extendBounds(u.geometry, bbox);
  report.bbox = bbox;

  progress.enter('topology', 'Building shared borders');
  const topology = buildUnitTopology(units, bbox, true, (fraction) => progress.tick(Math.round(fraction * units.length), units.length, 'Building shared borders'));

  progress.enter('write', `Writing ${units.length} units`);
  withBulkWriteSettings(store.db, freshFile, () => store.transaction(() => {
    if (existing > 0) clearUnitsAndPlans(store);
    for (const c of plan.columns) store.addUnitField({ name: c.column, label: c.source, kind: c.type });
    // Batches of about 100,000 points: the WKB blobs of one batch exist at a time.
    let batch: PendingUnit[] = [];
    let points = 0;
    units.forEach((u, i) => {
      batch.push(u);
      points += u.geometry.coords.length / 2;
      if (points >= 100_000 || batch.length >= BATCH || i === units.length - 1) {
        store.insertUnits(batch);
        progress.tick(i + 1, units.length, `Writing ${units.length} units`);
        batch = [];
        points = 0;
      }
    });
    store.setTopology('units', topology);
    if (store.scenarios().length === 0) {
      store.createScenario({ id: 'plan-1', name: 'Plan 1' });
      report.createdScenario = true;
    }
    if (store.count('accounts') > 0) relinkAccounts(store, progress);
    progress.checkCancel();
  }));
  report.written = units.length;
  return report;
}

function collectUnits(features: CleanedFeature[], plan: FieldPlan, report: ImportReport): PendingUnit[] {
  const byId = new Map<string, PendingUnit>();
  features.forEach((f, i) => {
    const index = i + 1;
    const id = plan.idField ? idText(f.properties[plan.idField]) : String(index);
    if (id === null) {
      report.skipped.push({ index, reason: `no value in id field ${plan.idField}` });
      return;
    }
    if (!f.geometry) {
      report.skipped.push({ index, id, reason: f.problem ?? 'unusable geometry' });
      return;
    }
    if (f.repairs.length) report.repaired.push({ index, id, reason: f.repairs.join('; ') });
    const previous = byId.get(id);
    if (previous) {
      previous.geometry = concatCompact(previous.geometry, f.geometry);
      report.merged++;
      return;
    }
    const values: Record<string, number | string | null> = {};
    for (const c of plan.columns) {
      const v = f.properties[c.source];
      values[c.column] =
        v === null || v === undefined || v === '' ? null : c.type === 'number' ? (typeof v === 'number' ? v : Number(v)) : String(v);
    }
    const name = (plan.nameField ? idText(f.properties[plan.nameField]) : null) ?? id;
    byId.set(id, { id, name, geometry: f.geometry, values });
  });
  return [...byId.values()];
}

/** --replace: units, their fields and topology go, and with them every plan (scenario). */
function clearUnitsAndPlans(store: ProjectStore): void {
  const db = store.db;
  for (const f of store.fields('units')) db.exec(`ALTER TABLE units DROP COLUMN "${f.name}"`);
  db.exec(`
    DELETE FROM tessera_fields WHERE layer = 'units';
    DELETE FROM units;
    DELETE FROM tessera_topology WHERE layer = 'units';
    DELETE FROM territories;
    DELETE FROM tessera_assignments;
    DELETE FROM tessera_history;
    DELETE FROM tessera_scenarios;
    DELETE FROM tessera_settings WHERE key = 'activeScenario';
  `);
}

function relinkAccounts(store: ProjectStore, progress: Progress): void {
  const locator = new UnitLocator(store);
  const update = store.db.prepare('UPDATE accounts SET unit_id = ? WHERE account_id = ?');
  const accounts = store.accounts();
  accounts.forEach((a, i) => {
    update.run(locator.locate(a.location), a.id);
    if (i % 256 === 0) progress.tick(i, accounts.length, 'Linking accounts to the new units');
  });
}
