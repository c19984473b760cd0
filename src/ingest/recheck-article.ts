// Re-checking a published article at its source, as a job: a changed text becomes a version (and maybe the
// page), a story gone at the source withdraws the copy per policy. Due re-checks are queued on the decaying
// schedule of poll-schedule.ts (see scheduler.ts); a page that is down for a while is retried, then left for
// the next scheduled check.
import type { Article } from '../model/types.js';
import { getSourceById } from '../store/sources.js';
import { getArticleById, getBodyOrigin } from '../store/articles.js';
import { RetryLaterError } from '../jobs/errors.js';
import type { JobHandler } from '../jobs/worker.js';
import { fetchArticlePage } from './fetch-article-page.js';
import { articleFromEntry } from './article-from-entry.js';
import { applySourceText, applyWithdrawal, type ChangeOutcome } from './apply-change.js';
import { entryOfArticle } from './entry-of-article.js';
import { snapshotOf } from './snapshot.js';
import type { IngestContext } from './context.js';

export const RECHECK_QUEUE = 'recheck-article';
/** A re-check that cannot reach the page retries for this long; the next scheduled check comes anyway. */
const RECHECK_RETRY_WINDOW_MS = 2 * 3_600_000;

export interface RecheckJob {
  articleId: number;
  firstTriedAt: string;
}

export interface RecheckReport {
  slug: string;
  outcome: ChangeOutcome | 'withdrawn' | 'failed';
  detail?: string;
}

export const recheckKey = (articleId: number) => `recheck:${articleId}`;

export function recheckHandler(ctx: IngestContext, reports?: RecheckReport[]): JobHandler<RecheckJob> {
  return {
    queue: RECHECK_QUEUE,
    retryWindowMs: RECHECK_RETRY_WINDOW_MS,
    leaseMs: ctx.jobLeaseMs,
    async run(job) {
      const article = await getArticleById(ctx.store.db, job.data.articleId);
      if (!article || article.pubStatus === 'canceled') return;
      reports?.push(await recheckArticle(ctx, article));
    },
    async giveUp(job, error) {
      const article = await getArticleById(ctx.store.db, job.data.articleId);
      if (article) reports?.push({ slug: article.slug, outcome: 'failed', detail: error.message });
    },
  };
}

export async function recheckArticle(ctx: IngestContext, article: Article): Promise<RecheckReport> {
  const db = ctx.store.db;
  const source = await getSourceById(db, article.sourceId);
  if (!source) return { slug: article.slug, outcome: 'failed', detail: 'no source' };
  const page = await fetchArticlePage(ctx, article.originalUrl, source);
  if (page.kind === 'gone') {
    const outcome = await applyWithdrawal(ctx, article, source, `HTTP ${page.status}`);
    return { slug: article.slug, outcome: outcome === 'applied' ? 'withdrawn' : outcome };
  }
  if (page.kind === 'transient') throw new RetryLaterError(page.reason, page.retryAfterMs);
  if (page.kind === 'failed') return { slug: article.slug, outcome: 'failed', detail: page.reason };
  // Only a body that came from the page can be compared with the page; a feed-borne body is compared at each poll.
  if ((await getBodyOrigin(db, article.id)) !== 'page') return { slug: article.slug, outcome: 'unchanged' };
  const entry = entryOfArticle({ ...article, headline: page.article.title ?? article.headline });
  const next = articleFromEntry(entry, page.article, source);
  const snapshot = await snapshotOf(page.response, page.article.text, ctx.now());
  const outcome = await applySourceText(ctx, article, source, { ...next, originalUrl: article.originalUrl }, snapshot);
  return { slug: article.slug, outcome };
}
