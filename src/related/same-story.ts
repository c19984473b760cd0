// Finding the same story told by other sources when an article is published, so that article pages can list
// them without comparing texts on every request.
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../store/schema.js';
import type { Article } from '../model/types.js';
import { linkSameStory, listFingerprintCandidates } from '../store/articles.js';
import { COPY_THRESHOLD, SAME_STORY_THRESHOLD, similarity } from './fingerprint.js';

/** How far back a story may have run elsewhere. */
const WINDOW_DAYS = 14;
const MAX_CANDIDATES = 2000;

export async function linkSameStories(db: Kysely<Schema> | Transaction<Schema>, article: Article, now: Date): Promise<number> {
  if (!article.fingerprint) return 0;
  const since = new Date(now.getTime() - WINDOW_DAYS * 86_400_000).toISOString();
  const candidates = await listFingerprintCandidates(db, article.sourceId, since, MAX_CANDIDATES);
  let linked = 0;
  for (const candidate of candidates) {
    if (!candidate.fingerprint) continue;
    const s = similarity(article.fingerprint, candidate.fingerprint);
    // A near-total overlap is a copy of the same text, not another source's telling: never listed.
    if (s >= SAME_STORY_THRESHOLD && s < COPY_THRESHOLD) {
      await linkSameStory(db, article.id, candidate.id, s);
      linked++;
    }
  }
  return linked;
}
