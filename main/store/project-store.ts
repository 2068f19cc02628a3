/**
 * The project file behind a typed interface: layers, fields, scenarios, territories and plan
 * assignments. Every method that writes runs in one transaction. Edit history lives in
 * history-store.ts; geometry encoding in gpkg-geometry.ts.
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import type { Topology } from 'topojson-specification';
import type {
  Account,
  FieldInfo,
  LayerInfo,
  LayerKind,
  Rep,
  Scenario,
  Territory,
  UnitRecord,
} from '../../shared/model/project.ts';
import { LAYER_KINDS } from '../../shared/model/project.ts';
import { UserError } from '../../shared/errors.ts';
import { assertIdentifier, updateContentsExtent } from './gpkg-core.ts';
import { decodeGpkgGeometry, encodeGpkgFlatMultiPolygon, encodeGpkgGeometry, type FlatMultiPolygon } from './gpkg-geometry.ts';
import { openProjectDb, schemaVersionOf, storageError, type OpenOptions } from './project-db.ts';

export interface NewUnit {
  id: string;
  name: string;
  /** GeoJSON, or the import's flat form (written to WKB without an intermediate GeoJSON). */
  geometry: Polygon | MultiPolygon | FlatMultiPolygon;
  values: Record<string, number | string | null>;
}

interface TerritoryRow {
  territory_id: string;
  name: string;
  color: string;
  rep_id: string | null;
  locked: number;
  region_id: string | null;
}

export class ProjectStore {
  readonly db: Database.Database;

  private constructor(
    readonly file: string,
    db: Database.Database,
  ) {
    this.db = db;
  }

  static open(file: string, options: OpenOptions = {}): ProjectStore {
    return new ProjectStore(path.resolve(file), openProjectDb(file, options));
  }

  get name(): string {
    return path.basename(this.file, path.extname(this.file));
  }

  get schemaVersion(): number {
    return schemaVersionOf(this.db);
  }

  close(): void {
    this.db.close();
  }

  /** Run fn in one transaction; a full disk or read-only file surfaces as a plain UserError. */
  transaction<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn)();
    } catch (error) {
      throw storageError(error, this.file);
    }
  }

  // ---- settings -------------------------------------------------------------------------------

  getSetting<T>(key: string): T | undefined {
    const row = this.db.prepare('SELECT value FROM tessera_settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  setSetting(key: string, value: unknown): void {
    this.db.prepare('INSERT OR REPLACE INTO tessera_settings (key, value) VALUES (?, ?)').run(key, JSON.stringify(value));
  }

  // ---- layers ---------------------------------------------------------------------------------

  /** Feature tables of the project with their row counts, in LAYER_KINDS order. */
  layers(): LayerInfo[] {
    const tables = new Set(
      (this.db.prepare("SELECT table_name FROM gpkg_contents WHERE data_type = 'features'").all() as { table_name: string }[]).map(
        (r) => r.table_name,
      ),
    );
    return LAYER_KINDS.filter((kind) => tables.has(kind)).map((kind) => ({
      name: kind,
      kind,
      features: this.count(kind),
    }));
  }

  count(table: LayerKind): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
  }

  fields(layer: LayerKind = 'units'): FieldInfo[] {
    return this.db
      .prepare('SELECT name, label, kind FROM tessera_fields WHERE layer = ? ORDER BY position')
      .all(layer) as FieldInfo[];
  }

  /** Add an attribute column to the units layer (text or number) and register it as a field. */
  addUnitField(field: FieldInfo): void {
    assertIdentifier(field.name);
    if (['fid', 'geom', 'unit_id', 'name'].includes(field.name.toLowerCase())) {
      throw new UserError(`"${field.name}" is a reserved column name of the units layer.`);
    }
    const position = this.fields('units').length;
    this.db.exec(`ALTER TABLE units ADD COLUMN "${field.name}" ${field.kind === 'number' ? 'REAL' : 'TEXT'}`);
    this.db
      .prepare("INSERT INTO tessera_fields (layer, name, label, kind, position) VALUES ('units', ?, ?, ?, ?)")
      .run(field.name, field.label, field.kind, position);
  }

  insertUnits(units: Iterable<NewUnit>): number {
    const fields = this.fields('units');
    const columns = ['geom', 'unit_id', 'name', ...fields.map((f) => `"${f.name}"`)];
    const insert = this.db.prepare(`INSERT INTO units (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    let n = 0;
    for (const unit of units) {
      const g = unit.geometry;
      const blob = 'coords' in g ? encodeGpkgFlatMultiPolygon(g) : encodeGpkgGeometry(asMultiPolygon(g));
      insert.run(blob, unit.id, unit.name, ...fields.map((f) => unit.values[f.name] ?? null));
      n++;
    }
    updateContentsExtent(this.db, 'units');
    return n;
  }

  units(): UnitRecord[] {
    const fields = this.fields('units');
    const rows = this.db
      .prepare(`SELECT unit_id, name${fields.map((f) => `, "${f.name}"`).join('')} FROM units ORDER BY fid`)
      .all() as Record<string, string | number | null>[];
    return rows.map((row) => ({
      id: String(row.unit_id),
      name: String(row.name ?? row.unit_id),
      values: Object.fromEntries(fields.map((f) => [f.name, row[f.name] ?? null])),
    }));
  }

  unitGeometry(unitId: string): Geometry | null {
    const row = this.db.prepare('SELECT geom FROM units WHERE unit_id = ?').get(unitId) as { geom: Buffer | null } | undefined;
    return row?.geom ? decodeGpkgGeometry(row.geom) : null;
  }

  /** Unit ids whose bounding box contains the point (candidates for point-in-polygon). */
  unitsNear(lon: number, lat: number): { unitId: string; geometry: Geometry | null }[] {
    const rows = this.db
      .prepare(
        `SELECT u.unit_id, u.geom FROM units u JOIN rtree_units_geom r ON r.id = u.fid
         WHERE r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ?`,
      )
      .all(lon, lon, lat, lat) as { unit_id: string; geom: Buffer | null }[];
    return rows.map((r) => ({ unitId: r.unit_id, geometry: r.geom ? decodeGpkgGeometry(r.geom) : null }));
  }

  setTopology(layer: LayerKind, topology: Topology): void {
    this.db.prepare('INSERT OR REPLACE INTO tessera_topology (layer, topojson) VALUES (?, ?)').run(layer, JSON.stringify(topology));
  }

  topology(layer: LayerKind): Topology | null {
    const row = this.db.prepare('SELECT topojson FROM tessera_topology WHERE layer = ?').get(layer) as { topojson: string } | undefined;
    return row ? (JSON.parse(row.topojson) as Topology) : null;
  }

  insertAccounts(accounts: Iterable<Account & { zip?: string | null }>): number {
    const insert = this.db.prepare('INSERT INTO accounts (geom, account_id, name, potential, zip, unit_id) VALUES (?, ?, ?, ?, ?, ?)');
    let n = 0;
    for (const a of accounts) {
      insert.run(encodeGpkgGeometry({ type: 'Point', coordinates: a.location }), a.id, a.name, a.potential, a.zip ?? null, a.unitId);
      n++;
    }
    updateContentsExtent(this.db, 'accounts');
    return n;
  }

  accounts(): Account[] {
    const rows = this.db.prepare('SELECT geom, account_id, name, potential, unit_id FROM accounts ORDER BY fid').all() as {
      geom: Buffer;
      account_id: string;
      name: string | null;
      potential: number;
      unit_id: string | null;
    }[];
    return rows.map((r) => ({
      id: r.account_id,
      name: r.name ?? r.account_id,
      location: pointOf(r.geom),
      potential: r.potential,
      unitId: r.unit_id,
    }));
  }

  insertReps(reps: Iterable<Rep>): number {
    const insert = this.db.prepare('INSERT INTO reps (geom, rep_id, name, home) VALUES (?, ?, ?, ?)');
    let n = 0;
    for (const r of reps) {
      insert.run(encodeGpkgGeometry({ type: 'Point', coordinates: r.location }), r.id, r.name, r.home);
      n++;
    }
    updateContentsExtent(this.db, 'reps');
    return n;
  }

  reps(): Rep[] {
    const rows = this.db.prepare('SELECT geom, rep_id, name, home FROM reps ORDER BY fid').all() as {
      geom: Buffer;
      rep_id: string;
      name: string;
      home: string | null;
    }[];
    return rows.map((r) => ({ id: r.rep_id, name: r.name, home: r.home ?? '', location: pointOf(r.geom) }));
  }

  // ---- scenarios ------------------------------------------------------------------------------

  scenarios(): Scenario[] {
    return (
      this.db.prepare('SELECT scenario_id AS id, name FROM tessera_scenarios ORDER BY created_at, rowid').all() as Scenario[]
    ).map((s) => ({ id: s.id, name: s.name }));
  }

  createScenario(scenario: Scenario): void {
    this.db
      .prepare("INSERT INTO tessera_scenarios (scenario_id, name, created_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))")
      .run(scenario.id, scenario.name);
  }

  /** The scenario the user last worked on; the first one when none is recorded. */
  activeScenario(): Scenario {
    const all = this.scenarios();
    const activeId = this.getSetting<string>('activeScenario');
    const active = all.find((s) => s.id === activeId) ?? all[0];
    if (!active) throw new UserError(`Project "${this.name}" has no plan yet. Import units and create territories first.`);
    return active;
  }

  requireScenario(scenarioId: string): Scenario {
    const scenario = this.scenarios().find((s) => s.id === scenarioId);
    if (!scenario) throw new UserError(`Scenario "${scenarioId}" does not exist in project "${this.name}".`);
    return scenario;
  }

  // ---- territories and assignments ------------------------------------------------------------

  territories(scenarioId: string): Territory[] {
    const rows = this.db
      .prepare('SELECT territory_id, name, color, rep_id, locked, region_id FROM territories WHERE scenario_id = ? ORDER BY fid')
      .all(scenarioId) as TerritoryRow[];
    return rows.map((r) => ({
      id: r.territory_id,
      name: r.name,
      color: r.color,
      repId: r.rep_id,
      locked: r.locked === 1,
      regionId: r.region_id,
    }));
  }

  upsertTerritory(scenarioId: string, t: Territory): void {
    this.db
      .prepare(
        `INSERT INTO territories (scenario_id, territory_id, name, color, rep_id, locked) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (scenario_id, territory_id) DO UPDATE SET name = excluded.name, color = excluded.color,
         rep_id = excluded.rep_id, locked = excluded.locked`,
      )
      .run(scenarioId, t.id, t.name, t.color, t.repId, t.locked ? 1 : 0);
    // A territory written without `regionId` (built before regions existed) keeps the region it has.
    if (t.regionId !== undefined) {
      this.db.prepare('UPDATE territories SET region_id = ? WHERE scenario_id = ? AND territory_id = ?').run(t.regionId, scenarioId, t.id);
    }
  }

  deleteTerritory(scenarioId: string, territoryId: string): void {
    this.db.prepare('DELETE FROM territories WHERE scenario_id = ? AND territory_id = ?').run(scenarioId, territoryId);
  }

  /** Store a territory's dissolved outline (null when it has no units). */
  setTerritoryOutline(scenarioId: string, territoryId: string, outline: MultiPolygon | null): void {
    this.db
      .prepare('UPDATE territories SET geom = ? WHERE scenario_id = ? AND territory_id = ?')
      .run(outline ? encodeGpkgGeometry(outline) : null, scenarioId, territoryId);
  }

  refreshTerritoryExtent(): void {
    updateContentsExtent(this.db, 'territories');
  }

  assignments(scenarioId: string): Map<string, string> {
    const rows = this.db
      .prepare('SELECT unit_id, territory_id FROM tessera_assignments WHERE scenario_id = ?')
      .raw()
      .all(scenarioId) as [string, string][];
    return new Map(rows);
  }

  /** Assign units (territoryId null = unassign). Call inside a transaction for many units. */
  assign(scenarioId: string, unitIds: readonly string[], territoryId: string | null): void {
    const statement =
      territoryId === null
        ? this.db.prepare('DELETE FROM tessera_assignments WHERE scenario_id = ? AND unit_id = ?')
        : this.db.prepare('INSERT OR REPLACE INTO tessera_assignments (scenario_id, unit_id, territory_id) VALUES (?, ?, ?)');
    for (const unitId of unitIds) {
      if (territoryId === null) statement.run(scenarioId, unitId);
      else statement.run(scenarioId, unitId, territoryId);
    }
  }
}

/** The units table is declared MULTIPOLYGON; GeoPackage readers rely on that (Req 32). */
function asMultiPolygon(geometry: Polygon | MultiPolygon): MultiPolygon {
  return geometry.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [geometry.coordinates] } : geometry;
}

function pointOf(blob: Buffer): [number, number] {
  const g = decodeGpkgGeometry(blob);
  if (g?.type !== 'Point') throw new Error('Expected a point geometry.');
  return [g.coordinates[0]!, g.coordinates[1]!];
}
