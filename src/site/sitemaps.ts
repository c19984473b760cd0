// sitemap.xml for every page, and the Google News sitemap: only articles of the last two days, and only from
// sources whose policy lets this copy stand on its own (`index-self`) — a copy that points its canonical at the
// source, or asks not to be indexed, has no place in a news index.
import type { SiteInfo } from '../model/types.js';
import type { ArticleSummary } from './view-models.js';
import { element } from './xml.js';
import { escapeHtml } from '../clean/escape.js';
import { isoDate, siteUrl, timeOf } from './format.js';
import { siteDisplayName } from './views/layout.js';

export interface SitemapEntry {
  loc: string;
  lastmod: string | null;
}

/** Google asks for no more than two days of articles in a news sitemap. */
export const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;
/** A news sitemap holds at most 1,000 articles. */
export const NEWS_SITEMAP_LIMIT = 1000;
/** A sitemap holds at most 50,000 URLs: split larger ones with a sitemap index. */
export const SITEMAP_LIMIT = 50_000;

export function renderSitemap(entries: SitemapEntry[]): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'];
  for (const entry of entries.slice(0, SITEMAP_LIMIT)) {
    const lastmod = isoDate(entry.lastmod);
    out.push(`<url><loc>${escapeHtml(entry.loc)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`);
  }
  out.push('</urlset>', '');
  return out.join('\n');
}

export function renderSitemapIndex(entries: SitemapEntry[]): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'];
  for (const entry of entries) {
    const lastmod = isoDate(entry.lastmod);
    out.push(`<sitemap><loc>${escapeHtml(entry.loc)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</sitemap>`);
  }
  out.push('</sitemapindex>', '');
  return out.join('\n');
}

/**
 * How the site's URLs (a few fixed pages first, then the articles) split into sitemaps of at most `limit`
 * URLs: one sitemap when they fit, else an index at /sitemap.xml pointing at /sitemap-1.xml … /sitemap-N.xml.
 */
export function sitemapPageCount(totalUrls: number, limit = SITEMAP_LIMIT): number {
  return Math.max(1, Math.ceil(totalUrls / limit));
}

/** Which of the fixed pages and which slice of the articles sitemap page `page` (1-based) holds. */
export function sitemapPageSlice(
  page: number,
  fixedCount: number,
  limit = SITEMAP_LIMIT,
): { fixed: { start: number; end: number }; articles: { offset: number; limit: number } } {
  const start = (page - 1) * limit;
  const end = start + limit;
  const fixed = { start: Math.min(start, fixedCount), end: Math.min(end, fixedCount) };
  const articleStart = Math.max(start, fixedCount) - fixedCount;
  return { fixed, articles: { offset: articleStart, limit: Math.max(0, end - Math.max(start, fixedCount)) } };
}

export const sitemapPagePath = (page: number) => `/sitemap-${page}.xml`;

/** Whether an article belongs in the news sitemap at `now`: recent, and from an `index-self` source. */
export function isNewsSitemapItem(item: ArticleSummary, now: Date): boolean {
  if (item.indexingPolicy !== 'index-self') return false;
  const published = timeOf(item.republishedAt);
  if (Number.isNaN(published)) return false;
  const age = now.getTime() - published;
  return age >= 0 && age <= NEWS_WINDOW_MS;
}

/** ISO 639 language code for <news:language> (zh-cn and zh-tw keep their region, as Google asks). */
function newsLanguage(language: string | null | undefined): string {
  const lower = (language || 'en').toLowerCase();
  if (lower === 'zh-cn' || lower === 'zh-tw') return lower;
  return lower.split(/[-_]/)[0] || 'en';
}

export function renderNewsSitemap(site: SiteInfo, items: ArticleSummary[], now: Date = new Date()): string {
  const name = siteDisplayName(site);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
  ];
  let count = 0;
  for (const item of items) {
    if (count >= NEWS_SITEMAP_LIMIT) break;
    if (!isNewsSitemapItem(item, now)) continue;
    count++;
    out.push(
      `<url><loc>${escapeHtml(siteUrl(site.url, item.url))}</loc><news:news><news:publication>${element('news:name', name)}${element(
        'news:language',
        newsLanguage(item.language ?? site.language),
      )}</news:publication>${element('news:publication_date', isoDate(item.republishedAt))}${element('news:title', item.headline)}</news:news></url>`,
    );
  }
  out.push('</urlset>', '');
  return out.join('\n');
}
