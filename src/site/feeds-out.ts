// The site's own feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 of what the site shows. Each item carries the
// full text with the page's own provenance appended (fail closed: an item that cannot carry it is left out),
// its license (RSS dc:rights, Atom rights, JSON Feed `_convey.license`), the source it came from (RSS <source>,
// atom:source, JSON Feed `_convey.source`), its own dates (published: the source's; updated: the version's)
// and a GUID that stays the same when the article is updated.
import type { Article, RightsInfo, SiteInfo, Source } from '../model/types.js';
import type { ArticleSummary } from './view-models.js';
import { element } from './xml.js';
import { escapeHtml } from '../clean/escape.js';
import { isoDate, rfc822Date, siteUrl } from './format.js';
import { html, raw, safeUrl, type SafeHtml } from './html.js';
import { siteDisplayName } from './views/layout.js';
import { renderProvenance } from './views/provenance-footer.js';
import { toSummary } from './summaries.js';
import { MissingAttributionError } from '../provenance/missing-attribution-error.js';
import { effectiveRights, hasRights } from '../provenance/rights.js';

/** An article with its source: what a feed item is rendered from. */
export interface FeedEntry {
  article: Article;
  source: Source;
}

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

/** An item ready to go out: its summary, its full content (provenance included) and the rights that apply. */
interface FeedItem extends ArticleSummary {
  contentHtml: string;
  rights: RightsInfo;
}

function titleOf(site: SiteInfo, options: FeedOptions): string {
  return options.title ?? siteDisplayName(site);
}

/** When the source published the story (the republish time when it gave none): the item's publication date. */
const publishedOf = (item: ArticleSummary) => item.firstCreated ?? item.republishedAt;
/** When the text shown last changed: the item's update date. */
const modifiedOf = (item: ArticleSummary) => item.versionCreated ?? item.republishedAt;

function lastUpdated(items: ArticleSummary[], options: FeedOptions): string {
  let latest = Number.NEGATIVE_INFINITY;
  let latestIso: string | null = null;
  for (const item of items) {
    const iso = isoDate(modifiedOf(item));
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

/**
 * The lead image as feed readers take it: an enclosure (RSS `<enclosure>`, Atom `rel="enclosure"`) and Media RSS
 * `media:content` with its credit and caption, pointing at the site's copy (the widest in the source's format).
 * An image the page would not show (no credit where one is required, no copy yet) is not in the item either.
 */
function leadImageElements(item: ArticleSummary, format: 'rss' | 'atom'): string[] {
  const lead = item.lead;
  if (!lead) return [];
  const copy = lead.variants?.find((v) => v.url === lead.url);
  const type = copy?.contentType ?? null;
  const length = copy?.bytes ?? 0;
  const enclosure =
    format === 'rss'
      ? type ? `<enclosure url="${escapeHtml(lead.url)}" length="${length}" type="${escapeHtml(type)}"/>` : ''
      : `<link rel="enclosure" href="${escapeHtml(lead.url)}"${type ? ` type="${escapeHtml(type)}"` : ''}${length ? ` length="${length}"` : ''}/>`;
  const size = `${lead.width ? ` width="${lead.width}"` : ''}${lead.height ? ` height="${lead.height}"` : ''}`;
  const media = `<media:content url="${escapeHtml(lead.url)}" medium="image"${type ? ` type="${escapeHtml(type)}"` : ''}${size}>${
    lead.credit ? element('media:credit', lead.credit) : ''
  }${lead.caption ? element('media:description', lead.caption, ' type="plain"') : ''}</media:content>`;
  return [enclosure, media];
}

/**
 * The items that can go out, each with the same provenance as its page (byline, the source's attribution
 * template, republished by, license, disclaimer). Fail closed, like the page: an article whose provenance
 * cannot be rendered whole is left out of the feed, never sent half-attributed.
 */
export function feedItems(site: SiteInfo, entries: FeedEntry[]): FeedItem[] {
  const items: FeedItem[] = [];
  for (const { article, source } of entries) {
    let provenance: SafeHtml;
    try {
      provenance = renderProvenance({ site, source, article });
    } catch (error) {
      if (error instanceof MissingAttributionError) continue;
      throw error;
    }
    const summary = toSummary(article, source, site.url, { withBody: true });
    const body = summary.bodyHtml ? raw(summary.bodyHtml) : html`<p>${summary.excerpt}</p>`;
    items.push({
      ...summary,
      contentHtml: html`${summaryNotice(summary)}${figure(summary)}${body}<div class="provenance">${provenance}</div>`.value,
      rights: effectiveRights(article.rights, source.rights),
    });
  }
  return items;
}

/** The rights as one line of text, for RSS `dc:rights` and Atom `rights`: "CC BY 4.0 (https://…). Terms. © Holder". */
export function rightsStatement(rights: RightsInfo): string | null {
  if (!hasRights(rights)) return null;
  const parts: string[] = [];
  if (rights.license) parts.push(rights.licenseUrl ? `${rights.license} (${rights.licenseUrl}).` : `${rights.license}.`);
  if (rights.usageTerms) parts.push(rights.usageTerms);
  if (rights.copyrightHolder) parts.push(`© ${rights.copyrightHolder}`);
  return parts.join(' ');
}

/** Said before a summary published in place of the story: it is not the whole story, which is at the source. */
function summaryNotice(item: ArticleSummary) {
  return item.summaryOnly
    ? html`<p class="summary-only"><strong>Summary.</strong> The full story is at <a href="${safeUrl(item.originalUrl)}">${item.sourceName}</a>.</p>`
    : '';
}

export function renderRss(site: SiteInfo, entries: FeedEntry[], selfUrl: string, options: FeedOptions = {}): string {
  const items = feedItems(site, entries);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">',
    '<channel>',
    element('title', titleOf(site, options)),
    element('link', options.homeUrl ?? site.url),
    element('description', options.description ?? site.description ?? titleOf(site, options)),
    element('language', site.language),
    element('lastBuildDate', rfc822Date(lastUpdated(items, options))),
    element('generator', GENERATOR),
    `<atom:link href="${escapeHtml(selfUrl)}" rel="self" type="application/rss+xml"/>`,
  ];
  for (const item of items) {
    const link = siteUrl(site.url, item.url);
    const sourceFeed = item.sourceFeedUrl || siteUrl(site.url, item.sourceUrl);
    out.push(
      '<item>',
      element('title', item.headline),
      element('link', link),
      element('guid', item.guid, ' isPermaLink="false"'),
      element('pubDate', rfc822Date(publishedOf(item))),
      element('dc:creator', item.byline?.trim() || item.sourceName),
      element('dc:rights', rightsStatement(item.rights)),
      element('description', item.excerpt),
      element('content:encoded', item.contentHtml),
      ...leadImageElements(item, 'rss'),
      element('source', item.sourceName, ` url="${escapeHtml(sourceFeed)}"`),
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

export function renderAtom(site: SiteInfo, entries: FeedEntry[], selfUrl: string, options: FeedOptions = {}): string {
  const items = feedItems(site, entries);
  const home = options.homeUrl ?? site.url;
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xml:lang="${escapeHtml(site.language || 'en')}">`,
    element('id', selfUrl),
    element('title', titleOf(site, options)),
    element('subtitle', options.description ?? site.description),
    element('updated', lastUpdated(items, options)),
    `<link rel="self" type="application/atom+xml" href="${escapeHtml(selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeHtml(home)}"/>`,
    `<author><name>${escapeHtml(siteDisplayName(site))}</name><uri>${escapeHtml(site.url)}</uri></author>`,
    element('generator', GENERATOR),
  ];
  for (const item of items) {
    const published = isoDate(publishedOf(item)) ?? lastUpdated([], options);
    const updated = isoDate(modifiedOf(item)) ?? published;
    const sourceHome = item.sourceHomeUrl || siteUrl(site.url, item.sourceUrl);
    out.push(
      '<entry>',
      element('id', atomId(item.guid)),
      element('title', item.headline, ' type="text"'),
      `<link rel="alternate" type="text/html" href="${escapeHtml(siteUrl(site.url, item.url))}"/>`,
      `<link rel="via" href="${escapeHtml(item.originalUrl)}"/>`,
      element('published', published),
      element('updated', updated),
      `<author><name>${escapeHtml(item.byline?.trim() || item.sourceName)}</name></author>`,
      element('rights', rightsStatement(item.rights), ' type="text"'),
      element('summary', item.excerpt, ' type="text"'),
      element('content', item.contentHtml, ' type="html"'),
      ...leadImageElements(item, 'atom'),
      `<source><id>${escapeHtml(sourceHome)}</id><title>${escapeHtml(item.sourceName)}</title><link rel="alternate" href="${escapeHtml(sourceHome)}"/>${
        item.sourceFeedUrl ? `<link rel="self" href="${escapeHtml(item.sourceFeedUrl)}"/>` : ''
      }<updated>${escapeHtml(updated)}</updated></source>`,
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
  _convey: {
    source: { name: string; url: string; home_page_url?: string; feed_url?: string };
    original_url: string;
    first_created?: string;
    /** The rights the item is republished under (JSON Feed has no field of its own for them). */
    license?: { name?: string; url?: string; usage_terms?: string; copyright_holder?: string; statement: string };
  };
}

function jsonLicense(rights: RightsInfo): JsonFeedItem['_convey']['license'] {
  const statement = rightsStatement(rights);
  if (!statement) return undefined;
  return {
    name: rights.license ?? undefined,
    url: rights.licenseUrl ?? undefined,
    usage_terms: rights.usageTerms ?? undefined,
    copyright_holder: rights.copyrightHolder ?? undefined,
    statement,
  };
}

export function renderJsonFeed(site: SiteInfo, entries: FeedEntry[], selfUrl: string, options: FeedOptions = {}): string {
  const items = feedItems(site, entries);
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
      content_html: item.contentHtml,
      summary: item.excerpt || undefined,
      image: item.lead?.url,
      date_published: isoDate(publishedOf(item)) ?? undefined,
      date_modified: isoDate(modifiedOf(item)) ?? undefined,
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
        license: jsonLicense(item.rights),
      },
    })),
  };
  return JSON.stringify(feed);
}
