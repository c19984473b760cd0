// Posting a comment: size, origin, rate limit, CSRF token, validation, the spam defences, then the moderation
// decision. A refused or held comment is never public; an invalid one, or one sent too quickly, comes back with
// its text and a clear message, and nothing is stored. A form token serves one accepted post.
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { SiteDeps } from '../../http/deps.js';
import { getArticleBySlug } from '../../store/articles.js';
import { getSourceById } from '../../store/sources.js';
import {
  getComment,
  getCommentsCloseAfterDays,
  hasApprovedComment,
  insertComment,
  listLatestApprovedComments,
  trashCommentByAuthor,
  updateCommentBody,
} from '../../store/comments.js';
import { COMMENT_FEED_SIZE, renderCommentFeed } from '../../comments/comment-feed.js';
import { applySpamVerdict, type SpamCheckInput } from '../../comments/akismet.js';
import { renderEditForm } from '../../comments/edit-form.js';
import { commentWindow, type CommentWindow } from '../../comments/comment-window.js';
import { claimFormToken, pruneUsedFormTokens } from '../../store/form-tokens.js';
import { signCommenter, signEdit, verifyCommenter, verifyEdit, verifyFormToken } from '../../comments/csrf.js';
import { DEFAULT_COMMENT_LIMITS, validateCommentInput } from '../../comments/validate.js';
import { moderateComment, statusAfterEdit, submittedTooSoon, type ModerationRules, type ModerationStatus } from '../../comments/moderation.js';
import { renderCommentMarkdown } from '../../comments/markdown.js';
import { COMMENT_FIELDS } from '../../comments/form-fields.js';
import { clientIp, ipBucket, UNKNOWN_IP } from '../../comments/client-ip.js';
import { listCommentBlocks } from '../../store/comment-blocks.js';
import { postComesFromSite } from '../../comments/post-origin.js';
import { renderArticle } from './article.routes.js';
import { articlePath } from '../summaries.js';
import { renderErrorPage, renderNotFoundPage } from '../views/error-pages.js';
import type { Article, Comment } from '../../model/types.js';
import { cachedResponse } from '../http-cache.js';
import { siteDisplayName } from '../views/layout.js';
import { afterCommentStored, replyMailError } from '../../mail/comment-hooks.js';

const MAX_FORM_BYTES = 64 * 1024;
const FORM_TOKEN_MAX_AGE_SECONDS = 24 * 3600;
/** The returning commenter's proof (see `signCommenter`). */
const COMMENTER_COOKIE = 'convey_commenter';
const COMMENTER_COOKIE_DAYS = 180;
const PRUNE_SPENT_TOKENS_EVERY_MS = 60 * 60_000;

/** How long the author may edit or delete a comment after posting it. */
export const EDIT_WINDOW_SECONDS = 15 * 60;
/** Edit cookies read from one request: more are ignored (a reader posts a few comments in 15 minutes, not hundreds). */
const MAX_EDIT_COOKIES = 20;
const EDIT_COOKIE_PREFIX = 'convey_edit_';
export const EDIT_EXPIRED_MESSAGE = 'The time to edit or delete this comment has passed: it can be changed for 15 minutes after posting.';
export const EDIT_NOT_YOURS_MESSAGE = 'This comment can only be changed from the browser that posted it, for 15 minutes after posting.';

export const TOO_QUICK_MESSAGE = 'That was sent too quickly — please check it and send it again.';
export const FORM_ALREADY_USED_MESSAGE = 'This form has already sent a comment. Please check your text and send it again.';
/** A form sent without a token (JavaScript off) or with one that expired: the reader's text comes back with a fresh one. */
export const FORM_NEEDS_CONFIRMING_MESSAGE = 'Please check your comment and send it again to post it.';

/** What a refused form shows again: its fields, never longer than the field may be (a refused body is not echoed whole). */
function valuesToShow(form: Record<string, string | undefined>): Record<string, string> {
  const F = COMMENT_FIELDS;
  const limits: Record<string, number> = {
    [F.name]: DEFAULT_COMMENT_LIMITS.maxNameChars,
    [F.email]: DEFAULT_COMMENT_LIMITS.maxEmailChars,
    [F.url]: DEFAULT_COMMENT_LIMITS.maxUrlChars,
    [F.body]: DEFAULT_COMMENT_LIMITS.maxBodyChars,
    [F.parentId]: 16,
    [F.notifyReplies]: 2,
  };
  const shown: Record<string, string> = {};
  for (const [field, max] of Object.entries(limits)) {
    const value = form[field];
    if (typeof value === 'string') shown[field] = Array.from(value).slice(0, max).join('');
  }
  return shown;
}

/** Whether this article takes comments now: the site's switch and its source's comment window. */
export async function commentWindowOf(deps: SiteDeps, article: Article): Promise<CommentWindow> {
  return commentWindow({
    now: deps.now(),
    siteEnabled: deps.settings.current().comments.enabled,
    publishedAt: article.republishedAt ?? article.createdAt,
    closeAfterDays: await getCommentsCloseAfterDays(deps.store.db, article.sourceId),
  });
}

/**
 * The site's moderation rules, the moderators' block lists among them. Speed is judged before, where the reader is
 * told; here it would only store a comment as spam silently.
 */
async function siteRules(deps: SiteDeps): Promise<ModerationRules> {
  const rules = deps.settings.current().comments;
  const blocks = await listCommentBlocks(deps.store.db);
  return { minSecondsToSubmit: 0, maxLinks: rules.maxLinks, holdKeywords: rules.holdKeywords, denyKeywords: rules.denyKeywords, holdAll: rules.holdAll, blocks };
}

function editCookieName(commentId: number): string {
  return `${EDIT_COOKIE_PREFIX}${commentId}`;
}

export function editPath(article: Pick<Article, 'slug'>, commentId: number): string {
  return `${articlePath(article.slug)}/comments/${commentId}/edit`;
}

/**
 * The reader's own comments on this article that they may still edit, with their edit page: each valid edit
 * cookie names one. A page rendered with any is personal (the caller keeps it out of shared caches).
 */
export async function editableComments(c: Context, deps: SiteDeps, article: Article): Promise<Map<number, string>> {
  const now = deps.now();
  const ids = Object.entries(getCookie(c))
    .filter(([name]) => name.startsWith(EDIT_COOKIE_PREFIX))
    .slice(0, MAX_EDIT_COOKIES)
    .flatMap(([name, value]) => {
      const check = verifyEdit(deps.config.secret, value, { now });
      return check.ok && name === editCookieName(check.commentId) ? [check.commentId] : [];
    });
  const editable = new Map<number, string>();
  for (const id of ids.sort((a, b) => a - b)) {
    const comment = await getComment(deps.store.db, id);
    if (comment && comment.articleId === article.id && comment.status !== 'trash' && withinEditWindow(comment.createdAt, now)) editable.set(id, editPath(article, id));
  }
  return editable;
}

function withinEditWindow(createdAt: string, now: Date): boolean {
  return now.getTime() - Date.parse(createdAt) < EDIT_WINDOW_SECONDS * 1000;
}

function siteOrigins(c: Context, siteUrl: string): string[] {
  return [new URL(siteUrl).origin, new URL(c.req.url).origin];
}

export function registerCommentRoutes(app: Hono, deps: SiteDeps): void {
  let lastTokenPrune = -Infinity;

  // Checks the size as the body arrives, chunked bodies included; the answer never repeats the body.
  const limitSize = bodyLimit({ maxSize: MAX_FORM_BYTES, onError: (c) => c.text('The comment is too large.', 413) });

  app.post('/articles/:slug/comments', limitSize, async (c) => {
    const db = deps.store.db;
    const article = await getArticleBySlug(db, c.req.param('slug'));
    if (!article || article.pubStatus !== 'usable') return c.html(renderNotFoundPage(deps.site, c.req.path), 404);
    const source = await getSourceById(db, article.sourceId);
    if (!source) return c.html(renderNotFoundPage(deps.site, c.req.path), 404);
    // Every refusal is a page of the site with a way back to the article, not bare text.
    const refuse = (status: 403 | 409 | 413 | 422 | 429, title: string, message: string) =>
      c.html(renderErrorPage(deps.site, { title, message, backUrl: articlePath(article.slug), backLabel: 'Back to the article' }), status);
    const window = await commentWindowOf(deps, article);
    if (!window.open) {
      const since = window.closedAt ? ` Comments on this article closed on ${window.closedAt.toISOString().slice(0, 10)}.` : '';
      return refuse(403, 'Comments are closed', `Comments are closed.${since}`);
    }
    if (!postComesFromSite({ origin: c.req.header('origin'), referer: c.req.header('referer') }, siteOrigins(c, deps.site.url))) {
      return refuse(403, 'Comment refused', 'Comments can only be posted from this site.');
    }

    const remote = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress ?? '';
    const ip = clientIp(remote, c.req.header('x-forwarded-for') ?? null, deps.config.comments.trustedProxies);
    const bucket = ipBucket(ip);
    const now = deps.now();
    const limit = await deps.commentLimiter.hit(bucket, now);
    if (!limit.allowed) {
      c.header('Retry-After', String(limit.retryAfterSeconds));
      return refuse(429, 'Too many comments', `Too many comments from your network. Try again in ${limit.retryAfterSeconds} seconds.`);
    }

    const form = Object.fromEntries(
      Object.entries(await c.req.parseBody()).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]),
    ) as Record<string, string | undefined>;
    const sendBack = async (errors: Record<string, string>, status: 409 | 422) => {
      c.header('Cache-Control', 'no-store');
      return c.html(await renderArticle(deps, article, source, { errors, values: valuesToShow(form) }), status);
    };

    const givenToken = form[COMMENT_FIELDS.formToken] ?? '';
    const token = verifyFormToken(deps.config.secret, givenToken, { articleId: article.id, now, maxAgeSeconds: FORM_TOKEN_MAX_AGE_SECONDS });
    // The cached page carries no token (its script fetches one): without JavaScript, or after a day away, the
    // form comes back with the reader's text and a token, and the next send posts. Nothing is stored before.
    if (!token.ok && (givenToken === '' || token.reason === 'expired')) return sendBack({ form: FORM_NEEDS_CONFIRMING_MESSAGE }, 409);
    if (!token.ok) return refuse(403, 'The form has expired', `The form has expired or was not issued by this site (${token.reason}). Reload the page and try again.`);

    const checked = validateCommentInput(form, {});
    if (!checked.ok) return sendBack(checked.errors, 422);
    const input = checked.value;
    if (input.parentId !== null) {
      const parent = await getComment(db, input.parentId);
      if (!parent || parent.articleId !== article.id || parent.status !== 'approved') {
        return sendBack({ parent_id: 'The comment you replied to is not available.' }, 422);
      }
    }
    // Nothing is stored: a person reads why and sends it again; the new form carries a new render time.
    if (submittedTooSoon({ now, formRenderedAt: token.issuedAt }, deps.settings.current().comments.minSecondsToSubmit)) {
      return sendBack({ form: TOO_QUICK_MESSAGE }, 422);
    }
    const email = input.email ? input.email.toLowerCase() : null;
    const mailError = replyMailError(form, email);
    if (mailError) return sendBack(mailError, 422);
    if (email) {
      const authorLimit = await deps.authorLimiter.hit(email, now);
      if (!authorLimit.allowed) {
        c.header('Retry-After', String(authorLimit.retryAfterSeconds));
        return refuse(429, 'Too many comments', `You are commenting too fast. Try again in ${authorLimit.retryAfterSeconds} seconds.`);
      }
    }
    const returning = email ? await provenReturn(c, deps, { email, name: input.name, now }) : false;
    const localDecision = moderateComment(
      { name: input.name, email, url: input.url, body: input.body, ip, userAgent: c.req.header('user-agent') ?? null, honeypot: form[COMMENT_FIELDS.honeypot] ?? null },
      {
        now,
        formRenderedAt: token.issuedAt,
        hasApprovedComment: returning,
        knownAddressUnproven: email !== null && !returning && (await hasApprovedComment(db, email)),
      },
      await siteRules(deps),
    );
    // The outside check is asked only when the local rules left a doubt worth its call (not about spam already caught).
    const decision =
      deps.spamCheck && localDecision.status !== 'spam'
        ? applySpamVerdict(
            localDecision,
            await deps.spamCheck.check(spamCheckInput(c, deps, article, { name: input.name, email, url: input.url, body: input.body, ip })),
          )
        : localDecision;

    if (now.getTime() - lastTokenPrune >= PRUNE_SPENT_TOKENS_EVERY_MS) {
      lastTokenPrune = now.getTime();
      await pruneUsedFormTokens(db, now);
    }
    // Spending the token and storing the comment are one transaction: a token is spent only by a stored comment.
    const comment = await db.transaction().execute(async (tx) => {
      if (!(await claimFormToken(tx, token.tokenId, token.expiresAt))) return null;
      const stored = await insertComment(
        tx,
        {
          articleId: article.id,
          parentId: input.parentId,
          authorName: input.name,
          authorEmail: email,
          authorUrl: input.url,
          bodySource: input.body,
          bodyHtml: renderCommentMarkdown(input.body),
          status: decision.status,
          ipBucket: bucket,
          holdReason: decision.reasons.join('; ') || null,
        },
        now,
      );
      await afterCommentStored(tx, deps.jobs, stored, form, now);
      return stored;
    });
    if (!comment) return sendBack({ form: FORM_ALREADY_USED_MESSAGE }, 409);

    // The proof names the comment that made it; a trusted commenter keeps the proof that got them trusted
    // until a newer comment of theirs is approved.
    if (email && (!returning || decision.status === 'approved')) {
      setCommenterCookie(c, deps, { commentId: comment.id, email, name: input.name, now });
    }
    setEditCookie(c, deps, comment.id, now);
    return c.redirect(afterPostLocation(article, comment.id, decision.status), 303);
  });

  // The article's comment feed: approved comments only, newest first.
  app.get('/articles/:slug/comments.xml', async (c) => {
    const article = await getArticleBySlug(deps.store.db, c.req.param('slug'));
    if (!article || article.pubStatus !== 'usable') return c.html(renderNotFoundPage(deps.site, c.req.path), 404);
    const path = articlePath(article.slug);
    const xml = renderCommentFeed({
      siteName: siteDisplayName(deps.site),
      language: article.language || deps.site.language || 'en',
      articleUrl: `${deps.site.url}${path}`,
      headline: article.headline,
      selfUrl: `${deps.site.url}${commentFeedPath(article)}`,
      comments: await listLatestApprovedComments(deps.store.db, article.id, COMMENT_FEED_SIZE),
    });
    return cachedResponse(c, xml, 'application/atom+xml; charset=utf-8', 'public, max-age=300');
  });

  // The author's edit page and its two actions, for EDIT_WINDOW_SECONDS after posting, with the edit cookie.
  app.get('/articles/:slug/comments/:id/edit', async (c) => {
    const found = await ownComment(c, deps);
    if (!found.ok) return found.response;
    c.header('Cache-Control', 'private, no-store');
    return c.html(renderEditPage(deps, found.article, found.comment.id, found.comment.bodySource, found.editableUntil, null));
  });

  app.post('/articles/:slug/comments/:id/edit', limitSize, async (c) => {
    const found = await ownComment(c, deps);
    if (!found.ok) return found.response;
    const { article, comment } = found;
    c.header('Cache-Control', 'private, no-store');
    // Closed comments stay as they were when they closed: the author may still delete theirs, not rewrite it.
    if (!(await commentWindowOf(deps, article)).open) return refuseEdit(c, deps, article, 'Comments on this article are closed: your comment can be deleted, no longer changed.', 403);
    const form = await c.req.parseBody();
    const sent = typeof form[COMMENT_FIELDS.body] === 'string' ? (form[COMMENT_FIELDS.body] as string) : '';
    const checked = validateCommentInput({ [COMMENT_FIELDS.name]: comment.authorName, [COMMENT_FIELDS.body]: sent }, {});
    if (!checked.ok) {
      const shown = Array.from(sent).slice(0, DEFAULT_COMMENT_LIMITS.maxBodyChars).join('');
      const message = checked.errors[COMMENT_FIELDS.body] ?? Object.values(checked.errors)[0];
      return c.html(renderEditPage(deps, article, comment.id, shown, found.editableUntil, message), 422);
    }
    const remote = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress ?? '';
    const ip = clientIp(remote, c.req.header('x-forwarded-for') ?? null, deps.config.comments.trustedProxies);
    // Each saved edit counts like a new comment from the network: fifteen minutes of edits cannot flood the
    // moderators or the spam service.
    const limit = await deps.commentLimiter.hit(ipBucket(ip), deps.now());
    if (!limit.allowed) {
      c.header('Retry-After', String(limit.retryAfterSeconds));
      return c.html(renderEditPage(deps, article, comment.id, Array.from(sent).slice(0, DEFAULT_COMMENT_LIMITS.maxBodyChars).join(''), found.editableUntil, `Too many changes from your network. Try again in ${limit.retryAfterSeconds} seconds.`), 429);
    }
    const decision = moderateComment(
      { name: comment.authorName, email: comment.authorEmail, url: comment.authorUrl, body: checked.value.body, ip, userAgent: c.req.header('user-agent') ?? null },
      // The first-time rule judged the author when they posted; an approved comment shows they were let in.
      { now: deps.now(), formRenderedAt: null, hasApprovedComment: comment.status === 'approved' },
      // The block lists too: a blocked word added later makes an edited comment spam.
      await siteRules(deps),
    );
    // The outside check sees the new text too: an edit is where a published comment would grow its spam links.
    const checkedDecision =
      deps.spamCheck && decision.status !== 'spam'
        ? applySpamVerdict(decision, await deps.spamCheck.check(spamCheckInput(c, deps, article, { name: comment.authorName, email: comment.authorEmail, url: comment.authorUrl, body: checked.value.body, ip })))
        : decision;
    const status = statusAfterEdit(comment.status as ModerationStatus, checkedDecision);
    const reasons = checkedDecision.reasons.length ? `edited: ${checkedDecision.reasons.join('; ')}` : status === comment.status ? comment.holdReason : null;
    const saved = await updateCommentBody(deps.store.db, comment.id, { bodySource: checked.value.body, bodyHtml: renderCommentMarkdown(checked.value.body), status, holdReason: reasons });
    if (!saved) return refuseEdit(c, deps, article, 'This comment no longer exists.', 410);
    return c.redirect(afterPostLocation(article, comment.id, status), 303);
  });

  app.post('/articles/:slug/comments/:id/delete', limitSize, async (c) => {
    const found = await ownComment(c, deps);
    if (!found.ok) return found.response;
    await trashCommentByAuthor(deps.store.db, found.comment.id);
    deleteCookie(c, editCookieName(found.comment.id), { path: '/' });
    return c.redirect(`${articlePath(found.article.slug)}?comment=deleted#comments`, 303);
  });
}

/** What the outside spam check is told about a comment: the commenter's fields, the request, and where it is posted. */
function spamCheckInput(c: Context, deps: SiteDeps, article: Article, who: { name: string; email: string | null; url: string | null; body: string; ip: string }): SpamCheckInput {
  return {
    siteUrl: `${deps.site.url}/`,
    permalink: `${deps.site.url}${articlePath(article.slug)}`,
    ip: who.ip && who.ip !== UNKNOWN_IP ? who.ip : null,
    userAgent: c.req.header('user-agent') ?? null,
    referrer: c.req.header('referer') ?? null,
    name: who.name,
    email: who.email,
    url: who.url,
    body: who.body,
    language: article.language,
  };
}

export function commentFeedPath(article: Pick<Article, 'slug'>): string {
  return `${articlePath(article.slug)}/comments.xml`;
}

function renderEditPage(deps: SiteDeps, article: Article, commentId: number, body: string, editableUntil: Date, error: string | null): string {
  const path = editPath(article, commentId);
  return renderEditForm({ site: deps.site, headline: article.headline, articlePath: articlePath(article.slug), editUrl: path, deleteUrl: path.replace(/\/edit$/, '/delete'), body, editableUntil, error });
}

function refuseEdit(c: Context, deps: SiteDeps, article: Article | null, message: string, status: 403 | 404 | 410) {
  c.header('Cache-Control', 'private, no-store');
  return c.html(
    renderErrorPage(deps.site, { title: 'This comment cannot be changed', message, backUrl: article ? `${articlePath(article.slug)}#comments` : '/', backLabel: article ? 'Back to the article' : 'Front page' }),
    status,
  );
}

type OwnComment = { ok: true; article: Article; comment: Comment; editableUntil: Date } | { ok: false; response: Response };

/**
 * The comment of the address, when the request may change it: the article is published, the post comes from this
 * site, the request carries the comment's edit cookie, and the edit window is still open. Otherwise the answer
 * says which of these failed, in words.
 */
async function ownComment(c: Context, deps: SiteDeps): Promise<OwnComment> {
  const article = await getArticleBySlug(deps.store.db, c.req.param('slug') ?? '');
  const idText = c.req.param('id') ?? '';
  if (!article || article.pubStatus !== 'usable' || !/^[1-9]\d{0,14}$/.test(idText)) return { ok: false, response: c.html(renderNotFoundPage(deps.site, c.req.path), 404) };
  const comment = await getComment(deps.store.db, Number(idText));
  if (!comment || comment.articleId !== article.id || comment.status === 'trash') {
    return { ok: false, response: refuseEdit(c, deps, article, 'This comment no longer exists.', 404) };
  }
  if (c.req.method === 'POST' && !postComesFromSite({ origin: c.req.header('origin'), referer: c.req.header('referer') }, siteOrigins(c, deps.site.url))) {
    return { ok: false, response: refuseEdit(c, deps, article, 'Comments can only be changed from this site.', 403) };
  }
  const now = deps.now();
  const check = verifyEdit(deps.config.secret, getCookie(c, editCookieName(comment.id)), { now, commentId: comment.id });
  // The window counts from the comment's own time, so no token outlives it; and once it has passed the browser has
  // dropped the cookie, so "too late" is the true answer with or without one.
  if (!withinEditWindow(comment.createdAt, now)) return { ok: false, response: refuseEdit(c, deps, article, EDIT_EXPIRED_MESSAGE, 403) };
  if (!check.ok) return { ok: false, response: refuseEdit(c, deps, article, check.reason === 'expired' ? EDIT_EXPIRED_MESSAGE : EDIT_NOT_YOURS_MESSAGE, 403) };
  return { ok: true, article, comment, editableUntil: new Date(Math.min(check.expiresAt.getTime(), Date.parse(comment.createdAt) + EDIT_WINDOW_SECONDS * 1000)) };
}

/**
 * Where a stored comment sends the reader. The address names the comment, so it is one no browser has cached:
 * the page it gets is rendered anew, with a fresh form token, and a second comment from it posts.
 * Spam is answered like a held comment: nothing tells a spammer which rule caught it.
 */
function afterPostLocation(article: Article, commentId: number, status: 'approved' | 'pending' | 'spam'): string {
  const path = articlePath(article.slug);
  return status === 'approved' ? `${path}?comment=posted&c=${commentId}#comment-${commentId}` : `${path}?comment=pending&c=${commentId}#comments`;
}

/** The same commenter is back: their cookie names an approved comment of this address under this name. */
async function provenReturn(c: Context, deps: SiteDeps, who: { email: string; name: string; now: Date }): Promise<boolean> {
  const commentId = verifyCommenter(deps.config.secret, getCookie(c, COMMENTER_COOKIE), who);
  if (commentId === null) return false;
  const earlier = await getComment(deps.store.db, commentId);
  return earlier !== null && earlier.status === 'approved' && earlier.authorEmail === who.email && earlier.authorName === who.name;
}

function setEditCookie(c: Context, deps: SiteDeps, commentId: number, now: Date): void {
  const value = signEdit(deps.config.secret, { commentId, expiresAt: new Date(now.getTime() + EDIT_WINDOW_SECONDS * 1000) });
  setCookie(c, editCookieName(commentId), value, { httpOnly: true, sameSite: 'Strict', secure: deps.site.url.startsWith('https:'), path: '/', maxAge: EDIT_WINDOW_SECONDS });
}

function setCommenterCookie(c: Context, deps: SiteDeps, claims: { commentId: number; email: string; name: string; now: Date }): void {
  const maxAge = COMMENTER_COOKIE_DAYS * 24 * 3600;
  const value = signCommenter(deps.config.secret, { ...claims, expiresAt: new Date(claims.now.getTime() + maxAge * 1000) });
  setCookie(c, COMMENTER_COOKIE, value, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: deps.site.url.startsWith('https:'),
    path: '/',
    maxAge,
  });
}
