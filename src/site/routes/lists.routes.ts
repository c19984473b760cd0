// Home, a source's page and search results (search.routes.ts): lists of published articles, paginated.
import type { Hono } from 'hono';
import type { SiteDeps } from '../../http/deps.js';
import { FEED_LINKS, PAGE_SIZE } from '../../http/deps.js';
import { listPublished } from '../../store/articles.js';
import { getSourceBySlug, listSources } from '../../store/sources.js';
import { renderListPage } from '../views/list-page.js';
import { renderNotFoundPage } from '../views/error-pages.js';
import { toSummary, sourcePath } from '../summaries.js';
import { registerSearchRoute } from './search.routes.js';
import type { Article, Source } from '../../model/types.js';
import { cachedResponse, HTML, PAGE_CACHE } from '../http-cache.js';
import { articlesWithSiteImages } from '../../media/load-site-images.js';

function pageNumber(raw: string | undefined): number | null {
  if (raw === undefined) return 1;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : null;
}

async function summaries(deps: SiteDeps, articles: Article[]) {
  const sources = new Map<number, Source>((await listSources(deps.store.db)).map((s) => [s.id, s]));
  const items = articles.flatMap((article) => (sources.has(article.sourceId) ? [{ article, source: sources.get(article.sourceId)! }] : []));
  const shown = await articlesWithSiteImages(deps.store.db, items);
  return shown.map((a, i) => toSummary(a, items[i].source, deps.site.url));
}

export function registerListRoutes(app: Hono, deps: SiteDeps): void {
  app.get('/', async (c) => {
    const page = pageNumber(c.req.query('page'));
    if (page === null) return c.html(renderNotFoundPage(deps.site, c.req.path), 404);
    const rows = await listPublished(deps.store.db, { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE });
    return cachedResponse(
      c,
      renderListPage({
        site: deps.site,
        title: deps.site.name || 'Convey',
        heading: 'Latest news',
        intro: deps.site.description,
        articles: await summaries(deps, rows.slice(0, PAGE_SIZE)),
        page,
        hasNext: rows.length > PAGE_SIZE,
        canonicalUrl: `${deps.site.url}/`,
        feedLinks: FEED_LINKS,
      }),
      HTML,
      PAGE_CACHE,
    );
  });

  app.get('/sources/:slug', async (c) => {
    const source = await getSourceBySlug(deps.store.db, c.req.param('slug'));
    const page = pageNumber(c.req.query('page'));
    if (!source || page === null) return c.html(renderNotFoundPage(deps.site, c.req.path), 404);
    const rows = await listPublished(deps.store.db, { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE, sourceId: source.id });
    return cachedResponse(
      c,
      renderListPage({
        site: deps.site,
        title: `${source.name} — ${deps.site.name || 'Convey'}`,
        heading: source.name,
        intro: source.rights.license ? `Stories republished from ${source.name} under ${source.rights.license}.` : `Stories republished from ${source.name}.`,
        articles: await summaries(deps, rows.slice(0, PAGE_SIZE)),
        page,
        hasNext: rows.length > PAGE_SIZE,
        canonicalUrl: `${deps.site.url}${sourcePath(source.slug)}`,
        source,
        feedLinks: FEED_LINKS,
      }),
      HTML,
      PAGE_CACHE,
    );
  });

  registerSearchRoute(app, deps);
}
