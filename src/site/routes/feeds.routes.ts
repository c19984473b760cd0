// The site's own feeds (RSS 2.0, Atom, JSON Feed), sitemaps, robots.txt and static assets.
import type { Context, Hono } from 'hono';
import type { SiteDeps } from '../deps.js';
import { listPublished } from '../../store/articles.js';
import { listSources } from '../../store/sources.js';
import { toSummary, articlePath, sourcePath } from '../summaries.js';
import { renderRss, renderAtom, renderJsonFeed } from '../feeds-out.js';
import { renderSitemap, renderNewsSitemap } from '../sitemaps.js';
import { renderStylesheet, renderShareScript } from '../assets.js';
import { STYLESHEET_PATH, SHARE_SCRIPT_PATH } from '../views/layout.js';
import type { Source } from '../../model/types.js';
import { cachedResponse } from '../http-cache.js';

const FEED_SIZE = 30;
const SITEMAP_SIZE = 50_000;

const withEtag = (c: Context, body: string, contentType: string, maxAge: number) => cachedResponse(c, body, contentType, `public, max-age=${maxAge}`);

export function registerFeedRoutes(app: Hono, deps: SiteDeps): void {
  const feedItems = async () => {
    const sources = new Map<number, Source>((await listSources(deps.store.db)).map((s) => [s.id, s]));
    const rows = await listPublished(deps.store.db, { limit: FEED_SIZE, withBody: true });
    return rows.flatMap((a) => (sources.has(a.sourceId) ? [toSummary(a, sources.get(a.sourceId)!, deps.site.url, { withBody: true })] : []));
  };
  app.get('/feed.xml', async (c) => withEtag(c, renderRss(deps.site, await feedItems(), `${deps.site.url}/feed.xml`), 'application/rss+xml; charset=utf-8', 300));
  app.get('/feed.atom', async (c) => withEtag(c, renderAtom(deps.site, await feedItems(), `${deps.site.url}/feed.atom`), 'application/atom+xml; charset=utf-8', 300));
  app.get('/feed.json', async (c) => withEtag(c, renderJsonFeed(deps.site, await feedItems(), `${deps.site.url}/feed.json`), 'application/feed+json; charset=utf-8', 300));

  app.get('/sitemap.xml', async (c) => {
    const rows = await deps.store.db
      .selectFrom('articles')
      .select(['slug', 'version_created', 'republished_at'])
      .where('pub_status', '=', 'usable')
      .where('republished_at', 'is not', null)
      .orderBy('republished_at', 'desc')
      .limit(SITEMAP_SIZE)
      .execute();
    const sources = await listSources(deps.store.db);
    const entries = [
      { loc: `${deps.site.url}/`, lastmod: rows[0]?.republished_at ?? null },
      ...sources.map((s) => ({ loc: `${deps.site.url}${sourcePath(s.slug)}`, lastmod: null })),
      ...rows.map((r) => ({ loc: `${deps.site.url}${articlePath(r.slug)}`, lastmod: r.version_created ?? r.republished_at })),
    ];
    return withEtag(c, renderSitemap(entries), 'application/xml; charset=utf-8', 600);
  });

  app.get('/news-sitemap.xml', async (c) => {
    const since = new Date(deps.now().getTime() - 2 * 86_400_000).toISOString();
    const sources = new Map<number, Source>((await listSources(deps.store.db)).map((s) => [s.id, s]));
    const rows = await listPublished(deps.store.db, { limit: 1000, since });
    const items = rows.flatMap((a) => (sources.has(a.sourceId) ? [toSummary(a, sources.get(a.sourceId)!, deps.site.url)] : []));
    return withEtag(c, renderNewsSitemap(deps.site, items, deps.now()), 'application/xml; charset=utf-8', 300);
  });

  app.get('/robots.txt', (c) =>
    c.text(`User-agent: *\nDisallow: /search\nDisallow: /api/\n\nSitemap: ${deps.site.url}/sitemap.xml\nSitemap: ${deps.site.url}/news-sitemap.xml\n`),
  );

  const stylesheet = renderStylesheet();
  const shareScript = renderShareScript();
  app.get(STYLESHEET_PATH, (c) => withEtag(c, stylesheet, 'text/css; charset=utf-8', 86_400));
  app.get(SHARE_SCRIPT_PATH, (c) => withEtag(c, shareScript, 'text/javascript; charset=utf-8', 86_400));
}
