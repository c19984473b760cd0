// Rate-limit logs in the store, so that every web process counts the same hits. The decision itself is the
// caller's pure function (`step`); this module only reads a key's log and writes the new one with a
// compare-and-set on the row's revision, so two processes hitting the same key at once never both get the
// last free slot: the loser re-reads and decides again.
import type { Kysely } from 'kysely';
import type { Schema } from './schema.js';

/** What one decision over a log produced: the log to keep, when it can be forgotten, and the answer. */
export interface RateLogStep<T> {
  times: number[];
  /** When the newest kept hit leaves the window (epoch milliseconds). */
  expiresAt: number;
  result: T;
}

/** Enough for any real contention on one key; past it the store is sick, and the caller should fail closed. */
const MAX_ATTEMPTS = 25;

export class RateLimitContention extends Error {}

export async function updateRateLog<T>(
  db: Kysely<Schema>,
  scope: string,
  key: string,
  step: (times: readonly number[]) => RateLogStep<T>,
): Promise<T> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const row = await db.selectFrom('rate_limits').select(['hits', 'revision']).where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
    const before = row ? parseTimes(row.hits) : [];
    const next = step(before);
    const hits = JSON.stringify(next.times);
    const expiresAt = new Date(next.expiresAt).toISOString();
    if (!row) {
      const inserted = await db
        .insertInto('rate_limits')
        .values({ scope, key, hits, revision: 1, expires_at: expiresAt })
        .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
        .returning('revision')
        .executeTakeFirst();
      if (inserted) return next.result;
      continue;
    }
    // A refused hit changes nothing: no write, and the refusal rests on a committed log.
    if (hits === row.hits) return next.result;
    const updated = await db
      .updateTable('rate_limits')
      .set({ hits, revision: row.revision + 1, expires_at: expiresAt })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .where('revision', '=', row.revision)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 1) return next.result;
  }
  throw new RateLimitContention(`rate limit ${scope}: ${MAX_ATTEMPTS} concurrent updates of one key in a row`);
}

/** The key's log as stored (empty when there is none), for decisions that only read it. */
export async function readRateLog(db: Kysely<Schema>, scope: string, key: string): Promise<number[]> {
  const row = await db.selectFrom('rate_limits').select('hits').where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
  return row ? parseTimes(row.hits) : [];
}

/** Forgets one key's log (a successful login clears the account's failures). */
export async function clearRateLog(db: Kysely<Schema>, scope: string, key: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('scope', '=', scope).where('key', '=', key).execute();
}

/** Deletes logs whose every hit has left its window. */
export async function pruneRateLimits(db: Kysely<Schema>, now: Date): Promise<number> {
  const result = await db.deleteFrom('rate_limits').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}

function parseTimes(text: string): number[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.filter((t): t is number => typeof t === 'number') : [];
}
