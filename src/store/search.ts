// The search query on each engine: FTS5 `MATCH` over the articles_fts index on SQLite, `to_tsquery('simple', …)`
// over the GIN-indexed tsvector on PostgreSQL (kept by a trigger: migration 0115). Both take the same plain
// words (normalised once, in related/search.ts) and the same filters, and answer in the same order: best
// matches first (headline above text), newer first among equals. `all` needs every word (the last may be the
// start of a word); `any` needs one (the topical neighbours of an article). Each engine finds its newest
// matches under the filters and scores them; one statement then orders them and reads the articles of the
// page asked for, and no more.
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
 * A query matching more articles than this is ranked among its newest this many matches under the filters (by
 * id, the order they were taken in): ranking every article that has a common word cost seconds on a large site,
 * and on a news site the reader looks for the recent ones. The price: when more than this many newer articles
 * match, an older one is not found however well it matches (the word in its headline, say), and the results
 * end after this many (50 pages of 20). A filter narrows the matches first, so a source or a date range
 * reaches back further.
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
 * PostgreSQL has two ways to the newest matches, and its planner picks between them badly: it prices the GIN
 * index by the matches it keeps, not by the articles it reads to check them. So the choice is made here, from
 * the planner's own estimates (`PlannedCounts`, planning only, nothing run):
 * - `walk`: the newest articles first (the primary key backwards, or articles_by_source_id for one source),
 *   each checked until `ranked` match: about ranked × walked / matches articles read;
 * - `index`: the GIN index gives every article with the words (cheap, no article read), and each of those
 *   under the filters is then read.
 */
export type PostgresWay = 'walk' | 'index';

/** The planner's estimates a way is chosen from. */
export interface PlannedCounts {
  /** Articles matching the words and every filter. */
  matches: number;
  /** Articles matching the words alone: the GIN index gives them all. */
  wordMatches: number;
  /** Articles the walk goes through: the source's when one is asked for, else all. */
  walked: number;
  /** One source's articles are walked: they lie apart in the table, each read from a page of its own. */
  oneSource: boolean;
  /** A date range: the newest articles are seldom in it, so it is never walked. */
  dated: boolean;
}

/**
 * What each read costs, in microseconds, measured with `bench:search`'s 100,000 articles (docs/benchmarks.md):
 * an article checked on the walk (its tsvector kept in the row: migration 0100), apart when walking one
 * source; a word match given by the GIN index; a match read after it.
 */
export const READ_COST = { walked: 1.1, walkedApart: 3.5, indexed: 0.25, read: 2.5 };

/** The way that reads least, by READ_COST. */
export function postgresWay(counts: PlannedCounts, ranked: number): PostgresWay {
  if (counts.dated) return 'index';
  const walk = (counts.oneSource ? READ_COST.walkedApart : READ_COST.walked) * ((ranked * counts.walked) / Math.max(1, counts.matches));
  const index = READ_COST.indexed * counts.wordMatches + READ_COST.read * counts.matches;
  return walk < index ? 'walk' : 'index';
}

/** The planner's estimate of the articles `where` selects (it plans the query, it does not run it). */
async function plannedRows(db: Kysely<Schema>, where: RawBuilder<unknown>): Promise<number> {
  const result = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>`explain (format json) select 1 from articles m where ${where}`.execute(db);
  return result.rows[0]['QUERY PLAN'][0].Plan['Plan Rows'];
}

const postgresQuery = (f: SearchFilters, mode: MatchMode) => sql`to_tsquery('simple', ${tsQuery(f.terms, mode)})`;
const postgresMatch = (f: SearchFilters, mode: MatchMode) => sql`m.search @@ ${postgresQuery(f, mode)} and ${conditions(f, 'm')}`;

/**
 * PostgreSQL's newest matches, the way given (the same matches whichever way). The walk is run with bitmap
 * scans off (`onPostgresWay`), which leaves the planner the ordered index scan.
 */
export function newestMatchesOnPostgres(f: SearchFilters, mode: MatchMode, ranked: number, way: PostgresWay): RawBuilder<Candidate> {
  // `m.id + 0` cannot be read from the primary key in order, which leaves the planner the GIN index.
  const order = way === 'walk' ? sql`m.id desc` : sql`m.id + 0 desc`;
  // ts_rank's weights are {D, C, B, A}: the headline (A) four times the text (B); only the candidates are ranked.
  return sql<Candidate>`select c.id, ts_rank('{0.1, 0.2, 0.25, 1.0}', c.search, ${postgresQuery(f, mode)}) as score, c.at from (
      select m.id, m.search, coalesce(m.first_created, m.republished_at) as at from articles m where ${postgresMatch(f, mode)}
      order by ${order} limit ${ranked}) c`;
}

/**
 * Runs `run` on a connection set for the way: the walk in a transaction of its own with bitmap scans off. Inside
 * a caller's transaction the setting would outlive the search, so there the planner is left to choose (the
 * same matches, perhaps more slowly).
 */
export async function onPostgresWay<T>(db: Kysely<Schema>, way: PostgresWay, run: (db: Kysely<Schema>) => Promise<T>): Promise<T> {
  if (way === 'index' || db.isTransaction) return run(db);
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_bitmapscan = off`.execute(trx);
    return run(trx);
  });
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

type PageRow = ArticleRow & { body_text: string };

/**
 * One page of the candidates, best first, newer first among equals, then the later id; only the page's
 * articles are read in full.
 */
function pageOf(db: Kysely<Schema>, candidates: RawBuilder<Candidate>, f: SearchFilters) {
  // SQLite: CROSS JOIN keeps the page outermost, each of its articles then read by id.
  const join = byDialect(db, { sqlite: () => sql`cross join`, postgres: () => sql`join` });
  return sql<PageRow>`with c as materialized (${candidates})
    select ${COLUMNS}
    from (select id, score, at from c order by score desc, at desc, id desc limit ${f.limit} offset ${f.offset ?? 0}) p
    ${join} articles a on a.id = p.id
    order by p.score desc, p.at desc, p.id desc`.execute(db);
}

/** The page on PostgreSQL, by the way that reads least (`postgresWay`). */
async function postgresPage(db: Kysely<Schema>, f: SearchFilters, mode: MatchMode, ranked: number): Promise<PageRow[]> {
  const oneSource = f.sourceId !== undefined;
  const dated = f.since !== undefined || f.until !== undefined;
  const filtered = oneSource || dated || !!f.excludeIds?.length;
  // The estimates are independent: planned side by side, on connections of the pool.
  const [matches, wordMatches, walked] = await Promise.all([
    plannedRows(db, postgresMatch(f, mode)),
    filtered ? plannedRows(db, postgresMatch({ terms: f.terms, limit: f.limit }, mode)) : null,
    plannedRows(db, oneSource ? sql`m.source_id = ${f.sourceId}` : sql`true`),
  ]);
  const way = postgresWay({ matches, wordMatches: wordMatches ?? matches, walked, oneSource, dated }, ranked);
  return onPostgresWay(db, way, async (on) => (await pageOf(on, newestMatchesOnPostgres(f, mode, ranked, way), f)).rows);
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
  return rows.map((row) => ({ article: toArticle(row), text: row.body_text }));
}
