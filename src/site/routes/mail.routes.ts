// The routes of mail links: the one-click unsubscribe (GET shows a confirmation with a POST form, POST does it,
// as mail clients send it under RFC 8058), and a commenter's data by address: a request page that mails a
// signed, expiring link to that address (throttled per address and per network), and the page that link opens
// with the JSON export and the erase.
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { SiteDeps } from '../../http/deps.js';
import { StoreRateLimit, type RateLimitOptions } from '../../comments/rate-limit.js';
import { clientIp, ipBucket } from '../../comments/client-ip.js';
import { postComesFromSite } from '../../comments/post-origin.js';
import { countCommentsOfAddress, eraseCommentsOfAddress, getReplySubscription, listCommentsOfAddress, unsubscribeAddress } from '../../store/mail.js';
import { MAIL_PATHS, verifyDataToken, verifyUnsubscribeToken } from '../../mail/mail-links.js';
import { validateRecipient } from '../../mail/recipient.js';
import { queueDataLink } from '../../mail/send-mail-job.js';
import { ERASED_COMMENT, buildCommentExport } from '../../mail/your-data.js';
import { verifyModerationToken, type ModerationLinkAction } from '../../mail/moderation-notice.js';
import { plainText } from '../../mail/templates.js';
import { getComment } from '../../store/comments.js';
import { getArticleById } from '../../store/articles.js';
import { recordAudit } from '../../store/audit-log.js';
import { moderateComment } from '../../admin/actions.js';
import { requestIp } from '../../desk/desk-session.js';
import {
  renderAlreadyModerated, renderBadModerationLink, renderModerateConfirm, renderModerated,
  renderBadLink, renderDataPage, renderDataRequestForm, renderDataRequestSent, renderErased, renderUnsubscribeConfirm, renderUnsubscribed,
} from '../../mail/pages.js';
import { renderErrorPage } from '../views/error-pages.js';

/** Per address: three links an hour (a person who lost one asks again; nobody needs more). */
export const DATA_LINK_ADDRESS_LIMIT: RateLimitOptions = { windowMs: 3600_000, max: 3 };
/** Per network (IP bucket): ten requests an hour, whatever the addresses. */
export const DATA_LINK_NETWORK_LIMIT: RateLimitOptions = { windowMs: 3600_000, max: 10 };

const MAX_FORM_BYTES = 4 * 1024;

/** Pages with a personal part or a token: never cached, never indexed. */
function keepPrivate(c: Context): void {
  c.header('Cache-Control', 'no-store');
  c.header('X-Robots-Tag', 'noindex, nofollow');
}

export function registerMailRoutes(app: Hono, deps: SiteDeps): void {
  const addressLimit = new StoreRateLimit(deps.store.db, 'mail-data-address', DATA_LINK_ADDRESS_LIMIT);
  const networkLimit = new StoreRateLimit(deps.store.db, 'mail-data-network', DATA_LINK_NETWORK_LIMIT);
  const limitSize = bodyLimit({ maxSize: MAX_FORM_BYTES, onError: (c) => c.text('The form is too large.', 413) });
  const secret = deps.config.secret;

  // GET only asks: link scanners of mail providers open every link, and must not unsubscribe anyone.
  app.get('/mail/unsubscribe/:token', (c) => {
    keepPrivate(c);
    const token = c.req.param('token');
    if (!verifyUnsubscribeToken(secret, token).ok) return c.html(renderBadLink(deps.site, 'invalid'), 400);
    return c.html(renderUnsubscribeConfirm(deps.site, token));
  });

  // The one-click POST of a mail client or the confirmation form: no form token (the signed link is the proof).
  app.post('/mail/unsubscribe/:token', limitSize, async (c) => {
    keepPrivate(c);
    const check = verifyUnsubscribeToken(secret, c.req.param('token'));
    if (!check.ok) return c.html(renderBadLink(deps.site, 'invalid'), 400);
    const subscription = await getReplySubscription(deps.store.db, check.commentId);
    // A subscription already erased with its comment sends nothing either: the answer is the same.
    if (subscription) await unsubscribeAddress(deps.store.db, subscription.email, deps.now());
    return c.html(renderUnsubscribed(deps.site));
  });

  /** The comment a moderation link names, while it still waits; else the page that says why the link does nothing. */
  const moderationSubject = async (c: Context) => {
    const check = verifyModerationToken(secret, c.req.param('token') ?? '', deps.now());
    if (!check.ok) return { page: c.html(renderBadModerationLink(deps.site, check.reason === 'expired' ? 'expired' : 'invalid'), check.reason === 'expired' ? 410 : 400) };
    const comment = await getComment(deps.store.db, check.commentId);
    if (!comment) return { page: c.html(renderBadModerationLink(deps.site, 'gone'), 404) };
    if (comment.status !== 'pending') return { page: c.html(renderAlreadyModerated(deps.site, comment.status)) };
    const article = await getArticleById(deps.store.db, comment.articleId);
    return { action: check.action as ModerationLinkAction, comment, headline: article?.headline ?? '' };
  };

  // A moderator's mailed link: GET shows the comment and asks (mail scanners open links), POST acts. The signed
  // link is the proof, as for unsubscribing: bound to one action on one comment, for a few days.
  app.get('/mail/moderate/:token', async (c) => {
    keepPrivate(c);
    const found = await moderationSubject(c);
    if ('page' in found) return found.page;
    const { comment, action, headline } = found;
    const subject = { authorName: plainText(comment.authorName), articleHeadline: headline, text: plainText(comment.bodySource), reason: comment.holdReason };
    return c.html(renderModerateConfirm(deps.site, c.req.param('token'), action, subject));
  });

  app.post('/mail/moderate/:token', limitSize, async (c) => {
    keepPrivate(c);
    const found = await moderationSubject(c);
    if ('page' in found) return found.page;
    const { comment, action, headline } = found;
    await moderateComment(deps.store, comment.id, action);
    await recordAudit(deps.store.db, { userId: null, actor: 'mailed link', action: `comment.${action}`, target: `comment ${comment.id}`, ip: requestIp(c, deps) }, deps.now());
    return c.html(renderModerated(deps.site, action, headline));
  });

  app.get(MAIL_PATHS.dataRequest, (c) => {
    keepPrivate(c);
    return c.html(renderDataRequestForm(deps.site));
  });

  app.post(MAIL_PATHS.dataRequest, limitSize, async (c) => {
    keepPrivate(c);
    if (!postComesFromSite({ origin: c.req.header('origin'), referer: c.req.header('referer') }, [new URL(deps.site.url).origin, new URL(c.req.url).origin])) {
      return c.html(renderErrorPage(deps.site, { title: 'Request refused', message: 'This form can only be sent from this site.' }), 403);
    }
    const form = await c.req.parseBody();
    const given = typeof form.email === 'string' ? form.email : '';
    const recipient = validateRecipient(given.toLowerCase());
    if (!recipient.ok) {
      return c.html(renderDataRequestForm(deps.site, { error: 'Please enter one email address, such as name@example.org.', value: Array.from(given).slice(0, 254).join('') }), 422);
    }
    const now = deps.now();
    const remote = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress ?? '';
    const bucket = ipBucket(clientIp(remote, c.req.header('x-forwarded-for') ?? null, deps.config.comments.trustedProxies));
    for (const [limit, key] of [[networkLimit, bucket], [addressLimit, recipient.address]] as const) {
      const hit = await limit.hit(key, now);
      if (!hit.allowed) {
        c.header('Retry-After', String(hit.retryAfterSeconds));
        return c.html(renderErrorPage(deps.site, { title: 'Too many requests', message: `Too many requests for links. Try again in ${hit.retryAfterSeconds} seconds.`, backUrl: MAIL_PATHS.dataRequest, backLabel: 'Back' }), 429);
      }
    }
    // The same answer whether or not the address has comments: the page tells nobody what is stored.
    await queueDataLink(deps.jobs, recipient.address, now);
    return c.html(renderDataRequestSent(deps.site));
  });

  /** The address of a valid data link, or the page that refuses it. */
  const linkedAddress = (c: Context): { email: string; token: string } | Response => {
    const token = c.req.param('token') ?? '';
    const check = verifyDataToken(secret, token, deps.now());
    if (!check.ok) return c.html(renderBadLink(deps.site, check.reason === 'expired' ? 'expired' : 'invalid'), 403);
    return { email: check.email, token };
  };

  app.get('/mail/your-comments/:token', async (c) => {
    keepPrivate(c);
    const linked = linkedAddress(c);
    if (linked instanceof Response) return linked;
    const comments = await countCommentsOfAddress(deps.store.db, linked.email);
    return c.html(renderDataPage(deps.site, linked.token, { email: linked.email, comments }));
  });

  app.get('/mail/your-comments/:token/export.json', async (c) => {
    keepPrivate(c);
    const linked = linkedAddress(c);
    if (linked instanceof Response) return linked;
    const comments = await listCommentsOfAddress(deps.store.db, linked.email);
    c.header('Content-Disposition', 'attachment; filename="comments.json"');
    return c.json(buildCommentExport(deps.site, linked.email, comments, deps.now()));
  });

  app.post('/mail/your-comments/:token/erase', limitSize, async (c) => {
    keepPrivate(c);
    const linked = linkedAddress(c);
    if (linked instanceof Response) return linked;
    const erased = await eraseCommentsOfAddress(deps.store.db, linked.email, ERASED_COMMENT);
    return c.html(renderErased(deps.site, erased));
  });
}
