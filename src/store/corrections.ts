// The corrections editors add to an article: a note readers see on the page with its date. The text of the
// article is not touched (an editor who changes the text makes an edit, article-actions.ts).
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from './schema.js';

type Db = Kysely<Schema> | Transaction<Schema>;

export interface ArticleCorrection {
  id: number;
  articleId: number;
  note: string;
  addedBy: string;
  createdAt: string;
}

export async function addCorrection(db: Db, input: { articleId: number; note: string; addedBy: string }, now: Date): Promise<ArticleCorrection> {
  const row = await db
    .insertInto('article_corrections')
    .values({ article_id: input.articleId, note: input.note, added_by: input.addedBy, created_at: now.toISOString() })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { id: row.id, articleId: row.article_id, note: row.note, addedBy: row.added_by, createdAt: row.created_at };
}

/** An article's corrections, newest first. */
export async function listCorrections(db: Db, articleId: number): Promise<ArticleCorrection[]> {
  const rows = await db.selectFrom('article_corrections').selectAll().where('article_id', '=', articleId).orderBy('id', 'desc').execute();
  return rows.map((row) => ({ id: row.id, articleId: row.article_id, note: row.note, addedBy: row.added_by, createdAt: row.created_at }));
}
