// What the article page shows of related news: the cached tiers (related-refresh.ts), read by rank. An
// article the job has not reached yet (published before the cache existed, or seconds ago) falls back to the
// same-story links made at publish time, so that no page loses its block while the job runs.
import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema.js';
import type { Article } from '../model/types.js';
import { listSameStory } from '../store/articles.js';
import { isRelatedRefreshed, listRelated } from '../store/related.js';

export interface RelatedNews {
  sameStory: Article[];
  topical: Article[];
  /** Near-duplicate copies of this text by other sources: "also published by …". */
  copies: Article[];
}

export async function loadRelatedNews(db: Kysely<Schema>, articleId: number, limits: { sameStory: number; topical: number; copies: number }): Promise<RelatedNews> {
  if (!(await isRelatedRefreshed(db, articleId))) {
    return { sameStory: await listSameStory(db, articleId, limits.sameStory), topical: [], copies: [] };
  }
  const [sameStory, topical, copies] = await Promise.all([
    listRelated(db, articleId, 'story', limits.sameStory),
    listRelated(db, articleId, 'topic', limits.topical),
    listRelated(db, articleId, 'copy', limits.copies),
  ]);
  return { sameStory, topical, copies };
}
