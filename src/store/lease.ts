// Claiming due work with a lease: one conditional UPDATE per row that only one process can win, so any
// number of workers can share a store without taking the same feed or re-check twice.
import type { Kysely, Selectable } from 'kysely';
import type { Schema } from './schema.js';

type LeasedTable = 'feeds' | 'articles';

export async function claimWithLease<T extends LeasedTable>(
  db: Kysely<Schema>,
  table: T,
  ids: number[],
  now: Date,
  leaseMs: number,
): Promise<Selectable<Schema[T]>[]> {
  const nowIso = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const claimed: Selectable<Schema[T]>[] = [];
  // Kysely cannot type a query over a table chosen at run time; both tables have id and lease_until.
  const anyDb = db as unknown as Kysely<{ leased: { id: number; lease_until: string | null } }>;
  for (const id of ids) {
    const row = await anyDb
      .updateTable(table as unknown as 'leased')
      .set({ lease_until: until })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowIso)]))
      .returningAll()
      .executeTakeFirst();
    if (row) claimed.push(row as unknown as Selectable<Schema[T]>);
  }
  return claimed;
}
