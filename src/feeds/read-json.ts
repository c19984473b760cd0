// JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/). 1.1 renamed `author` to `authors` and
// added `language`; both spellings are read.
import { escapeHtml, htmlToText, sanitizeArticleHtml } from '../clean/sanitize.js';
import type { ImageRef } from '../model/types.js';
import { parseDate } from '../dates/parse-date.js';
import { FeedParseError, type Enclosure, type Person, type RawEntry, type RawFeed } from './feed-types.js';
import { nonEmpty, resolveUrl } from './fields.js';

type Json = Record<string, unknown>;

function str(value: unknown): string | null {
  return typeof value === 'string' ? nonEmpty(value) : typeof value === 'number' ? String(value) : null;
}

function obj(value: unknown): Json | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function jsonVersion(doc: Json): string {
  const version = str(doc.version) ?? '';
  if (/jsonfeed\.org\/version\/1\.1\/?$/.test(version)) return 'json11';
  if (/jsonfeed\.org\/version\/1\/?$/.test(version)) return 'json1';
  return '';
}

export function looksLikeJsonFeed(doc: unknown): doc is Json {
  const o = obj(doc);
  if (!o) return false;
  return (typeof o.version === 'string' && o.version.includes('jsonfeed.org')) || Array.isArray(o.items);
}

function peopleOf(container: Json, base: string): Person[] {
  const list = [...arr(container.authors), ...(obj(container.author) ? [container.author] : [])];
  const out: Person[] = [];
  for (const raw of list) {
    const o = obj(raw);
    if (!o) continue;
    const url = str(o.url);
    const mailto = url && /^mailto:/i.test(url) ? url.slice(7) : null;
    const person: Person = { name: str(o.name), email: mailto, url: mailto ? null : resolveUrl(url, base) };
    if (person.name || person.email || person.url) out.push(person);
  }
  return out;
}

export function readJsonFeed(doc: Json, documentUrl: string, language: string | null): RawFeed {
  const base = resolveUrl(str(doc.feed_url), documentUrl) ?? documentUrl;
  const feedLanguage = str(doc.language) ?? language;
  const authors = peopleOf(doc, base);
  const iconUrl = resolveUrl(str(doc.icon), base) ?? resolveUrl(str(doc.favicon), base);
  const items = arr(doc.items);
  if (!Array.isArray(doc.items) && doc.items !== undefined) throw new FeedParseError('not a feed: JSON Feed "items" is not an array');
  return {
    format: 'json',
    version: jsonVersion(doc),
    title: textOf(str(doc.title)),
    link: resolveUrl(str(doc.home_page_url), base),
    description: htmlFromText(str(doc.description), base),
    language: feedLanguage,
    id: str(doc.feed_url),
    updated: null,
    author: authors[0] ?? null,
    image: iconUrl ? { url: iconUrl, caption: null, credit: null } : null,
    generator: null,
    rights: null,
    ttlMinutes: null,
    updatePeriodMinutes: null,
    entries: items.map(obj).filter((i): i is Json => i !== null).map((item) => readItem(item, base, authors, feedLanguage)),
  };
}

function textOf(value: string | null): string | null {
  return value ? nonEmpty(/<[a-z/!]|&[#\w]+;/i.test(value) ? htmlToText(value).replace(/\s*\n\s*/g, ' ') : value.replace(/[ \t\r\n]+/g, ' ')) : null;
}

function htmlFromText(text: string | null, base: string): string | null {
  return text ? nonEmpty(sanitizeArticleHtml(escapeHtml(text).replace(/\n/g, '<br />'), base)) : null;
}

function readItem(item: Json, base: string, feedAuthors: Person[], feedLanguage: string | null): RawEntry {
  const link = resolveUrl(str(item.url), base);
  const external = resolveUrl(str(item.external_url), base);
  const contentHtmlRaw = str(item.content_html);
  const contentText = str(item.content_text);
  const summary = str(item.summary);
  const enclosures: Enclosure[] = [];
  for (const raw of arr(item.attachments)) {
    const a = obj(raw);
    const url = a ? resolveUrl(str(a.url), base) : null;
    if (!a || !url) continue;
    const length = typeof a.size_in_bytes === 'number' && a.size_in_bytes >= 0 ? Math.floor(a.size_in_bytes) : null;
    enclosures.push({ url, type: str(a.mime_type), length });
  }
  const images: ImageRef[] = [];
  for (const candidate of [str(item.image), str(item.banner_image)]) {
    const url = resolveUrl(candidate, base);
    if (url && !images.some((i) => i.url === url)) images.push({ url, caption: null, credit: null });
  }
  for (const e of enclosures) {
    if (e.type?.startsWith('image/') && !images.some((i) => i.url === e.url)) images.push({ url: e.url, caption: str(obj(arr(item.attachments).find((a) => str(obj(a)?.url) === e.url))?.title), credit: null });
  }
  const authors = peopleOf(item, base);
  return {
    guid: str(item.id),
    title: textOf(str(item.title)),
    link: link ?? external,
    summaryHtml: htmlFromText(summary, base),
    contentHtml: contentHtmlRaw ? nonEmpty(sanitizeArticleHtml(contentHtmlRaw, link ?? base)) : htmlFromText(contentText, base),
    published: dateOf(item.date_published),
    updated: dateOf(item.date_modified),
    authors: authors.length ? authors : feedAuthors,
    categories: arr(item.tags).map(str).filter((t): t is string => t !== null),
    images,
    enclosures,
    language: str(item.language) ?? feedLanguage,
    comments: null,
    source: external && link && external !== link ? { title: null, url: external } : null,
    rights: null,
    contentText: contentHtmlRaw ?? contentText ?? summary ?? '',
  };
}

function dateOf(value: unknown): string | null {
  const text = str(value);
  return text ? parseDate(text) : null;
}
