// Builds a feedparser-shaped view of a ParsedFeed so the corpus's Python expectations can be evaluated
// against it. Only names Convey models are mapped; every other key raises `Unmapped` (not a failure).
import type { FeedEntry, ParsedFeed, Person } from '../../src/feeds/parse-feed.js';
import { PyDict, PyTuple, type PyValue } from './python-expr.js';

// Raw date strings (`updated`, `published`) are not modelled: Convey keeps only the normalised date, which
// the `*_parsed` names compare.
const FEED_KEYS = new Set([
  'title', 'link', 'description', 'subtitle', 'tagline', 'language', 'id', 'updated_parsed',
  'modified_parsed', 'date_parsed', 'author', 'author_detail', 'image', 'generator', 'rights', 'copyright', 'ttl',
]);

const ENTRY_KEYS = new Set([
  'id', 'guid', 'title', 'link', 'summary', 'description', 'content', 'published_parsed',
  'issued_parsed', 'updated_parsed', 'modified_parsed', 'date_parsed', 'author', 'author_detail',
  'authors', 'tags', 'category', 'enclosures', 'comments', 'source', 'rights', 'copyright',
]);

/** feedparser's 9-field time.struct_time for an ISO date (UTC). */
export function structTime(iso: string | null): PyTuple | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  const yday = Math.floor((d.getTime() - start) / 86_400_000) + 1;
  const wday = (d.getUTCDay() + 6) % 7; // Monday is 0 in Python
  return new PyTuple([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), wday, yday, 0]);
}

function personDict(p: Person): PyDict {
  // feedparser's dicts answer `url` for `href`.
  return new PyDict({ name: p.name ?? undefined, email: p.email ?? undefined, href: p.url ?? undefined, url: p.url ?? undefined }, new Set(['name', 'email', 'href', 'url']));
}

/** feedparser writes "Name (email)" when both are known. */
function authorString(p: Person | null): string | undefined {
  if (!p) return undefined;
  if (p.name && p.email) return `${p.name} (${p.email})`;
  return p.name ?? p.email ?? undefined;
}

function feedDict(feed: ParsedFeed, empty: string | undefined): PyDict {
  const image = feed.image
    ? new PyDict({ href: feed.image.url, url: feed.image.url, title: feed.image.caption ?? undefined, width: feed.image.width ?? undefined, height: feed.image.height ?? undefined }, new Set(['href', 'url', 'title', 'width', 'height']))
    : undefined;
  return new PyDict(
    {
      title: feed.title ?? empty,
      link: feed.link ?? undefined,
      description: feed.description ?? empty,
      subtitle: feed.description ?? empty,
      tagline: feed.description ?? empty,
      language: feed.language ?? undefined,
      id: feed.id ?? undefined,
      updated_parsed: structTime(feed.updated),
      modified_parsed: structTime(feed.updated),
      date_parsed: structTime(feed.updated),
      author: authorString(feed.author),
      author_detail: feed.author ? personDict(feed.author) : undefined,
      image,
      generator: feed.generator ?? undefined,
      rights: feed.rights ?? empty,
      copyright: feed.rights ?? empty,
      ttl: feed.ttlMinutes != null ? String(feed.ttlMinutes) : undefined,
    },
    FEED_KEYS,
  );
}

function entryDict(entry: FeedEntry, empty: string | undefined): PyDict {
  const summary = entry.summaryHtml ?? entry.contentHtml ?? empty;
  return new PyDict(
    {
      id: entry.guid ?? undefined,
      guid: entry.guid ?? undefined,
      title: entry.title ?? empty,
      link: entry.link ?? undefined,
      summary,
      description: summary,
      content: entry.contentHtml ?? empty ? [new PyDict({ value: entry.contentHtml ?? empty }, new Set(['value']))] : undefined,
      published_parsed: structTime(entry.published),
      issued_parsed: structTime(entry.published),
      updated_parsed: structTime(entry.updated),
      modified_parsed: structTime(entry.updated),
      date_parsed: structTime(entry.updated),
      author: authorString(entry.authors[0] ?? null),
      author_detail: entry.authors[0] ? personDict(entry.authors[0]) : undefined,
      authors: entry.authors.length ? entry.authors.map(personDict) : undefined,
      tags: entry.categories.length ? entry.categories.map((term) => new PyDict({ term }, new Set(['term']))) : undefined,
      category: entry.categories[0],
      enclosures: entry.enclosures.length
        ? entry.enclosures.map((e) => new PyDict({ href: e.url, url: e.url, type: e.type ?? undefined, length: e.length != null ? String(e.length) : undefined }, new Set(['href', 'url', 'type', 'length'])))
        : undefined,
      comments: entry.comments ?? undefined,
      source: entry.source ? new PyDict({ title: entry.source.title ?? undefined, href: entry.source.url ?? undefined, url: entry.source.url ?? undefined }, new Set(['title', 'href', 'url'])) : undefined,
      rights: entry.rights ?? empty,
      copyright: entry.rights ?? empty,
    },
    ENTRY_KEYS,
  );
}

/**
 * `tolerant` turns text fields Convey left empty (everything in them was removed by the sanitiser) into
 * empty strings, which is how feedparser reports an element whose markup it emptied.
 */
export function feedparserScope(feed: ParsedFeed, tolerant = false): Record<string, PyValue> {
  const empty = tolerant ? '' : undefined;
  return {
    feed: feedDict(feed, empty),
    entries: feed.entries.map((e) => entryDict(e, empty)),
    bozo: feed.bozo,
    encoding: feed.encoding,
    version: feed.version,
  };
}

/** What feedparser returns for a document it cannot read at all: bozo, nothing else. */
export function rejectedScope(): Record<string, PyValue> {
  return { feed: new PyDict({}, FEED_KEYS), entries: [], bozo: true };
}
