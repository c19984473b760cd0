// The search query on each engine: FTS5 `MATCH` over the articles_fts index on SQLite, `to_tsquery('simple', …)`
// over the generated, GIN-indexed tsvector on PostgreSQL. Both take the same plain words (normalised once, in
// related/search.ts) and the same filters, and answer in the same order: best matches first (headline above
// text), newer first among equals. `all` needs every word (the last may be the start of a word); `any` needs one
// (the topical neighbours of an article).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Schema } from './schema.js';
import type { Article } from '../model/types.js';
import { LIST_COLUMNS, toArticle, type ArticleRow } from './articles.js';
import { byDialect } from './dialect.js';
import { toUtcTimestamp } from '../dates/utc-timestamp.js';

export type MatchMode = 'all' | 'any';

/** FTS5: each word a quoted string (so it is never an operator); in `all` mode the last is a prefix. */
export function fts5Query(terms: string[], mode: MatchMode = 'all'): string {
  if (mode === 'any') return terms.map((t) => `"${t}"`).join(' OR ');
  return terms.map((t, i) => `"${t}"${i === terms.length - 1 ? '*' : ''}`).join(' AND ');
}

/** PostgreSQL tsquery: words joined by & (all) or | (any); in `all` mode the last a prefix. Words are letters and digits only. */
export function tsQuery(terms: string[], mode: MatchMode = 'all'): string {
  if (mode === 'any') return terms.join(' | ');
  return terms.map((t, i) => `${t}${i === terms.length - 1 ? ':*' : ''}`).join(' & ');
}

export interface SearchFilters {
  /** Plain words (letters and digits only): nothing else may reach either engine's query syntax. */
  terms: string[];
  mode?: MatchMode;
  sourceId?: number;
  /** The story's date (the source's, else the republish time) at or after this instant. */
  since?: string;
  /** … and before this instant. */
  until?: string;
  excludeIds?: number[];
  /** How many of the newest matches are ranked (RANKED_MATCHES unless a test says otherwise). */
  rankedMatches?: number;
  limit: number;
  offset?: number;
}

export interface SearchHit {
  article: Article;
  /** The plain text, for the snippet. */
  text: string;
}

// The listing columns (the one list in articles.ts), the body left out as in every list, the plain text kept.
const COLUMNS = sql.join([...LIST_COLUMNS.map((c) => sql.ref(`a.${c}`)), sql`'' as body_html`, sql.ref('a.body_text')]);

/**
 * A query matching more articles than this is ranked among its newest this many matches (by id, the order
 * they were taken in): ranking every article that has a common word cost seconds on a large site, and on a
 * news site the reader looks for the recent ones. Pages go that deep (50 pages of 20).
 */
export const RANKED_MATCHES = 1000;

function conditions(f: SearchFilters, alias: string): RawBuilder<unknown> {
  const a = (column: string) => sql.ref(`${alias}.${column}`);
  const where: RawBuilder<unknown>[] = [sql`${a('pub_status')} = 'usable'`, sql`${a('republished_at')} is not null`];
  const date = sql`coalesce(${a('first_created')}, ${a('republished_at')})`;
  if (f.sourceId !== undefined) where.push(sql`${a('source_id')} = ${f.sourceId}`);
  if (f.since) where.push(sql`${date} >= ${toUtcTimestamp(f.since)}`);
  if (f.until) where.push(sql`${date} < ${toUtcTimestamp(f.until)}`);
  if (f.excludeIds?.length) where.push(sql`${a('id')} not in (${sql.join(f.excludeIds)})`);
  return sql.join(where, sql` and `);
}

/** Published articles matching the terms under the filters, best first, newer first among equals. */
export async function searchPublished(db: Kysely<Schema>, filters: SearchFilters): Promise<SearchHit[]> {
  if (filters.terms.length === 0) return [];
  const mode = filters.mode ?? 'all';
  const offset = filters.offset ?? 0;
  const ranked = filters.rankedMatches ?? RANKED_MATCHES;
  const result = await byDialect(db, {
    // The newest matches first (the planner picks the GIN index or a backward walk of the primary key by how
    // common the words are), then ts_rank's weights {D, C, B, A}: the headline (A) four times the text (B).
    postgres: () => {
      const query = sql`to_tsquery('simple', ${tsQuery(filters.terms, mode)})`;
      return sql<ArticleRow & { body_text: string }>`with recent as materialized (
          select m.id from articles m where m.search @@ ${query} and ${conditions(filters, 'm')}
          order by m.id desc limit ${ranked})
        select ${COLUMNS} from recent r join articles a on a.id = r.id
        order by ts_rank('{0.1, 0.2, 0.25, 1.0}', a.search, ${query}) desc, coalesce(a.first_created, a.republished_at) desc, a.id desc
        limit ${filters.limit} offset ${offset}`.execute(db);
    },
    // CROSS JOIN keeps the index outermost: SQLite would otherwise walk the listing index and run the full-text
    // query once per article. The newest matches bound the rowids ranked (FTS5 seeks a rowid range directly).
    sqlite: () => {
      const match = fts5Query(filters.terms, mode);
      return sql<ArticleRow & { body_text: string }>`select ${COLUMNS} from articles_fts f cross join articles a on a.id = f.rowid
        where articles_fts match ${match} and ${conditions(filters, 'a')}
          and f.rowid >= (select min(id) from (select m.id from articles_fts cross join articles m on m.id = articles_fts.rowid
            where articles_fts match ${match} and ${conditions(filters, 'm')} order by articles_fts.rowid desc limit ${ranked}))
        order by bm25(articles_fts, 4.0, 1.0), coalesce(a.first_created, a.republished_at) desc, a.id desc
        limit ${filters.limit} offset ${offset}`.execute(db);
    },
  });
  return result.rows.map((row) => ({ article: toArticle(row), text: row.body_text }));
}
