// The admin API: moderation and editorial actions over JSON, behind a bearer token (closed when none is set).
import type { Context, Hono } from 'hono';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { SiteDeps } from '../site/deps.js';
import { listPendingComments } from '../store/comments.js';
import { listHeld, listPendingVersions } from '../store/articles.js';
import { listFeeds } from '../store/feeds.js';
import { ActionError, moderateComment, republishHeld, reviewVersion } from './actions.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

function authorised(c: Context, token: string | null): boolean {
  if (!token) return false;
  const header = c.req.header('authorization') ?? '';
  const given = header.startsWith('Bearer ') ? header.slice(7) : '';
  // Compare digests so that neither the length nor the content leaks through timing.
  return timingSafeEqual(digest(given), digest(token));
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
    if (!authorised(c, deps.config.adminToken)) return c.json({ error: 'missing or wrong bearer token' }, 401);
    // An ActionError thrown below is answered by the app's error handler as JSON with its status.
    await next();
  });

  app.get('/api/admin/comments/pending', async (c) => c.json({ comments: await listPendingComments(deps.store.db) }));
  app.post('/api/admin/comments/:id/:action', async (c) => {
    const status = await moderateComment(deps.store, idParam(c), c.req.param('action'));
    return c.json({ id: idParam(c), status });
  });
  app.get('/api/admin/articles/held', async (c) =>
    c.json({ articles: (await listHeld(deps.store.db)).map((a) => ({ id: a.id, slug: a.slug, headline: a.headline, reason: a.holdReason, originalUrl: a.originalUrl })) }),
  );
  app.post('/api/admin/articles/:slug/publish', async (c) => {
    await republishHeld(deps.store, deps.site, c.req.param('slug'), deps.now());
    return c.json({ slug: c.req.param('slug'), status: 'usable' });
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
}
