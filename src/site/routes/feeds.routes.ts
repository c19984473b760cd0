// The site's own feeds (RSS 2.0, Atom, JSON Feed), sitemaps, robots.txt and static assets.
import type { Context, Hono } from 'hono';
import type { SiteDeps } from '../../http/deps.js';
import { countPublished, listPublished, listSitemapArticles } from '../../store/articles.js';
import { listSources } from '../../store/sources.js';
import { toSummary, articlePath, sourcePath } from '../summaries.js';
import { renderRss, renderAtom, renderJsonFeed } from '../feeds-out.js';
import {
  NEWS_SITEMAP_LIMIT,
  NEWS_WINDOW_MS,
  renderNewsSitemap,
  renderSitemap,
  renderSitemapIndex,
  SITEMAP_LIMIT,
  sitemapPageCount,
  sitemapPagePath,
  sitemapPageSlice,
  type SitemapEntry,
} from '../sitemaps.js';
import { renderNotFoundPage } from '../views/error-pages.js';
import { renderStylesheet, renderShareScript } from '../assets.js';
import { STYLESHEET_PATH, SHARE_SCRIPT_PATH } from '../views/layout.js';
import type { Source } from '../../model/types.js';
import { cachedResponse } from '../http-cache.js';
import { defaultFavicon } from '../favicon.js';
import { articlesWithSiteImages } from '../../media/load-site-images.js';

const FEED_SIZE = 30;

const withEtag = (c: Context, body: string, contentType: string, maxAge: number) => cachedResponse(c, body, contentType, `public, max-age=${maxAge}`);

export function registerFeedRoutes(app: Hono, deps: SiteDeps): void {
  const feedItems = async () => {
    const sources = new Map<number, Source>((await listSources(deps.store.db)).map((s) => [s.id, s]));
    const rows = await listPublished(deps.store.db, { limit: FEED_SIZE, withBody: true });
    const items = rows.flatMap((article) => (sources.has(article.sourceId) ? [{ article, source: sources.get(article.sourceId)! }] : []));
    // The feeds' images point at the site's copies, with their credit, like the pages.
    const shown = await articlesWithSiteImages(deps.store.db, items, { baseUrl: deps.site.url });
    return items.map((item, i) => ({ ...item, article: shown[i] }));
  };
  app.get('/feed.xml', async (c) => withEtag(c, renderRss(deps.site, await feedItems(), `${deps.site.url}/feed.xml`), 'application/rss+xml; charset=utf-8', 300));
  app.get('/feed.atom', async (c) => withEtag(c, renderAtom(deps.site, await feedItems(), `${deps.site.url}/feed.atom`), 'application/atom+xml; charset=utf-8', 300));
  app.get('/feed.json', async (c) => withEtag(c, renderJsonFeed(deps.site, await feedItems(), `${deps.site.url}/feed.json`), 'application/feed+json; charset=utf-8', 300));

  // The fixed pages (home, each source) come first, then the articles in the lists' order.
  const fixedEntries = async (newest: string | null): Promise<SitemapEntry[]> => [
    { loc: `${deps.site.url}/`, lastmod: newest },
    ...(await listSources(deps.store.db)).map((s) => ({ loc: `${deps.site.url}${sourcePath(s.slug)}`, lastmod: null })),
  ];
  const articleEntries = async (offset: number, limit: number): Promise<SitemapEntry[]> =>
    limit <= 0
      ? []
      : (await listSitemapArticles(deps.store.db, { offset, limit })).map((r) => ({
          loc: `${deps.site.url}${articlePath(r.slug)}`,
          lastmod: r.versionCreated ?? r.republishedAt,
        }));
  const sitemapPage = async (page: number): Promise<string | null> => {
    const [newest] = await listSitemapArticles(deps.store.db, { offset: 0, limit: 1 });
    const fixed = await fixedEntries(newest?.republishedAt ?? null);
    const limit = deps.sitemapLimit ?? SITEMAP_LIMIT;
    const pages = sitemapPageCount(fixed.length + (await countPublished(deps.store.db)), limit);
    if (page === 0) {
      // More URLs than one sitemap may hold: /sitemap.xml becomes the index of the pages.
      if (pages > 1) {
        return renderSitemapIndex(Array.from({ length: pages }, (_, i) => ({ loc: `${deps.site.url}${sitemapPagePath(i + 1)}`, lastmod: null })));
      }
      page = 1;
    } else if (page > pages || pages === 1) {
      return null;
    }
    const slice = sitemapPageSlice(page, fixed.length, limit);
    return renderSitemap([...fixed.slice(slice.fixed.start, slice.fixed.end), ...(await articleEntries(slice.articles.offset, slice.articles.limit))]);
  };
  const sitemapResponse = async (c: Context, page: number) => {
    const body = await sitemapPage(page);
    if (body === null) return c.html(renderNotFoundPage(deps.site, c.req.path), 404);
    return withEtag(c, body, 'application/xml; charset=utf-8', 600);
  };
  app.get('/sitemap.xml', (c) => sitemapResponse(c, 0));
  app.get('/:name{sitemap-[1-9][0-9]*\\.xml}', (c) => sitemapResponse(c, Number(c.req.param('name').slice('sitemap-'.length, -'.xml'.length))));

  app.get('/news-sitemap.xml', async (c) => {
    const since = new Date(deps.now().getTime() - NEWS_WINDOW_MS).toISOString();
    const sources = new Map<number, Source>((await listSources(deps.store.db)).map((s) => [s.id, s]));
    // Only `index-self` sources belong there: filter in the query, so the limit counts only articles that stay.
    const rows = await listPublished(deps.store.db, { limit: NEWS_SITEMAP_LIMIT, since, indexingPolicy: 'index-self' });
    const items = rows.flatMap((a) => (sources.has(a.sourceId) ? [toSummary(a, sources.get(a.sourceId)!, deps.site.url)] : []));
    return withEtag(c, renderNewsSitemap(deps.site, items, deps.now()), 'application/xml; charset=utf-8', 300);
  });

  app.get('/robots.txt', (c) =>
    c.text(`User-agent: *\nDisallow: /search\nDisallow: /api/\n\nSitemap: ${deps.site.url}/sitemap.xml\nSitemap: ${deps.site.url}/news-sitemap.xml\n`),
  );

  const favicon = defaultFavicon();
  app.get('/favicon.ico', (c) => {
    c.header('Content-Type', 'image/x-icon');
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(new Uint8Array(favicon));
  });

  const stylesheet = renderStylesheet();
  const shareScript = renderShareScript();
  app.get(STYLESHEET_PATH, (c) => withEtag(c, stylesheet, 'text/css; charset=utf-8', 86_400));
  app.get(SHARE_SCRIPT_PATH, (c) => withEtag(c, shareScript, 'text/javascript; charset=utf-8', 86_400));
}
