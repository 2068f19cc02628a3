/**
 * Opening a project file: a GeoPackage in WAL mode with Tessera's schema migrated to the latest
 * version. Files that are not GeoPackages, or were written by a newer Tessera, are refused with a
 * plain message and left untouched.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../../shared/errors.ts';
import { GPKG_APPLICATION_ID, registerGpkgFunctions } from './gpkg-core.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations.ts';

export interface OpenOptions {
  /** Create the file (with the latest schema) when it does not exist. */
  create?: boolean;
  readonly?: boolean;
}

export function openProjectDb(file: string, options: OpenOptions = {}): Database.Database {
  const name = path.basename(file);
  const exists = fs.existsSync(file);
  if (!exists && !options.create) throw new UserError(`Project file "${file}" does not exist.`);
  if (exists && fs.statSync(file).isDirectory()) throw new UserError(`"${file}" is a folder, not a project file.`);
  if (exists && fs.statSync(file).size > 0) assertSqliteHeader(file);

  let db: Database.Database;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: !options.create });
  } catch (error) {
    const plain = storageError(error, file);
    throw plain instanceof UserError ? plain : new UserError(`Cannot open "${name}": ${(error as Error).message}.`, { cause: error });
  }
  try {
    registerGpkgFunctions(db);
    // Decide whether we may touch the file at all before any pragma writes to it.
    const version = checkedSchemaVersion(db, name);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      removeDeadJournal(file);
      // FULL, not NORMAL: in WAL mode NORMAL survives a crash of the app but may lose the last
      // committed edits on power loss or an OS crash, and an acknowledged edit must be durable. The
      // price is one fsync per commit — about 12 ms on this machine's disk (NORMAL: 0.05 ms) against
      // 60-200 ms for an edit with its outline dissolve, paid once per user gesture (measured by
      // test/integration/recovery-durability.test.ts).
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    migrate(db, name, version, options.readonly ?? false);
    return db;
  } catch (error) {
    db.close();
    throw storageError(error, file);
  }
}

/**
 * An import into a new project writes through a rollback journal (main/import/bulk-write.ts). Killed
 * just as it began, it can leave the journal created but empty, or with its header not yet written
 * (its first byte still 0): SQLite does not count either as hot (pager.c, hasHotJournal: an empty
 * journal, or one whose first byte is zero, is not hot), rolls nothing back, and in WAL mode never
 * deletes it. By now SQLite has rolled back any hot journal (reading the schema version), so such a
 * journal is litter and goes; any other is SQLite's to judge and is left to it.
 */
function removeDeadJournal(file: string): void {
  const journal = `${file}-journal`;
  // Zeroed, so an empty journal reads as a zero first byte too.
  const first = Buffer.alloc(1);
  try {
    const fd = fs.openSync(journal, 'r');
    try {
      fs.readSync(fd, first, 0, 1, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return; // none there (the usual case), or already gone
  }
  if (first[0] === 0) fs.rmSync(journal, { force: true });
}

/**
 * The storage failures a user can cause and fix (read-only file or folder, full disk, damaged
 * file) as a plain UserError naming the file; anything else unchanged. SQLite rolls the failed
 * transaction back, so the message can promise the project is as it was.
 */
export function storageError(error: unknown, file: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  const name = path.basename(file);
  const plain = (message: string) => new UserError(message, { cause: error });
  if (code === 'SQLITE_FULL') return plain(`Cannot save to "${name}": the disk is full. Free some space and try again; the last change was not saved.`);
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') {
    return plain(`Cannot save to "${name}": the file or its folder is read-only. Save a copy elsewhere (File > Save copy) or allow writing; the last change was not saved.`);
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return plain(`Cannot open "${name}": Tessera needs to write to the file and to its folder, and cannot (a read-only folder or disk?).`);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return plain(`"${name}" is busy: another program is writing to it. Close it there and try again.`);
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return plain(`"${name}" is damaged and cannot be read as a project.`);
  if (code.startsWith('SQLITE_IOERR')) return plain(`Cannot read or write "${name}": the disk reported an error (${code}). The last change was not saved.`);
  return error;
}

function assertSqliteHeader(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    fs.readSync(fd, header, 0, 16, 0);
    if (header.toString('latin1') !== 'SQLite format 3\0') {
      throw new UserError(`"${path.basename(file)}" is not a Tessera project: it is not a GeoPackage (SQLite) file.`);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** The schema version recorded in the file: 0 for an empty new file. */
export function schemaVersionOf(db: Database.Database): number {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tessera_meta'").get();
  if (!hasMeta) return 0;
  const row = db.prepare("SELECT value FROM tessera_meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
  return row ? Number(row.value) : 0;
}

/** The file's schema version, or a UserError when Tessera must not open (or change) it. */
function checkedSchemaVersion(db: Database.Database, name: string): number {
  const version = schemaVersionOf(db);
  if (version > LATEST_SCHEMA_VERSION) {
    throw new UserError(
      `"${name}" was written by a newer version of Tessera (project schema ${version}; this version knows up to ${LATEST_SCHEMA_VERSION}). ` +
        'Update Tessera to open it; the file was not changed.',
    );
  }
  if (version === 0) {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
    if (tables.n > 0) {
      const isGpkg = (db.pragma('application_id', { simple: true }) as number) === GPKG_APPLICATION_ID;
      throw new UserError(
        isGpkg
          ? `"${name}" is a GeoPackage but not a Tessera project. Import its layers into a project instead.`
          : `"${name}" is an SQLite database but not a Tessera project.`,
      );
    }
  }
  return version;
}

function migrate(db: Database.Database, name: string, version: number, readonly: boolean): void {
  const pending = MIGRATIONS.filter((m) => m.version > version);
  if (pending.length === 0) return;
  if (readonly) throw new UserError(`"${name}" needs an upgrade to the current project format and is open read-only.`);
  for (const migration of pending) {
    db.transaction(() => {
      migration.up(db);
      db.prepare("INSERT OR REPLACE INTO tessera_meta (key, value) VALUES ('schema_version', ?)").run(String(migration.version));
    })();
  }
}
