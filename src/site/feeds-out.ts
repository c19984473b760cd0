// The site's own feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 of what the site shows. Each item carries the
// full text with the attribution appended, the source it came from (RSS <source>, atom:source,
// JSON Feed `_convey.source`) and a GUID that stays the same when the article is updated.
import type { SiteInfo } from '../model/types.js';
import type { ArticleSummary } from './view-models.js';
import { escapeXml, element } from './xml.js';
import { formatDate, isoDate, rfc822Date, siteUrl } from './format.js';
import { html, raw, safeUrl, type SafeHtml } from './html.js';
import { renderTemplate } from '../provenance/template.js';
import { siteDisplayName } from './views/layout.js';

export interface FeedOptions {
  /** Feed title (a source's feed, search…); the site's name when absent. */
  title?: string;
  description?: string;
  /** The page this feed mirrors; the site's home when absent. */
  homeUrl?: string;
  /** Build time, for feeds without items. */
  now?: Date;
}

const GENERATOR = 'Convey';

function titleOf(site: SiteInfo, options: FeedOptions): string {
  return options.title ?? siteDisplayName(site);
}

function lastUpdated(items: ArticleSummary[], options: FeedOptions): string {
  let latest = Number.NEGATIVE_INFINITY;
  let latestIso: string | null = null;
  for (const item of items) {
    const iso = isoDate(item.versionCreated ?? item.republishedAt);
    if (iso && Date.parse(iso) > latest) {
      latest = Date.parse(iso);
      latestIso = iso;
    }
  }
  return latestIso ?? (options.now ?? new Date()).toISOString();
}

function figure(item: ArticleSummary): SafeHtml | '' {
  const lead = item.lead;
  if (!lead || (item.bodyHtml && item.bodyHtml.includes(lead.url))) return '';
  return html`<figure><img src="${safeUrl(lead.url)}" alt="${lead.alt ?? lead.caption ?? ''}">${
    lead.caption || lead.credit ? html`<figcaption>${lead.caption ?? ''}${lead.caption && lead.credit ? ' ' : ''}${lead.credit ?? ''}</figcaption>` : ''
  }</figure>`;
}

/** The attribution appended to every item: who wrote it, who published it first, who republished it, and the disclaimer. */
export function attributionHtml(site: SiteInfo, item: ArticleSummary): SafeHtml {
  const language = item.language || site.language || 'en';
  const name = siteDisplayName(site);
  let disclaimer = '';
  try {
    disclaimer = renderTemplate(site.disclaimerTemplate, { site: site.name, source: item.sourceName, author: item.byline, originalUrl: item.originalUrl });
  } catch {
    // A template with a blank value is never rendered half-filled; the item goes out without it.
  }
  return html`<p class="attribution">By ${item.byline?.trim() || item.sourceName}. Published by <a href="${safeUrl(item.originalUrl)}">${item.sourceName}</a>${
    item.firstCreated ? ` on ${formatDate(item.firstCreated, language)}` : ''
  }. Republished by <a href="${safeUrl(site.url)}">${name}</a> on ${formatDate(item.republishedAt, language)}.</p>${
    disclaimer ? html`<p class="disclaimer">${disclaimer}</p>` : ''
  }`;
}

/** Said before a summary published in place of the story: it is not the whole story, which is at the source. */
function summaryNotice(item: ArticleSummary) {
  return item.summaryOnly
    ? html`<p class="summary-only"><strong>Summary.</strong> The full story is at <a href="${safeUrl(item.originalUrl)}">${item.sourceName}</a>.</p>`
    : '';
}

/** Full content of an item: lead image, body (or excerpt), attribution. */
export function itemContentHtml(site: SiteInfo, item: ArticleSummary): string {
  return html`${summaryNotice(item)}${figure(item)}${item.bodyHtml ? raw(item.bodyHtml) : html`<p>${item.excerpt}</p>`}${attributionHtml(site, item)}`.value;
}

export function renderRss(site: SiteInfo, items: ArticleSummary[], selfUrl: string, options: FeedOptions = {}): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    element('title', titleOf(site, options)),
    element('link', options.homeUrl ?? site.url),
    element('description', options.description ?? site.description ?? titleOf(site, options)),
    element('language', site.language),
    element('lastBuildDate', rfc822Date(lastUpdated(items, options))),
    element('generator', GENERATOR),
    `<atom:link href="${escapeXml(selfUrl)}" rel="self" type="application/rss+xml"/>`,
  ];
  for (const item of items) {
    const link = siteUrl(site.url, item.url);
    const sourceFeed = item.sourceFeedUrl || siteUrl(site.url, item.sourceUrl);
    out.push(
      '<item>',
      element('title', item.headline),
      element('link', link),
      element('guid', item.guid, ' isPermaLink="false"'),
      element('pubDate', rfc822Date(item.republishedAt)),
      element('dc:creator', item.byline?.trim() || item.sourceName),
      element('description', item.excerpt),
      element('content:encoded', itemContentHtml(site, item)),
      element('source', item.sourceName, ` url="${escapeXml(sourceFeed)}"`),
      '</item>',
    );
  }
  out.push('</channel>', '</rss>', '');
  return out.filter(Boolean).join('\n');
}

/** Atom ids must be IRIs: a GUID with a scheme is used as is, anything else becomes a `urn:convey:` name. */
export function atomId(guid: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(guid) ? guid : `urn:convey:${encodeURIComponent(guid)}`;
}

export function renderAtom(site: SiteInfo, items: ArticleSummary[], selfUrl: string, options: FeedOptions = {}): string {
  const home = options.homeUrl ?? site.url;
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(site.language || 'en')}">`,
    element('id', selfUrl),
    element('title', titleOf(site, options)),
    element('subtitle', options.description ?? site.description),
    element('updated', lastUpdated(items, options)),
    `<link rel="self" type="application/atom+xml" href="${escapeXml(selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(home)}"/>`,
    `<author><name>${escapeXml(siteDisplayName(site))}</name><uri>${escapeXml(site.url)}</uri></author>`,
    element('generator', GENERATOR),
  ];
  for (const item of items) {
    const published = isoDate(item.republishedAt) ?? lastUpdated([], options);
    const updated = isoDate(item.versionCreated) ?? published;
    const sourceHome = item.sourceHomeUrl || siteUrl(site.url, item.sourceUrl);
    out.push(
      '<entry>',
      element('id', atomId(item.guid)),
      element('title', item.headline, ' type="text"'),
      `<link rel="alternate" type="text/html" href="${escapeXml(siteUrl(site.url, item.url))}"/>`,
      `<link rel="via" href="${escapeXml(item.originalUrl)}"/>`,
      element('published', published),
      element('updated', updated),
      `<author><name>${escapeXml(item.byline?.trim() || item.sourceName)}</name></author>`,
      element('summary', item.excerpt, ' type="text"'),
      element('content', itemContentHtml(site, item), ' type="html"'),
      `<source><id>${escapeXml(sourceHome)}</id><title>${escapeXml(item.sourceName)}</title><link rel="alternate" href="${escapeXml(sourceHome)}"/>${
        item.sourceFeedUrl ? `<link rel="self" href="${escapeXml(item.sourceFeedUrl)}"/>` : ''
      }<updated>${escapeXml(updated)}</updated></source>`,
      '</entry>',
    );
  }
  out.push('</feed>', '');
  return out.filter(Boolean).join('\n');
}

export interface JsonFeedItem {
  id: string;
  url: string;
  external_url: string;
  title: string;
  content_html: string;
  summary?: string;
  image?: string;
  date_published?: string;
  date_modified?: string;
  authors: { name: string; url?: string }[];
  language?: string;
  _convey: { source: { name: string; url: string; home_page_url?: string; feed_url?: string }; original_url: string; first_created?: string };
}

export function renderJsonFeed(site: SiteInfo, items: ArticleSummary[], selfUrl: string, options: FeedOptions = {}): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: titleOf(site, options),
    home_page_url: options.homeUrl ?? site.url,
    feed_url: selfUrl,
    description: options.description ?? site.description ?? undefined,
    language: site.language || undefined,
    authors: [{ name: siteDisplayName(site), url: site.url }],
    items: items.map((item): JsonFeedItem => ({
      id: item.guid,
      url: siteUrl(site.url, item.url),
      external_url: item.originalUrl,
      title: item.headline,
      content_html: itemContentHtml(site, item),
      summary: item.excerpt || undefined,
      image: item.lead?.url,
      date_published: isoDate(item.republishedAt) ?? undefined,
      date_modified: isoDate(item.versionCreated) ?? undefined,
      authors: [{ name: item.byline?.trim() || item.sourceName }],
      language: item.language ?? undefined,
      _convey: {
        source: {
          name: item.sourceName,
          url: siteUrl(site.url, item.sourceUrl),
          home_page_url: item.sourceHomeUrl ?? undefined,
          feed_url: item.sourceFeedUrl ?? undefined,
        },
        original_url: item.originalUrl,
        first_created: isoDate(item.firstCreated) ?? undefined,
      },
    })),
  };
  return JSON.stringify(feed);
}
