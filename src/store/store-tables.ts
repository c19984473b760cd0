// What tables a store holds, read from the database itself (not from schema.ts), so that tools working on
// every table (store copy, its verification) follow new migrations without being changed.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Dialect } from './database.js';

// Tools reach every table by name, so they talk to the database untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDb = Kysely<any> | Transaction<any>;

export interface ColumnInfo {
  name: string;
  /** Text columns order differently per collation; readers that must agree across backends need to know. */
  isText: boolean;
}

export interface TableInfo {
  name: string;
  /** Stored columns only: generated, hidden and trigger-kept columns (the tsvector, FTS internals) are derived, never data. */
  columns: ColumnInfo[];
  primaryKey: string[];
  /** Tables this one references by foreign key (itself excluded). */
  references: string[];
  /** Columns filled by a sequence on PostgreSQL (serial or identity); empty on SQLite. */
  sequenceColumns: string[];
}

/** The bookkeeping tables of the migrator: each store keeps its own, they are never data. */
export const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'];
/** Written by triggers only (the pages' change counter, `page-changes.ts`): each store keeps its own too. */
const TRIGGER_TABLES = ['page_changes'];
/** Columns a trigger derives from the row's others (PostgreSQL's search vector): never data, like generated ones. */
const TRIGGER_COLUMNS: Record<string, string[]> = { articles: ['search'] };

export async function describeTables(db: AnyDb, dialect: Dialect): Promise<TableInfo[]> {
  const tables = dialect === 'postgres' ? await describePostgres(db) : await describeSqlite(db);
  return tables.filter((t) => !MIGRATION_TABLES.includes(t.name) && !TRIGGER_TABLES.includes(t.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
}

async function describeSqlite(db: AnyDb): Promise<TableInfo[]> {
  // table_list marks FTS5 indexes 'virtual' and their storage 'shadow': both are rebuilt from the articles.
  const list = await sql<{ name: string; type: string }>`select name, type from pragma_table_list() where schema = 'main'`.execute(db);
  const names = list.rows.filter((r) => r.type === 'table' && !r.name.startsWith('sqlite_')).map((r) => r.name);
  const tables: TableInfo[] = [];
  for (const name of names) {
    const columns = await sql<{ name: string; type: string; pk: number; hidden: number }>`
      select name, type, pk, hidden from pragma_table_xinfo(${name}) order by cid`.execute(db);
    const keys = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${name})`.execute(db);
    const stored = columns.rows.filter((c) => c.hidden === 0);
    tables.push({
      name,
      columns: stored.map((c) => ({ name: c.name, isText: /char|clob|text/i.test(c.type) })),
      primaryKey: stored.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
      references: [...new Set(keys.rows.map((k) => k.table))].filter((t) => t !== name),
      sequenceColumns: [],
    });
  }
  return tables;
}

async function describePostgres(db: AnyDb): Promise<TableInfo[]> {
  const list = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  const tables: TableInfo[] = [];
  for (const { table_name: name } of list.rows) {
    const columns = await sql<{ column_name: string; data_type: string; is_generated: string; column_default: string | null; is_identity: string }>`
      select column_name, data_type, is_generated, column_default, is_identity from information_schema.columns
      where table_schema = current_schema() and table_name = ${name} order by ordinal_position`.execute(db);
    const primaryKey = await sql<{ column_name: string }>`
      select kcu.column_name from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu
        on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema and kcu.table_name = tc.table_name
      where tc.table_schema = current_schema() and tc.table_name = ${name} and tc.constraint_type = 'PRIMARY KEY'
      order by kcu.ordinal_position`.execute(db);
    const references = await sql<{ table_name: string }>`
      select distinct ccu.table_name from information_schema.table_constraints tc
      join information_schema.constraint_column_usage ccu
        on ccu.constraint_name = tc.constraint_name and ccu.constraint_schema = tc.constraint_schema
      where tc.table_schema = current_schema() and tc.table_name = ${name} and tc.constraint_type = 'FOREIGN KEY'`.execute(db);
    const stored = columns.rows.filter((c) => c.is_generated === 'NEVER' && !TRIGGER_COLUMNS[name]?.includes(c.column_name));
    tables.push({
      name,
      columns: stored.map((c) => ({ name: c.column_name, isText: c.data_type === 'text' || c.data_type.startsWith('character') })),
      primaryKey: primaryKey.rows.map((r) => r.column_name),
      references: references.rows.map((r) => r.table_name).filter((t) => t !== name),
      sequenceColumns: stored.filter((c) => c.is_identity === 'YES' || (c.column_default ?? '').startsWith('nextval(')).map((c) => c.column_name),
    });
  }
  return tables;
}

/**
 * Tables ordered so that every table comes after the tables it references (parents before children), ties by
 * name. A self-reference (a reply's parent comment) is left to the row order: ids grow, parents come first.
 */
export function dependencyOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  let pending = [...tables].sort((a, b) => (a.name < b.name ? -1 : 1));
  while (pending.length > 0) {
    const ready = pending.filter((t) => t.references.every((r) => r === t.name || done.has(r) || !byName.has(r)));
    if (ready.length === 0) throw new Error(`cannot order tables by their references: a cycle among ${pending.map((t) => t.name).join(', ')}`);
    for (const t of ready) {
      ordered.push(t);
      done.add(t.name);
    }
    pending = pending.filter((t) => !done.has(t.name));
  }
  return ordered;
}

/** Counts the rows of a table. */
export async function countRows(db: AnyDb, table: string): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Reads a table in batches, in key order (the primary key; every column when there is none). On PostgreSQL text
 * keys are compared in the "C" collation, byte order like SQLite's, so that both backends read rows in the same
 * order. Keyset pagination on the primary key; offsets only for a table without one.
 */
export async function* readRowsInKeyOrder(
  db: AnyDb,
  dialect: Dialect,
  table: TableInfo,
  batchSize: number,
): AsyncGenerator<Record<string, unknown>[]> {
  const keys = table.primaryKey.length > 0 ? table.primaryKey : table.columns.map((c) => c.name);
  const textColumns = new Set(table.columns.filter((c) => c.isText).map((c) => c.name));
  const keyExpression = (column: string) =>
    dialect === 'postgres' && textColumns.has(column) ? sql`${sql.ref(column)} collate "C"` : sql.ref(column);
  const columns = table.columns.map((c) => c.name);
  let last: Record<string, unknown> | null = null;
  let offset = 0;
  for (;;) {
    let query = db.selectFrom(table.name).select(columns).limit(batchSize);
    for (const key of keys) query = query.orderBy(keyExpression(key));
    if (table.primaryKey.length === 0) query = query.offset(offset);
    else if (last) {
      const after = last;
      query = query.where(
        sql<boolean>`(${sql.join(keys.map(keyExpression))}) > (${sql.join(keys.map((k) => after[k]))})`,
      );
    }
    const rows = (await query.execute()) as Record<string, unknown>[];
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batchSize) return;
    last = rows[rows.length - 1];
    offset += rows.length;
  }
}

/** PostgreSQL only: moves every sequence past the largest value copied in, so new rows get fresh ids. */
export async function resetSequences(db: AnyDb, table: TableInfo): Promise<void> {
  for (const column of table.sequenceColumns) {
    await sql`select setval(pg_get_serial_sequence(${table.name}, ${column}),
      coalesce((select max(${sql.ref(column)}) from ${sql.table(table.name)}), 0) + 1, false)`.execute(db);
  }
}
