// The shape every feed format is read into. Plain data; see parse-feed.ts for how it is produced.
import type { ImageRef } from '../model/types.js';

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

export interface Person {
  name: string | null;
  email: string | null;
  url: string | null;
}

export interface Enclosure {
  url: string;
  type: string | null;
  length: number | null;
}

export interface FeedEntry {
  /** The entry's own id (RSS guid, Atom id, JSON id). */
  guid: string | null;
  /** Identity within the feed (DESIGN.md §3): guid, else resolved link, else a hash of title + content. */
  key: string;
  /** Plain text. */
  title: string | null;
  /** Absolute URL. */
  link: string | null;
  /** Sanitised HTML, URLs absolute. */
  summaryHtml: string | null;
  /** Sanitised HTML, URLs absolute. */
  contentHtml: string | null;
  /** ISO 8601 (UTC). */
  published: string | null;
  updated: string | null;
  authors: Person[];
  categories: string[];
  images: ImageRef[];
  enclosures: Enclosure[];
  language: string | null;
  comments: string | null;
  source: { title: string | null; url: string | null } | null;
  rights: string | null;
}

export interface ParsedFeed {
  format: FeedFormat;
  /** feedparser-style version: 'rss090', 'rss091u', 'rss092', 'rss093', 'rss094', 'rss20', 'rss10', 'atom03', 'atom10', 'json1', 'json11', or ''. */
  version: string;
  /** Detected character encoding, lower-case. */
  encoding: string;
  /** True when the document was not well-formed or its declared encoding was wrong (data still returned). */
  bozo: boolean;
  bozoReason: string | null;
  title: string | null;
  link: string | null;
  description: string | null;
  language: string | null;
  id: string | null;
  updated: string | null;
  author: Person | null;
  image: ImageRef | null;
  generator: string | null;
  rights: string | null;
  /** RSS `<ttl>`, in minutes. */
  ttlMinutes: number | null;
  /** Interval implied by sy:updatePeriod / sy:updateFrequency, in minutes. */
  updatePeriodMinutes: number | null;
  entries: FeedEntry[];
}

export class FeedParseError extends Error {
  override name = 'FeedParseError';
}

/**
 * What a format reader hands back before identity keys are assigned. `idText` is the id exactly as written
 * (before relative ids are resolved), so keys do not change when a feed moves to another address.
 */
export type RawEntry = Omit<FeedEntry, 'key'> & { contentText: string; idText?: string | null };
export type RawFeed = Omit<ParsedFeed, 'entries' | 'encoding' | 'bozo' | 'bozoReason'> & { entries: RawEntry[] };
