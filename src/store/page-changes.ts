// The store says when what a public page shows has changed, whoever wrote it: triggers on the tables pages read.
// PostgreSQL: each such write notifies the channel below at commit (payload: the store's schema, so that two
// sites in one database keep apart), heard by every web process. SQLite: the triggers count the writes in a
// one-row table, which a web process reads (a prepared statement, microseconds) to learn of other processes'
// writes. Bookkeeping columns (leases, next check times) are left out, so re-checks and polls that change
// nothing a reader sees never empty the page caches.
import { sql, type Kysely } from 'kysely';
import type { Dialect, Store } from './database.js';
import { sqliteHandleOf } from './database.js';

export const PAGE_CHANGES_CHANNEL = 'convey_pages';
const COUNTER_TABLE = 'page_changes';

/**
 * What a watched table's trigger fires on. `ignoreColumns`: an UPDATE that sets only these never counts.
 * `visibleWhen`: a condition over a row (written with `{row}`, replaced by `new` or `old`) that makes a row
 * visible on a page; a write counts when the row was visible before or after it.
 */
export interface WatchedTable {
  table: string;
  ignoreColumns?: string[];
  visibleWhen?: string;
}

/** The tables the public pages are rendered from, as the schema stood at migration 0055. */
export const PAGE_TABLES: WatchedTable[] = [
  { table: 'articles', ignoreColumns: ['next_check_at', 'lease_until', 'updated_at', 'hold_reason', 'hold_kind', 'fingerprint', 'entry_key', 'feed_id'] },
  { table: 'sources' },
  { table: 'article_versions' },
  { table: 'story_links' },
  { table: 'fidelity_reports' },
  // Feeds: only what a page may show of them; polling rewrites the rest all the time.
  { table: 'feeds', ignoreColumns: ['etag', 'last_modified', 'last_fetched_at', 'next_poll_at', 'lease_until', 'lease_owner', 'consecutive_errors', 'last_error'] },
  // Pending and spam comments are never shown: holding one changes no page; approving or removing it does.
  { table: 'comments', visibleWhen: `{row}.status = 'approved'` },
];

/** Migration 0055: the counter (SQLite) or the notifying function (PostgreSQL), and a trigger per watched table. */
export async function createPageChangeTriggers(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`create table ${sql.id(COUNTER_TABLE)} (id integer primary key check (id = 1), counter integer not null)`.execute(db);
    await sql`insert into ${sql.id(COUNTER_TABLE)} (id, counter) values (1, 0)`.execute(db);
  } else {
    // Notifications are sent at commit, and one per transaction however many rows it wrote (PostgreSQL folds
    // identical ones), so a rolled-back write never empties a cache and a bulk write empties it once.
    await sql.raw(`create or replace function convey_page_changed() returns trigger language plpgsql as $$
      begin perform pg_notify('${PAGE_CHANGES_CHANNEL}', current_schema()); return null; end $$`).execute(db);
  }
  for (const watched of PAGE_TABLES) await watchTableForPages(db, dialect, watched);
}

/**
 * Adds the triggers that report writes to one table. Later migrations call it for tables that pages start to
 * read (related-news caches, settings); a migration that adds a visible column to a table whose UPDATE trigger
 * names its columns drops and re-creates that trigger.
 */
export async function watchTableForPages(db: Kysely<unknown>, dialect: Dialect, watched: WatchedTable): Promise<void> {
  const columns = await columnsOf(db, dialect, watched.table);
  const ignored = new Set(watched.ignoreColumns ?? []);
  const updateColumns = ignored.size ? columns.filter((c) => !ignored.has(c)) : [];
  const updateOf = updateColumns.length ? ` of ${updateColumns.map(quote).join(', ')}` : '';
  const when = (row: 'new' | 'old') => watched.visibleWhen!.split('{row}').join(row);
  const events: { event: 'insert' | 'update' | 'delete'; on: string; condition: string | null }[] = [
    { event: 'insert', on: 'insert', condition: watched.visibleWhen ? when('new') : null },
    { event: 'update', on: `update${updateOf}`, condition: watched.visibleWhen ? `(${when('old')}) or (${when('new')})` : null },
    { event: 'delete', on: 'delete', condition: watched.visibleWhen ? when('old') : null },
  ];
  for (const { event, on, condition } of events) {
    const name = quote(`page_change_${watched.table}_${event}`);
    const whenClause = condition ? ` when (${condition})` : '';
    if (dialect === 'sqlite') {
      await sql.raw(`create trigger ${name} after ${on} on ${quote(watched.table)} for each row${whenClause}
        begin update ${COUNTER_TABLE} set counter = counter + 1 where id = 1; end`).execute(db);
    } else {
      await sql.raw(`create trigger ${name} after ${on} on ${quote(watched.table)} for each row${whenClause}
        execute function convey_page_changed()`).execute(db);
    }
  }
}

async function columnsOf(db: Kysely<unknown>, dialect: Dialect, table: string): Promise<string[]> {
  if (dialect === 'sqlite') {
    const rows = await sql<{ name: string; hidden: number }>`select name, hidden from pragma_table_xinfo(${table}) order by cid`.execute(db);
    return rows.rows.filter((r) => r.hidden === 0).map((r) => r.name);
  }
  // Generated columns (the search tsvector) cannot be named in UPDATE OF; they follow the columns they come from.
  const rows = await sql<{ column_name: string }>`select column_name from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} and is_generated = 'NEVER' order by ordinal_position`.execute(db);
  return rows.rows.map((r) => r.column_name);
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/**
 * SQLite: a reader of the change counter, synchronous on the store's own connection (a cache lookup must not
 * wait for a query queue). It sees this process's writes at once and other processes' once they commit.
 */
export function sqliteChangeCounter(store: Store): (() => number) | null {
  const handle = sqliteHandleOf(store);
  if (!handle) return null;
  let statement: import('better-sqlite3').Statement<[], unknown>;
  try {
    statement = handle.prepare<[]>(`select counter from ${COUNTER_TABLE} where id = 1`).pluck();
  } catch {
    return null; // a store not migrated to 0055: no counter to read
  }
  return () => Number(statement.get() ?? 0);
}

