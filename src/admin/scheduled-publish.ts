// Publishing a story held for review at a time the editor chooses. The time is kept on the article (the queue
// shows it, cancelling clears it) and a job is queued to run then; the job publishes the story whole in one
// transaction only if that same time still stands, so a cancelled or moved schedule leaves its old job nothing to do.
import type { Store } from '../store/database.js';
import type { SiteInfo } from '../model/types.js';
import type { JobHandler } from '../jobs/worker.js';
import { getArticleBySlug, isTombstoned, lockArticle } from '../store/articles.js';
import { getPublishAt, setPublishAt } from '../store/review-queue.js';
import { getSourceById } from '../store/sources.js';
import { publishArticle } from '../ingest/publish.js';
import { ActionError, relatedJobsOf } from './actions.js';

export const PUBLISH_SCHEDULED_QUEUE = 'publish-scheduled';

export interface PublishScheduledJob {
  articleId: number;
  /** The time it was scheduled for (UTC ISO 8601): the job acts only while the article keeps this time. */
  at: string;
}

export const publishScheduledKey = (articleId: number, at: string) => `publish-at:${articleId}:${at}`;

/** Schedules a story waiting for review to be published at `at` (replacing an earlier time). */
export async function schedulePublication(store: Store, slug: string, at: Date, now = new Date()): Promise<string> {
  if (Number.isNaN(at.getTime())) throw new ActionError('give the time to publish at, such as 2026-12-03 08:00');
  if (at.getTime() <= now.getTime()) throw new ActionError(`the time to publish at (${at.toISOString()}) has passed: choose a later one, or approve it now`);
  const found = await getArticleBySlug(store.db, slug);
  if (!found) throw new ActionError(`no article "${slug}"`, 404);
  const jobs = await relatedJobsOf(store);
  await jobs.prepare([PUBLISH_SCHEDULED_QUEUE]);
  const stamp = at.toISOString();
  await store.db.transaction().execute(async (tx) => {
    const article = await lockArticle(tx, found.id);
    if (!article || article.pubStatus !== 'withheld' || article.holdKind !== 'review') throw new ActionError(`"${slug}" is not waiting for review`, 409);
    await setPublishAt(tx, article.id, at);
    const job: PublishScheduledJob = { articleId: article.id, at: stamp };
    await jobs.enqueue(PUBLISH_SCHEDULED_QUEUE, job, { key: publishScheduledKey(article.id, stamp), runAt: at, tx });
  });
  return stamp;
}

/** Cancels a scheduled publication: the story stays in the review queue, its job finds nothing to do. */
export async function cancelScheduledPublication(store: Store, slug: string): Promise<void> {
  const found = await getArticleBySlug(store.db, slug);
  if (!found) throw new ActionError(`no article "${slug}"`, 404);
  if (!(await getPublishAt(store.db, found.id))) throw new ActionError(`"${slug}" is not scheduled`, 409);
  await setPublishAt(store.db, found.id, null);
}

export type ScheduledOutcome = 'published' | 'held' | 'cancelled';

/** The job's work: publish the story whole, in one transaction, if it is still scheduled for this time. */
export async function publishScheduled(store: Store, site: SiteInfo, job: PublishScheduledJob, now = new Date()): Promise<ScheduledOutcome> {
  const jobs = await relatedJobsOf(store);
  return store.db.transaction().execute(async (tx) => {
    const article = await lockArticle(tx, job.articleId);
    if (!article) return 'cancelled';
    const at = await getPublishAt(tx, article.id);
    if (at !== job.at) return 'cancelled';
    await setPublishAt(tx, article.id, null);
    if (article.pubStatus !== 'withheld' || article.holdKind !== 'review') return 'cancelled';
    if (await isTombstoned(tx, article.sourceId, article.entryKey)) return 'cancelled';
    const source = await getSourceById(tx, article.sourceId);
    if (!source) return 'cancelled';
    // The fail-closed check still applies: a story that cannot go out is held with the reason, for the editor.
    const outcome = await publishArticle(tx, article, source, site, now, { jobs });
    return outcome.published ? 'published' : 'held';
  });
}

export function publishScheduledHandler(deps: { store: Store; site: SiteInfo; now: () => Date; leaseMs?: number }): JobHandler<PublishScheduledJob> {
  return {
    queue: PUBLISH_SCHEDULED_QUEUE,
    retryWindowMs: 24 * 3_600_000,
    leaseMs: deps.leaseMs,
    async run(job) {
      await publishScheduled(deps.store, deps.site, job.data, deps.now());
    },
  };
}
