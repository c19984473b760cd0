// What the desk shows of each feed's health besides its polling state: how many entries it brought in today.
import type { Kysely } from 'kysely';
import type { Schema } from './schema.js';

/** The start of the UTC day `now` falls in: "today" on the desk is the day of the stored timestamps. */
export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Articles taken in from each feed since `since`, by feed id; a feed that brought none is absent. */
export async function countEntriesSince(db: Kysely<Schema>, since: Date): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('articles')
    .select(['feed_id', (eb) => eb.fn.countAll().as('entries')])
    .where('feed_id', 'is not', null)
    .where('created_at', '>=', since.toISOString())
    .groupBy('feed_id')
    .execute();
  // PostgreSQL counts as bigint, which pg returns as text.
  return new Map(rows.map((r) => [r.feed_id as number, Number(r.entries)]));
}
