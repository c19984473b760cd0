// One poll of one feed: fetch (conditional) and parse it, then queue one job per new or changed entry (oldest
// first, at most `maxNewEntriesPerPoll` new ones: the rest wait for the next polls) and per article of the feed
// held for a fetch failure (tried again while the feed lists it, and after a 304). The poll itself never
// fetches an article page. The feed's validators are stored only when every entry was queued, so that a
// partial poll is read whole again next time. The poll's outcome is written under the feed's lease (fencing).
import type { Feed, Source } from '../model/types.js';
import { parseFeed, type FeedEntry } from '../feeds/parse-feed.js';
import { getSourceById } from '../store/sources.js';
import { FEED_LEASE_MS, recordFeedError, recordFeedSuccess } from '../store/feeds.js';
import { renewLease } from '../store/lease.js';
import { findArticlesByEntries, listHeldOfFeed, tombstonedKeys } from '../store/articles.js';
import { nextPollAt, shouldDisable } from './poll-schedule.js';
import { articleFromEntry, needsFullText } from './article-from-entry.js';
import { oldestFirst } from './oldest-first.js';
import { TAKE_ENTRY_QUEUE, takeEntryKey, type TakeEntryJob } from './take-entry.js';
import { entryOfArticle } from './entry-of-article.js';
import type { IngestContext } from './context.js';
import { fetchErrorKindOf, recordFetchError, recordPoll } from '../metrics/metrics.js';
import { yieldToIo } from '../jobs/worker.js';

export interface PollReport {
  feedId: number;
  url: string;
  status: 'ok' | 'not-modified' | 'error';
  error?: string;
  entries: number;
  /** Jobs queued for new entries, changed entries and held ones tried again. */
  queued: number;
  /** New entries left for the next polls (the per-poll cap). */
  deferred: number;
  /** Filled from the jobs' outcomes when the round runs them (see scheduler.ts). */
  added: number;
  published: number;
  updated: number;
  held: { slug: string; reason: string }[];
  failedEntries: { key: string; error: string }[];
}

/** When a capped feed is polled again to take the next entries. */
const BACKLOG_POLL_MS = 60_000;

/**
 * Entries looked at between two turns of the event loop. On SQLite every query answers at once, so a poll of a
 * long feed would otherwise hold the process for its whole length: the worker could not start on the entries
 * already queued, nor a web process answer its readers.
 */
const ENTRIES_PER_TURN = 32;

type EntryDecision = 'new' | 'changed' | 'retry-held' | 'skip';

type Known = Awaited<ReturnType<typeof findArticlesByEntries>>;

/** What to do with one entry, given what the store knows of the feed's entries (looked up in batches). */
function decide(feed: Feed, source: Source, entry: FeedEntry, tombstoned: Set<string>, known: Known): EntryDecision {
  if (tombstoned.has(entry.key)) return 'skip';
  const existing = known.get(entry.key);
  if (!existing) return 'new';
  if (existing.pubStatus === 'withheld' && existing.holdKind === 'fetch') return 'retry-held';
  if (existing.pubStatus === 'canceled') return 'skip';
  // A feed-borne body is compared with the feed's text on every poll (cheap); a page-borne one is re-checked
  // at the page on its own schedule.
  if (existing.bodyOrigin !== 'feed' || needsFullText(entry, feed)) return 'skip';
  const next = articleFromEntry(entry, null, source);
  return next.headline === existing.headline && next.bodyHtml === existing.bodyHtml ? 'skip' : 'changed';
}

export async function pollFeed(ctx: IngestContext, feed: Feed): Promise<PollReport> {
  const report: PollReport = {
    feedId: feed.id, url: feed.url, status: 'ok', entries: 0, queued: 0, deferred: 0, added: 0, published: 0, updated: 0, held: [], failedEntries: [],
  };
  const db = ctx.store.db;
  const started = ctx.now();
  // The lease is renewed while the poll runs, so a slow feed is not taken by a second worker meanwhile.
  const renewal = setInterval(() => {
    renewLease(db, 'feeds', feed.id, ctx.owner, ctx.now(), FEED_LEASE_MS).catch(() => {});
  }, FEED_LEASE_MS / 3);
  renewal.unref();
  let headers: Record<string, string> | undefined;
  try {
    const source = await getSourceById(db, feed.sourceId);
    if (!source) throw new Error(`feed ${feed.id} has no source`);
    const enqueue = async (entry: FeedEntry, priority: number) => {
      const job: TakeEntryJob = { feedId: feed.id, sourceId: source.id, entry, firstTriedAt: ctx.now().toISOString() };
      if (await ctx.jobs.enqueue(TAKE_ENTRY_QUEUE, job, { key: takeEntryKey(source.id, entry.key), priority })) report.queued++;
    };
    let complete = true;
    const listed = new Set<string>();

    const response = await ctx.client.fetch(feed.url, { accept: 'feed', etag: feed.etag, lastModified: feed.lastModified });
    headers = response.headers;
    if (!response.notModified) {
      if (response.status < 200 || response.status >= 300) throw new Error(`HTTP ${response.status} from ${response.url}`);
      const parsed = parseFeed(response.body, response.headers['content-type'] ?? null, response.url, response.headers);
      report.entries = parsed.entries.length;
      const keys = parsed.entries.map((e) => e.key);
      const tombstoned = await tombstonedKeys(db, source.id, keys);
      const known = await findArticlesByEntries(db, source.id, keys);
      let taken = 0;
      let looked = 0;
      for (const entry of oldestFirst(parsed.entries)) {
        if (++looked % ENTRIES_PER_TURN === 0) await yieldToIo();
        listed.add(entry.key);
        try {
          const decision = decide(feed, source, entry, tombstoned, known);
          if (decision === 'skip') continue;
          if (decision === 'new' && taken >= ctx.maxNewEntriesPerPoll) {
            report.deferred++;
            complete = false;
            continue;
          }
          // Lower ranks run first across every feed's jobs: the queue takes feeds round-robin.
          await enqueue(entry, -(decision === 'new' ? taken++ : 0));
        } catch (error) {
          complete = false;
          report.failedEntries.push({ key: entry.key, error: (error as Error).message });
          ctx.log.warn('entry not queued', { feed: feed.url, entry: entry.key, error: (error as Error).message });
        }
      }
      await recordPollSuccess(ctx, feed, started, headers, {
        title: parsed.title,
        // Validators only when every entry was queued: otherwise the next poll must read the whole feed again.
        etag: complete ? response.etag : null,
        lastModified: complete ? response.lastModified : null,
        url: response.permanentRedirectTo && response.permanentRedirectTo !== feed.url ? response.permanentRedirectTo : undefined,
        ttlMinutes: parsed.ttlMinutes,
        updatePeriodMinutes: parsed.updatePeriodMinutes,
        backlog: report.deferred > 0,
        heldRetries: () => retryHeldNotListed(ctx, feed, listed, enqueue),
      });
    } else {
      report.status = 'not-modified';
      await recordPollSuccess(ctx, feed, started, headers, {
        etag: response.etag ?? feed.etag,
        lastModified: response.lastModified ?? feed.lastModified,
        backlog: false,
        heldRetries: () => retryHeldNotListed(ctx, feed, listed, enqueue),
      });
    }
  } catch (error) {
    const message = (error as Error).message;
    const errors = feed.consecutiveErrors + 1;
    report.status = 'error';
    report.error = message;
    recordFetchError(fetchErrorKindOf(error));
    try {
      await recordFeedError(db, feed.id, { owner: ctx.owner, now: ctx.now() }, {
        error: message,
        fetchedAt: started,
        disable: shouldDisable(errors, ctx.disableAfterErrors),
        nextPollAt: nextPollAt({ now: started, baseIntervalMinutes: ctx.pollMinutes, headers, consecutiveErrors: errors }),
      });
    } catch (recordError) {
      ctx.log.warn('feed outcome not recorded', { feed: feed.url, error: (recordError as Error).message });
    }
    ctx.log.warn('feed failed', { feed: feed.url, error: message, consecutiveErrors: errors });
  } finally {
    clearInterval(renewal);
  }
  recordPoll(report.status);
  return report;
}

/** Articles of this feed held for a fetch failure that the feed no longer lists (or a 304 hid): tried again. */
async function retryHeldNotListed(ctx: IngestContext, feed: Feed, listed: Set<string>, enqueue: (entry: FeedEntry, priority: number) => Promise<void>) {
  for (const article of await listHeldOfFeed(ctx.store.db, feed.id, 'fetch', 100)) {
    if (!listed.has(article.entryKey)) await enqueue(entryOfArticle(article, article.bodyHtml || null), 0);
  }
}

async function recordPollSuccess(
  ctx: IngestContext,
  feed: Feed,
  started: Date,
  headers: Record<string, string> | undefined,
  outcome: {
    title?: string | null; etag: string | null; lastModified: string | null; url?: string; ttlMinutes?: number | null;
    updatePeriodMinutes?: number | null; backlog: boolean; heldRetries: () => Promise<void>;
  },
): Promise<void> {
  await outcome.heldRetries();
  const next = outcome.backlog
    ? new Date(started.getTime() + BACKLOG_POLL_MS)
    : nextPollAt({
        now: started,
        baseIntervalMinutes: ctx.pollMinutes,
        ttlMinutes: outcome.ttlMinutes ?? undefined,
        updatePeriodMinutes: outcome.updatePeriodMinutes ?? undefined,
        headers,
        consecutiveErrors: 0,
      });
  await recordFeedSuccess(ctx.store.db, feed.id, { owner: ctx.owner, now: ctx.now() }, {
    ...(outcome.title !== undefined ? { title: outcome.title } : {}),
    etag: outcome.etag,
    lastModified: outcome.lastModified,
    fetchedAt: started,
    url: outcome.url,
    nextPollAt: next,
  });
}
