/** One test per numbered migration, plus the refusals that protect files Tessera must not touch. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { registerGpkgFunctions } from '../../main/store/gpkg-core.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../main/store/migrations.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { fileHash, tempDir } from '../helpers/temp.ts';
import { validateGpkg } from '../helpers/gdal.ts';

const dir = tempDir();

describe('migration 1: GeoPackage core and Tessera tables', () => {
  it('creates a valid, empty GeoPackage with the four feature tables and Tessera tables', () => {
    const file = path.join(dir, 'm1.gpkg');
    const store = ProjectStore.open(file, { create: true });
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    const tables = (store.db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").pluck().all() as string[]);
    for (const t of ['gpkg_contents', 'gpkg_spatial_ref_sys', 'gpkg_geometry_columns', 'gpkg_extensions', 'units', 'accounts', 'reps',
      'territories', 'rtree_units_geom', 'tessera_assignments', 'tessera_history', 'tessera_scenarios', 'tessera_settings', 'tessera_topology']) {
      expect(tables).toContain(t);
    }
    expect(store.db.pragma('application_id', { simple: true })).toBe(0x47504b47);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    store.close();
    expect(validateGpkg(file)).not.toMatch(/error/i);
  });
});

describe('migration 2: road network tables', () => {
  it('upgrades a schema-1 project with a roads line layer GDAL reads and an empty tessera_road_graph, keeping its data', () => {
    const file = path.join(dir, 'm2.gpkg');
    // a project as migration 1 left it
    const db = new Database(file);
    registerGpkgFunctions(db);
    db.transaction(() => {
      MIGRATIONS[0]!.up(db);
      db.prepare("INSERT INTO tessera_meta (key, value) VALUES ('schema_version', '1')").run();
      db.prepare("INSERT INTO tessera_settings (key, value) VALUES ('activeScenario', '\"s1\"')").run();
    })();
    db.close();
    const store = ProjectStore.open(file);
    expect(store.schemaVersion).toBeGreaterThanOrEqual(2);
    expect(store.getSetting('activeScenario')).toBe('s1');
    const geom = store.db.prepare("SELECT geometry_type_name FROM gpkg_geometry_columns WHERE table_name = 'roads'").pluck().get();
    expect(geom).toBe('MULTILINESTRING');
    const columns = (store.db.prepare('PRAGMA table_info(roads)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['fid', 'geom', 'road_class', 'name', 'maxspeed_kmh', 'oneway']);
    expect(store.db.prepare("SELECT count(*) FROM gpkg_extensions WHERE table_name = 'roads' AND extension_name = 'gpkg_rtree_index'").pluck().get()).toBe(1);
    expect(store.db.prepare('SELECT count(*) FROM tessera_road_graph').pluck().get()).toBe(0);
    expect(() => store.db.prepare("INSERT INTO roads (road_class, oneway) VALUES ('x', 2)").run()).toThrow(/CHECK/);
    expect(store.layers().map((l) => l.name)).toContain('roads');
    store.close();
    expect(validateGpkg(file)).not.toMatch(/error/i);
  });
});

describe('migration 3: unit locks', () => {
  it('upgrades a schema-2 project with an empty tessera_unit_locks keyed by scenario and unit, keeping its data', () => {
    const file = path.join(dir, 'm3.gpkg');
    const db = new Database(file);
    registerGpkgFunctions(db);
    db.transaction(() => {
      MIGRATIONS[0]!.up(db);
      MIGRATIONS[1]!.up(db);
      db.prepare("INSERT INTO tessera_meta (key, value) VALUES ('schema_version', '2')").run();
      db.prepare("INSERT INTO tessera_scenarios (scenario_id, name, created_at) VALUES ('S1', 'Plan', '2026-01-01')").run();
    })();
    db.close();
    const store = ProjectStore.open(file);
    expect(store.schemaVersion).toBeGreaterThanOrEqual(3);
    expect(store.scenarios()).toEqual([{ id: 'S1', name: 'Plan' }]);
    const columns = (store.db.prepare('PRAGMA table_info(tessera_unit_locks)').all() as { name: string; pk: number }[]).map((c) => [c.name, c.pk]);
    expect(columns).toEqual([['scenario_id', 1], ['unit_id', 2]]);
    store.db.prepare("INSERT INTO tessera_unit_locks (scenario_id, unit_id) VALUES ('S1', 'u1')").run();
    expect(() => store.db.prepare("INSERT INTO tessera_unit_locks (scenario_id, unit_id) VALUES ('S1', 'u1')").run()).toThrow(/UNIQUE|PRIMARY/);
    store.close();
    expect(validateGpkg(file)).not.toMatch(/error/i);
  });
});

describe('migration 4: regions', () => {
  it('upgrades a schema-3 project with tessera_regions and territories.region_id, keeping its territories', () => {
    const file = path.join(dir, 'm4.gpkg');
    const db = new Database(file);
    registerGpkgFunctions(db);
    db.transaction(() => {
      for (const m of MIGRATIONS.slice(0, 3)) m.up(db);
      db.prepare("INSERT INTO tessera_meta (key, value) VALUES ('schema_version', '3')").run();
      db.prepare("INSERT INTO tessera_scenarios (scenario_id, name, created_at) VALUES ('S1', 'Plan', '2026-01-01')").run();
      db.prepare("INSERT INTO territories (scenario_id, territory_id, name, color) VALUES ('S1', 'T01', 'West', '#112233')").run();
    })();
    db.close();
    const store = ProjectStore.open(file);
    expect(store.schemaVersion).toBeGreaterThanOrEqual(4);
    // the old territory is kept, in no region
    expect(store.territories('S1')).toEqual([{ id: 'T01', name: 'West', color: '#112233', repId: null, locked: false, regionId: null }]);
    const columns = (store.db.prepare('PRAGMA table_info(tessera_regions)').all() as { name: string; pk: number }[]).map((c) => [c.name, c.pk]);
    expect(columns).toEqual([['scenario_id', 1], ['region_id', 2], ['name', 0], ['color', 0], ['manager', 0]]);
    store.db.prepare("INSERT INTO tessera_regions (scenario_id, region_id, name, color) VALUES ('S1', 'R1', 'Pacific', '#445566')").run();
    expect(() => store.db.prepare("INSERT INTO tessera_regions (scenario_id, region_id, name, color) VALUES ('S1', 'R1', 'x', '#000000')").run()).toThrow(/UNIQUE|PRIMARY/);
    store.upsertTerritory('S1', { id: 'T01', name: 'West', color: '#112233', repId: null, locked: false, regionId: 'R1' });
    // a territory written without regionId (code that predates regions) keeps its region
    store.upsertTerritory('S1', { id: 'T01', name: 'West 2', color: '#112233', repId: null, locked: false });
    expect(store.territories('S1')[0]).toMatchObject({ name: 'West 2', regionId: 'R1' });
    store.close();
    expect(validateGpkg(file)).not.toMatch(/error/i);
  });
});

describe('migration runner', () => {
  it('has consecutive version numbers starting at 1', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('refuses a project written by a newer Tessera and leaves it untouched', () => {
    const file = path.join(dir, 'newer.gpkg');
    ProjectStore.open(file, { create: true }).close();
    const db = new Database(file);
    db.prepare("UPDATE tessera_meta SET value = ? WHERE key = 'schema_version'").run(String(LATEST_SCHEMA_VERSION + 1));
    db.close();
    const before = fileHash(file);
    expect(() => ProjectStore.open(file)).toThrow(/written by a newer version of Tessera.*not changed/);
    expect(fileHash(file)).toBe(before);
  });

  it('refuses a GeoPackage that is not a Tessera project without changing it', () => {
    const file = path.join(dir, 'foreign.gpkg');
    const db = new Database(file);
    db.pragma('application_id = 1196444487');
    db.exec('CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY)');
    db.close();
    const before = fileHash(file);
    expect(() => ProjectStore.open(file)).toThrow(/is a GeoPackage but not a Tessera project/);
    expect(fileHash(file)).toBe(before);
  });

  it('refuses a file that is not SQLite at all', () => {
    const file = path.join(dir, 'text.gpkg');
    fs.writeFileSync(file, 'hello, I am a text file pretending to be a project');
    expect(() => ProjectStore.open(file)).toThrow(/"text.gpkg" is not a Tessera project: it is not a GeoPackage/);
  });

  it('says plainly when the file does not exist', () => {
    expect(() => ProjectStore.open(path.join(dir, 'missing.gpkg'))).toThrow(/does not exist/);
  });
});
