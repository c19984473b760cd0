// Migration 0010: every stored timestamp in one form, UTC ISO 8601 with milliseconds and `Z`.
// Before it, feed dates were stored as `2019-11-19T02:24:00Z` and page dates with the page's offset
// (`2019-11-18T21:24:00-05:00`), and the store compared them as text, which orders such values wrongly.
// The rewrite runs in TypeScript over the rows, so that SQLite and PostgreSQL get exactly the same conversion
// (their date functions disagree on offsets and precision); a value that is not an ISO 8601 timestamp is left
// as it is rather than lost.
import type { Kysely } from 'kysely';
import { convertTimestamp } from '../dates/utc-timestamp.js';

/** Each table with the columns that hold a moment, and the columns that identify a row. */
const TIMESTAMP_COLUMNS: { table: string; key: string[]; columns: string[]; provenance?: boolean }[] = [
  { table: 'sources', key: ['id'], columns: ['created_at'] },
  { table: 'feeds', key: ['id'], columns: ['last_fetched_at', 'next_poll_at', 'lease_until', 'created_at'] },
  {
    table: 'articles',
    key: ['id'],
    columns: ['first_created', 'republished_at', 'version_created', 'next_check_at', 'lease_until', 'withdrawn_at', 'created_at', 'updated_at'],
    provenance: true,
  },
  { table: 'article_versions', key: ['id'], columns: ['created_at'] },
  { table: 'tombstones', key: ['source_id', 'entry_key'], columns: ['created_at'] },
  { table: 'comments', key: ['id'], columns: ['created_at'] },
];

const BATCH = 500;

type Row = Record<string, unknown>;

/** The changed columns of one row, or null when it is already in the stored form. */
export function utcRewriteOf(row: Row, columns: string[], provenance: boolean): Row | null {
  const changes: Row = {};
  for (const column of columns) {
    const value = row[column];
    if (typeof value !== 'string') continue;
    const converted = convertTimestamp(value);
    if (converted !== null && converted !== value) changes[column] = converted;
  }
  if (provenance && typeof row.provenance === 'string') {
    const rewritten = rewriteProvenanceDates(row.provenance);
    if (rewritten !== null) changes.provenance = rewritten;
  }
  return Object.keys(changes).length ? changes : null;
}

/** The provenance JSON with its hop dates converted, or null when nothing changes (or it is not JSON). */
function rewriteProvenanceDates(json: string): string | null {
  let hops: unknown;
  try {
    hops = JSON.parse(json);
  } catch {
    return null;
  }
  if (!Array.isArray(hops)) return null;
  let changed = false;
  const out = hops.map((hop: unknown) => {
    if (!hop || typeof hop !== 'object' || typeof (hop as Row).date !== 'string') return hop;
    const converted = convertTimestamp((hop as Row).date as string);
    if (converted === null || converted === (hop as Row).date) return hop;
    changed = true;
    return { ...(hop as Row), date: converted };
  });
  return changed ? JSON.stringify(out) : null;
}

export async function rewriteTimestampsAsUtc(db: Kysely<unknown>): Promise<number> {
  // The tables are named at run time: a migration sees the schema as it was then, not as schema.ts says now.
  const anyDb = db as Kysely<any>;
  // One transaction: all rows or none, and one commit instead of one per row. The migrator may already have
  // opened one (it does on PostgreSQL, where schema changes are transactional).
  return anyDb.isTransaction ? rewriteAll(anyDb) : anyDb.transaction().execute(rewriteAll);
}

async function rewriteAll(anyDb: Kysely<any>): Promise<number> {
  let rewritten = 0;
  for (const { table, key, columns, provenance = false } of TIMESTAMP_COLUMNS) {
    const selected = [...key, ...columns, ...(provenance ? ['provenance'] : [])];
    if (key.length === 1) {
      // Keyset pages by id: bounded memory on a large table.
      let after = -1;
      for (;;) {
        const rows: Row[] = await anyDb.selectFrom(table).select(selected).where(key[0], '>', after).orderBy(key[0]).limit(BATCH).execute();
        for (const row of rows) rewritten += await applyRewrite(anyDb, table, key, row, columns, provenance);
        if (rows.length < BATCH) break;
        after = rows[rows.length - 1][key[0]] as number;
      }
    } else {
      const rows: Row[] = await anyDb.selectFrom(table).select(selected).execute();
      for (const row of rows) rewritten += await applyRewrite(anyDb, table, key, row, columns, provenance);
    }
  }
  return rewritten;
}

async function applyRewrite(db: Kysely<any>, table: string, key: string[], row: Row, columns: string[], provenance: boolean): Promise<number> {
  const changes = utcRewriteOf(row, columns, provenance);
  if (!changes) return 0;
  let query = db.updateTable(table).set(changes);
  for (const column of key) query = query.where(column, '=', row[column]);
  await query.execute();
  return 1;
}
