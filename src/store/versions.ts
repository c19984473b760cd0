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
