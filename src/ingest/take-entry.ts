// The job that takes one feed entry in: fetch and extract its page when the feed has only a summary, then
// insert, version, snapshot and publish it in one transaction. A page that times out or answers 5xx/429 is
// retried (honouring Retry-After) for the retry window before the article is held; a held article is never
// published with the feed's summary as its body unless an editor chooses to publish it as a summary.
import type { Transaction } from 'kysely';
import type { Schema } from '../store/schema.js';
import type { FeedEntry } from '../feeds/parse-feed.js';
import type { Article, Feed, HoldKind, Source } from '../model/types.js';
import { getFeed } from '../store/feeds.js';
import { getSourceById } from '../store/sources.js';
import { queueArticleImages } from '../media/queue-images.js';
import { findArticleByEntry, getBodyOrigin, insertArticle, insertVersion, isTombstoned, setArticleState, uniqueSlug, updateArticleContent, type ArticleContent } from '../store/articles.js';
import { insertSnapshot } from '../store/snapshots.js';
import { RetryLaterError, JobLostError } from '../jobs/errors.js';
import type { JobHandler } from '../jobs/worker.js';
import { articleFromEntry, contentHashOfContent, needsFullText } from './article-from-entry.js';
import { extractionFailed, extractOptionsOf, fetchPage } from './fetch-article-page.js';
import type { PageStory } from './page-story.js';
import { applySourceText } from './apply-change.js';
import { publishArticle } from './publish.js';
import { keepFidelity } from './refresh-fidelity.js';
import { takenStoryInputs } from './fidelity-inputs.js';
import { compareInProcess, readStoryInProcess } from '../extract/extract-pool.js';
import { snapshotBytesOf, type SnapshotData } from './snapshot.js';
import { faultPoint } from './faults.js';
import type { IngestContext } from './context.js';

export const TAKE_ENTRY_QUEUE = 'take-entry';

export interface TakeEntryJob {
  feedId: number;
  sourceId: number;
  entry: FeedEntry;
  /** When the first attempt was queued, on the ingest's clock: the retry window counts from it. */
  firstTriedAt: string;
}

/** The idempotency key of an entry's job: one waiting job per entry of a source. */
export const takeEntryKey = (sourceId: number, entryKey: string) => `entry:${sourceId}:${entryKey}`;

const SUMMARY_ONLY = "(only the feed's summary is available)";

/** Why a new story of a source whose stories are reviewed waits: shown in the review queue and the held list. */
export const REVIEW_HOLD_REASON = 'waiting for review: new stories of this source are published by an editor';

export function takeEntryHandler(ctx: IngestContext): JobHandler<TakeEntryJob> {
  return {
    queue: TAKE_ENTRY_QUEUE,
    retryWindowMs: ctx.pageRetryWindowMs,
    leaseMs: ctx.jobLeaseMs,
    run: (job, signal) => takeEntry(ctx, job.data, signal),
    giveUp: (job, error) => holdAfterRetries(ctx, job.data, error.message),
  };
}

interface Loaded {
  feed: Feed;
  source: Source;
}

async function load(ctx: IngestContext, job: TakeEntryJob): Promise<Loaded | null> {
  const feed = await getFeed(ctx.store.db, job.feedId);
  const source = feed ? await getSourceById(ctx.store.db, feed.sourceId) : null;
  // A feed or source removed since the job was queued: nothing to take in.
  return feed && source ? { feed, source } : null;
}

export async function takeEntry(ctx: IngestContext, job: TakeEntryJob, signal?: AbortSignal): Promise<void> {
  const loaded = await load(ctx, job);
  if (!loaded) return;
  const { feed, source } = loaded;
  const db = ctx.store.db;
  const entry = job.entry;
  if (await isTombstoned(db, source.id, entry.key)) return;
  const existing = await findArticleByEntry(db, source.id, entry.key);
  const retryingHeld = existing?.pubStatus === 'withheld' && existing.holdKind === 'fetch';
  if (existing && !retryingHeld) {
    // A story whose body came from the feed follows the feed's text; one whose body came from its page is
    // re-checked at the page on its own schedule.
    if ((await getBodyOrigin(db, existing.id)) === 'feed' && !needsFullText(entry, feed)) {
      const next = articleFromEntry(entry, null, source);
      if ((await applySourceText(ctx, existing, source, next)) === 'applied') ctx.onEntryTaken?.({ feedId: feed.id, slug: existing.slug, outcome: 'updated' });
    }
    return;
  }

  let story: PageStory | null = null;
  let snapshot: SnapshotData | null = null;
  let hold: { reason: string; kind: HoldKind } | null = null;
  if (needsFullText(entry, feed) && entry.link) {
    const page = await fetchPage(ctx, entry.link);
    if (page.kind === 'gone') return; // listed in the feed but already gone at the source: nothing to republish
    if (page.kind === 'transient') throw new RetryLaterError(page.reason, page.retryAfterMs);
    if (page.kind === 'page') {
      const { response } = page;
      // Compressed on the thread pool while the page is read, not after.
      const bytes = snapshotBytesOf(response, ctx.now());
      try {
        story = await (ctx.readStory ?? readStoryInProcess)({ page: response.body, url: response.url, options: extractOptionsOf(ctx, source, response), entry, source, site: ctx.site });
        snapshot = { ...(await bytes), sourceText: story.pageText };
      } catch (error) {
        await bytes.catch(() => null);
        hold = { reason: extractionFailed(error), kind: 'extraction' };
      }
    } else hold = { reason: page.reason, kind: 'fetch' };
  }
  if (signal?.aborted) throw new JobLostError('take-entry');
  const content = story?.content ?? articleFromEntry(entry, null, source);
  if (!content.originalUrl) hold ??= { reason: 'the entry has no link to the original', kind: 'no-link' };
  if (!content.bodyText) hold ??= { reason: 'extraction failed: the entry has no text', kind: 'extraction' };
  if (hold && !story && content.bodyText && hold.kind !== 'no-link') hold = { ...hold, reason: `${hold.reason} ${SUMMARY_ONLY}` };
  // A whole story of a source under review waits for an editor, who approves, rejects or schedules it.
  if (!hold && source.updatePolicy === 'review') hold = { reason: REVIEW_HOLD_REASON, kind: 'review' };
  await storeArticle(ctx, { feed, source, entry, content, hold, snapshot, read: story, existing: retryingHeld ? existing : null });
}

/** The retry window is over and the page never came: the article is held with the feed's summary, unpublished. */
async function holdAfterRetries(ctx: IngestContext, job: TakeEntryJob, lastError: string): Promise<void> {
  const loaded = await load(ctx, job);
  if (!loaded) return;
  const { feed, source } = loaded;
  if (await isTombstoned(ctx.store.db, source.id, job.entry.key)) return;
  const hours = Math.round(ctx.pageRetryWindowMs / 3_600_000);
  const content = articleFromEntry(job.entry, null, source);
  const reason = `${lastError} (retried for ${hours} h; it is tried again when the feed lists it) ${content.bodyText ? SUMMARY_ONLY : ''}`.trim();
  const existing = await findArticleByEntry(ctx.store.db, source.id, job.entry.key);
  if (existing && !(existing.pubStatus === 'withheld' && existing.holdKind === 'fetch')) return;
  await storeArticle(ctx, { feed, source, entry: job.entry, content, hold: { reason, kind: 'fetch' }, snapshot: null, read: null, existing });
}

interface StoreInput {
  feed: Feed;
  source: Source;
  entry: FeedEntry;
  content: ArticleContent;
  hold: { reason: string; kind: HoldKind } | null;
  snapshot: SnapshotData | null;
  /** The entry's page as read (on a thread): the content above, its hash and its fidelity report. */
  read: PageStory | null;
  /** An article held for a fetch failure whose page is tried again. */
  existing: Article | null;
}

/**
 * The fidelity report of a story about to be stored, when it is to be published or reviewed: made before the
 * transaction (on the extraction threads when the process has them), from the very texts the transaction
 * stores. A page read on a thread brought its report along; a story from the feed alone is compared with itself
 * as the source's version (there is no page text).
 */
async function reportAhead(ctx: IngestContext, input: StoreInput) {
  const { source, content, hold } = input;
  if (hold && hold.kind !== 'review') return null;
  if (input.read) return input.read.report;
  const inputs = takenStoryInputs(content, null, source, ctx.site);
  // A thread stopped past its time limit (or a pool closing) leaves the check to this thread, as it was before.
  return (ctx.compare ?? compareInProcess)(...inputs).catch(() => compareInProcess(...inputs));
}

/** Insert (or complete a held article), version, snapshot and publish: one transaction. */
async function storeArticle(ctx: IngestContext, input: StoreInput): Promise<void> {
  const { feed, source, entry, content, hold, snapshot } = input;
  const now = ctx.now();
  const report = await reportAhead(ctx, input);
  const outcome = await ctx.store.db.transaction().execute(async (tx) => {
    const article = await insertOrRefill(tx, input, now);
    await faultPoint(ctx.fault, 'after-insert-article');
    const version = await insertVersion(
      tx,
      { articleId: article.id, kind: 'original', headline: content.headline, bodyHtml: content.bodyHtml, contentHash: input.read?.contentHash ?? contentHashOfContent(content), note: null, state: 'published' },
      now,
    );
    await faultPoint(ctx.fault, 'after-insert-version');
    if (ctx.media) await queueArticleImages(tx, ctx.jobs, { articleId: article.id, versionId: version.id, source, lead: content.lead, bodyHtml: content.bodyHtml }, now);
    if (snapshot) await insertSnapshot(tx, { ...snapshot, articleId: article.id, versionId: version.id }, source.keepSnapshots);
    await faultPoint(ctx.fault, 'after-insert-snapshot');
    const versionState = { publishedVersionId: version.id };
    const fidelity = report ? { report, versionId: version.id } : undefined;
    if (hold) {
      await setArticleState(tx, article.id, versionState, now);
      // The editor weighs the copy's fidelity to its source in the queue: the report is kept now, with the story.
      if (hold.kind === 'review' && fidelity) await keepFidelity(tx, article.id, fidelity, now);
      return { slug: article.slug, published: false, reason: hold.reason };
    }
    // Publishing writes the version with the article's new state: one update of its row, not two.
    const published = await publishArticle(tx, article, source, ctx.site, now, { fault: ctx.fault, jobs: ctx.jobs, fidelity, state: versionState });
    return { slug: article.slug, published: published.published, reason: published.published ? undefined : published.reason };
  });
  if (outcome.published) ctx.onEntryTaken?.({ feedId: feed.id, slug: outcome.slug, outcome: 'published' });
  else {
    ctx.onEntryTaken?.({ feedId: feed.id, slug: outcome.slug, outcome: 'held', reason: outcome.reason });
    ctx.log.warn('article held', { slug: outcome.slug, entry: entry.key, reason: outcome.reason });
  }
}

async function insertOrRefill(tx: Transaction<Schema>, input: StoreInput, now: Date): Promise<Article> {
  const { feed, source, entry, content, hold } = input;
  const state = { pubStatus: 'withheld' as const, holdReason: hold?.reason ?? null, holdKind: hold?.kind ?? null };
  if (input.existing) {
    await updateArticleContent(tx, input.existing.id, content, now);
    await setArticleState(tx, input.existing.id, state, now);
    return { ...input.existing, ...content, ...state, summaryOnly: false };
  }
  const slug = await uniqueSlug(tx, content.headline || entry.key);
  return insertArticle(tx, { ...content, ...state, sourceId: source.id, feedId: feed.id, entryKey: entry.key, slug }, now);
}
