// The editors' desk under /admin: the gate (session, CSRF), its stylesheet, accounts, dashboard and queues,
// the review queue, sources, articles, comments and settings.
import type { Hono } from 'hono';
import type { SiteDeps } from '../http/deps.js';
import { deskGate } from './desk-session.js';
import { registerAccountRoutes } from './account.routes.js';
import { registerQueueRoutes } from './queue.routes.js';
import { registerSourceRoutes } from './sources.routes.js';
import { registerArticlesRoutes } from './articles.routes.js';
import { registerCommentsRoutes } from './comments.routes.js';
import { registerReviewRoutes } from './review.routes.js';
import { registerSettingsRoutes } from './settings.routes.js';
import { DESK_CSS, DESK_STYLESHEET_PATH } from './desk-css.js';

export function registerDeskRoutes(app: Hono, deps: SiteDeps): void {
  // '/admin/*' also matches '/admin' itself; one gate covers every desk route, registered or added later.
  app.use('/admin/*', deskGate(deps));
  app.get(DESK_STYLESHEET_PATH, (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(DESK_CSS);
  });
  registerAccountRoutes(app, deps);
  registerQueueRoutes(app, deps);
  registerSourceRoutes(app, deps);
  registerArticlesRoutes(app, deps);
  registerCommentsRoutes(app, deps);
  registerReviewRoutes(app, deps);
  registerSettingsRoutes(app, deps);
}
