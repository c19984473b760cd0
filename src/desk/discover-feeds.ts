// Adding a source by its homepage: what the page says about itself (feeds it links, its name, its logo),
// read from the HTML (pure), then checked through the guarded client (`discoverSource`): each linked feed, or
// when the page links none, a few common feed paths, is fetched and kept only if it parses as a feed.
import { Parser } from 'htmlparser2';
import type { HttpClient } from '../fetch/http-client.js';
import { decodeHtmlBytes } from '../extract/decode-html.js';
import { parseFeed } from '../feeds/parse-feed.js';

const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/json', 'application/rdf+xml', 'application/xml', 'text/xml']);
/** Tried when the page links no feed; the paths the common publishing systems use. */
export const COMMON_FEED_PATHS = ['/feed', '/rss.xml', '/feed.xml', '/atom.xml', '/index.xml', '/rss', '/feed.json'];
const MAX_FEEDS = 10;

export interface HomepageFacts {
  /** og:site_name, else application-name, else the title. */
  name: string | null;
  /** An apple-touch-icon, else an icon, else og:image; absolute. */
  logoUrl: string | null;
  feeds: { url: string; title: string | null }[];
}

function absolute(href: string, base: string): string | null {
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Reads the facts from a homepage's HTML; `pageUrl` resolves relative links (a `<base href>` is honoured). */
export function readHomepage(htmlText: string, pageUrl: string): HomepageFacts {
  let base = pageUrl;
  let title = '';
  let inTitle = false;
  let siteName: string | null = null;
  let appName: string | null = null;
  const icons: { rank: number; url: string }[] = [];
  const feeds: { url: string; title: string | null }[] = [];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'base' && attrs.href) base = absolute(attrs.href, pageUrl) ?? base;
        if (name === 'title') inTitle = true;
        if (name === 'meta') {
          const key = (attrs.property ?? attrs.name ?? '').toLowerCase();
          const content = attrs.content?.trim();
          if (!content) return;
          if (key === 'og:site_name') siteName ??= content;
          if (key === 'application-name') appName ??= content;
          if (key === 'og:image') {
            const url = absolute(content, base);
            if (url) icons.push({ rank: 3, url });
          }
        }
        if (name === 'link' && attrs.href) {
          const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
          const url = absolute(attrs.href, base);
          if (!url) return;
          if (rel.includes('alternate') && FEED_TYPES.has((attrs.type ?? '').toLowerCase().trim())) {
            if (!feeds.some((f) => f.url === url)) feeds.push({ url, title: attrs.title?.trim() || null });
          }
          if (rel.includes('apple-touch-icon')) icons.push({ rank: 1, url });
          else if (rel.includes('icon')) icons.push({ rank: 2, url });
        }
      },
      ontext(text) {
        if (inTitle) title += text;
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(htmlText);
  parser.end();
  icons.sort((a, b) => a.rank - b.rank);
  const cleanTitle = title.replace(/\s+/g, ' ').trim();
  return { name: siteName ?? appName ?? (cleanTitle || null), logoUrl: icons[0]?.url ?? null, feeds: feeds.slice(0, MAX_FEEDS) };
}

export interface DiscoveredFeed {
  url: string;
  title: string | null;
  /** Entries the feed holds now; null when not fetched (a feed typed in by the editor). */
  entries: number | null;
}

export interface Discovery {
  homeUrl: string;
  name: string | null;
  logoUrl: string | null;
  feeds: DiscoveredFeed[];
  /** Linked feeds that could not be had or read, with why. */
  problems: string[];
}

async function tryFeed(client: HttpClient, url: string): Promise<DiscoveredFeed | string> {
  try {
    const response = await client.fetch(url, { accept: 'feed', timeoutMs: 10_000 });
    if (response.status !== 200) return `${url}: HTTP ${response.status}`;
    const feed = parseFeed(response.body, response.contentType, response.url, response.headers);
    return { url: response.url, title: feed.title, entries: feed.entries.length };
  } catch (error) {
    return `${url}: ${(error as Error).message}`;
  }
}

/** Fetches the homepage through the guarded client and finds its feeds. Throws with a clear message when the page cannot be had. */
export async function discoverSource(client: HttpClient, homeUrl: string): Promise<Discovery> {
  const page = await client.fetch(homeUrl, { accept: 'html', timeoutMs: 15_000 });
  if (page.status !== 200) throw new Error(`the homepage answered HTTP ${page.status}`);
  const facts = readHomepage(decodeHtmlBytes(page.body, page.contentType).text, page.url);
  const candidates = facts.feeds.length > 0 ? facts.feeds.map((f) => f.url) : COMMON_FEED_PATHS.map((p) => new URL(p, page.url).href);
  const feeds: DiscoveredFeed[] = [];
  const problems: string[] = [];
  for (const url of candidates) {
    const result = await tryFeed(client, url);
    if (typeof result === 'string') {
      // A guessed path that is not there is no problem worth showing; a linked feed that fails is.
      if (facts.feeds.length > 0) problems.push(result);
    } else if (!feeds.some((f) => f.url === result.url)) {
      feeds.push({ ...result, title: result.title ?? facts.feeds.find((f) => f.url === url)?.title ?? null });
    }
  }
  return { homeUrl: page.url, name: facts.name, logoUrl: facts.logoUrl, feeds, problems };
}
