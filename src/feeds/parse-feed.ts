// The one entry point for reading a feed: bytes in, a ParsedFeed out. The format is detected from the
// content, never from the content type (servers label feeds as text/html, text/plain, octet-stream ...).
// Not well-formed documents are still read as far as possible and flagged `bozo`; only a document that
// is not a feed at all (HTML, empty, unknown root, broken JSON) raises FeedParseError.
import { decodeFeedBytes } from './decode.js';
import { assignEntryKeys } from './entry-key.js';
import { FeedParseError, type ParsedFeed, type RawFeed } from './feed-types.js';
import { readAtom } from './read-atom.js';
import { isCdf, readCdf } from './read-cdf.js';
import { looksLikeJsonFeed, readJsonFeed } from './read-json.js';
import { readRss } from './read-rss.js';
import { parseXml } from './xml-tree.js';

export { FeedParseError } from './feed-types.js';
export type { ParsedFeed, FeedEntry, Person, Enclosure, FeedFormat } from './feed-types.js';

export function parseFeed(
  bytes: Uint8Array,
  contentType: string | null | undefined,
  url: string,
  headers?: Record<string, string>,
): ParsedFeed {
  const decoded = decodeFeedBytes(bytes, contentType ?? header(headers, 'content-type'));
  const text = decoded.text.replace(/^\ufeff/, '');
  const documentUrl = documentUrlOf(url, headers);
  const language = languageOf(headers);
  const start = text.trimStart();
  if (!start) throw new FeedParseError('empty document');

  let raw: RawFeed;
  let bozo = decoded.bozo;
  let bozoReason = decoded.reason;
  if (start[0] === '{' || start[0] === '[') {
    let doc: unknown;
    try {
      doc = JSON.parse(start);
    } catch (error) {
      throw new FeedParseError(`not a feed: invalid JSON (${(error as Error).message})`);
    }
    if (!looksLikeJsonFeed(doc)) throw new FeedParseError('not a feed: JSON without a JSON Feed version or items');
    raw = readJsonFeed(doc, documentUrl, language);
  } else {
    const xml = parseXml(text, documentUrl);
    const root = xml.root;
    if (!root) throw new FeedParseError(start.startsWith('<') ? 'not a feed: no root element' : 'not a feed: the document is not XML or JSON');
    const name = root.local.toLowerCase();
    if (name === 'html' || /^<!doctype\s+html/i.test(start)) throw new FeedParseError('not a feed: the document is HTML');
    if (xml.bozo) {
      bozo = true;
      bozoReason ??= xml.bozoReason;
    }
    if (name === 'rss' || name === 'rdf') raw = readRss(root, documentUrl, language, xml.doctype);
    else if (name === 'feed') raw = readAtom(root, documentUrl, language);
    else if (isCdf(root)) raw = readCdf(root, documentUrl, language);
    else if (name === 'channel') raw = readRss(root, documentUrl, language, xml.doctype); // RSS without its <rss> wrapper
    else throw new FeedParseError(`not a feed: unknown root element <${root.name}>`);
  }

  const keys = assignEntryKeys(raw.entries);
  return {
    ...raw,
    encoding: decoded.encoding,
    bozo,
    bozoReason: bozo ? bozoReason : null,
    entries: raw.entries.map(({ contentText: _text, idText: _id, ...entry }, i) => ({ ...entry, key: keys[i] })),
  };
}

function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** Content-Location, when it is an http(s) URL, is where relative links in the document point. */
function documentUrlOf(url: string, headers?: Record<string, string>): string {
  const location = header(headers, 'content-location');
  if (location) {
    try {
      const resolved = new URL(location.trim(), url);
      if (resolved.protocol === 'http:' || resolved.protocol === 'https:') return resolved.href;
    } catch {
      // An unusable Content-Location is ignored.
    }
  }
  return url;
}

function languageOf(headers?: Record<string, string>): string | null {
  const value = header(headers, 'content-language');
  return value ? value.split(',')[0].trim().replace(/_/g, '-') || null : null;
}
