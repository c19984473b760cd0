// What differs between SQLite and PostgreSQL in queries, in one place. Everything else speaks plain Kysely.
import { PostgresAdapter, SqliteAdapter, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { Schema } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

/**
 * Which backend a Kysely instance (or a transaction of one) talks to, read from its adapter so that it is
 * exact for transactions too.
 */
export function dialectOf(db: Kysely<Schema> | Transaction<Schema>): Dialect {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof PostgresAdapter) return 'postgres';
  if (adapter instanceof SqliteAdapter) return 'sqlite';
  throw new Error('the store runs on a backend Convey does not know');
}

/**
 * The one place a query differs by backend: picks the variant for the backend `db` talks to. Callers keep both
 * variants side by side (search's FTS5 and tsvector, SKIP LOCKED), so a reader sees the difference at once.
 */
export function byDialect<T>(db: Kysely<Schema> | Transaction<Schema>, variants: Record<Dialect, () => T>): T {
  return variants[dialectOf(db)]();
}

/**
 * Locks the selected rows until the transaction ends. PostgreSQL: `FOR UPDATE` (with `SKIP LOCKED`, rows
 * another transaction holds are passed over instead of waited for). SQLite has one writer at a time, and a
 * transaction that writes holds it, so the query is left as it is.
 */
export function lockRowForUpdate<DB, TB extends keyof DB, O>(
  tx: Transaction<Schema>,
  query: SelectQueryBuilder<DB, TB, O>,
  options: { skipLocked?: boolean } = {},
): SelectQueryBuilder<DB, TB, O> {
  if (dialectOf(tx) !== 'postgres') return query;
  const locked = query.forUpdate();
  return options.skipLocked ? locked.skipLocked() : locked;
}
