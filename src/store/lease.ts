// Claiming due work with a lease, in one statement: the rows picked are updated at once, so any number of
// workers can share a store without taking the same feed or re-check twice. On PostgreSQL the pick skips rows
// another worker is claiming at that moment (FOR UPDATE SKIP LOCKED), so concurrent workers share the due work
// instead of waiting for each other; SQLite runs one writer at a time, so its statement is atomic as it is.
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Schema } from './schema.js';
import { dialectOf } from './database.js';

type LeasedTable = 'feeds' | 'articles';

export async function claimWithLease<T extends LeasedTable>(
  db: Kysely<Schema>,
  table: T,
  options: { due: (nowIso: string) => Expression<SqlBool>; orderBy: 'next_poll_at' | 'next_check_at'; limit: number; now: Date; leaseMs: number },
): Promise<Schema[T][]> {
  const nowIso = options.now.toISOString();
  const until = new Date(options.now.getTime() + options.leaseMs).toISOString();
  const skipLocked = dialectOf(db) === 'postgres' ? sql` for update skip locked` : sql``;
  const leaseFree = sql`(lease_until is null or lease_until < ${nowIso})`;
  const result = await sql<Schema[T]>`
    update ${sql.table(table)} set lease_until = ${until}
    where id in (
      select id from ${sql.table(table)}
      where ${options.due(nowIso)} and ${leaseFree}
      order by ${sql.ref(options.orderBy)} limit ${options.limit}${skipLocked}
    ) and ${leaseFree}
    returning *`.execute(db);
  return result.rows;
}
