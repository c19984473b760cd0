// The statuses a comment can have, as moderators name them in the CLI and the admin API.
import type { CommentStatus } from '../model/types.js';

export const COMMENT_STATUSES: readonly CommentStatus[] = ['pending', 'approved', 'spam', 'trash'];

/** The status named by `text`, or null when it names none. */
export function parseCommentStatus(text: string): CommentStatus | null {
  return (COMMENT_STATUSES as readonly string[]).includes(text) ? (text as CommentStatus) : null;
}
