// Site search. The reader's query is normalised here, once, into plain words (no operator of either engine
// reaches it); the store then asks each engine for the same meaning in its own syntax (store/search.ts).
import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema.js';
import { searchPublished, type SearchHit } from '../store/search.js';

const MAX_TERMS = 8;
/** Longer queries are cut here before they are read: a 10 KB paste costs no more than a sentence. */
export const MAX_QUERY_CHARS = 500;

/** The search words of a query: runs of letters and digits, lower-cased, deduplicated, at most eight. */
export function searchTerms(query: string): string[] {
  const words = query.slice(0, MAX_QUERY_CHARS).normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_TERMS);
}

export interface SearchOptions {
  limit: number;
  offset?: number;
  sourceId?: number;
  /** ISO instants bounding the story's date: [since, until). */
  since?: string;
  until?: string;
}

export async function searchArticles(db: Kysely<Schema>, query: string, options: SearchOptions): Promise<SearchHit[]> {
  return searchPublished(db, { terms: searchTerms(query), mode: 'all', ...options });
}
