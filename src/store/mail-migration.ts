// Migration 0045: what reply notifications need. A commenter's request for e-mail about replies is kept beside
// their comment (gone with it); the reply whose notice was queued is remembered, so approving a reply again
// (after an unapprove) never mails the same notice twice.
import type { Kysely } from 'kysely';

export async function replyNotifications(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reply_subscriptions')
    .addColumn('comment_id', 'integer', (c) => c.primaryKey().references('comments.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('unsubscribed_at', 'text')
    .execute();
  await db.schema.createIndex('reply_subscriptions_by_email').on('reply_subscriptions').columns(['email']).execute();
  await db.schema
    .createTable('reply_notices')
    .addColumn('reply_id', 'integer', (c) => c.primaryKey().references('comments.id').onDelete('cascade'))
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .execute();
}
