// `convey backup <file>`: a consistent copy of a SQLite store while the site keeps running, through SQLite's
// online backup API. PostgreSQL has its own tools (pg_dump); see docs/operations.md.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { sqliteHandleOf, type Store } from './database.js';

/** The store is not SQLite: its backup is the database server's business. */
export class BackupUnsupportedError extends Error {
  override name = 'BackupUnsupportedError';
}

// Copying every page in one step reads one snapshot (WAL: writers carry on meanwhile). In smaller steps a
// write by another process between two steps restarts the backup, and a busy site could restart it forever.
const ALL_PAGES = 0x7fffffff;

export async function backupSqliteStore(store: Store, file: string): Promise<{ pages: number }> {
  const handle = sqliteHandleOf(store);
  if (!handle) throw new BackupUnsupportedError('the store is PostgreSQL: back it up with pg_dump -Fc (see docs/operations.md)');
  if (existsSync(file)) throw new Error(`${file} exists already: give the name of a new file`);
  const { totalPages } = await handle.backup(file, { progress: () => ALL_PAGES });
  const copy = new Database(file);
  try {
    const result = copy.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`the backup in ${file} fails its integrity check: ${String(result)}`);
  } finally {
    copy.close();
  }
  return { pages: totalPages };
}
