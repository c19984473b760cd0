// What the desk's dashboard counts, and the short lists behind each count. Plain reads, one per figure.
import type { Kysely } from 'kysely';
import type { Schema } from './schema.js';

type Db = Kysely<Schema>;

const count = (row: { n: unknown } | undefined) => Number(row?.n ?? 0);

export interface DeskCounts {
  publishedLastDay: number;
  /** Source updates and new stories waiting for an editor's review. */
  pendingReviews: number;
  heldArticles: number;
  pendingComments: number;
  failingFeeds: number;
  fidelityWarnings: number;
}

export async function deskCounts(db: Db, now: Date): Promise<DeskCounts> {
  const since = new Date(now.getTime() - 24 * 3_600_000).toISOString();
  const [published, reviews, incoming, held, comments, feeds, fidelity] = await Promise.all([
    db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).where('pub_status', '=', 'usable').where('republished_at', '>=', since).executeTakeFirst(),
    db.selectFrom('article_versions').select((eb) => eb.fn.countAll().as('n')).where('state', '=', 'pending').executeTakeFirst(),
    // New stories of sources under review wait in the same queue as their updates.
    db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).where('pub_status', '=', 'withheld').where('hold_kind', '=', 'review').executeTakeFirst(),
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
    pendingReviews: count(reviews) + count(incoming),
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

export interface DeskCommentFilter {
  status: string;
  /** One author's comments (by email address, lower-cased): the author's history. */
  authorEmail?: string | null;
  articleSlug?: string | null;
  limit: number;
}

export interface DeskCommentRow {
  id: number;
  articleSlug: string;
  articleHeadline: string;
  authorName: string;
  authorEmail: string | null;
  bodySource: string;
  status: string;
  holdReason: string | null;
  ipBucket: string | null;
  createdAt: string;
}

/** The moderation queue: comments of a status, optionally of one author or one article, oldest first. */
export async function listCommentsForDesk(db: Db, filter: DeskCommentFilter): Promise<DeskCommentRow[]> {
  let query = db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .select(['comments.id', 'articles.slug', 'articles.headline', 'comments.author_name', 'comments.author_email', 'comments.body_source', 'comments.status', 'comments.hold_reason', 'comments.ip_bucket', 'comments.created_at'])
    .where('comments.status', '=', filter.status);
  if (filter.authorEmail) query = query.where((eb) => eb(eb.fn('lower', ['comments.author_email']), '=', filter.authorEmail!.toLowerCase()));
  if (filter.articleSlug) query = query.where('articles.slug', '=', filter.articleSlug);
  const rows = await query.orderBy('comments.id').limit(filter.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    articleSlug: r.slug,
    articleHeadline: r.headline,
    authorName: r.author_name,
    authorEmail: r.author_email,
    bodySource: r.body_source,
    status: r.status,
    holdReason: r.hold_reason,
    ipBucket: r.ip_bucket,
    createdAt: r.created_at,
  }));
}

/** How many comments an author has in each status (the author's history at a glance). */
export async function authorCommentCounts(db: Db, emails: string[]): Promise<Map<string, Record<string, number>>> {
  const wanted = [...new Set(emails.map((e) => e.toLowerCase()))];
  const counts = new Map<string, Record<string, number>>();
  if (wanted.length === 0) return counts;
  const rows = await db
    .selectFrom('comments')
    .select((eb) => [eb.fn<string>('lower', ['author_email']).as('email'), 'status', eb.fn.countAll().as('n')])
    .where((eb) => eb(eb.fn('lower', ['author_email']), 'in', wanted))
    .groupBy([(eb) => eb.fn('lower', ['author_email']), 'status'])
    .execute();
  for (const row of rows) {
    const entry = counts.get(row.email) ?? {};
    entry[row.status] = Number(row.n);
    counts.set(row.email, entry);
  }
  return counts;
}
