/**
 * What each kind of request asks for (Accept) and which answers it takes (the content-type allow-list), and the
 * one Content-Type parser of the project (feeds and pages decode with it too).
 */
import mimeTypeModule from 'whatwg-mimetype';

// whatwg-mimetype 4 (CommonJS) exports the class itself; the @types package describes version 5's named export.
const MIMEType = mimeTypeModule as unknown as typeof import('whatwg-mimetype').MIMEType;

export type AcceptKind = 'feed' | 'html' | 'image' | 'any';

export interface ParsedContentType {
  /** Media type without parameters, lower-case; null when the header is missing or unreadable. */
  mediaType: string | null;
  /** The charset parameter, lower-case and unquoted; null when absent. */
  charset: string | null;
}

/**
 * Parses a Content-Type header the WHATWG way (whatwg-mimetype), with two tolerances that feed servers need and
 * Python's feedparser has: spaces around `=` (`charset = utf-8`) and single quotes (`charset='utf-8'`).
 */
export function parseContentType(header: string | undefined | null): ParsedContentType {
  if (!header) return { mediaType: null, charset: null };
  const parsed = MIMEType.parse(header.replace(/\s*=\s*/g, '='));
  if (!parsed) return { mediaType: null, charset: null };
  const charset = parsed.parameters.get('charset')?.trim().replace(/^(["'])(.*)\1$/, '$2').trim().toLowerCase();
  return { mediaType: parsed.essence, charset: charset || null };
}

const ACCEPT_HEADERS: Record<AcceptKind, string> = {
  feed:
    'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, ' +
    'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.5, */*;q=0.1',
  html: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1',
  image: 'image/avif, image/webp, image/png, image/jpeg, image/*;q=0.8, */*;q=0.1',
  any: '*/*',
};

export function acceptHeaderFor(kind: AcceptKind): string {
  return ACCEPT_HEADERS[kind];
}

// Feeds are often served with a generic or wrong type; the feed parser sniffs the bytes, so we only refuse types
// that cannot be a feed (images, video, archives...).
const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/x-rss+xml',
  'application/atom+xml',
  'application/x-atom+xml',
  'application/rdf+xml',
  'application/xml',
  'text/xml',
  'text/rss+xml',
  'text/atom+xml',
  'application/json',
  'application/feed+json',
  'application/x-json',
  'text/json',
  'text/plain',
  'text/html',
  'application/xhtml+xml',
  // Says nothing about the content, like a missing header: object stores serve feeds with it.
  'application/octet-stream',
]);

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/**
 * Is a 2xx answer of this media type acceptable for the kind of request? A missing type is accepted: the
 * consumer sniffs the bytes.
 */
export function isAcceptedContentType(kind: AcceptKind, mediaType: string | null): boolean {
  if (mediaType === null || kind === 'any') return true;
  switch (kind) {
    case 'feed':
      return FEED_TYPES.has(mediaType) || /^(application|text)\/[\w.-]+\+(xml|json)$/.test(mediaType);
    case 'html':
      return HTML_TYPES.has(mediaType);
    case 'image':
      return mediaType.startsWith('image/');
  }
}
