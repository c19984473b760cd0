// Comments in the store.
import type { Kysely, Selectable } from 'kysely';
import type { CommentsTable, Schema } from './schema.js';
import type { Comment, CommentStatus } from '../model/types.js';

export function toComment(row: Selectable<CommentsTable>): Comment {
  return {
    id: row.id,
    articleId: row.article_id,
    parentId: row.parent_id,
    authorName: row.author_name,
    authorEmail: row.author_email,
    authorUrl: row.author_url,
    bodySource: row.body_source,
    bodyHtml: row.body_html,
    status: row.status as CommentStatus,
    ipBucket: row.ip_bucket,
    holdReason: row.hold_reason,
    createdAt: row.created_at,
  };
}

export async function insertComment(db: Kysely<Schema>, input: Omit<Comment, 'id' | 'createdAt'>, now = new Date()): Promise<Comment> {
  const row = await db
    .insertInto('comments')
    .values({
      article_id: input.articleId,
      parent_id: input.parentId,
      author_name: input.authorName,
      author_email: input.authorEmail,
      author_url: input.authorUrl,
      body_source: input.bodySource,
      body_html: input.bodyHtml,
      status: input.status,
      ip_bucket: input.ipBucket,
      hold_reason: input.holdReason,
      created_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toComment(row);
}

export async function getComment(db: Kysely<Schema>, id: number): Promise<Comment | null> {
  const row = await db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toComment(row) : null;
}

export async function listCommentsByStatus(db: Kysely<Schema>, articleId: number, status: CommentStatus): Promise<Comment[]> {
  const rows = await db.selectFrom('comments').selectAll().where('article_id', '=', articleId).where('status', '=', status).orderBy('created_at').orderBy('id').execute();
  return rows.map(toComment);
}

/** The comments with one status across the site, oldest first, with their article's slug (the moderators' lists). */
export async function listCommentsWithStatus(db: Kysely<Schema>, status: CommentStatus, limit = 500): Promise<(Comment & { articleSlug: string })[]> {
  const rows = await db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .selectAll('comments')
    .select('articles.slug')
    .where('comments.status', '=', status)
    .orderBy('comments.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...toComment(r), articleSlug: r.slug }));
}

export async function listPendingComments(db: Kysely<Schema>): Promise<(Comment & { articleSlug: string })[]> {
  return listCommentsWithStatus(db, 'pending');
}

export async function setCommentStatus(db: Kysely<Schema>, id: number, status: CommentStatus): Promise<boolean> {
  const result = await db.updateTable('comments').set({ status, hold_reason: null }).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** True when this email address already has an approved comment (WordPress's "previously approved" rule). */
export async function hasApprovedComment(db: Kysely<Schema>, email: string): Promise<boolean> {
  const row = await db.selectFrom('comments').select('id').where('author_email', '=', email.toLowerCase()).where('status', '=', 'approved').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The source's comment window in days (null: comments stay open). */
export async function getCommentsCloseAfterDays(db: Kysely<Schema>, sourceId: number): Promise<number | null> {
  const row = await db.selectFrom('sources').select('comments_close_after_days').where('id', '=', sourceId).executeTakeFirst();
  return row?.comments_close_after_days ?? null;
}

/** Sets the source's comment window; null leaves comments open. False when the source does not exist. */
export async function setCommentsCloseAfterDays(db: Kysely<Schema>, sourceId: number, days: number | null): Promise<boolean> {
  const result = await db.updateTable('sources').set({ comments_close_after_days: days }).where('id', '=', sourceId).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The approved comments of an article, newest first (its comment feed). */
export async function listLatestApprovedComments(db: Kysely<Schema>, articleId: number, limit: number): Promise<Comment[]> {
  const rows = await db
    .selectFrom('comments')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('status', '=', 'approved')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toComment);
}

/** The author's edit: the new text and the status the rules give it, with their reasons. False when it is gone. */
export async function updateCommentBody(
  db: Kysely<Schema>,
  id: number,
  edit: { bodySource: string; bodyHtml: string; status: CommentStatus; holdReason: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('comments')
    .set({ body_source: edit.bodySource, body_html: edit.bodyHtml, status: edit.status, hold_reason: edit.holdReason })
    .where('id', '=', id)
    .where('status', '!=', 'trash')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The author deleted their comment: it leaves the page and the feeds, and moderators see why. False when already gone. */
export async function trashCommentByAuthor(db: Kysely<Schema>, id: number): Promise<boolean> {
  const result = await db.updateTable('comments').set({ status: 'trash', hold_reason: 'deleted by its author' }).where('id', '=', id).where('status', '!=', 'trash').executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
