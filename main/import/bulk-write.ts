/**
 * The SQLite settings of an import's one write transaction. Projects live in WAL mode with
 * synchronous=FULL (project-db.ts): right for small edits, but a unit import writes ~130 MB
 * (the counties benchmark) and WAL writes every page twice, once to the -wal file and again at
 * the checkpoint. Crash safety must not be traded for that: the project has to be either as
 * before or fully imported, so synchronous stays FULL throughout.
 */
import type Database from 'better-sqlite3';

/**
 * Run `write` (which opens its own transaction) with import-sized settings, then restore them.
 *
 * - `freshFile` (the import created the project, so a failure deletes it anyway): a rollback
 *   journal instead of WAL for the transaction. Pages appended past the file's original end are
 *   not journaled, so the blobs are written once, straight into the file; a crash leaves a hot
 *   journal that SQLite rolls back on the next open (the project is then as created, empty).
 *   WAL comes back right after the commit, and every open (project-db.ts) sets it again, so a
 *   crash between the commit and the switch back leaves a complete project in rollback mode,
 *   which the next open turns back to WAL. An existing project keeps WAL: switching modes
 *   rewrites its header, and a cancelled import must leave it byte for byte as it was; another
 *   connection on the file (the app) would refuse the switch anyway.
 * - In WAL mode, a page cache of 64 MB instead of SQLite's 2 MB: fewer pages spilled to the WAL
 *   mid-transaction and rewritten there (counties: write stage 1.4-1.5 s -> 1.05-1.35 s CPU).
 *   With the rollback journal it did not help (0.76-0.94 s without, 0.96-1.11 s with), so the
 *   fresh-file path keeps SQLite's default and its smaller memory peak.
 *
 * Measured and not taken: a 16 KiB page size (set by VACUUM on the fresh, still empty file) gave
 * no gain on the write; synchronous=OFF or NORMAL is not crash-safe for the commit.
 */
export function withBulkWriteSettings<T>(db: Database.Database, freshFile: boolean, write: () => T): T {
  const cacheBefore = db.pragma('cache_size', { simple: true }) as number;
  const rollbackJournal = freshFile && switchJournal(db, 'delete');
  if (!rollbackJournal) db.pragma(`cache_size = ${-64 * 1024}`);
  try {
    return write();
  } finally {
    if (rollbackJournal) switchJournal(db, 'wal');
    db.pragma(`cache_size = ${cacheBefore}`);
  }
}

/** Whether the journal mode is now `mode` (a busy file keeps its mode: SQLite then answers the old one). */
function switchJournal(db: Database.Database, mode: 'delete' | 'wal'): boolean {
  try {
    return String(db.pragma(`journal_mode = ${mode}`, { simple: true })).toLowerCase() === mode;
  } catch {
    // Leaving WAL can fail (busy): the write then simply runs in WAL. Restoring WAL runs after
    // the transaction ended: if it committed, the project is complete in rollback mode and the
    // next open turns WAL back on, so the import stands; if it rolled back, runImport deletes
    // the file it created.
    return false;
  }
}
