// A comment as moderators see it in the CLI and the admin API: zero-width and bidi control characters removed
// from the name and the text (stored before they were refused, or smuggled in a way not yet known), so that a
// moderator reads what a reader would see and no name hides a word or reverses the line around it.
import type { Comment } from '../model/types.js';
import { stripInvisibleControls } from './text-normalize.js';

export function forModerators<C extends Comment>(comment: C): C {
  return {
    ...comment,
    authorName: stripInvisibleControls(comment.authorName, { line: true }),
    bodySource: stripInvisibleControls(comment.bodySource),
  };
}
