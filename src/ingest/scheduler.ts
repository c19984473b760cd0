// The ingest loop. The scheduler claims due feeds with owned leases (any number of worker processes can share a
// store) and polls them, which only queues jobs; it queues due re-checks as jobs too. The job worker runs
// those jobs (page fetch and extraction, re-checks) with retries. One failure never stops either loop.
import { claimDueFeeds } from '../store/feeds.js';
import { listDueChecks, listHeldOfKind, setNextCheck } from '../store/articles.js';
import { getSourceById } from '../store/sources.js';
import { drainJobs, runJobWorker, sleep, type JobHandler, type JobOutcome } from '../jobs/worker.js';
import { pollFeed, type PollReport } from './poll-feed.js';
import { RECHECK_QUEUE, recheckHandler, recheckKey, type RecheckJob, type RecheckReport } from './recheck-article.js';
import { TAKE_ENTRY_QUEUE, takeEntryHandler } from './take-entry.js';
import { nextArticleCheckAt } from './poll-schedule.js';
import { publishArticle } from './publish.js';
import { reportMissingFidelity } from './refresh-fidelity.js';
import { RELATED_QUEUE, relatedRefreshHandler } from '../related/related-refresh.js';
import type { EntryTakenEvent, IngestContext } from './context.js';
import { FETCH_IMAGE_QUEUE } from '../media/queue-images.js';
import { fetchImageHandler } from '../media/fetch-image.js';
import { PUBLISH_SCHEDULED_QUEUE, publishScheduledHandler } from '../admin/scheduled-publish.js';

export const INGEST_QUEUES = [TAKE_ENTRY_QUEUE, RECHECK_QUEUE, FETCH_IMAGE_QUEUE, RELATED_QUEUE, PUBLISH_SCHEDULED_QUEUE];

export interface RoundReport {
  feeds: PollReport[];
  rechecks: RecheckReport[];
  jobs: Record<JobOutcome, number>;
  /** Articles held for the site's or a source's configuration that published once it was complete. */
  republished: number;
}

export function ingestHandlers(ctx: IngestContext, rechecks?: RecheckReport[]): JobHandler[] {
  const handlers = [
    takeEntryHandler(ctx) as JobHandler,
    recheckHandler(ctx, rechecks) as JobHandler,
    relatedRefreshHandler({ db: ctx.store.db, now: ctx.now, leaseMs: ctx.jobLeaseMs }) as JobHandler,
    // Stories an editor scheduled in the review queue, published when their time comes.
    publishScheduledHandler({ store: ctx.store, site: ctx.site, now: ctx.now, leaseMs: ctx.jobLeaseMs }) as JobHandler,
  ];
  if (ctx.media) {
    const images = { store: ctx.store, client: ctx.client, media: ctx.media, now: ctx.now, retryWindowMs: ctx.pageRetryWindowMs, leaseMs: ctx.jobLeaseMs };
    handlers.push(fetchImageHandler(images) as JobHandler);
  }
  return handlers;
}

/** Runs `task` over `items` with at most `limit` at a time. */
async function eachLimited<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  });
  await Promise.all(workers);
  return results;
}

/** Polls every feed due now that no other worker holds. */
export async function pollDueFeeds(ctx: IngestContext, options: { concurrency?: number; batch?: number } = {}): Promise<PollReport[]> {
  const reports: PollReport[] = [];
  for (;;) {
    const feeds = await claimDueFeeds(ctx.store.db, ctx.now(), options.batch ?? 50, ctx.owner);
    if (feeds.length === 0) return reports;
    reports.push(...(await eachLimited(feeds, options.concurrency ?? 4, (feed) => pollFeed(ctx, feed))));
  }
}

/**
 * Queues a re-check job for every article whose check is due, and moves its next check on, in one transaction
 * (on PostgreSQL the rows are locked and skipped by concurrent workers, so each due check is queued once).
 */
export async function queueDueChecks(ctx: IngestContext, batch = 100): Promise<number> {
  let queued = 0;
  for (;;) {
    const now = ctx.now();
    const taken = await ctx.store.db.transaction().execute(async (tx) => {
      const due = await listDueChecks(tx, now, batch);
      for (const article of due) {
        const job: RecheckJob = { articleId: article.id, firstTriedAt: now.toISOString() };
        await ctx.jobs.enqueue(RECHECK_QUEUE, job, { key: recheckKey(article.id), tx });
        const next = nextArticleCheckAt(new Date(article.firstCreated ?? article.republishedAt ?? now.toISOString()), now);
        await setNextCheck(tx, article.id, next);
      }
      return due.length;
    });
    queued += taken;
    if (taken < batch) return queued;
  }
}

/**
 * Publishes the articles held only for the site's or a source's configuration (say, the site had no name),
 * now that it may be complete; those still missing a field stay held with the same reason.
 */
export async function retryHeldForConfiguration(ctx: IngestContext): Promise<number> {
  let published = 0;
  for (const article of await listHeldOfKind(ctx.store.db, 'configuration')) {
    const source = await getSourceById(ctx.store.db, article.sourceId);
    if (!source) continue;
    const outcome = await ctx.store.db.transaction().execute((tx) => publishArticle(tx, article, source, ctx.site, ctx.now(), { fault: ctx.fault, jobs: ctx.jobs }));
    if (outcome.published) published++;
  }
  return published;
}

/** One round, to its end: poll due feeds, queue due re-checks, and run every job now due (`ingest --once`, tests). */
export async function runIngestRound(ctx: IngestContext, options: { concurrency?: number; batch?: number } = {}): Promise<RoundReport> {
  const events: EntryTakenEvent[] = [];
  const rechecks: RecheckReport[] = [];
  const roundCtx: IngestContext = { ...ctx, onEntryTaken: (event) => (events.push(event), ctx.onEntryTaken?.(event)) };
  const republished = await retryHeldForConfiguration(roundCtx);
  await reportMissingFidelity(ctx.store.db, { site: ctx.site, now: ctx.now() });
  const feeds = await pollDueFeeds(roundCtx, options);
  await queueDueChecks(roundCtx, options.batch);
  await ctx.jobs.prepare(INGEST_QUEUES);
  const jobs = await drainJobs(ctx.jobs, ingestHandlers(roundCtx, rechecks), { owner: ctx.owner, now: ctx.now, log: ctx.log, concurrency: options.concurrency });
  const byFeed = new Map(feeds.map((f) => [f.feedId, f]));
  for (const event of events) {
    const feed = byFeed.get(event.feedId);
    if (!feed) continue;
    if (event.outcome === 'updated') feed.updated++;
    else {
      feed.added++;
      if (event.outcome === 'published') feed.published++;
      else feed.held.push({ slug: event.slug, reason: event.reason ?? '' });
    }
  }
  return { feeds, rechecks, jobs, republished };
}

/** Polls due feeds and queues due re-checks until `signal` aborts, waking every `intervalMs`. */
export async function runScheduler(ctx: IngestContext, signal: AbortSignal, intervalMs = 30_000): Promise<void> {
  try {
    const republished = await retryHeldForConfiguration(ctx);
    if (republished) ctx.log.info('held articles published now that the configuration is complete', { republished });
  } catch (error) {
    ctx.log.warn('held articles not retried', { error: (error as Error).message });
  }
  try {
    const reports = await reportMissingFidelity(ctx.store.db, { site: ctx.site, now: ctx.now() });
    if (reports) ctx.log.info('fidelity reports made for articles stored before reports existed', { reports });
  } catch (error) {
    ctx.log.warn('fidelity reports not made', { error: (error as Error).message });
  }
  while (!signal.aborted) {
    try {
      const feeds = await pollDueFeeds(ctx);
      const rechecks = await queueDueChecks(ctx);
      if (feeds.length || rechecks) {
        ctx.log.info('ingest round', { feeds: feeds.length, queued: feeds.reduce((n, f) => n + f.queued, 0), rechecks });
      }
    } catch (error) {
      ctx.log.warn('ingest round failed', { error: (error as Error).message });
    }
    await sleep(intervalMs, signal);
  }
}

/** The whole ingest of a worker process: the scheduler and the job worker, until `signal` aborts. */
export async function runIngest(ctx: IngestContext, signal: AbortSignal, options: { intervalMs?: number; concurrency?: number; idleMs?: number } = {}): Promise<void> {
  // The queue may not answer yet (PostgreSQL starting, or down for a while): keep trying, never give up the process.
  while (!signal.aborted) {
    try {
      await ctx.jobs.prepare(INGEST_QUEUES);
      break;
    } catch (error) {
      ctx.log.warn('job queue not ready; trying again', { error: (error as Error).message });
      await sleep(2000, signal);
    }
  }
  await Promise.all([
    runScheduler(ctx, signal, options.intervalMs),
    runJobWorker(ctx.jobs, ingestHandlers(ctx), signal, { owner: ctx.owner, now: ctx.now, log: ctx.log, concurrency: options.concurrency, idleMs: options.idleMs }),
  ]);
}
