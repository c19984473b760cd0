// The comments section of an article page: the approved threads, the "Leave a Reply" form and its notices.
// Works without JavaScript: "Reply" is a link that re-renders the page with the form aimed at that comment.
//
// Trust: only approved comments are passed in (anything else is shown as "[removed]"), and `bodyHtml` was
// sanitised when it was written, so it is inserted as is (`raw`). Every other value (names, URLs, dates, form
// values, messages) goes through the `html` template, which escapes it; author links are re-checked for an
// http(s) scheme even though validation already did.
import { absoluteUrl } from '../clean/sanitize.js';
import { html, join, raw, type HtmlValue, type SafeHtml } from '../site/html.js';
import type { Comment } from '../model/types.js';
import { COMMENT_FIELDS, COMMENT_PAGE_PARAM, COMMENT_SORT_PARAM, REPLY_TO_PARAM } from './form-fields.js';
import { MAIL_PATHS } from '../mail/mail-links.js';
import { COMMENT_LINK_REL } from './markdown.js';
import { countComments, type ThreadNode, type ThreadSort } from './thread.js';
import { DEFAULT_COMMENT_LIMITS } from './validate.js';
import { stripInvisibleControls } from './text-normalize.js';

export interface CommentsSectionData {
  articleId: number;
  /** The article's path on this site (`/news/some-slug`), used for Reply and page links. */
  articlePath: string;
  /** The threads of the current page, from buildThread / paginateThreads. */
  threads: ThreadNode[];
  formToken: string;
  /** Where the form posts. */
  postUrl: string;
  notice?: 'pending' | 'posted' | 'deleted' | null;
  /** Messages keyed by field name (from validateCommentInput); other keys are shown in the summary only. */
  errors?: Record<string, string>;
  /** Values to put back in the form after an error, keyed by field name. */
  values?: Record<string, string>;
  commentsOpen: boolean;
  /** The current comment page (1-based). */
  page?: number;
  /** Whether a later page exists. */
  hasMore?: boolean;
  /** The order of the threads (`?csort=`); oldest first by default. Page and reply links keep it. */
  sort?: ThreadSort;
  /** The comment feed of this article (Atom), linked from the section. */
  feedUrl?: string | null;
  /**
   * The reader's own comments that they may still edit (their edit cookie is valid), with the address of the edit
   * page. A page that passes any is personal and must not be served from a shared cache.
   */
  editable?: ReadonlyMap<number, string>;
  /** The comment being answered (from `?replyto=`); ignored unless it is among the threads shown. */
  replyTo?: number | null;
  /** Comments across all pages, for the heading; defaults to the comments passed in. */
  totalComments?: number;
  /** Date display; defaults `en-GB` and `UTC`. */
  locale?: string;
  timeZone?: string;
  /** For the fields' maxlength; default to the validator's defaults. */
  maxBodyChars?: number;
  maxNameChars?: number;
}

/**
 * CSS that hides the honeypot from sighted people. It must be in the site's stylesheet: a `style` attribute
 * would be blocked by a strict Content-Security-Policy, and the field would show. If the stylesheet fails to
 * load, the field's label asks people to leave it empty.
 */
export const COMMENTS_HONEYPOT_CSS = '.comment-form-homepage{position:absolute!important;left:-10000px!important;top:auto;width:1px;height:1px;overflow:hidden}';

const FIELD_ID_PREFIX = 'comment-field-';

export function renderCommentsSection(data: CommentsSectionData): string {
  const articlePath = siteUrl(data.articlePath, 'articlePath');
  const postUrl = siteUrl(data.postUrl, 'postUrl');
  const page = data.page && data.page > 1 ? Math.floor(data.page) : 1;
  const dates = dateFormatter(data.locale ?? 'en-GB', data.timeZone ?? 'UTC');
  const sort: ThreadSort = data.sort === 'newest' ? 'newest' : 'oldest';
  const editable = data.editable ?? new Map<number, string>();
  const ctx: RenderContext = { articlePath, page, dates, commentsOpen: data.commentsOpen, sort, editable };

  const count = data.totalComments ?? countComments(data.threads);
  // The count heads the thread; with no comment yet there is no heading over nothing, and the section is named by
  // the form's own "Leave a Reply".
  const title = count === 0 ? null : `${count} ${count === 1 ? 'comment' : 'comments'}`;
  const notice =
    data.notice === 'pending'
      ? html`<p class="comment-notice comment-notice-pending" role="status">Your comment is awaiting moderation.${pendingEditLink(data)}</p>`
      : data.notice === 'posted'
        ? html`<p class="comment-notice comment-notice-posted" role="status">Thank you: your comment has been published.</p>`
        : data.notice === 'deleted'
          ? html`<p class="comment-notice comment-notice-deleted" role="status">Your comment has been deleted.</p>`
          : null;
  const parts: HtmlValue[] = [
    title || !data.commentsOpen
      ? html`<section id="comments" class="comments" ${title ? raw('aria-labelledby="comments-title"') : raw('aria-label="Comments"')}>`
      : html`<section id="comments" class="comments" aria-labelledby="reply-title">`,
    title ? html`<h2 id="comments-title" class="comments-title">${title}</h2>` : null,
    notice,
    count > 1 ? renderSortLinks(ctx) : null,
    data.threads.length ? html`<ol class="comment-list">${data.threads.map((node) => renderNode(node, ctx))}</ol>` : null,
    renderPagination(ctx, data.hasMore === true),
    data.commentsOpen ? renderForm(data, ctx, postUrl) : html`<p class="comments-closed">Comments are closed.</p>`,
    data.feedUrl ? html`<p class="comments-feed"><a href="${siteUrl(data.feedUrl, 'feedUrl')}" type="application/atom+xml">Comments feed (Atom)</a></p>` : null,
    html`</section>`,
  ];
  return join(parts.filter(Boolean), '\n').toString();
}

interface RenderContext {
  articlePath: string;
  page: number;
  dates: Intl.DateTimeFormat;
  commentsOpen: boolean;
  sort: ThreadSort;
  editable: ReadonlyMap<number, string>;
}

/** "Edit" beside the notice of one's own held comment, which the thread does not show. */
function pendingEditLink(data: CommentsSectionData): SafeHtml | null {
  // The held comment is the reader's editable one that the thread does not show; the latest if several.
  const entries = [...(data.editable ?? new Map<number, string>()).entries()].filter(([id]) => !findReplyTarget(data.threads, id)).sort(([a], [b]) => a - b);
  if (!entries.length) return null;
  const [, href] = entries[entries.length - 1];
  return html` <a class="comment-edit-link" href="${siteUrl(href, 'edit link')}">Edit or delete your comment</a> (for 15 minutes after posting).`;
}

/** Oldest / newest first, as plain links (no script): the current order is marked, not linked. */
function renderSortLinks(ctx: RenderContext): SafeHtml {
  const option = (sort: ThreadSort, label: string) =>
    ctx.sort === sort
      ? html`<span aria-current="true">${label}</span>`
      : html`<a href="${pageHref(ctx.articlePath, { [COMMENT_PAGE_PARAM]: null, [COMMENT_SORT_PARAM]: sort === 'oldest' ? null : sort }, 'comments')}" rel="nofollow">${label}</a>`;
  return html`<nav class="comments-sort" aria-label="Comment order">Sort: ${option('oldest', 'Oldest first')} · ${option('newest', 'Newest first')}</nav>`;
}

function renderNode(node: ThreadNode, ctx: RenderContext): SafeHtml {
  const children = node.children.length ? html`<ol class="children">${node.children.map((child) => renderNode(child, ctx))}</ol>` : null;
  // Only approved comments should arrive here; should a pending or spam one slip through a query, it is shown as
  // removed rather than published (pending comments must never be public).
  if (!node.comment || node.comment.status !== 'approved') {
    return html`<li class="comment comment-removed depth-${node.depth}"><p class="comment-removed-note">[removed]</p>${children}</li>`;
  }
  // Names and bodies stored before zero-width and bidi controls were refused are shown without them too.
  const c = { ...node.comment, authorName: shownName(node.comment.authorName), bodyHtml: stripInvisibleControls(node.comment.bodyHtml) };
  const inReplyTo = node.inReplyTo
    ? html`<p class="comment-in-reply-to">In reply to ${
        node.inReplyTo.authorName !== null ? html`<a href="#comment-${node.inReplyTo.id}">${shownName(node.inReplyTo.authorName)}</a>` : 'a removed comment'
      }</p>`
    : null;
  const editHref = ctx.editable.get(c.id);
  const edit = editHref ? html` <a class="comment-edit-link" href="${siteUrl(editHref, 'edit link')}">Edit</a>` : null;
  const reply =
    ctx.commentsOpen || edit
      ? html`<p class="comment-reply">${ctx.commentsOpen ? html`<a class="comment-reply-link" href="${replyHref(ctx, c.id)}" aria-label="Reply to ${c.authorName}">Reply</a>` : null}${edit}</p>`
      : null;
  return html`<li id="comment-${c.id}" class="comment depth-${node.depth}"><article class="comment-body"><footer class="comment-meta"><span class="comment-author">${authorHtml(c)}</span> <a class="comment-permalink" href="#comment-${c.id}">${timeHtml(c.createdAt, ctx.dates)}</a></footer>${inReplyTo}<div class="comment-content">${raw(c.bodyHtml)}</div>${reply}</article>${children}</li>`;
}

function shownName(name: string): string {
  return stripInvisibleControls(name, { line: true });
}

function authorHtml(c: Comment): SafeHtml {
  const url = c.authorUrl ? absoluteUrl(c.authorUrl, undefined, false) : null;
  return url ? html`<a class="url" href="${url}" rel="${COMMENT_LINK_REL}">${c.authorName}</a>` : html`${c.authorName}`;
}

function timeHtml(iso: string, dates: Intl.DateTimeFormat): SafeHtml {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return html`<time>${iso}</time>`;
  return html`<time datetime="${date.toISOString()}">${dates.format(date)}</time>`;
}

function renderPagination(ctx: RenderContext, hasMore: boolean): SafeHtml | null {
  if (ctx.page <= 1 && !hasMore) return null;
  const links: SafeHtml[] = [];
  // The next page holds newer threads when the oldest come first, older ones when the newest do.
  const [previousLabel, nextLabel] = ctx.sort === 'newest' ? ['Newer comments', 'Older comments'] : ['Older comments', 'Newer comments'];
  const sortParam = { [COMMENT_SORT_PARAM]: ctx.sort === 'newest' ? 'newest' : null };
  if (ctx.page > 1) {
    const href = pageHref(ctx.articlePath, { ...sortParam, [COMMENT_PAGE_PARAM]: ctx.page - 1 > 1 ? String(ctx.page - 1) : null }, 'comments');
    links.push(html`<a class="comments-previous" href="${href}" rel="prev">${previousLabel}</a>`);
  }
  if (hasMore) {
    const href = pageHref(ctx.articlePath, { ...sortParam, [COMMENT_PAGE_PARAM]: String(ctx.page + 1) }, 'comments');
    links.push(html`<a class="comments-next" href="${href}" rel="next">${nextLabel}</a>`);
  }
  return html`<nav class="comments-pagination" aria-label="Comment pages">${join(links, ' ')}</nav>`;
}

function renderForm(data: CommentsSectionData, ctx: RenderContext, postUrl: string): SafeHtml {
  const F = COMMENT_FIELDS;
  const values = data.values ?? {};
  const errors = data.errors ?? {};
  const target = findReplyTarget(data.threads, data.replyTo ?? parseId(values[F.parentId]));

  const title = target
    ? html`<h2 id="reply-title" class="comment-reply-title">Reply to ${shownName(target.authorName)} <small><a rel="nofollow" id="cancel-comment-reply-link" href="${pageHref(ctx.articlePath, pageParams(ctx), 'respond')}">Cancel reply</a></small></h2>`
    : html`<h2 id="reply-title" class="comment-reply-title">Leave a Reply</h2>`;

  const maxBody = data.maxBodyChars ?? DEFAULT_COMMENT_LIMITS.maxBodyChars;
  const maxName = data.maxNameChars ?? DEFAULT_COMMENT_LIMITS.maxNameChars;

  const body = values[F.body] ?? '';
  // The HTML parser drops one newline right after <textarea>: add one so a value starting with a blank line survives.
  const leadingNewline = body.startsWith('\n') ? '\n' : '';
  const fields = [
    html`<p class="comment-form-comment"><label for="${fieldId(F.body)}">Comment <span class="required">*</span></label><textarea id="${fieldId(F.body)}" name="${F.body}" cols="45" rows="8" maxlength="${maxBody}" required${invalid(F.body, errors)}>${leadingNewline}${body}</textarea>${fieldError(F.body, errors)}</p>`,
    input(F.name, 'Name', values, errors, { required: true, autocomplete: 'name', maxlength: maxName }),
    input(F.email, 'Email (not published)', values, errors, { type: 'email', autocomplete: 'email', maxlength: DEFAULT_COMMENT_LIMITS.maxEmailChars }),
    input(F.url, 'Website', values, errors, { inputmode: 'url', autocomplete: 'url', maxlength: DEFAULT_COMMENT_LIMITS.maxUrlChars }),
    html`<p class="comment-form-notify"><input id="${fieldId(F.notifyReplies)}" name="${F.notifyReplies}" type="checkbox" value="on"${values[F.notifyReplies] === 'on' ? html` checked` : null}> <label for="${fieldId(F.notifyReplies)}">E-mail me replies to my comment</label> <a class="comment-form-your-data" href="${MAIL_PATHS.dataRequest}">Your comments: export or erase</a></p>`,
    // The honeypot: hidden by COMMENTS_HONEYPOT_CSS, out of the tab order and of the accessibility tree, never refilled.
    html`<p class="comment-form-homepage" aria-hidden="true"><label for="${fieldId(F.honeypot)}">Leave this field empty</label><input id="${fieldId(F.honeypot)}" name="${F.honeypot}" type="text" value="" tabindex="-1" autocomplete="off"></p>`,
    html`<input type="hidden" name="${F.parentId}" value="${target ? target.id : ''}">`,
    html`<input type="hidden" name="${F.formToken}" value="${data.formToken}">`,
    html`<p class="form-submit"><button type="submit" class="submit">Post Comment</button></p>`,
  ];

  return html`<div id="respond" class="comment-respond">${title}<form method="post" action="${postUrl}" id="commentform" class="comment-form"><p class="comment-notes">Your email address will not be published. Required fields are marked <span class="required">*</span></p>${renderErrorSummary(errors)}${fields}</form></div>`;
}

interface InputOptions {
  type?: 'text' | 'email';
  required?: boolean;
  autocomplete: string;
  inputmode?: string;
  maxlength: number;
}

function input(name: string, label: string, values: Record<string, string>, errors: Record<string, string>, o: InputOptions): SafeHtml {
  const id = fieldId(name);
  const required = o.required ? html` <span class="required">*</span>` : null;
  const inputmode = o.inputmode ? html` inputmode="${o.inputmode}"` : null;
  const requiredAttr = o.required ? html` required` : null;
  return html`<p class="comment-form-${name}"><label for="${id}">${label}${required}</label><input id="${id}" name="${name}" type="${o.type ?? 'text'}" value="${values[name] ?? ''}" maxlength="${o.maxlength}" autocomplete="${o.autocomplete}"${inputmode}${requiredAttr}${invalid(name, errors)}>${fieldError(name, errors)}</p>`;
}

function renderErrorSummary(errors: Record<string, string>): SafeHtml | null {
  const entries = Object.entries(errors);
  if (!entries.length) return null;
  const known = new Set<string>(Object.values(COMMENT_FIELDS));
  const items = entries.map(([field, message]) =>
    known.has(field) && field !== COMMENT_FIELDS.honeypot && field !== COMMENT_FIELDS.formToken && field !== COMMENT_FIELDS.parentId
      ? html`<li><a href="#${fieldId(field)}">${message}</a></li>`
      : html`<li>${message}</li>`,
  );
  return html`<div class="comment-errors" role="alert"><p>Your comment was not posted:</p><ul>${items}</ul></div>`;
}

function invalid(name: string, errors: Record<string, string>): SafeHtml | null {
  return errors[name] ? html` aria-invalid="true" aria-describedby="${fieldId(name)}-error"` : null;
}

function fieldError(name: string, errors: Record<string, string>): SafeHtml | null {
  return errors[name] ? html`<span id="${fieldId(name)}-error" class="field-error">${errors[name]}</span>` : null;
}

function fieldId(name: string): string {
  return `${FIELD_ID_PREFIX}${name.replace(/[^a-z0-9_-]/gi, '')}`;
}

function findReplyTarget(threads: readonly ThreadNode[], id: number | null): Comment | null {
  if (id === null) return null;
  const stack = [...threads];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.comment && node.comment.id === id) return node.comment;
    stack.push(...node.children);
  }
  return null;
}

function parseId(value: string | undefined): number | null {
  return value && /^[1-9]\d{0,14}$/.test(value) ? Number(value) : null;
}

function pageParams(ctx: RenderContext): Record<string, string | null> {
  return { [COMMENT_PAGE_PARAM]: ctx.page > 1 ? String(ctx.page) : null, [COMMENT_SORT_PARAM]: ctx.sort === 'newest' ? 'newest' : null };
}

function replyHref(ctx: RenderContext, commentId: number): string {
  return pageHref(ctx.articlePath, { ...pageParams(ctx), [REPLY_TO_PARAM]: String(commentId) }, 'respond');
}

/** The article path with these query parameters set (null removes one) and a fragment. */
function pageHref(articlePath: string, params: Record<string, string | null>, fragment: string): string {
  const hashless = articlePath.split('#')[0];
  const q = hashless.indexOf('?');
  const path = q === -1 ? hashless : hashless.slice(0, q);
  const search = new URLSearchParams(q === -1 ? '' : hashless.slice(q + 1));
  for (const [key, value] of Object.entries(params)) {
    if (value === null) search.delete(key);
    else search.set(key, value);
  }
  const query = search.toString();
  return `${path}${query ? `?${query}` : ''}#${fragment}`;
}

/** A path on this site (`/…`, not `//…`) or an absolute http(s) URL; anything else is a programming error. */
function siteUrl(value: string, name: string): string {
  if (/^\/(?![/\\])/.test(value) || absoluteUrl(value, undefined, false) !== null) return value;
  throw new Error(`${name} must be a path on this site or an http(s) URL, got "${value}".`);
}

// Building an Intl.DateTimeFormat costs more than rendering a whole thread: keep one per locale and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormatter(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone });
    if (formatters.size < 64) formatters.set(key, formatter);
  }
  return formatter;
}
