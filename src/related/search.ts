// Site search. The reader's query is normalised here, once, into plain words (no operator of either engine
// reaches it); the store then asks each engine for the same meaning in its own syntax (store/search.ts).
import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema.js';
import type { Article } from '../model/types.js';
import { searchPublished } from '../store/search.js';

const MAX_TERMS = 8;

/** The search words of a query: runs of letters and digits, lower-cased, deduplicated, at most eight. */
export function searchTerms(query: string): string[] {
  const words = query.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_TERMS);
}

export async function searchArticles(db: Kysely<Schema>, query: string, limit: number, offset = 0): Promise<Article[]> {
  return searchPublished(db, searchTerms(query), limit, offset);
}
