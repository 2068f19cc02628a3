/**
 * GeoPackage 1.3 core: the metadata tables, SRS rows, feature-table registration and the R*Tree
 * spatial index extension with the spec's triggers. Register the ST_* functions the triggers call
 * (`registerGpkgFunctions`) on every connection before writing geometry.
 */
import type Database from 'better-sqlite3';
import { readGpkgEnvelope } from './gpkg-geometry.ts';

/** "GPKG" as the SQLite application_id; user_version 10300 = GeoPackage 1.3.0. */
export const GPKG_APPLICATION_ID = 0x47504b47;
export const GPKG_USER_VERSION = 10300;

const WGS84_WKT =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],' +
  'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,' +
  'AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]';

export function createGpkgCore(db: Database.Database): void {
  db.pragma(`application_id = ${GPKG_APPLICATION_ID}`);
  db.pragma(`user_version = ${GPKG_USER_VERSION}`);
  db.exec(`
    CREATE TABLE gpkg_spatial_ref_sys (
      srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
      organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
    CREATE TABLE gpkg_contents (
      table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
      description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
      min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
      CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
    CREATE TABLE gpkg_geometry_columns (
      table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
      srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
      CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
      CONSTRAINT uk_gc_table_name UNIQUE (table_name),
      CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
      CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
    CREATE TABLE gpkg_extensions (
      table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL,
      scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
    CREATE TABLE gpkg_tile_matrix_set (
      table_name TEXT NOT NULL PRIMARY KEY, srs_id INTEGER NOT NULL, min_x DOUBLE NOT NULL,
      min_y DOUBLE NOT NULL, max_x DOUBLE NOT NULL, max_y DOUBLE NOT NULL);
    CREATE TABLE gpkg_tile_matrix (
      table_name TEXT NOT NULL, zoom_level INTEGER NOT NULL, matrix_width INTEGER NOT NULL,
      matrix_height INTEGER NOT NULL, tile_width INTEGER NOT NULL, tile_height INTEGER NOT NULL,
      pixel_x_size DOUBLE NOT NULL, pixel_y_size DOUBLE NOT NULL,
      CONSTRAINT pk_ttm PRIMARY KEY (table_name, zoom_level));
  `);
  const srs = db.prepare(
    'INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition, description) VALUES (?,?,?,?,?,?)',
  );
  srs.run('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system');
  srs.run('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
  srs.run('WGS 84 geodetic', 4326, 'EPSG', 4326, WGS84_WKT, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
}

export type GeometryTypeName = 'POINT' | 'LINESTRING' | 'MULTILINESTRING' | 'POLYGON' | 'MULTIPOLYGON' | 'GEOMETRY';

export interface FeatureTableSpec {
  name: string;
  geometryType: GeometryTypeName;
  /** Column definitions after `fid` and `geom`, e.g. `unit_id TEXT NOT NULL UNIQUE`. */
  columns: string[];
  description: string;
}

/** Create a feature table with its gpkg_contents / gpkg_geometry_columns rows and R*Tree index. */
export function createFeatureTable(db: Database.Database, spec: FeatureTableSpec): void {
  const { name } = spec;
  assertIdentifier(name);
  db.exec(
    `CREATE TABLE "${name}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom ${spec.geometryType}, ${spec.columns.join(', ')})`,
  );
  db.prepare(
    "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES (?, 'features', ?, ?, 4326)",
  ).run(name, name, spec.description);
  db.prepare('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, 4326, 0, 0)').run(name, 'geom', spec.geometryType);
  createRtree(db, name, 'geom');
}

/** The R*Tree extension exactly as GeoPackage 1.3 Annex F.3 writes it (table, extension row, triggers). */
function createRtree(db: Database.Database, t: string, c: string): void {
  const rt = `rtree_${t}_${c}`;
  db.prepare(
    "INSERT INTO gpkg_extensions VALUES (?, ?, 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')",
  ).run(t, c);
  db.exec(`
    CREATE VIRTUAL TABLE "${rt}" USING rtree(id, minx, maxx, miny, maxy);
    CREATE TRIGGER "${rt}_insert" AFTER INSERT ON "${t}" WHEN (new."${c}" NOT NULL AND NOT ST_IsEmpty(NEW."${c}"))
    BEGIN INSERT OR REPLACE INTO "${rt}" VALUES (NEW.fid, ST_MinX(NEW."${c}"), ST_MaxX(NEW."${c}"), ST_MinY(NEW."${c}"), ST_MaxY(NEW."${c}")); END;
    CREATE TRIGGER "${rt}_update1" AFTER UPDATE OF "${c}" ON "${t}" WHEN OLD.fid = NEW.fid AND (NEW."${c}" NOTNULL AND NOT ST_IsEmpty(NEW."${c}"))
    BEGIN INSERT OR REPLACE INTO "${rt}" VALUES (NEW.fid, ST_MinX(NEW."${c}"), ST_MaxX(NEW."${c}"), ST_MinY(NEW."${c}"), ST_MaxY(NEW."${c}")); END;
    CREATE TRIGGER "${rt}_update2" AFTER UPDATE OF "${c}" ON "${t}" WHEN OLD.fid = NEW.fid AND (NEW."${c}" ISNULL OR ST_IsEmpty(NEW."${c}"))
    BEGIN DELETE FROM "${rt}" WHERE id = OLD.fid; END;
    CREATE TRIGGER "${rt}_update3" AFTER UPDATE ON "${t}" WHEN OLD.fid != NEW.fid AND (NEW."${c}" NOTNULL AND NOT ST_IsEmpty(NEW."${c}"))
    BEGIN DELETE FROM "${rt}" WHERE id = OLD.fid;
      INSERT OR REPLACE INTO "${rt}" VALUES (NEW.fid, ST_MinX(NEW."${c}"), ST_MaxX(NEW."${c}"), ST_MinY(NEW."${c}"), ST_MaxY(NEW."${c}")); END;
    CREATE TRIGGER "${rt}_update4" AFTER UPDATE ON "${t}" WHEN OLD.fid != NEW.fid AND (NEW."${c}" ISNULL OR ST_IsEmpty(NEW."${c}"))
    BEGIN DELETE FROM "${rt}" WHERE id IN (OLD.fid, NEW.fid); END;
    CREATE TRIGGER "${rt}_delete" AFTER DELETE ON "${t}" WHEN old."${c}" NOT NULL
    BEGIN DELETE FROM "${rt}" WHERE id = OLD.fid; END;
  `);
}

/**
 * The SQL functions the R*Tree triggers call. GDAL and QGIS register their own; every Tessera
 * connection must register these before it writes a geometry.
 */
export function registerGpkgFunctions(db: Database.Database): void {
  const envelope = (blob: unknown) => (blob instanceof Uint8Array ? readGpkgEnvelope(blob) : null);
  const opts = { deterministic: true, directOnly: false } as const;
  db.function('ST_IsEmpty', opts, (blob: unknown) => (envelope(blob) === null ? 1 : 0));
  db.function('ST_MinX', opts, (blob: unknown) => envelope(blob)?.minX ?? null);
  db.function('ST_MaxX', opts, (blob: unknown) => envelope(blob)?.maxX ?? null);
  db.function('ST_MinY', opts, (blob: unknown) => envelope(blob)?.minY ?? null);
  db.function('ST_MaxY', opts, (blob: unknown) => envelope(blob)?.maxY ?? null);
}

/** Refresh the gpkg_contents extent and last_change of a feature table from its R*Tree. */
export function updateContentsExtent(db: Database.Database, table: string): void {
  assertIdentifier(table);
  db.prepare(
    `UPDATE gpkg_contents SET (min_x, max_x, min_y, max_y) =
       (SELECT min(minx), max(maxx), min(miny), max(maxy) FROM "rtree_${table}_geom"),
       last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = ?`,
  ).run(table);
}

export function assertIdentifier(name: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`Invalid table or column name "${name}".`);
}
