// Posting a comment: rate limit, CSRF token, validation, the spam defences, then the moderation decision.
// A refused or held comment is never public; an invalid one comes back with its text and clear errors.
import type { Context, Hono } from 'hono';
import type { SiteDeps } from '../deps.js';
import { getArticleBySlug } from '../../store/articles.js';
import { getSourceById } from '../../store/sources.js';
import { getComment, hasApprovedComment, insertComment } from '../../store/comments.js';
import { verifyFormToken } from '../../comments/csrf.js';
import { validateCommentInput } from '../../comments/validate.js';
import { moderateComment } from '../../comments/moderation.js';
import { renderCommentMarkdown } from '../../comments/markdown.js';
import { COMMENT_FIELDS } from '../../comments/form-fields.js';
import { clientIp, ipBucket } from '../../comments/client-ip.js';
import { renderArticle } from './article.routes.js';
import { articlePath } from '../summaries.js';
import { renderErrorPage, renderNotFoundPage } from '../views/error-pages.js';

const MAX_FORM_BYTES = 64 * 1024;

/** A post must come from this site's own pages (defence in depth on top of the token). */
function sameOrigin(c: Context, siteUrl: string): boolean {
  const origin = c.req.header('origin');
  if (origin && origin !== 'null') return origin === new URL(siteUrl).origin || origin === new URL(c.req.url).origin;
  return true;
}

export function registerCommentRoutes(app: Hono, deps: SiteDeps): void {
  app.post('/articles/:slug/comments', async (c) => {
    const db = deps.store.db;
    const article = await getArticleBySlug(db, c.req.param('slug'));
    if (!article || article.pubStatus !== 'usable') return c.html(renderNotFoundPage(deps.site, c.req.path), 404);
    const source = await getSourceById(db, article.sourceId);
    if (!source) return c.html(renderNotFoundPage(deps.site, c.req.path), 404);
    // Every refusal is a page of the site with a way back to the article, not bare text.
    const refuse = (status: 403 | 413 | 429, title: string, message: string) =>
      c.html(renderErrorPage(deps.site, { title, message, backUrl: articlePath(article.slug), backLabel: 'Back to the article' }), status);
    if (!deps.config.comments.enabled) return refuse(403, 'Comments are closed', 'Comments are closed.');
    if (Number(c.req.header('content-length') ?? 0) > MAX_FORM_BYTES) return refuse(413, 'The comment is too large', 'The comment is too large.');
    if (!sameOrigin(c, deps.site.url)) return refuse(403, 'Comment refused', 'Comments can only be posted from this site.');

    const remote = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress ?? '';
    const ip = clientIp(remote, c.req.header('x-forwarded-for') ?? null, deps.config.comments.trustedProxies);
    const bucket = ipBucket(ip);
    const now = deps.now();
    const limit = deps.commentLimiter.hit(bucket, now.getTime());
    if (!limit.allowed) {
      c.header('Retry-After', String(limit.retryAfterSeconds));
      return refuse(429, 'Too many comments', `Too many comments from your network. Try again in ${limit.retryAfterSeconds} seconds.`);
    }

    const form = Object.fromEntries(
      Object.entries(await c.req.parseBody()).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]),
    ) as Record<string, string | undefined>;
    const token = verifyFormToken(deps.config.secret, form[COMMENT_FIELDS.formToken] ?? '', { articleId: article.id, now, maxAgeSeconds: 24 * 3600 });
    if (!token.ok) return refuse(403, 'The form has expired', `The form has expired or was not issued by this site (${token.reason}). Reload the page and try again.`);

    const checked = validateCommentInput(form, {});
    if (!checked.ok) {
      const values = Object.fromEntries(Object.entries(form).filter(([k, v]) => k !== COMMENT_FIELDS.formToken && typeof v === 'string')) as Record<string, string>;
      return c.html(await renderArticle(deps, article, source, { errors: checked.errors, values }), 422);
    }
    const input = checked.value;
    if (input.parentId !== null) {
      const parent = await getComment(db, input.parentId);
      if (!parent || parent.articleId !== article.id || parent.status !== 'approved') {
        return c.html(await renderArticle(deps, article, source, { errors: { parent_id: 'The comment you replied to is not available.' } }), 422);
      }
    }
    const email = input.email ? input.email.toLowerCase() : null;
    if (email) {
      const authorLimit = deps.authorLimiter.hit(email, now.getTime());
      if (!authorLimit.allowed) {
        c.header('Retry-After', String(authorLimit.retryAfterSeconds));
        return refuse(429, 'Too many comments', `You are commenting too fast. Try again in ${authorLimit.retryAfterSeconds} seconds.`);
      }
    }
    const decision = moderateComment(
      { name: input.name, email, url: input.url, body: input.body, ip, honeypot: form[COMMENT_FIELDS.honeypot] ?? null },
      { now, formRenderedAt: token.issuedAt, hasApprovedComment: email ? await hasApprovedComment(db, email) : false },
      {
        minSecondsToSubmit: deps.config.comments.minSecondsToSubmit,
        maxLinks: deps.config.comments.maxLinks,
        holdKeywords: deps.config.comments.holdKeywords,
        denyKeywords: deps.config.comments.denyKeywords,
      },
    );
    const comment = await insertComment(
      db,
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
    const path = articlePath(article.slug);
    if (decision.status === 'approved') return c.redirect(`${path}?comment=posted#comment-${comment.id}`, 303);
    // Spam is answered like a held comment: nothing tells a spammer which rule caught it.
    return c.redirect(`${path}?comment=pending#comments`, 303);
  });
}
