// What the desk's dashboard counts, and the short lists behind each count. Plain reads, one per figure.
import type { Kysely } from 'kysely';
import type { Schema } from './schema.js';

type Db = Kysely<Schema>;

const count = (row: { n: unknown } | undefined) => Number(row?.n ?? 0);

export interface DeskCounts {
  publishedLastDay: number;
  pendingReviews: number;
  heldArticles: number;
  pendingComments: number;
  failingFeeds: number;
  fidelityWarnings: number;
}

export async function deskCounts(db: Db, now: Date): Promise<DeskCounts> {
  const since = new Date(now.getTime() - 24 * 3_600_000).toISOString();
  const [published, reviews, held, comments, feeds, fidelity] = await Promise.all([
    db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).where('pub_status', '=', 'usable').where('republished_at', '>=', since).executeTakeFirst(),
    db.selectFrom('article_versions').select((eb) => eb.fn.countAll().as('n')).where('state', '=', 'pending').executeTakeFirst(),
    db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).where('pub_status', '=', 'withheld').executeTakeFirst(),
    db.selectFrom('comments').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'pending').executeTakeFirst(),
    db
      .selectFrom('feeds')
      .select((eb) => eb.fn.countAll().as('n'))
      .where((eb) => eb.or([eb('consecutive_errors', '>', 0), eb('disabled_reason', 'is not', null)]))
      .executeTakeFirst(),
    fidelityWarningsQuery(db).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
  ]);
  return {
    publishedLastDay: count(published),
    pendingReviews: count(reviews),
    heldArticles: count(held),
    pendingComments: count(comments),
    failingFeeds: count(feeds),
    fidelityWarnings: count(fidelity),
  };
}

/** Published copies whose latest fidelity report says they no longer convey their source whole. */
function fidelityWarningsQuery(db: Db) {
  return db
    .selectFrom('fidelity_reports')
    .innerJoin('articles', 'articles.id', 'fidelity_reports.article_id')
    .where('fidelity_reports.faithful', '=', 0)
    .where('articles.pub_status', '=', 'usable');
}

export interface DeskArticleRow {
  slug: string;
  headline: string;
  sourceName: string;
  at: string | null;
  detail: string | null;
}

export async function listPublishedSince(db: Db, now: Date, limit: number): Promise<DeskArticleRow[]> {
  const since = new Date(now.getTime() - 24 * 3_600_000).toISOString();
  const rows = await db
    .selectFrom('articles')
    .innerJoin('sources', 'sources.id', 'articles.source_id')
    .select(['articles.slug', 'articles.headline', 'sources.name', 'articles.republished_at'])
    .where('articles.pub_status', '=', 'usable')
    .where('articles.republished_at', '>=', since)
    .orderBy('articles.republished_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ slug: r.slug, headline: r.headline, sourceName: r.name, at: r.republished_at, detail: null }));
}

export async function listFidelityWarnings(db: Db, limit: number): Promise<DeskArticleRow[]> {
  const rows = await fidelityWarningsQuery(db)
    .innerJoin('sources', 'sources.id', 'articles.source_id')
    .select(['articles.slug', 'articles.headline', 'sources.name', 'fidelity_reports.computed_at', 'fidelity_reports.omitted', 'fidelity_reports.altered', 'fidelity_reports.added', 'fidelity_reports.quotes_changed'])
    .orderBy('fidelity_reports.computed_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    slug: r.slug,
    headline: r.headline,
    sourceName: r.name,
    at: r.computed_at,
    detail: `${r.omitted} omitted, ${r.altered} altered, ${r.added} added, ${r.quotes_changed} quotations changed`,
  }));
}

export async function listHeldForDesk(db: Db, limit: number): Promise<DeskArticleRow[]> {
  const rows = await db
    .selectFrom('articles')
    .innerJoin('sources', 'sources.id', 'articles.source_id')
    .select(['articles.slug', 'articles.headline', 'sources.name', 'articles.updated_at', 'articles.hold_reason'])
    .where('articles.pub_status', '=', 'withheld')
    .orderBy('articles.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ slug: r.slug, headline: r.headline, sourceName: r.name, at: r.updated_at, detail: r.hold_reason }));
}
