// Owned leases on due work (feeds to poll). A claim names its owner and an expiry in one statement, so any
// number of workers can share a store without taking the same row twice; only the owner renews or releases
// its lease, and a write made under a lease that has expired or passed to another owner is refused (fencing).
// On PostgreSQL the pick skips rows another worker is claiming at that moment (FOR UPDATE SKIP LOCKED);
// SQLite runs one writer at a time, so its statement is atomic as it is.
import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { Schema } from './schema.js';
import { byDialect } from './dialect.js';

type LeasedTable = 'feeds';
type Db = Kysely<Schema> | Transaction<Schema>;

/** A write under a lease that is no longer ours: the work is someone else's now. */
export class LeaseLostError extends Error {
  constructor(readonly table: LeasedTable, readonly id: number, readonly owner: string) {
    super(`lease on ${table} ${id} is no longer held by ${owner}`);
    this.name = 'LeaseLostError';
  }
}

export interface Lease {
  owner: string;
  /** Expiry as ISO 8601. */
  until: string;
}

export async function claimWithLease<T extends LeasedTable>(
  db: Kysely<Schema>,
  table: T,
  options: { due: (nowIso: string) => Expression<SqlBool>; orderBy: 'next_poll_at'; limit: number; now: Date; leaseMs: number; owner: string },
): Promise<Schema[T][]> {
  const nowIso = options.now.toISOString();
  const until = new Date(options.now.getTime() + options.leaseMs).toISOString();
  const skipLocked = byDialect(db, { postgres: () => sql` for update skip locked`, sqlite: () => sql`` });
  const leaseFree = sql`(lease_until is null or lease_until < ${nowIso})`;
  const result = await sql<Schema[T]>`
    update ${sql.table(table)} set lease_until = ${until}, lease_owner = ${options.owner}
    where id in (
      select id from ${sql.table(table)}
      where ${options.due(nowIso)} and ${leaseFree}
      order by ${sql.ref(options.orderBy)} limit ${options.limit}${skipLocked}
    ) and ${leaseFree}
    returning *`.execute(db);
  return result.rows;
}

/** The condition under which `owner` still holds the lease of a row at `now`. */
export function heldBy(owner: string, now: Date) {
  return sql<SqlBool>`lease_owner = ${owner} and lease_until >= ${now.toISOString()}`;
}

/** Extends a lease its owner still holds; false when it lapsed or passed to another owner. */
export async function renewLease(db: Db, table: LeasedTable, id: number, owner: string, now: Date, leaseMs: number): Promise<boolean> {
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const result = await db.updateTable(table).set({ lease_until: until }).where('id', '=', id).where(heldBy(owner, now)).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Gives a lease back early; only its owner can. */
export async function releaseLease(db: Db, table: LeasedTable, id: number, owner: string): Promise<void> {
  await db.updateTable(table).set({ lease_until: null, lease_owner: null }).where('id', '=', id).where('lease_owner', '=', owner).execute();
}
