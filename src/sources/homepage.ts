// What a publisher's homepage says about itself: the feeds it advertises (`<link rel="alternate">`, then links
// in the page that name a feed), its name and its logo. Pure: HTML text and the page's URL in, candidates out.
import { parseDocument } from 'htmlparser2';
import { findAll, getAttributeValue, textContent } from 'domutils';
import type { Element } from 'domhandler';

export type FeedKind = 'rss' | 'atom' | 'json' | 'unknown';

export interface FeedLink {
  url: string;
  title: string | null;
  kind: FeedKind;
}

export interface HomepageFacts {
  /** The site's own name (Open Graph site name, application name, else the title without its tagline). */
  name: string | null;
  logoUrl: string | null;
  feeds: FeedLink[];
}

const FEED_TYPES: Record<string, FeedKind> = {
  'application/rss+xml': 'rss',
  'application/rdf+xml': 'rss',
  'application/atom+xml': 'atom',
  'application/feed+json': 'json',
  'application/json': 'json',
  'application/xml': 'unknown',
  'text/xml': 'unknown',
};

// The last path segment of links that are feeds by their name, as sites commonly publish them.
const FEED_PATH = /(^|\/)(feed|rss|atom|index)(\.(xml|rss|atom|json))?\/?$|\.(rss|atom)$|(^|\/)feed\.json$/i;

/** An absolute http(s) URL for `href` on the page, or null (javascript:, data:, mailto: and unreadable ones). */
function absolute(href: string | undefined, base: string): string | null {
  if (!href?.trim()) return null;
  try {
    const url = new URL(href.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

const relsOf = (el: Element) => (getAttributeValue(el, 'rel') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
const clean = (text: string | null | undefined) => {
  const value = (text ?? '').replace(/\s+/g, ' ').trim();
  return value ? value.slice(0, 200) : null;
};

function kindOfPath(url: string): FeedKind {
  const path = new URL(url).pathname.toLowerCase();
  if (path.endsWith('.json')) return 'json';
  if (path.includes('atom')) return 'atom';
  return path.includes('rss') ? 'rss' : 'unknown';
}

export function readHomepage(html: string, pageUrl: string): HomepageFacts {
  const doc = parseDocument(html, { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true });
  const elements = findAll(() => true, doc.children) as Element[];
  const feeds: FeedLink[] = [];
  const seen = new Set<string>();
  const add = (link: FeedLink) => {
    if (seen.has(link.url)) return;
    seen.add(link.url);
    feeds.push(link);
  };

  // A <base href> changes what relative links mean.
  const baseElement = elements.find((el) => el.name === 'base' && getAttributeValue(el, 'href'));
  const base = absolute(baseElement && getAttributeValue(baseElement, 'href'), pageUrl) ?? pageUrl;

  for (const el of elements) {
    if (el.name !== 'link' || !relsOf(el).includes('alternate')) continue;
    const type = (getAttributeValue(el, 'type') ?? '').toLowerCase().split(';')[0].trim();
    const kind = FEED_TYPES[type];
    const url = absolute(getAttributeValue(el, 'href'), base);
    if (kind && url) add({ url, title: clean(getAttributeValue(el, 'title')), kind });
  }
  // Links in the page only when the head advertises none: they are a guess, the head is the site's word.
  if (feeds.length === 0) {
    for (const el of elements) {
      if (el.name !== 'a') continue;
      const url = absolute(getAttributeValue(el, 'href'), base);
      if (!url || new URL(url).host !== new URL(pageUrl).host || !FEED_PATH.test(new URL(url).pathname)) continue;
      add({ url, title: clean(textContent(el)), kind: kindOfPath(url) });
    }
  }

  const meta = (key: string) => {
    const el = elements.find((e) => e.name === 'meta' && (getAttributeValue(e, 'property') ?? getAttributeValue(e, 'name'))?.toLowerCase() === key);
    return el ? clean(getAttributeValue(el, 'content')) : null;
  };
  const title = elements.find((el) => el.name === 'title');
  const titleText = title ? clean(textContent(title)) : null;
  // "Tidewater News | Coastal stories since 1921" → "Tidewater News"
  const fromTitle = titleText ? clean(titleText.split(/\s+[|–—·:-]\s+/)[0]) : null;
  const name = meta('og:site_name') ?? meta('application-name') ?? fromTitle;

  const icons = elements.filter((el) => el.name === 'link' && relsOf(el).some((rel) => rel === 'icon' || rel === 'apple-touch-icon'));
  const bySize = (el: Element) => Number(/^(\d+)x\d+$/.exec(getAttributeValue(el, 'sizes') ?? '')?.[1] ?? (relsOf(el).includes('apple-touch-icon') ? 180 : 16));
  const icon = icons.sort((a, b) => bySize(b) - bySize(a))[0];
  const logoUrl = absolute(meta('og:logo') ?? (icon && getAttributeValue(icon, 'href')), base);

  return { name, logoUrl, feeds };
}

/** Where sites commonly publish a feed, tried when the homepage names none. */
export const COMMON_FEED_PATHS = ['/feed', '/rss', '/rss.xml', '/feed.xml', '/atom.xml', '/index.xml', '/feed.json', '/feeds/posts/default'];
