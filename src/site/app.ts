// The HTTP application: every route of the public site and the admin API, with the security headers.
import { Hono } from 'hono';
import type { SiteDeps } from '../http/deps.js';
import { securityHeaders } from './security-headers.js';
import { registerArticleRoutes } from './routes/article.routes.js';
import { registerFidelityRoutes } from './routes/fidelity.routes.js';
import { registerListRoutes } from './routes/lists.routes.js';
import { registerFeedRoutes } from './routes/feeds.routes.js';
import { registerShareRoutes } from './routes/share.routes.js';
import { registerCommentRoutes } from './routes/comments.routes.js';
import { registerMailRoutes } from './routes/mail.routes.js';
import { registerAdminRoutes } from '../admin/admin.routes.js';
import { registerDeskRoutes } from '../desk/desk.routes.js';
import { registerHealthRoutes } from './routes/health.routes.js';
import { registerMediaRoutes } from '../media/media.routes.js';
import { watchHotlinkedImages } from '../media/hotlink-watch.js';
import { requestMetrics, metricsOf } from './request-metrics.js';
import { ActionError } from '../admin/actions.js';
import { renderNotFoundPage, renderServerErrorPage, renderStoreUnavailablePage } from './views/error-pages.js';
import { isStoreUnavailable } from '../store/store-unavailable.js';
import { pageCacheMiddleware } from './page-cache.js';
import { registerFormTokenRoute } from './routes/form-token.routes.js';

/** What a 503 for an unreachable store asks the client to wait. */
const STORE_RETRY_AFTER_SECONDS = 5;

export function createApp(deps: SiteDeps): Hono {
  const app = new Hono();
  app.use('*', requestMetrics(metricsOf(deps)));
  // The page cache sits outside the security headers, so that a stored page keeps the headers it was served
  // with (the image policy of the CSP included) and a hit answers with them.
  if (deps.pageCache) app.use('*', pageCacheMiddleware(deps.pageCache.cache));
  app.use('*', securityHeaders({ hotlinkedImages: watchHotlinkedImages(deps.store.db) }));
  registerHealthRoutes(app, deps);
  registerListRoutes(app, deps);
  registerArticleRoutes(app, deps);
  registerFidelityRoutes(app, deps);
  registerCommentRoutes(app, deps);
  registerMailRoutes(app, deps);
  registerFormTokenRoute(app, deps);
  registerFeedRoutes(app, deps);
  registerShareRoutes(app, deps);
  registerMediaRoutes(app, deps);
  registerAdminRoutes(app, deps);
  registerDeskRoutes(app, deps);
  app.notFound((c) => c.html(renderNotFoundPage(deps.site, c.req.path), 404));
  app.onError((error, c) => {
    // Editorial actions refuse with a reason the caller can act on: answered as JSON with its status.
    if (error instanceof ActionError) return c.json({ error: error.message }, error.status);
    // The database is out of reach: a short, honest answer the reader (and a proxy) can retry, not a hang or a 500.
    if (isStoreUnavailable(error)) {
      console.error(`store unavailable on ${c.req.method} ${c.req.path}: ${error.message}`);
      c.header('Retry-After', String(STORE_RETRY_AFTER_SECONDS));
      c.header('Cache-Control', 'no-store');
      return c.html(renderStoreUnavailablePage(deps.site), 503);
    }
    console.error(`error on ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
    return c.html(renderServerErrorPage(deps.site), 500);
  });
  return app;
}
