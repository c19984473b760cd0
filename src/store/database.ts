// Opens the store: SQLite (embedded, WAL) by default, PostgreSQL when the URL says so. This file and
// migrations.ts are the only places that know which backend runs; everything else speaks Kysely.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { Schema } from './schema.js';
import { migrationProvider, MIGRATIONS } from './migrations.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Schema>;
  dialect: Dialect;
  close(): Promise<void>;
}

const dialects = new WeakMap<object, Dialect>();
// The better-sqlite3 handle under a SQLite store, for what Kysely does not offer (the online backup).
const sqliteHandles = new WeakMap<object, SqliteDatabase>();

/** Which backend a Kysely instance opened by `openStore` talks to (for the few queries that differ). */
export function dialectOf(db: Kysely<Schema>): Dialect {
  return dialects.get(db) ?? 'sqlite';
}

export async function openStore(databaseUrl: string, options: { migrate?: boolean } = {}): Promise<Store> {
  let store: Store;
  if (databaseUrl.startsWith('postgres://') || databaseUrl.startsWith('postgresql://')) {
    const pg = await import('pg');
    const pool = new pg.default.Pool({ connectionString: databaseUrl, max: 10 });
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    store = { db, dialect: 'postgres', close: () => db.destroy() };
  } else if (databaseUrl.startsWith('sqlite:')) {
    const path = databaseUrl.slice('sqlite:'.length);
    const { default: Database } = await import('better-sqlite3');
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const sqlite = new Database(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    sqliteHandles.set(db, sqlite);
    store = { db, dialect: 'sqlite', close: () => db.destroy() };
  } else {
    throw new Error(`unsupported database URL "${databaseUrl}": use sqlite:<path> or postgres://…`);
  }
  dialects.set(store.db, store.dialect);
  if (options.migrate !== false) await migrate(store);
  return store;
}

type SqliteDatabase = import('better-sqlite3').Database;

/** The better-sqlite3 database of a SQLite store (null for PostgreSQL). */
export function sqliteHandleOf(store: Store): SqliteDatabase | null {
  return sqliteHandles.get(store.db) ?? null;
}

/**
 * Kysely prepares every query anew; on SQLite preparing costs as much as running a small query. The same SQL
 * text (parameters apart) reuses its prepared statement. Bounded, and statements of schema changes are never kept.
 */
function withStatementCache(sqlite: SqliteDatabase, limit = 500): SqliteDatabase {
  const cache = new Map<string, ReturnType<SqliteDatabase['prepare']>>();
  const prepare = (source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      statement = sqlite.prepare(source);
      if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
      if (!/^\s*(create|alter|drop)\b/i.test(source)) cache.set(source, statement);
    }
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property, receiver) {
      if (property === 'prepare') return prepare;
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * The schema of the migration tables (PostgreSQL: the current schema; SQLite: none). Kysely looks for its tables
 * in every schema it can see, so without it a second Convey store in another schema of the same database (or
 * one being created at that moment) is taken for this one.
 */
export async function migrationTableSchema(store: Store): Promise<string | undefined> {
  if (store.dialect !== 'postgres') return undefined;
  return (await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db)).rows[0]?.schema;
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrate(store: Store): Promise<number> {
  const migrator = new Migrator({ db: store.db, provider: migrationProvider(store.dialect), migrationTableSchema: await migrationTableSchema(store) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message ?? error}`);
  }
  return MIGRATIONS.length;
}
