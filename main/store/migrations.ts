/**
 * Numbered schema migrations of a Tessera project. Each runs in its own transaction and bumps
 * `tessera_meta.schema_version`; each has a test in test/integration/migrations.test.ts.
 * Append new migrations; never edit one that has shipped.
 */
import type Database from 'better-sqlite3';
import { createFeatureTable, createGpkgCore } from './gpkg-core.ts';

export interface Migration {
  version: number;
  description: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'GeoPackage core, units/accounts/reps/territories feature tables, plan, history and settings tables',
    up(db) {
      createGpkgCore(db);
      createFeatureTable(db, {
        name: 'units',
        geometryType: 'MULTIPOLYGON',
        columns: ['unit_id TEXT NOT NULL UNIQUE', 'name TEXT'],
        description: 'Geographic units (ZIP areas, counties, imported polygons) that territories are built from',
      });
      createFeatureTable(db, {
        name: 'accounts',
        geometryType: 'POINT',
        columns: [
          'account_id TEXT NOT NULL UNIQUE',
          'name TEXT',
          'potential REAL NOT NULL DEFAULT 0',
          'zip TEXT',
          'unit_id TEXT',
        ],
        description: 'Customer accounts; unit_id is the unit that contains the account',
      });
      createFeatureTable(db, {
        name: 'reps',
        geometryType: 'POINT',
        columns: ['rep_id TEXT NOT NULL UNIQUE', 'name TEXT NOT NULL', 'home TEXT'],
        description: 'Sales reps at their home bases',
      });
      createFeatureTable(db, {
        name: 'territories',
        geometryType: 'MULTIPOLYGON',
        columns: [
          'territory_id TEXT NOT NULL',
          'scenario_id TEXT NOT NULL',
          'name TEXT NOT NULL',
          'color TEXT NOT NULL',
          'rep_id TEXT',
          'locked INTEGER NOT NULL DEFAULT 0',
          'UNIQUE (scenario_id, territory_id)',
        ],
        description: 'Territory outlines (units dissolved) of every scenario; filter by scenario_id',
      });
      db.exec(`
        CREATE INDEX accounts_unit ON accounts(unit_id);
        CREATE TABLE tessera_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE tessera_fields (
          layer TEXT NOT NULL, name TEXT NOT NULL, label TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('number','text')),
          position INTEGER NOT NULL, PRIMARY KEY (layer, name));
        CREATE TABLE tessera_scenarios (
          scenario_id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
        CREATE TABLE tessera_assignments (
          scenario_id TEXT NOT NULL REFERENCES tessera_scenarios(scenario_id) ON DELETE CASCADE,
          unit_id TEXT NOT NULL, territory_id TEXT NOT NULL,
          PRIMARY KEY (scenario_id, unit_id)) WITHOUT ROWID;
        CREATE TABLE tessera_history (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          scenario_id TEXT NOT NULL REFERENCES tessera_scenarios(scenario_id) ON DELETE CASCADE,
          label TEXT NOT NULL, ops TEXT NOT NULL, undone INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);
        CREATE INDEX tessera_history_scenario ON tessera_history(scenario_id, seq);
        CREATE TABLE tessera_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE tessera_topology (layer TEXT PRIMARY KEY, topojson TEXT NOT NULL);
      `);
    },
  },
  {
    version: 2,
    description: 'Road network: roads feature table (lines with class, speed limit, one-way) and tessera_road_graph (routing graph as typed-array BLOBs)',
    up(db) {
      createFeatureTable(db, {
        name: 'roads',
        geometryType: 'MULTILINESTRING',
        columns: [
          'road_class TEXT NOT NULL',
          'name TEXT',
          'maxspeed_kmh REAL',
          'oneway INTEGER NOT NULL DEFAULT 0 CHECK (oneway IN (-1, 0, 1))',
        ],
        description:
          'Road lines for drive times; road_class is the OSM highway value or TIGER MTFCC, maxspeed_kmh the posted limit, oneway 1 = drawing direction only, -1 = against it, 0 = both',
      });
      db.exec(`
        CREATE TABLE tessera_road_graph (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          node_count INTEGER NOT NULL, edge_count INTEGER NOT NULL,
          lon BLOB NOT NULL, lat BLOB NOT NULL, offsets BLOB NOT NULL, targets BLOB NOT NULL, seconds BLOB NOT NULL,
          meta TEXT NOT NULL);
      `);
    },
  },
  {
    version: 3,
    description: 'Unit locks: tessera_unit_locks lists the units of a scenario that keep their territory (tools and optimizer skip them)',
    up(db) {
      db.exec(`
        CREATE TABLE tessera_unit_locks (
          scenario_id TEXT NOT NULL REFERENCES tessera_scenarios(scenario_id) ON DELETE CASCADE,
          unit_id TEXT NOT NULL,
          PRIMARY KEY (scenario_id, unit_id)) WITHOUT ROWID;
      `);
    },
  },
  {
    version: 4,
    description:
      'Regions: tessera_regions (the optional second level grouping territories, per scenario, with a manager) and territories.region_id',
    up(db) {
      // region_id is a plain column of the territories feature table, so GIS readers see it next to name and rep_id.
      db.exec(`
        CREATE TABLE tessera_regions (
          scenario_id TEXT NOT NULL REFERENCES tessera_scenarios(scenario_id) ON DELETE CASCADE,
          region_id TEXT NOT NULL, name TEXT NOT NULL, color TEXT NOT NULL, manager TEXT,
          PRIMARY KEY (scenario_id, region_id)) WITHOUT ROWID;
        ALTER TABLE territories ADD COLUMN region_id TEXT;
      `);
    },
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;
