// Adding a source by its homepage: fetch the page through the guarded client, read the feeds it advertises (or
// try the common feed paths when it names none), and check each candidate by reading it as a feed, so that the
// operator chooses among feeds that work, each with its title and its number of entries.
import type { HttpClient } from '../fetch/http-client.js';
import { decodeHtmlBytes } from '../extract/decode-html.js';
import { parseFeed } from '../feeds/parse-feed.js';
import { COMMON_FEED_PATHS, readHomepage, type FeedKind } from './homepage.js';

export interface DiscoveredFeed {
  url: string;
  title: string | null;
  kind: FeedKind;
  /** How the feed was found: advertised by the page, linked from it, or at a common path. */
  foundBy: 'advertised' | 'guessed';
  /** Null when the feed reads; else why it cannot be used. */
  problem: string | null;
  entries: number;
}

export interface DiscoveredSource {
  homeUrl: string;
  name: string | null;
  logoUrl: string | null;
  feeds: DiscoveredFeed[];
}

export class DiscoveryError extends Error {
  override name = 'DiscoveryError';
}

/** Candidates checked at most: a page that advertises hundreds of feeds does not make hundreds of requests. */
const MAX_CANDIDATES = 8;

async function checkFeed(client: HttpClient, url: string): Promise<{ url: string; title: string | null; kind: FeedKind | null; entries: number; problem: string | null }> {
  try {
    const response = await client.fetch(url, { accept: 'feed' });
    if (response.status !== 200) return { url, title: null, kind: null, entries: 0, problem: `HTTP ${response.status}` };
    const feed = parseFeed(response.body, response.contentType, response.url, response.headers);
    const kind: FeedKind = feed.format === 'rdf' ? 'rss' : feed.format;
    return { url: response.url, title: feed.title, kind, entries: feed.entries.length, problem: null };
  } catch (error) {
    return { url, title: null, kind: null, entries: 0, problem: (error as Error).message };
  }
}

export async function discoverSource(client: HttpClient, homeUrl: string): Promise<DiscoveredSource> {
  let page;
  try {
    page = await client.fetch(homeUrl, { accept: 'html' });
  } catch (error) {
    throw new DiscoveryError(`cannot read ${homeUrl}: ${(error as Error).message}`);
  }
  if (page.status !== 200) throw new DiscoveryError(`cannot read ${homeUrl}: HTTP ${page.status}`);
  const facts = readHomepage(decodeHtmlBytes(page.body, page.contentType).text, page.url);

  const candidates = facts.feeds.length
    ? facts.feeds.slice(0, MAX_CANDIDATES).map((link) => ({ ...link, foundBy: 'advertised' as const }))
    : COMMON_FEED_PATHS.map((path) => ({ url: new URL(path, page.url).href, title: null, kind: 'unknown' as FeedKind, foundBy: 'guessed' as const }));

  const feeds: DiscoveredFeed[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    const checked = await checkFeed(client, candidate.url);
    // A guessed path that is not a feed is not a finding: most sites have none of them.
    if (candidate.foundBy === 'guessed' && checked.problem) continue;
    if (seen.has(checked.url)) continue;
    seen.add(checked.url);
    feeds.push({
      url: checked.url,
      title: checked.title ?? candidate.title,
      kind: checked.kind ?? candidate.kind,
      foundBy: candidate.foundBy,
      problem: checked.problem,
      entries: checked.entries,
    });
  }
  return { homeUrl: page.url, name: facts.name, logoUrl: facts.logoUrl, feeds };
}
