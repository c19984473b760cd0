// The comment form's token, fetched by the page's script when a reader starts a comment. The article page
// itself carries no token, so that one copy of it serves every reader from a cache (this process's, a CDN's,
// the browser's) for as long as the page is unchanged; the token, personal and expiring, never is cached.
import type { Hono } from 'hono';
import type { SiteDeps } from '../../http/deps.js';
import { getArticleBySlug } from '../../store/articles.js';
import { issueFormToken } from '../../comments/csrf.js';

/** Where the script asks for a token: the form's action followed by this. */
export const FORM_TOKEN_SUFFIX = '/token';

export function registerFormTokenRoute(app: Hono, deps: SiteDeps): void {
  app.get(`/articles/:slug/comments${FORM_TOKEN_SUFFIX}`, async (c) => {
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex');
    const article = await getArticleBySlug(deps.store.db, c.req.param('slug'));
    if (!article || article.pubStatus !== 'usable' || !deps.settings.current().comments.enabled) return c.json({ error: 'no comment form here' }, 404);
    return c.json({ token: issueFormToken(deps.config.secret, { articleId: article.id, now: deps.now() }) });
  });
}
