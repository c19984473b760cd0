// The ingest loop: claims due feeds and due re-checks from the store (leases make it safe to run in several
// worker processes at once) and works through them a few at a time. One failure never stops the loop.
import { claimDueFeeds } from '../store/feeds.js';
import { claimDueChecks } from '../store/articles.js';
import { pollFeed, type PollReport } from './poll-feed.js';
import { recheckArticle, type RecheckReport } from './recheck-article.js';
import type { IngestContext } from './context.js';

export interface RoundReport {
  feeds: PollReport[];
  rechecks: RecheckReport[];
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

/** One round: every feed and re-check due now. */
export async function runIngestRound(ctx: IngestContext, options: { concurrency?: number; batch?: number } = {}): Promise<RoundReport> {
  const concurrency = options.concurrency ?? 4;
  const batch = options.batch ?? 50;
  const report: RoundReport = { feeds: [], rechecks: [] };
  for (;;) {
    const feeds = await claimDueFeeds(ctx.store.db, ctx.now(), batch);
    if (feeds.length === 0) break;
    report.feeds.push(...(await eachLimited(feeds, concurrency, (feed) => pollFeed(ctx, feed))));
  }
  for (;;) {
    const due = await claimDueChecks(ctx.store.db, ctx.now(), batch);
    if (due.length === 0) break;
    report.rechecks.push(
      ...(await eachLimited(due, concurrency, (article) =>
        recheckArticle(ctx, article).catch((error: Error): RecheckReport => ({ slug: article.slug, outcome: 'failed', detail: error.message })),
      )),
    );
  }
  return report;
}

/** Polls until `signal` aborts, waking every `intervalMs` to look for due work. */
export async function runScheduler(ctx: IngestContext, signal: AbortSignal, intervalMs = 30_000): Promise<void> {
  while (!signal.aborted) {
    try {
      const round = await runIngestRound(ctx);
      if (round.feeds.length || round.rechecks.length) {
        ctx.log.info('ingest round', {
          feeds: round.feeds.length,
          added: round.feeds.reduce((n, f) => n + f.added, 0),
          rechecked: round.rechecks.length,
        });
      }
    } catch (error) {
      ctx.log.warn('ingest round failed', { error: (error as Error).message });
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, intervalMs);
      signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
    });
  }
}
