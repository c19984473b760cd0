// The fidelity page of a published article: its copy against the newest text from the source, sentence by
// sentence. 404 for an article that is not published or has no report yet.
import type { Hono } from 'hono';
import type { SiteDeps } from '../../http/deps.js';
import { getArticleBySlug } from '../../store/articles.js';
import { getSourceById } from '../../store/sources.js';
import { getFidelityReport } from '../../store/fidelity-reports.js';
import { getLatestEditNote } from '../../store/versions.js';
import { renderFidelityPage } from '../views/fidelity-page.js';
import { renderNotFoundPage } from '../views/error-pages.js';
import { cachedResponse, HTML, PAGE_CACHE } from '../http-cache.js';

export function registerFidelityRoutes(app: Hono, deps: SiteDeps): void {
  app.get('/articles/:slug/fidelity', async (c) => {
    const db = deps.store.db;
    const article = await getArticleBySlug(db, c.req.param('slug'));
    const source = article?.pubStatus === 'usable' ? await getSourceById(db, article.sourceId) : null;
    const stored = article && source ? await getFidelityReport(db, article.id) : null;
    if (!article || !source || !stored) return c.html(renderNotFoundPage(deps.site, c.req.path), 404);
    const page = renderFidelityPage({
      site: deps.site,
      article: { slug: article.slug, headline: article.headline, language: article.language },
      source: { name: source.name, url: article.originalUrl },
      report: stored.report,
      checkedAt: stored.computedAt,
      editorNote: stored.faithful ? null : await getLatestEditNote(db, article.id),
      sourceUpdatePending: stored.sourceUpdatePending,
    });
    // Robots are told twice: the page's meta and the header, for crawlers that read only one.
    c.header('X-Robots-Tag', 'noindex');
    return cachedResponse(c, page, HTML, PAGE_CACHE);
  });
}
