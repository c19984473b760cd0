// The admin API: moderation and editorial actions over JSON, behind a bearer token (closed when none is set).
import type { Context, Hono } from 'hono';
import type { SiteDeps } from '../http/deps.js';
import { hasBearerToken } from '../http/bearer-token.js';
import { listCommentsWithStatus, listPendingComments } from '../store/comments.js';
import { COMMENT_STATUSES, parseCommentStatus } from '../comments/comment-status.js';
import { forModerators } from '../comments/moderator-view.js';
import { getArticleBySlug, listHeld, listPendingVersions } from '../store/articles.js';
import { listArticleImages } from '../store/media.js';
import { describeArticleImage } from '../media/describe-images.js';
import { listFeeds } from '../store/feeds.js';
import { ActionError, moderateComment, republishHeld, retryFailedJob, reviewVersion } from './actions.js';
import { deleteArticleForGood, rejectArticle } from './article-actions.js';

/** The editor's optional note from a JSON body (`{"note": "…"}`); no body, or another shape, is no note. */
async function noteOf(c: Context): Promise<string | null> {
  const body: unknown = await c.req.json().catch(() => null);
  const note = body && typeof body === 'object' ? (body as { note?: unknown }).note : null;
  return typeof note === 'string' ? note : null;
}

/**
 * An id as written in a path: decimal digits only. `Number()` alone would read "0x6c" as 108 and "1e3" as
 * 1000, so a mistyped id could act on another row.
 */
export function parseId(text: string | undefined): number {
  const id = text !== undefined && /^[0-9]{1,15}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw new ActionError('the id must be a positive whole number in decimal digits');
  return id;
}

const idParam = (c: Context): number => parseId(c.req.param('id'));

export function registerAdminRoutes(app: Hono, deps: SiteDeps): void {
  app.use('/api/admin/*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    if (!deps.config.adminToken) return c.json({ error: 'the admin API is closed: set CONVEY_ADMIN_TOKEN to open it' }, 403);
    if (!hasBearerToken(c, deps.config.adminToken)) return c.json({ error: 'missing or wrong bearer token' }, 401);
    // An ActionError thrown below is answered by the app's error handler as JSON with its status.
    await next();
  });

  app.get('/api/admin/comments', async (c) => {
    const status = parseCommentStatus(c.req.query('status') ?? 'pending');
    if (!status) throw new ActionError(`status must be one of ${COMMENT_STATUSES.join(', ')}`);
    return c.json({ status, comments: (await listCommentsWithStatus(deps.store.db, status)).map(forModerators) });
  });
  app.get('/api/admin/comments/pending', async (c) => c.json({ comments: (await listPendingComments(deps.store.db)).map(forModerators) }));
  app.post('/api/admin/comments/:id/:action', async (c) => {
    const status = await moderateComment(deps.store, idParam(c), c.req.param('action'));
    return c.json({ id: idParam(c), status });
  });
  app.get('/api/admin/articles/held', async (c) =>
    c.json({ articles: (await listHeld(deps.store.db)).map((a) => ({ id: a.id, slug: a.slug, headline: a.headline, reason: a.holdReason, originalUrl: a.originalUrl })) }),
  );
  app.post('/api/admin/articles/:slug/publish', async (c) => {
    // `?as=summary`: the editor's explicit choice for an article whose page could not be had.
    const asSummary = c.req.query('as') === 'summary';
    await republishHeld(deps.store, deps.site, c.req.param('slug'), deps.now(), { asSummary });
    return c.json({ slug: c.req.param('slug'), status: 'usable', summaryOnly: asSummary });
  });
  // Both write a tombstone, so the story never returns on the next poll: delete removes it, reject withholds it.
  app.post('/api/admin/articles/:slug/delete', async (c) => {
    await deleteArticleForGood(deps.store, c.req.param('slug'), await noteOf(c), deps.now());
    return c.json({ slug: c.req.param('slug'), status: 'deleted' });
  });
  app.post('/api/admin/articles/:slug/reject', async (c) => {
    await rejectArticle(deps.store, c.req.param('slug'), await noteOf(c), deps.now());
    return c.json({ slug: c.req.param('slug'), status: 'rejected' });
  });
  app.get('/api/admin/articles/:slug/images', async (c) => {
    const article = await getArticleBySlug(deps.store.db, c.req.param('slug'));
    if (!article) return c.json({ error: `no article "${c.req.param('slug')}"` }, 404);
    return c.json({ slug: article.slug, images: (await listArticleImages(deps.store.db, article.id)).map(describeArticleImage) });
  });
  app.get('/api/admin/versions/pending', async (c) =>
    c.json({ versions: (await listPendingVersions(deps.store.db)).map(({ bodyHtml: _body, ...v }) => v) }),
  );
  app.post('/api/admin/versions/:id/:decision', async (c) => {
    const decision = c.req.param('decision');
    if (decision !== 'approve' && decision !== 'reject') throw new ActionError('use approve or reject');
    await reviewVersion(deps.store, idParam(c), decision, deps.now());
    return c.json({ id: idParam(c), decision });
  });
  app.get('/api/admin/feeds', async (c) => c.json({ feeds: await listFeeds(deps.store.db) }));
  app.get('/api/admin/jobs', async (c) => c.json({ counts: await deps.jobs.counts() }));
  app.get('/api/admin/jobs/failed', async (c) => c.json({ jobs: await deps.jobs.listFailed(200) }));
  app.post('/api/admin/jobs/:id/retry', async (c) => {
    const id = c.req.param('id');
    await retryFailedJob(deps.jobs, id);
    return c.json({ id, status: 'queued' });
  });
}
