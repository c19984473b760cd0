// The desk's list of articles in every state: search over headline and text (the same full-text indexes as the
// site's search, FTS5 on SQLite, the tsvector on PostgreSQL), and filters by source, state, date and the verdict
// of the latest fidelity report. Newest first, a page at a time.
import { sql, type Kysely } from 'kysely';
import type { Schema } from './schema.js';
import { fts5Query, tsQuery } from './search.js';
import { byDialect } from './dialect.js';

type Db = Kysely<Schema>;

export const DESK_ARTICLE_STATES = ['published', 'held', 'withdrawn', 'review'] as const;
export type DeskArticleState = (typeof DESK_ARTICLE_STATES)[number];

export const FIDELITY_FILTERS = ['faithful', 'unfaithful', 'none'] as const;
export type FidelityFilter = (typeof FIDELITY_FILTERS)[number];

export interface DeskArticleFilter {
  /** Plain words (letters and digits only, from related/search.ts `searchTerms`): every one must match. */
  terms: string[];
  sourceId?: number;
  state?: DeskArticleState;
  /** ISO instants bounding the story's date: [since, until). */
  since?: string;
  until?: string;
  fidelity?: FidelityFilter;
  limit: number;
  offset?: number;
}

export interface DeskArticleListRow {
  id: number;
  slug: string;
  headline: string;
  sourceName: string;
  pubStatus: string;
  holdReason: string | null;
  /** The story's date: the source's, else when it was published here, else when it was taken in. */
  date: string;
  /** The verdict of the latest fidelity report; null when there is none. */
  faithful: boolean | null;
  pendingVersions: number;
}

/** The state each desk filter stands for, in the store's words. */
const STATUS_OF: Record<Exclude<DeskArticleState, 'review'>, string> = { published: 'usable', held: 'withheld', withdrawn: 'canceled' };

export async function listArticlesForDesk(db: Db, filter: DeskArticleFilter): Promise<DeskArticleListRow[]> {
  const date = sql<string>`coalesce(articles.first_created, articles.republished_at, articles.created_at)`;
  const pending = sql<number>`(select count(*) from article_versions v where v.article_id = articles.id and v.state = 'pending')`;
  let query = db
    .selectFrom('articles')
    .innerJoin('sources', 'sources.id', 'articles.source_id')
    .leftJoin('fidelity_reports', 'fidelity_reports.article_id', 'articles.id')
    .select(['articles.id', 'articles.slug', 'articles.headline', 'sources.name', 'articles.pub_status', 'articles.hold_reason', 'fidelity_reports.faithful'])
    .select([date.as('story_date'), pending.as('pending_versions')]);
  if (filter.terms.length) {
    const terms = filter.terms;
    query = query.where(
      byDialect(db, {
        sqlite: () => sql<boolean>`articles.id in (select rowid from articles_fts where articles_fts match ${fts5Query(terms, 'all')})`,
        postgres: () => sql<boolean>`articles.search @@ to_tsquery('simple', ${tsQuery(terms, 'all')})`,
      }),
    );
  }
  if (filter.sourceId !== undefined) query = query.where('articles.source_id', '=', filter.sourceId);
  if (filter.state === 'review') query = query.where(sql<boolean>`exists (select 1 from article_versions v where v.article_id = articles.id and v.state = 'pending')`);
  else if (filter.state) query = query.where('articles.pub_status', '=', STATUS_OF[filter.state]);
  if (filter.since) query = query.where(date, '>=', filter.since);
  if (filter.until) query = query.where(date, '<', filter.until);
  if (filter.fidelity === 'faithful') query = query.where('fidelity_reports.faithful', '=', 1);
  else if (filter.fidelity === 'unfaithful') query = query.where('fidelity_reports.faithful', '=', 0);
  else if (filter.fidelity === 'none') query = query.where('fidelity_reports.article_id', 'is', null);
  const rows = await query
    .orderBy(date, 'desc')
    .orderBy('articles.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset ?? 0)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    headline: r.headline,
    sourceName: r.name,
    pubStatus: r.pub_status,
    holdReason: r.hold_reason,
    date: r.story_date,
    faithful: r.faithful === null ? null : r.faithful === 1,
    pendingVersions: Number(r.pending_versions),
  }));
}
