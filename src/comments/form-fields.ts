// The names of the comment form's fields: the renderer writes them, the validator and the route read them.

export const COMMENT_FIELDS = {
  name: 'name',
  email: 'email',
  url: 'url',
  body: 'body',
  parentId: 'parent_id',
  formToken: 'form_token',
  /** The "e-mail me replies" box (src/mail/comment-hooks.ts). */
  notifyReplies: 'notify_replies',
  /** The honeypot: a plausible name so form-filling bots fill it; people never see it. */
  honeypot: 'homepage',
} as const;

/** The query parameter of a "Reply" link (`?replyto=<id>#respond`). */
export const REPLY_TO_PARAM = 'replyto';
/** The query parameter of the comment page (`?cpage=2#comments`). */
export const COMMENT_PAGE_PARAM = 'cpage';
/** The query parameter of the thread order (`?csort=newest#comments`); oldest first without it. */
export const COMMENT_SORT_PARAM = 'csort';
