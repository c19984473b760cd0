// Site search. The reader's query is normalised here, once, into plain words (no operator of either engine
// reaches it); each backend then gets the same meaning in its own syntax: every word must appear, the last one
// may be the start of a word, best matches first (headline above text).
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../store/schema.js';
import type { Article } from '../model/types.js';
import { toArticle, type ArticleRow } from '../store/articles.js';
import { dialectOf } from '../store/database.js';

const MAX_TERMS = 8;

/** The search words of a query: runs of letters and digits, lower-cased, deduplicated, at most eight. */
export function searchTerms(query: string): string[] {
  const words = query.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_TERMS);
}

/** FTS5: each word a quoted string (so it is never an operator), the last a prefix. */
export function fts5Query(terms: string[]): string {
  return terms.map((t, i) => `"${t}"${i === terms.length - 1 ? '*' : ''}`).join(' AND ');
}

/** PostgreSQL tsquery: words joined by &, the last a prefix. Words are letters and digits only. */
export function tsQuery(terms: string[]): string {
  return terms.map((t, i) => `${t}${i === terms.length - 1 ? ':*' : ''}`).join(' & ');
}

const COLUMNS = sql.raw(
  'a.id, a.source_id, a.feed_id, a.slug, a.entry_key, a.original_url, a.headline, a.subheadline, a.dateline, a.body_origin, a.excerpt, ' +
    "a.byline, a.language, a.lead, a.topics, a.first_created, a.republished_at, a.version_created, a.pub_status, a.hold_reason, a.provenance, " +
    "a.rights, a.published_version_id, a.fingerprint, a.next_check_at, a.lease_until, a.withdrawn_at, a.created_at, a.updated_at, '' as body_html",
);

export async function searchArticles(db: Kysely<Schema>, query: string, limit: number, offset = 0): Promise<Article[]> {
  const terms = searchTerms(query);
  if (terms.length === 0) return [];
  const published = sql`a.pub_status = 'usable' and a.republished_at is not null`;
  const result =
    dialectOf(db) === 'postgres'
      ? await sql<ArticleRow>`select ${COLUMNS} from articles a
          where a.search @@ to_tsquery('simple', ${tsQuery(terms)}) and ${published}
          order by ts_rank(a.search, to_tsquery('simple', ${tsQuery(terms)})) desc, a.republished_at desc
          limit ${limit} offset ${offset}`.execute(db)
      : await sql<ArticleRow>`select ${COLUMNS} from articles_fts f join articles a on a.id = f.rowid
          where articles_fts match ${fts5Query(terms)} and ${published}
          order by bm25(articles_fts, 4.0, 1.0), a.republished_at desc
          limit ${limit} offset ${offset}`.execute(db);
  return result.rows.map(toArticle);
}
