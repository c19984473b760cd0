// Reply subscriptions, queued notices, and a commenter's comments by address (export and erase).
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from './schema.js';
import { toComment } from './comments.js';
import type { Comment } from '../model/types.js';

type Db = Kysely<Schema> | Transaction<Schema>;

export interface ReplySubscription {
  commentId: number;
  email: string;
  createdAt: string;
  unsubscribedAt: string | null;
}

export async function addReplySubscription(db: Db, commentId: number, email: string, now: Date): Promise<void> {
  await db
    .insertInto('reply_subscriptions')
    .values({ comment_id: commentId, email: email.toLowerCase(), created_at: now.toISOString(), unsubscribed_at: null })
    .onConflict((oc) => oc.column('comment_id').doNothing())
    .execute();
}

export async function getReplySubscription(db: Db, commentId: number): Promise<ReplySubscription | null> {
  const row = await db.selectFrom('reply_subscriptions').selectAll().where('comment_id', '=', commentId).executeTakeFirst();
  return row ? { commentId: row.comment_id, email: row.email, createdAt: row.created_at, unsubscribedAt: row.unsubscribed_at } : null;
}

/**
 * Stops every notice this address asked for until now (the link in one mail stops them all: someone who wants
 * no more mail should not have to find every comment). Asking again on a later comment subscribes anew.
 */
export async function unsubscribeAddress(db: Db, email: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('reply_subscriptions')
    .set({ unsubscribed_at: now.toISOString() })
    .where('email', '=', email.toLowerCase())
    .where('unsubscribed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Records that the notice of this reply is queued; false when it already was (approved twice). */
export async function claimReplyNotice(db: Db, replyId: number, now: Date): Promise<boolean> {
  const result = await db
    .insertInto('reply_notices')
    .values({ reply_id: replyId, queued_at: now.toISOString() })
    .onConflict((oc) => oc.column('reply_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export interface AddressComment extends Comment {
  articleSlug: string;
  articleHeadline: string;
}

/** Every comment stored with this address, whatever its status, oldest first, with its article. */
export async function listCommentsOfAddress(db: Db, email: string): Promise<AddressComment[]> {
  const rows = await db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .selectAll('comments')
    .select(['articles.slug', 'articles.headline'])
    .where('comments.author_email', '=', email.toLowerCase())
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .execute();
  return rows.map((r) => ({ ...toComment(r), articleSlug: r.slug, articleHeadline: r.headline }));
}

export async function countCommentsOfAddress(db: Db, email: string): Promise<number> {
  const row = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('author_email', '=', email.toLowerCase())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface ErasedText {
  authorName: string;
  bodySource: string;
  bodyHtml: string;
}

/**
 * Anonymises every comment of this address in place: name, address, website, network and text are replaced,
 * the row stays, so the replies of others keep their place in the thread. The address's subscriptions and its
 * rate-limit log go too. One transaction; returns how many comments were erased.
 */
export async function eraseCommentsOfAddress(db: Kysely<Schema>, email: string, erased: ErasedText): Promise<number> {
  const address = email.toLowerCase();
  return db.transaction().execute(async (tx) => {
    await tx.deleteFrom('reply_subscriptions').where('email', '=', address).execute();
    await tx.deleteFrom('rate_limits').where('key', '=', address).execute();
    const result = await tx
      .updateTable('comments')
      .set({
        author_name: erased.authorName,
        author_email: null,
        author_url: null,
        body_source: erased.bodySource,
        body_html: erased.bodyHtml,
        ip_bucket: null,
        hold_reason: null,
      })
      .where('author_email', '=', address)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  });
}
