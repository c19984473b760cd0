// What the desk's review queue reads and the schedule it keeps: new stories held for review (with their
// fidelity verdict and the time they are scheduled for), and source updates waiting as pending versions.
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from './schema.js';
import type { VersionKind } from '../model/types.js';
import { toUtcTimestampOrNull } from '../dates/utc-timestamp.js';

type Db = Kysely<Schema> | Transaction<Schema>;

export interface IncomingRow {
  id: number;
  slug: string;
  headline: string;
  sourceName: string;
  holdReason: string | null;
  createdAt: string;
  /** When the scheduled job publishes it; null when it is not scheduled. */
  publishAt: string | null;
  /** The copy's fidelity to its source; null before a report was made. */
  fidelity: { faithful: boolean; omitted: number; altered: number; added: number; quotesChanged: number } | null;
}

/** New stories held for an editor's review, oldest first. */
export async function listIncoming(db: Db, limit: number): Promise<IncomingRow[]> {
  const rows = await db
    .selectFrom('articles')
    .innerJoin('sources', 'sources.id', 'articles.source_id')
    .leftJoin('fidelity_reports', 'fidelity_reports.article_id', 'articles.id')
    .select([
      'articles.id', 'articles.slug', 'articles.headline', 'sources.name', 'articles.hold_reason', 'articles.created_at', 'articles.publish_at',
      'fidelity_reports.faithful', 'fidelity_reports.omitted', 'fidelity_reports.altered', 'fidelity_reports.added', 'fidelity_reports.quotes_changed',
    ])
    .where('articles.pub_status', '=', 'withheld')
    .where('articles.hold_kind', '=', 'review')
    .orderBy('articles.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    headline: r.headline,
    sourceName: r.name,
    holdReason: r.hold_reason,
    createdAt: r.created_at,
    publishAt: r.publish_at,
    fidelity:
      r.faithful === null
        ? null
        : { faithful: r.faithful === 1, omitted: r.omitted ?? 0, altered: r.altered ?? 0, added: r.added ?? 0, quotesChanged: r.quotes_changed ?? 0 },
  }));
}

export interface PendingUpdateRow {
  id: number;
  kind: VersionKind;
  headline: string;
  note: string | null;
  createdAt: string;
  articleSlug: string;
  sourceName: string;
}

/** Source updates (and withdrawals) waiting for an editor, oldest first. */
export async function listPendingUpdates(db: Db, limit: number): Promise<PendingUpdateRow[]> {
  const rows = await db
    .selectFrom('article_versions')
    .innerJoin('articles', 'articles.id', 'article_versions.article_id')
    .innerJoin('sources', 'sources.id', 'articles.source_id')
    .select(['article_versions.id', 'article_versions.kind', 'article_versions.headline', 'article_versions.note', 'article_versions.created_at', 'articles.slug', 'sources.name'])
    .where('article_versions.state', '=', 'pending')
    .orderBy('article_versions.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind as VersionKind, headline: r.headline, note: r.note, createdAt: r.created_at, articleSlug: r.slug, sourceName: r.name }));
}

export async function setPublishAt(db: Db, articleId: number, at: Date | null): Promise<void> {
  await db.updateTable('articles').set({ publish_at: toUtcTimestampOrNull(at ? at.toISOString() : null) }).where('id', '=', articleId).execute();
}

export async function getPublishAt(db: Db, articleId: number): Promise<string | null> {
  const row = await db.selectFrom('articles').select('publish_at').where('id', '=', articleId).executeTakeFirst();
  return row?.publish_at ?? null;
}
