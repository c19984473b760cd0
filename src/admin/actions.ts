// What editors and moderators do, shared by the CLI and the admin API so both behave the same.
import type { Store } from '../store/database.js';
import type { SiteInfo, CommentStatus } from '../model/types.js';
import { getComment, setCommentStatus } from '../store/comments.js';
import { getArticleBySlug, getBodyOrigin, getVersion, isTombstoned, lockArticle, setArticleState, setVersionState, updateArticleContent } from '../store/articles.js';
import { getSourceById } from '../store/sources.js';
import { publishArticle } from '../ingest/publish.js';
import { htmlToText } from '../clean/sanitize.js';
import { fingerprint } from '../related/fingerprint.js';
import { refreshFidelity } from '../ingest/refresh-fidelity.js';
import { jobQueueOf } from '../jobs/open-queue.js';
import { queueReplyNotice } from '../mail/send-mail-job.js';
import { queueRelatedRefresh, RELATED_QUEUE } from '../related/related-refresh.js';
import { setPublishAt } from '../store/review-queue.js';
import { whyNotRequeued, type JobQueue } from '../jobs/queue.js';

export class ActionError extends Error {
  constructor(message: string, readonly status: 400 | 404 | 409 = 400) {
    super(message);
    this.name = 'ActionError';
  }
}

/**
 * The store's job queue, ready for the related-news refresh that every action publishing, changing or taking
 * down an article queues in its own transaction (pg-boss creates its queue outside any transaction, so first).
 */
export async function relatedJobsOf(store: Store): Promise<JobQueue> {
  const jobs = jobQueueOf(store);
  await jobs.prepare([RELATED_QUEUE]);
  return jobs;
}

/**
 * Puts dead letter `id` back in its queue: 404 when there is no such dead letter, 409 while a job with its key
 * waits or runs (that job does the same work).
 */
export async function retryFailedJob(jobs: JobQueue, id: string): Promise<void> {
  const outcome = await jobs.requeueFailed(id);
  const why = whyNotRequeued(id, outcome);
  if (why) throw new ActionError(why, outcome === 'not-failed' ? 404 : 409);
}

export const COMMENT_ACTIONS: Record<string, CommentStatus> = { approve: 'approved', spam: 'spam', trash: 'trash', unapprove: 'pending' };

export async function moderateComment(store: Store, id: number, action: string): Promise<CommentStatus> {
  const status = COMMENT_ACTIONS[action];
  if (!status) throw new ActionError(`unknown action "${action}": use ${Object.keys(COMMENT_ACTIONS).join(', ')}`);
  const comment = await getComment(store.db, id);
  if (!comment) throw new ActionError(`no comment with id ${id}`, 404);
  await setCommentStatus(store.db, id, status);
  // An approved reply mails its parent's author when they asked for it (once per reply).
  if (status === 'approved') await queueReplyNotice(store.db, jobQueueOf(store), { ...comment, status }, new Date());
  return status;
}

/**
 * Tries to publish a held article again (after the editor fixed the site's or the source's fields). An article
 * whose page could not be had is published only as what it is, on the editor's explicit choice: the feed's
 * summary with a prominent link to the full story at the source (`asSummary`).
 */
export async function republishHeld(store: Store, site: SiteInfo, slug: string, now = new Date(), options: { asSummary?: boolean } = {}): Promise<void> {
  const found = await getArticleBySlug(store.db, slug);
  if (!found) throw new ActionError(`no article "${slug}"`, 404);
  const jobs = await relatedJobsOf(store);
  await store.db.transaction().execute(async (tx) => {
    const article = await lockArticle(tx, found.id);
    if (!article) throw new ActionError(`no article "${slug}"`, 404);
    if (article.pubStatus === 'usable') throw new ActionError(`"${slug}" is already published`, 409);
    if (article.pubStatus === 'canceled') throw new ActionError(`"${slug}" was withdrawn (${article.holdReason ?? 'by its source'}); "articles restore" brings it back`, 409);
    if (await isTombstoned(tx, article.sourceId, article.entryKey)) {
      throw new ActionError(`"${slug}" was rejected (${article.holdReason ?? 'by an editor'}); "articles restore" brings it back`, 409);
    }
    if (article.holdKind === 'fetch' && !options.asSummary) {
      throw new ActionError(
        `"${slug}" has only the feed's summary (${article.holdReason}); publish it as a summary linking the source with --as-summary, or wait for the page`,
        409,
      );
    }
    if (article.holdKind === 'extraction' || (!article.holdKind && article.holdReason?.startsWith('extraction failed'))) {
      throw new ActionError(`"${slug}" has no whole text (${article.holdReason}); fix the source's extraction rules and ingest again`, 409);
    }
    const source = await getSourceById(tx, article.sourceId);
    if (!source) throw new ActionError(`"${slug}" has no source`, 409);
    const outcome = await publishArticle(tx, article, source, site, now, { asSummary: options.asSummary, jobs });
    if (!outcome.published) throw new ActionError(outcome.reason, 409);
    // Published now: a time it was scheduled for is spent (its job, when it runs, finds nothing to do).
    await setPublishAt(tx, article.id, null);
  });
}

/** Applies (approve) or rejects a version waiting for review: one transaction, its state checked inside it. */
export async function reviewVersion(store: Store, id: number, decision: 'approve' | 'reject', now = new Date()): Promise<void> {
  const jobs = await relatedJobsOf(store);
  await store.db.transaction().execute(async (tx) => {
    const version = await getVersion(tx, id);
    if (!version) throw new ActionError(`no version with id ${id}`, 404);
    const article = await lockArticle(tx, version.articleId);
    if (!article) throw new ActionError(`version ${id} has no article`, 404);
    // Read again under the article's lock: a concurrent review of the same version waits here and then sees it done.
    const current = await getVersion(tx, id);
    if (!current || current.state !== 'pending') throw new ActionError(`version ${id} is ${current?.state ?? 'gone'}, not pending`, 409);
    if (decision === 'reject') return setVersionState(tx, id, 'rejected');
    await setVersionState(tx, id, 'published');
    if (version.kind === 'withdrawal') {
      await setArticleState(tx, article.id, { pubStatus: 'canceled', withdrawnAt: now.toISOString(), nextCheckAt: null, holdReason: version.note }, now);
      await queueRelatedRefresh(jobs, article.id, tx);
      return;
    }
    const bodyOrigin = await getBodyOrigin(tx, article.id);
    const bodyText = htmlToText(version.bodyHtml);
    await updateArticleContent(
      tx,
      article.id,
      {
        originalUrl: article.originalUrl, headline: version.headline, subheadline: article.subheadline, dateline: article.dateline,
        bodyHtml: version.bodyHtml, bodyText, bodyOrigin, byline: article.byline, language: article.language, lead: article.lead,
        topics: article.topics, firstCreated: article.firstCreated, provenance: article.provenance, rights: article.rights,
        fingerprint: fingerprint(`${version.headline}\n${bodyText}`),
      },
      now,
    );
    await setArticleState(tx, article.id, { versionCreated: now.toISOString(), publishedVersionId: id }, now);
    await refreshFidelity(tx, article.id, { now });
    await queueRelatedRefresh(jobs, article.id, tx);
  });
}
