// Feeds and their polling state. Claiming due feeds is one atomic UPDATE with a lease, so several worker
// processes can poll the same store without fetching a feed twice.
import { sql, type Kysely, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { FeedsTable, Schema } from './schema.js';
import type { Feed } from '../model/types.js';
import { claimWithLease, heldBy, LeaseLostError } from './lease.js';

export function toFeed(row: Selectable<FeedsTable>): Feed {
  return {
    id: row.id,
    sourceId: row.source_id,
    url: row.url,
    title: row.title,
    etag: row.etag,
    lastModified: row.last_modified,
    lastFetchedAt: row.last_fetched_at,
    nextPollAt: row.next_poll_at,
    consecutiveErrors: row.consecutive_errors,
    lastError: row.last_error,
    disabledReason: row.disabled_reason,
    fetchFullText: row.fetch_full_text as Feed['fetchFullText'],
    createdAt: row.created_at,
  };
}

export async function addFeed(
  db: Kysely<Schema>,
  input: { sourceId: number; url: string; fetchFullText?: Feed['fetchFullText'] },
  now = new Date(),
): Promise<Feed> {
  const row = await db
    .insertInto('feeds')
    .values({
      source_id: input.sourceId,
      url: input.url,
      fetch_full_text: input.fetchFullText ?? 'auto',
      consecutive_errors: 0,
      next_poll_at: now.toISOString(),
      created_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toFeed(row);
}

export async function listFeeds(db: Kysely<Schema>): Promise<Feed[]> {
  return (await db.selectFrom('feeds').selectAll().orderBy('id').execute()).map(toFeed);
}

export async function getFeed(db: Kysely<Schema>, id: number): Promise<Feed | null> {
  const row = await db.selectFrom('feeds').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toFeed(row) : null;
}

export const FEED_LEASE_MS = 5 * 60_000;

/** Takes up to `limit` enabled feeds whose poll is due and free, leased to `owner` for `leaseMs`. */
export async function claimDueFeeds(db: Kysely<Schema>, now: Date, limit: number, owner: string, leaseMs = FEED_LEASE_MS): Promise<Feed[]> {
  const rows = await claimWithLease(db, 'feeds', {
    due: (nowIso) => sql<SqlBool>`disabled_reason is null and (next_poll_at is null or next_poll_at <= ${nowIso})`,
    orderBy: 'next_poll_at',
    limit,
    now,
    leaseMs,
    owner,
  });
  return rows.map((row) => toFeed(row as unknown as Selectable<FeedsTable>));
}

/**
 * The outcome of a poll, written only while `lease.owner` still holds the feed's lease (fencing): a worker
 * whose lease lapsed and passed to another gets LeaseLostError and its outcome is dropped. The lease ends.
 */
export async function recordFeedSuccess(
  db: Kysely<Schema>,
  id: number,
  lease: { owner: string; now: Date },
  update: { title?: string | null; etag: string | null; lastModified: string | null; nextPollAt: Date; fetchedAt: Date; url?: string },
): Promise<void> {
  const result = await db
    .updateTable('feeds')
    .set({
      ...(update.title !== undefined ? { title: update.title } : {}),
      ...(update.url ? { url: update.url } : {}),
      etag: update.etag,
      last_modified: update.lastModified,
      last_fetched_at: update.fetchedAt.toISOString(),
      next_poll_at: update.nextPollAt.toISOString(),
      lease_until: null,
      lease_owner: null,
      consecutive_errors: 0,
      last_error: null,
    })
    .where('id', '=', id)
    .where(heldBy(lease.owner, lease.now))
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new LeaseLostError('feeds', id, lease.owner);
}

export async function recordFeedError(
  db: Kysely<Schema>,
  id: number,
  lease: { owner: string; now: Date },
  update: { error: string; nextPollAt: Date; fetchedAt: Date; disable: boolean },
): Promise<void> {
  const result = await db
    .updateTable('feeds')
    .set({
      last_error: update.error,
      last_fetched_at: update.fetchedAt.toISOString(),
      next_poll_at: update.nextPollAt.toISOString(),
      lease_until: null,
      lease_owner: null,
      consecutive_errors: sql<number>`consecutive_errors + 1`,
      ...(update.disable ? { disabled_reason: `disabled after repeated failures; last error: ${update.error}` } : {}),
    })
    .where('id', '=', id)
    .where(heldBy(lease.owner, lease.now))
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new LeaseLostError('feeds', id, lease.owner);
}

export async function enableFeed(db: Kysely<Schema>, id: number, now = new Date()): Promise<boolean> {
  const result = await db
    .updateTable('feeds')
    .set({ disabled_reason: null, consecutive_errors: 0, next_poll_at: now.toISOString() })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Makes every enabled feed due now (used by `convey ingest --once`). Leases are left alone: a feed another
 * worker is polling stays its.
 */
export async function makeAllFeedsDue(db: Kysely<Schema>, now = new Date()): Promise<void> {
  await db.updateTable('feeds').set({ next_poll_at: now.toISOString() }).where('disabled_reason', 'is', null).execute();
}

/** Removes a feed; the articles taken from it stay, no longer linked to a feed. */
export async function removeFeed(db: Kysely<Schema>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('feeds').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Stops polling a feed until `enableFeed`, with the reason shown by `feeds list`. */
export async function disableFeed(db: Kysely<Schema>, id: number, reason: string): Promise<boolean> {
  const result = await db.updateTable('feeds').set({ disabled_reason: reason, lease_until: null }).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Points a feed at a new address and/or changes its full-text setting. A new address starts afresh: the old
 * validators and error count belonged to the old one, and it is polled on the next round.
 */
export async function updateFeed(
  db: Kysely<Schema>,
  id: number,
  changes: { url?: string; fetchFullText?: Feed['fetchFullText'] },
  now = new Date(),
): Promise<Feed | null> {
  let set: Updateable<FeedsTable> = {};
  if (changes.fetchFullText !== undefined) set.fetch_full_text = changes.fetchFullText;
  if (changes.url !== undefined) {
    set = { ...set, url: changes.url, etag: null, last_modified: null, consecutive_errors: 0, last_error: null, next_poll_at: now.toISOString(), lease_until: null };
  }
  if (Object.keys(set).length > 0) await db.updateTable('feeds').set(set).where('id', '=', id).execute();
  return getFeed(db, id);
}
