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

/** A match to be ranked: its id, its relevance (higher is better, on either engine) and the story's date. */
export interface Candidate {
  id: number;
  score: number;
  /** coalesce(first_created, republished_at), as stored: the same text form on both engines. */
  at: string;
}

/**
 * PostgreSQL has two ways to the newest matches, and its planner picks between them badly: it prices checking
 * an article's tsvector as nearly free, when the vector is read from TOAST storage each time. So the choice is
 * made here, from the planner's own estimate of how many articles match (`matches`, out of `articles`):
 * - walking the primary key backwards, checking each article, reads about ranked × articles / matches of them;
 * - the GIN index finds the matches without reading them, and each match among the newest ids is then read.
 * The walk is taken when it reads fewer, i.e. when matches² > ranked × articles.
 */
export function walkNewestFirst(matches: number, articles: number, ranked: number): boolean {
  return matches * matches > ranked * articles;
}

/**
 * By the GIN index, only the matches among the newest ids are read: a span of ids expected to hold this many
 * times the matches wanted (from the estimate; the index answers for the span by itself, with the primary key's
 * range, without reading an article). Should the span hold fewer than wanted, every match is read. Twice: the
 * planner's estimate for a whole word is close, for a prefix mostly too low (which reads more, never too few).
 */
const SPAN_MARGIN = 2;

/** The ids from which the GIN index's matches are read: the newest ones expected to hold enough, or null for all. */
export function newestSpan(matches: number, ids: { min: number; max: number }, ranked: number): number | null {
  const span = Math.ceil((ranked * SPAN_MARGIN * (ids.max - ids.min + 1)) / Math.max(matches, 1));
  return span > ids.max - ids.min ? null : ids.max - span;
}

/** The planner's estimate of the articles `where` selects (it plans the query, it does not run it). */
async function plannedRows(db: Kysely<Schema>, where: RawBuilder<unknown>): Promise<number> {
  const result = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>`explain (format json) select 1 from articles m where ${where}`.execute(db);
  return result.rows[0]['QUERY PLAN'][0].Plan['Plan Rows'];
}

const postgresQuery = (f: SearchFilters, mode: MatchMode) => sql`to_tsquery('simple', ${tsQuery(f.terms, mode)})`;
const postgresMatch = (f: SearchFilters, mode: MatchMode) => sql`m.search @@ ${postgresQuery(f, mode)} and ${conditions(f, 'm')}`;

/**
 * PostgreSQL's newest matches, the way given: walking the primary key newest first, or by the GIN index among
 * the ids above `above` (every id when null).
 */
export function newestMatchesOnPostgres(
  f: SearchFilters, mode: MatchMode, ranked: number, way: { walk: true } | { walk: false; above: number | null },
): RawBuilder<Candidate> {
  // `m.id + 0` cannot be read from the primary key in order, which leaves the planner the GIN index.
  const order = way.walk ? sql`m.id desc` : sql`m.id + 0 desc`;
  const span = !way.walk && way.above !== null ? sql` and m.id > ${way.above}` : sql``;
  // ts_rank's weights are {D, C, B, A}: the headline (A) four times the text (B); only the candidates are ranked.
  return sql<Candidate>`select c.id, ts_rank('{0.1, 0.2, 0.25, 1.0}', c.search, ${postgresQuery(f, mode)}) as score, c.at from (
      select m.id, m.search, coalesce(m.first_created, m.republished_at) as at from articles m where ${postgresMatch(f, mode)}${span}
      order by ${order} limit ${ranked}) c`;
}

/**
 * SQLite's newest matches. CROSS JOIN keeps the full-text index outermost (SQLite would otherwise walk the
 * listing index and run the query once per article); articles_search_filter holds every column the filters
 * read, so a match is checked without reading its article (a wide row, a page of its own).
 */
export function sqliteNewestMatches(f: SearchFilters, mode: MatchMode, ranked: number): RawBuilder<Candidate> {
  return sql<Candidate>`select f.rowid as id, -bm25(articles_fts, 4.0, 1.0) as score, coalesce(m.first_created, m.republished_at) as at
    from articles_fts f cross join articles m indexed by articles_search_filter on m.id = f.rowid
    where articles_fts match ${fts5Query(f.terms, mode)} and ${conditions(f, 'm')}
    order by f.rowid desc limit ${ranked}`;
}

type PageRow = ArticleRow & { body_text: string; candidates: number | string };

/**
 * One page of the candidates, best first, newer first among equals, then the later id; only the page's
 * articles are read in full. Each row also says how many candidates there were.
 */
function pageOf(db: Kysely<Schema>, candidates: RawBuilder<Candidate>, f: SearchFilters) {
  // SQLite: CROSS JOIN keeps the page outermost, each of its articles then read by id.
  const join = byDialect(db, { sqlite: () => sql`cross join`, postgres: () => sql`join` });
  return sql<PageRow>`with c as materialized (${candidates})
    select ${COLUMNS}, (select count(*) from c) as candidates
    from (select id, score, at from c order by score desc, at desc, id desc limit ${f.limit} offset ${f.offset ?? 0}) p
    ${join} articles a on a.id = p.id
    order by p.score desc, p.at desc, p.id desc`.execute(db);
}

/**
 * The page on PostgreSQL: by the way that reads fewer articles (`walkNewestFirst`, `newestSpan`), the planner's
 * estimates read first (planning only, nothing run).
 */
async function postgresPage(db: Kysely<Schema>, f: SearchFilters, mode: MatchMode, ranked: number): Promise<PageRow[]> {
  const facts = (
    await sql<{ min: number | null; max: number | null; articles: number }>`select min(id) as min, max(id) as max,
      (select greatest(reltuples, 1)::float8 from pg_class where oid = 'articles'::regclass) as articles from articles`.execute(db)
  ).rows[0];
  if (facts.min === null || facts.max === null) return [];
  const matches = await plannedRows(db, postgresMatch(f, mode));
  // The walk covers the source's articles when one is asked for (articles_by_source_id gives them newest first).
  const walked = f.sourceId === undefined ? facts.articles : await plannedRows(db, sql`m.source_id = ${f.sourceId}`);
  if (walkNewestFirst(matches, walked, ranked)) return (await pageOf(db, newestMatchesOnPostgres(f, mode, ranked, { walk: true }), f)).rows;
  const above = newestSpan(matches, { min: facts.min, max: facts.max }, ranked);
  const rows = (await pageOf(db, newestMatchesOnPostgres(f, mode, ranked, { walk: false, above }), f)).rows;
  // The span held enough, or was every id; else (or when the page is past the end, which says nothing) all again.
  if (above === null || (rows.length > 0 && Number(rows[0].candidates) >= ranked)) return rows;
  return (await pageOf(db, newestMatchesOnPostgres(f, mode, ranked, { walk: false, above: null }), f)).rows;
}

/**
 * Published articles matching the terms under the filters, best first, newer first among equals: the engine
 * finds and scores the newest `rankedMatches` matches (RANKED_MATCHES), orders them and reads the page asked for.
 */
export async function searchPublished(db: Kysely<Schema>, filters: SearchFilters): Promise<SearchHit[]> {
  if (filters.terms.length === 0) return [];
  const mode = filters.mode ?? 'all';
  const ranked = filters.rankedMatches ?? RANKED_MATCHES;
  const rows = await byDialect(db, {
    postgres: () => postgresPage(db, filters, mode, ranked),
    sqlite: async () => (await pageOf(db, sqliteNewestMatches(filters, mode, ranked), filters)).rows,
  });
  return rows.map(({ candidates: _, ...row }) => ({ article: toArticle(row), text: row.body_text }));
}
