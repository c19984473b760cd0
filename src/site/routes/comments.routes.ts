// Posting a comment: size, origin, rate limit, CSRF token, validation, the spam defences, then the moderation
// decision. A refused or held comment is never public; an invalid one, or one sent too quickly, comes back with
// its text and a clear message, and nothing is stored. A form token serves one accepted post.
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import type { SiteDeps } from '../../http/deps.js';
import { getArticleBySlug } from '../../store/articles.js';
import { getSourceById } from '../../store/sources.js';
import { getComment, hasApprovedComment, insertComment } from '../../store/comments.js';
import { claimFormToken, pruneUsedFormTokens } from '../../store/form-tokens.js';
import { signCommenter, verifyCommenter, verifyFormToken } from '../../comments/csrf.js';
import { DEFAULT_COMMENT_LIMITS, validateCommentInput } from '../../comments/validate.js';
import { moderateComment, submittedTooSoon } from '../../comments/moderation.js';
import { renderCommentMarkdown } from '../../comments/markdown.js';
import { COMMENT_FIELDS } from '../../comments/form-fields.js';
import { clientIp, ipBucket } from '../../comments/client-ip.js';
import { postComesFromSite } from '../../comments/post-origin.js';
import { renderArticle } from './article.routes.js';
import { articlePath } from '../summaries.js';
import { renderErrorPage, renderNotFoundPage } from '../views/error-pages.js';
import type { Article } from '../../model/types.js';

const MAX_FORM_BYTES = 64 * 1024;
const FORM_TOKEN_MAX_AGE_SECONDS = 24 * 3600;
/** The returning commenter's proof (see `signCommenter`). */
const COMMENTER_COOKIE = 'convey_commenter';
const COMMENTER_COOKIE_DAYS = 180;
const PRUNE_SPENT_TOKENS_EVERY_MS = 60 * 60_000;

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
  };
  const shown: Record<string, string> = {};
  for (const [field, max] of Object.entries(limits)) {
    const value = form[field];
    if (typeof value === 'string') shown[field] = Array.from(value).slice(0, max).join('');
  }
  return shown;
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
    if (!deps.config.comments.enabled) return refuse(403, 'Comments are closed', 'Comments are closed.');
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
    if (submittedTooSoon({ now, formRenderedAt: token.issuedAt }, deps.config.comments.minSecondsToSubmit)) {
      return sendBack({ form: TOO_QUICK_MESSAGE }, 422);
    }
    const email = input.email ? input.email.toLowerCase() : null;
    if (email) {
      const authorLimit = await deps.authorLimiter.hit(email, now);
      if (!authorLimit.allowed) {
        c.header('Retry-After', String(authorLimit.retryAfterSeconds));
        return refuse(429, 'Too many comments', `You are commenting too fast. Try again in ${authorLimit.retryAfterSeconds} seconds.`);
      }
    }
    const returning = email ? await provenReturn(c, deps, { email, name: input.name, now }) : false;
    const decision = moderateComment(
      { name: input.name, email, url: input.url, body: input.body, ip, userAgent: c.req.header('user-agent') ?? null, honeypot: form[COMMENT_FIELDS.honeypot] ?? null },
      {
        now,
        formRenderedAt: token.issuedAt,
        hasApprovedComment: returning,
        knownAddressUnproven: email !== null && !returning && (await hasApprovedComment(db, email)),
      },
      {
        // Speed was judged above, where the reader is told; here it would only store a comment as spam silently.
        minSecondsToSubmit: 0,
        maxLinks: deps.config.comments.maxLinks,
        holdKeywords: deps.config.comments.holdKeywords,
        denyKeywords: deps.config.comments.denyKeywords,
        holdAll: deps.config.comments.holdAll,
      },
    );

    if (now.getTime() - lastTokenPrune >= PRUNE_SPENT_TOKENS_EVERY_MS) {
      lastTokenPrune = now.getTime();
      await pruneUsedFormTokens(db, now);
    }
    // Spending the token and storing the comment are one transaction: a token is spent only by a stored comment.
    const comment = await db.transaction().execute(async (tx) => {
      if (!(await claimFormToken(tx, token.tokenId, token.expiresAt))) return null;
      return insertComment(
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
    });
    if (!comment) return sendBack({ form: FORM_ALREADY_USED_MESSAGE }, 409);

    // The proof names the comment that made it; a trusted commenter keeps the proof that got them trusted
    // until a newer comment of theirs is approved.
    if (email && (!returning || decision.status === 'approved')) {
      setCommenterCookie(c, deps, { commentId: comment.id, email, name: input.name, now });
    }
    return c.redirect(afterPostLocation(article, comment.id, decision.status), 303);
  });
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
