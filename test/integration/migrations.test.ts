/** One test per numbered migration, plus the refusals that protect files Tessera must not touch. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../main/store/migrations.ts';
import { ProjectStore } from '../../main/store/project-store.ts';
import { fileHash, tempDir } from '../helpers/temp.ts';
import { validateGpkg } from '../helpers/gdal.ts';

const dir = tempDir();

describe('migration 1: GeoPackage core and Tessera tables', () => {
  it('creates a valid, empty GeoPackage with the four feature tables and Tessera tables', () => {
    const file = path.join(dir, 'm1.gpkg');
    const store = ProjectStore.open(file, { create: true });
    expect(store.schemaVersion).toBe(1);
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
