// Opens the store: SQLite (embedded, WAL) by default, PostgreSQL when the URL says so. This file and
// migrations.ts are the only places that know which backend runs; everything else speaks Kysely.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { Schema } from './schema.js';
import { migrationProvider, MIGRATIONS } from './migrations.js';

import { dialectOf, type Dialect } from './dialect.js';
import { WriteSignal } from './write-signal.js';
import { withNamedStatements } from './named-statements.js';

export { dialectOf, type Dialect };

export interface Store {
  db: Kysely<Schema>;
  dialect: Dialect;
  /** The URL it was opened with (the job queue on PostgreSQL connects with it). */
  url: string;
  /** PostgreSQL: the schema of the job queue (pg-boss), beside the store's own (`<schema>_jobs`, or `pgboss`). */
  jobsSchema: string;
  /** PostgreSQL: the time-outs of its connections, which the job queue's connections keep too. */
  timeouts: StoreTimeouts;
  close(): Promise<void>;
}

/** A database that cannot be opened as asked: missing (and not to be created) or unreachable. */
export class StoreOpenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreOpenError';
  }
}

// The better-sqlite3 handle under a SQLite store, for what Kysely does not offer (the online backup).
const sqliteHandles = new WeakMap<object, SqliteDatabase>();
// Each store's signal of its own writes (the page cache listens), by its Kysely instance.
const writeSignals = new WeakMap<object, WriteSignal>();

/** The writes this process makes through `store`, as they happen (see `write-signal.ts`). */
export function storeWrites(store: Store): WriteSignal {
  let signal = writeSignals.get(store.db);
  if (!signal) {
    // A store built elsewhere (a test's): a signal nobody fires, so listeners rely on the other process path.
    signal = new WriteSignal();
    writeSignals.set(store.db, signal);
  }
  return signal;
}

/** Where a PostgreSQL URL points, without its password: "db.example:5432 (database news)". */
export function describePostgresTarget(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
    return `${url.hostname || 'localhost'}:${url.port || '5432'}${database ? ` (database ${database})` : ''}`;
  } catch {
    return 'the address in DATABASE_URL';
  }
}

/** How long PostgreSQL may take before a request gives up, so that a lost database is an error, not a hang. */
export interface StoreTimeouts {
  /** Connecting, or waiting for a free connection of the pool. */
  connectMs: number;
  /** One query, measured by the client (it also covers a connection that went silent). */
  queryMs: number;
}

/**
 * Without timeouts given (the one-off commands: copy, migrate, the operator's tools), connecting and a query may
 * take as long as they take; `serve` and `worker` pass the configured ones. 0 sets no time-out.
 */
const NO_TIMEOUTS: StoreTimeouts = { connectMs: 0, queryMs: 0 };

/**
 * `create: false` refuses a SQLite file that does not exist instead of creating it (and its directory): only the
 * commands that set a site up create a database, so a mistyped DATABASE_URL is reported, not quietly emptied.
 */
export async function openStore(databaseUrl: string, options: { migrate?: boolean; create?: boolean; timeouts?: StoreTimeouts } = {}): Promise<Store> {
  let store: Store;
  if (databaseUrl.startsWith('postgres://') || databaseUrl.startsWith('postgresql://')) {
    const timeouts = options.timeouts ?? NO_TIMEOUTS;
    if (options.migrate !== false) {
      // A migration may rightly take longer than any request: it runs on a pool of its own, without the query time-out.
      const migrating = await openPostgres(databaseUrl, { ...timeouts, queryMs: 0 });
      try {
        await migrate(migrating);
      } finally {
        await migrating.close();
      }
    }
    return openPostgres(databaseUrl, timeouts);
  } else if (databaseUrl.startsWith('sqlite:')) {
    const path = databaseUrl.slice('sqlite:'.length);
    const { default: Database } = await import('better-sqlite3');
    if (path !== ':memory:' && options.create === false && !existsSync(path)) {
      throw new StoreOpenError(`no database at ${path}: check DATABASE_URL, or create it with "convey migrate"`);
    }
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const sqlite = new Database(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Statement journals and sorts in memory: as files, SQLite created and deleted one for most writes of an
    // ingest (about one file per entry taken).
    sqlite.pragma('temp_store = MEMORY');
    const signal = new WriteSignal();
    const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins: [signal] });
    sqliteHandles.set(db, sqlite);
    writeSignals.set(db, signal);
    store = { db, dialect: 'sqlite', url: databaseUrl, jobsSchema: 'jobs', timeouts: NO_TIMEOUTS, close: () => db.destroy() };
  } else {
    throw new Error(`unsupported database URL "${databaseUrl}": use sqlite:<path> or postgres://…`);
  }
  if (options.migrate !== false) await migrate(store);
  return store;
}

type PgClientClass = typeof import('pg').Client;
type PgModule = typeof import('pg').default;

/**
 * A pool of PostgreSQL connections (the store's, the job queue's) whose clients prepare their statements
 * (named-statements.ts). A connection the database (or the network) drops emits 'error': on the pool while
 * idle, on the client while in use. Unheard, either would end the process; here it is reported under `label`.
 * The query under way fails on its own (a page answers 503), the pool discards the broken client, and the next
 * query connects anew. With `timeouts`, connecting and each query give up in time, and a client whose query
 * timed out is closed (see below). `pg` is passed in: SQLite-only processes never load it.
 */
export function postgresPool(pg: PgModule, config: import('pg').PoolConfig, label: string, timeouts: StoreTimeouts = NO_TIMEOUTS): import('pg').Pool {
  const Client = (config.Client as PgClientClass | undefined) ?? pg.Client;
  const pool = new pg.Pool({
    ...config,
    ...(timeouts.connectMs > 0 ? { connectionTimeoutMillis: timeouts.connectMs } : {}),
    ...(timeouts.queryMs > 0 ? { query_timeout: timeouts.queryMs } : {}),
    Client: withNamedStatements(timeouts.queryMs > 0 ? clientDroppedOnTimeout(Client) : Client),
  });
  pool.on('error', (error) => console.error(`${label}: idle PostgreSQL connection lost: ${error.message}`));
  pool.on('connect', (client) => client.on('error', (error) => console.error(`${label}: PostgreSQL connection lost: ${error.message}`)));
  return pool;
}

/**
 * A query that times out leaves its client waiting for an answer that may never come (a connection gone silent);
 * every later query on it would wait too. Such a client is closed at once, so that the pool discards it and the
 * next request gets a new connection. (The socket is reached as node-postgres itself does for its connect timeout.)
 */
function clientDroppedOnTimeout(Client: PgClientClass): PgClientClass {
  return class extends Client {
    override query(...args: unknown[]): never {
      const result = (super.query as (...a: unknown[]) => unknown)(...args);
      if (result instanceof Promise) {
        result.catch((error: Error) => {
          if (error?.message === 'Query read timeout') (this as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
        });
      }
      return result as never;
    }
  } as PgClientClass;
}

async function openPostgres(databaseUrl: string, timeouts: StoreTimeouts): Promise<Store> {
  const pg = await import('pg');
  const pool = postgresPool(pg.default, { connectionString: databaseUrl, max: 10 }, 'store', timeouts);
  try {
    (await pool.connect()).release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new StoreOpenError(`cannot reach PostgreSQL at ${describePostgresTarget(databaseUrl)}: ${reason || (error as Error).message}`);
  }
  const signal = new WriteSignal();
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }), plugins: [signal] });
  writeSignals.set(db, signal);
  const close = async () => {
    await db.destroy();
    // The pool itself ends too, so that a query after close fails instead of quietly connecting again.
    if (!pool.ending) await pool.end().catch(() => undefined);
  };
  return { db, dialect: 'postgres', url: databaseUrl, jobsSchema: jobsSchemaOf(databaseUrl), timeouts, close };
}

/**
 * The job queue's schema: beside the store's schema when the URL sets a search_path (`options=-c
 * search_path=site` → `site_jobs`, so that two sites in one database keep their jobs apart), else `pgboss`.
 */
export function jobsSchemaOf(databaseUrl: string): string {
  let options: string | null = null;
  try {
    options = new URL(databaseUrl).searchParams.get('options');
  } catch {
    return 'pgboss';
  }
  const path = options ? /search_path\s*=\s*([a-z_][a-z0-9_]*)/i.exec(options) : null;
  return path ? `${path[1].toLowerCase()}_jobs` : 'pgboss';
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
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return MIGRATIONS.length;
    const failed = results?.find((r) => r.status === 'Error');
    // Before any migration ran, the migrator reads the database's catalogue, which another schema being
    // dropped at that moment can make fail: that is worth another try; a failing migration is not.
    if (!failed && attempt < 3) {
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      continue;
    }
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message ?? error}`);
  }
}
