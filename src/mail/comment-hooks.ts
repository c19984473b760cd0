// What the comment routes call for mail: one check before a comment is stored, one call in the transaction that
// stores it. The commenter's address is used as given, not confirmed first (as WordPress does): only approved
// replies to an approved comment are ever mailed, and every mail stops all of them in one click.
import type { Transaction } from 'kysely';
import type { Schema } from '../store/schema.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Comment } from '../model/types.js';
import { addReplySubscription } from '../store/mail.js';
import { COMMENT_FIELDS } from '../comments/form-fields.js';
import { queueModerationNotices, queueReplyNotice } from './send-mail-job.js';

export const NOTIFY_NEEDS_EMAIL = 'Please enter your email address to get replies by e-mail.';

/** Whether the "e-mail me replies" box was ticked. */
export function wantsReplyMail(form: Record<string, string | undefined>): boolean {
  return form[COMMENT_FIELDS.notifyReplies] === 'on';
}

/** The form's error when the box is ticked without an address, else null. */
export function replyMailError(form: Record<string, string | undefined>, email: string | null): Record<string, string> | null {
  return wantsReplyMail(form) && !email ? { [COMMENT_FIELDS.email]: NOTIFY_NEEDS_EMAIL } : null;
}

/**
 * In the comment's own transaction: keep the request for reply mail, queue the notice of an approved reply, and
 * tell the moderators of a held one.
 */
export async function afterCommentStored(tx: Transaction<Schema>, jobs: JobQueue, comment: Comment, form: Record<string, string | undefined>, now: Date): Promise<void> {
  if (comment.authorEmail && wantsReplyMail(form)) await addReplySubscription(tx, comment.id, comment.authorEmail, now);
  await queueReplyNotice(tx, jobs, comment, now);
  await queueModerationNotices(tx, jobs, comment, now);
}
