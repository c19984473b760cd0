// Related news cached per article (migration 0050): what the refresh-related job computed, read by the
// article page without comparing any text on a request.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from './schema.js';
import type { Article } from '../model/types.js';
import { LIST_COLUMNS, toArticle } from './articles.js';
import { toUtcTimestamp } from '../dates/utc-timestamp.js';

type Db = Kysely<Schema> | Transaction<Schema>;

/** 'story': the same story from other sources; 'topic': topical neighbours; 'copy': near-duplicates of the text. */
export type RelatedTier = 'story' | 'topic' | 'copy';

export interface RelatedEntry {
  id: number;
  score: number;
}

/** What the refresh reads of each article of a window before it needs a text. */
export interface StoryPoolEntry {
  id: number;
  sourceId: number;
  /** The source's publication time, else the republish time. */
  publishedAt: string;
  /**
   * Changes whenever the headline or text may have: the write time, with their sizes in bytes so that two writes
   * within one timestamp still differ when the text did. A reader holding what it read for this key (the words,
   * the fingerprint) need not read the text again.
   */
  textKey: string;
}

/** An article's text as clustering reads it. */
export interface StoryText {
  headline: string;
  text: string;
  /** The MinHash fingerprint of headline and text, null for texts too short to have one. */
  fingerprint: string | null;
}

export type StoryPoolRow = StoryPoolEntry & StoryText;

const storyDate = sql<string>`coalesce(first_created, republished_at)`;

// Every column here is in the index of migration 0095 (articles_story_date): a window is listed from the index
// alone, without reading the rows, whose texts come first and make the later columns slow to reach.
const entryQuery = (db: Db) =>
  db
    .selectFrom('articles')
    .select(['id', 'source_id', 'updated_at', storyDate.as('published_at'), sql<number>`octet_length(body_text)`.as('text_size'), sql<number>`octet_length(headline)`.as('headline_size')])
    .where('pub_status', '=', 'usable')
    .where('republished_at', 'is not', null);

type EntryRow = { id: number; source_id: number; updated_at: string; published_at: string; text_size: number; headline_size: number };
const toEntry = (r: EntryRow): StoryPoolEntry => ({
  id: r.id,
  sourceId: r.source_id,
  publishedAt: r.published_at,
  textKey: `${r.updated_at}|${Number(r.text_size)}|${Number(r.headline_size)}`,
});

/** A published article as clustering reads it, or null when it is not (or no longer) published. */
export async function getStoryPoolRow(db: Db, id: number): Promise<StoryPoolRow | null> {
  const row = await entryQuery(db).select(['headline', 'body_text', 'fingerprint']).where('id', '=', id).executeTakeFirst();
  return row ? { ...toEntry(row as EntryRow), headline: row.headline, text: row.body_text, fingerprint: row.fingerprint } : null;
}

/** Published articles dated within `days` of `around`, the newest first, at most `limit`: without their texts. */
export async function listStoryPool(db: Db, around: string, days: number, limit: number): Promise<StoryPoolEntry[]> {
  const at = Date.parse(around);
  const from = toUtcTimestamp(new Date(at - days * 86_400_000).toISOString());
  const to = toUtcTimestamp(new Date(at + days * 86_400_000).toISOString());
  const rows = await entryQuery(db).where(storyDate, '>=', from).where(storyDate, '<=', to).orderBy(storyDate, 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => toEntry(r as EntryRow));
}

/** The headlines, texts and fingerprints of the given articles, by id. */
export async function loadStoryTexts(db: Db, ids: number[]): Promise<Map<number, StoryText>> {
  const texts = new Map<number, StoryText>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('articles').select(['id', 'headline', 'body_text', 'fingerprint']).where('id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) texts.set(r.id, { headline: r.headline, text: r.body_text, fingerprint: r.fingerprint });
  }
  return texts;
}

/** Replaces the given tiers of an article's related list and marks it refreshed, in one transaction. */
export async function replaceRelated(db: Kysely<Schema>, articleId: number, tiers: Partial<Record<RelatedTier, RelatedEntry[]>>, now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (const [tier, entries] of Object.entries(tiers) as [RelatedTier, RelatedEntry[]][]) {
      await tx.deleteFrom('related_articles').where('article_id', '=', articleId).where('tier', '=', tier).execute();
      const rows = entries
        .filter((e, i) => e.id !== articleId && entries.findIndex((o) => o.id === e.id) === i)
        .map((e, rank) => ({ article_id: articleId, tier, related_id: e.id, rank, score: e.score }));
      if (rows.length) await tx.insertInto('related_articles').values(rows).execute();
    }
    const refreshedAt = now.toISOString();
    await tx
      .insertInto('related_refreshes')
      .values({ article_id: articleId, refreshed_at: refreshedAt })
      .onConflict((oc) => oc.column('article_id').doUpdateSet({ refreshed_at: refreshedAt }))
      .execute();
  });
}

/** Forgets an article's related lists (it is no longer published). */
export async function clearRelated(db: Db, articleId: number): Promise<void> {
  await db.deleteFrom('related_articles').where('article_id', '=', articleId).execute();
  await db.deleteFrom('related_refreshes').where('article_id', '=', articleId).execute();
}

/** Whether the job has computed this article's lists (they may be empty). */
export async function isRelatedRefreshed(db: Db, articleId: number): Promise<boolean> {
  return (await db.selectFrom('related_refreshes').select('article_id').where('article_id', '=', articleId).executeTakeFirst()) !== undefined;
}

/** One tier of an article's cached related list, in its order, published articles only, without bodies. */
export async function listRelated(db: Db, articleId: number, tier: RelatedTier, limit: number): Promise<Article[]> {
  const rows = await db
    .selectFrom('related_articles as r')
    .innerJoin('articles', 'articles.id', 'r.related_id')
    .select(LIST_COLUMNS.map((c) => `articles.${c}` as const))
    .select(sql<string>`''`.as('body_html'))
    .where('r.article_id', '=', articleId)
    .where('r.tier', '=', tier)
    .where('articles.pub_status', '=', 'usable')
    .where('articles.republished_at', 'is not', null)
    .orderBy('r.rank')
    .limit(limit)
    .execute();
  return rows.map(toArticle);
}

/** The articles whose cached lists name `relatedId` in the given tiers: they are re-ranked when it changes. */
export async function listArticlesListing(db: Db, relatedId: number, tiers: RelatedTier[]): Promise<number[]> {
  const rows = await db.selectFrom('related_articles').select('article_id').distinct().where('related_id', '=', relatedId).where('tier', 'in', tiers).execute();
  return rows.map((r) => r.article_id);
}
