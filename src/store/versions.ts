// Reading one stored version for the fidelity check: its text (headline and sanitised body) by id.
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from './schema.js';

type Db = Kysely<Schema> | Transaction<Schema>;

export interface VersionText {
  id: number;
  articleId: number;
  headline: string;
  bodyHtml: string;
  createdAt: string;
}

export async function getVersionById(db: Db, id: number): Promise<VersionText | null> {
  const row = await db
    .selectFrom('article_versions')
    .select(['id', 'article_id', 'headline', 'body_html', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { id: row.id, articleId: row.article_id, headline: row.headline, bodyHtml: row.body_html, createdAt: row.created_at } : null;
}

/** Version kinds whose text came from the source (an editor's `edit` did not). */
export const SOURCE_VERSION_KINDS = ['original', 'update', 'correction'] as const;

export interface SourceText {
  versionId: number;
  headline: string;
  bodyHtml: string;
  /** The text extracted from the page as the source served it, when the version was taken from a page. */
  snapshotText: string | null;
}

/** The newest text the source served for an article (whatever the version's state), with its snapshot's text. */
export async function getLatestSourceText(db: Db, articleId: number): Promise<SourceText | null> {
  const version = await db
    .selectFrom('article_versions')
    .select(['id', 'headline', 'body_html'])
    .where('article_id', '=', articleId)
    .where('kind', 'in', [...SOURCE_VERSION_KINDS])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!version) return null;
  const snapshot = await db
    .selectFrom('source_snapshots')
    .select('source_text')
    .where('version_id', '=', version.id)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return { versionId: version.id, headline: version.headline, bodyHtml: version.body_html, snapshotText: snapshot?.source_text ?? null };
}

/** The note of the editor's latest edit of an article, if it was edited. */
export async function getLatestEditNote(db: Db, articleId: number): Promise<string | null> {
  const row = await db
    .selectFrom('article_versions')
    .select('note')
    .where('article_id', '=', articleId)
    .where('kind', '=', 'edit')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.note ?? null;
}
