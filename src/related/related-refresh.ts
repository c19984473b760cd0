// Refreshing the related news of articles as a job, queued when an article is published or its text changes.
// It ranks the article against the window of stories around its date (story-cluster.ts) and stores the same
// story from other sources, its topical neighbours (search, in a recency window) and its near-duplicate copies;
// then it re-ranks the articles the change touches (those it now tells the same story as, or copies, and those
// that listed it before), so that an arriving story shows up on the pages of its other tellings.
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../store/schema.js';
import type { JobQueue } from '../jobs/queue.js';
import type { JobHandler } from '../jobs/worker.js';
import { isCopy, type StoryWindow } from './story-cluster.js';
import { openStoryWindow, storyPoolOf } from './story-pool.js';
import { searchPublished, type SearchFilters } from '../store/search.js';
import { clearRelated, getStoryPoolRow, listArticlesListing, listStoryPool, replaceRelated, type RelatedEntry, type StoryPoolRow } from '../store/related.js';

export const RELATED_QUEUE = 'refresh-related';
export const relatedKey = (articleId: number) => `related:${articleId}`;

/** Stories within this many days of the article weigh the words (IDF) and are its candidates. */
export const POOL_DAYS = 14;
/**
 * At most this many articles of the window, nearest in time first. Each refresh ranks against the whole pool, so
 * its cost grows with it: 500 stories in two weeks is more than a republishing site takes in, and keeps a refresh
 * in tens of milliseconds when a feed brings hundreds at once.
 */
export const POOL_LIMIT = 500;
/** Tellings of the same story kept per article (the page shows the first few). */
export const STORY_KEPT = 6;
/** Topical neighbours: searched by the article's strongest words, among stories of the last days before it. */
export const TOPIC_KEPT = 4;
export const TOPIC_TERMS = 10;
export const TOPIC_WINDOW_DAYS = 30;

export interface RelatedJob {
  articleId: number;
}

/** Queues the refresh of an article's related news inside the transaction that publishes or changes it. */
export async function queueRelatedRefresh(jobs: JobQueue, articleId: number, tx?: Transaction<Schema>): Promise<void> {
  await jobs.enqueue(RELATED_QUEUE, { articleId } satisfies RelatedJob, { key: relatedKey(articleId), tx });
}

export function relatedRefreshHandler(deps: { db: Kysely<Schema>; now: () => Date; leaseMs?: number }): JobHandler<RelatedJob> {
  return {
    queue: RELATED_QUEUE,
    retryWindowMs: 3_600_000,
    leaseMs: deps.leaseMs,
    // A story is readable before its related news is refreshed: the refresh waits for the stories being taken in.
    background: true,
    async run(job) {
      await refreshRelated(deps.db, job.data.articleId, deps.now());
    },
  };
}

export interface RefreshReport {
  /** The articles whose lists were rewritten, the refreshed one first. */
  refreshed: number[];
}

/** Recomputes the related news of `articleId` and of the articles its change touches. */
export async function refreshRelated(db: Kysely<Schema>, articleId: number, now: Date): Promise<RefreshReport> {
  const listedBefore = await listArticlesListing(db, articleId, ['story', 'copy']);
  const article = await getStoryPoolRow(db, articleId);
  if (!article) {
    // Gone from the site: its own lists go, and the pages that listed it are ranked again without it.
    await clearRelated(db, articleId);
    const refreshed: number[] = [];
    for (const id of listedBefore) if (await refreshStoryTiers(db, id, now)) refreshed.push(id);
    return { refreshed };
  }
  const window = await windowAround(db, article);
  // Everything the window answers is read before the next await: another refresh may move the pool's window.
  const ranked = window.rank(article.id, STORY_KEPT);
  const all = window.matches(article.id);
  const terms = window.topTerms(article.id, TOPIC_TERMS);
  const touched = new Set([...all.sameStory.map((s) => s.id), ...all.copies.map((s) => s.id), ...listedBefore]);
  touched.delete(article.id);
  // In the same window: ranked against the same weights, no second query.
  const rankedHere = new Map([...touched].filter((id) => window.docs.has(id)).map((id) => [id, window.rank(id, STORY_KEPT)]));

  const topics = await topicalNeighbours(db, terms, article, [...all.sameStory, ...all.copies].map((s) => s.id));
  await replaceRelated(db, article.id, { story: ranked.sameStory, copy: ranked.copies, topic: topics }, now);
  const refreshed = [article.id];
  for (const id of touched) {
    const result = rankedHere.get(id);
    if (result) {
      await replaceRelated(db, id, { story: result.sameStory, copy: result.copies }, now);
      refreshed.push(id);
    } else if (await refreshStoryTiers(db, id, now)) refreshed.push(id);
  }
  return { refreshed };
}

/** The window of stories around an article's date, the article always in it. */
async function windowAround(db: Kysely<Schema>, article: StoryPoolRow): Promise<StoryWindow> {
  const known = storyPoolOf(db);
  if (known.missing([article]).length) known.remember(article, article);
  const pool = await listStoryPool(db, article.publishedAt, POOL_DAYS, POOL_LIMIT);
  if (!pool.some((row) => row.id === article.id)) pool.push(article);
  return openStoryWindow(db, pool);
}

/** The same-story and copy tiers of one article, against its own window (its topical tier is left as it is). */
async function refreshStoryTiers(db: Kysely<Schema>, id: number, now: Date): Promise<boolean> {
  const row = await getStoryPoolRow(db, id);
  if (!row) return false;
  const result = (await windowAround(db, row)).rank(id, STORY_KEPT);
  await replaceRelated(db, id, { story: result.sameStory, copy: result.copies }, now);
  return true;
}

/**
 * The search for an article's topical neighbours: any of its words (plain words only), among the stories of the
 * recency window before it and shortly after, other than the article and `exclude`.
 */
export function topicalSearch(terms: string[], article: { id: number; publishedAt: string }, exclude: number[]): SearchFilters {
  const at = Date.parse(article.publishedAt);
  return {
    terms: terms.filter((t) => /^[\p{L}\p{N}]+$/u.test(t)),
    mode: 'any',
    since: new Date(at - TOPIC_WINDOW_DAYS * 86_400_000).toISOString(),
    until: new Date(at + 2 * 86_400_000).toISOString(),
    excludeIds: [article.id, ...exclude],
    limit: TOPIC_KEPT * 3,
  };
}

/**
 * Stories about the same things that are not the same story: a search by the article's strongest words among
 * the stories of the recency window before it (and shortly after), other than its tellings and copies.
 */
async function topicalNeighbours(db: Kysely<Schema>, strongest: string[], article: StoryPoolRow, exclude: number[]): Promise<RelatedEntry[]> {
  const search = topicalSearch(strongest, article, exclude);
  if (search.terms.length === 0) return [];
  const hits = await searchPublished(db, search);
  // One telling per text here too: a copy of the article, or of a neighbour already kept, is left out.
  const kept: { id: number; fingerprint: string | null }[] = [];
  for (const hit of hits) {
    if (kept.length >= TOPIC_KEPT) break;
    const print = hit.article.fingerprint;
    if (isCopy(article.fingerprint, print) || kept.some((k) => isCopy(k.fingerprint, print))) continue;
    kept.push({ id: hit.article.id, fingerprint: print });
  }
  return kept.map((k, rank) => ({ id: k.id, score: 1 / (rank + 1) }));
}
