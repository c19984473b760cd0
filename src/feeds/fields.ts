// Readers for the small pieces every XML feed format shares: text constructs in their content modes,
// people, URLs, and the extension namespaces (Dublin Core, content:, media:, iTunes) that RSS and
// Atom documents both carry.
import { absoluteUrl, htmlToText, sanitizeArticleHtml, escapeHtml } from '../clean/sanitize.js';
import type { ImageRef } from '../model/types.js';
import { parseDate } from '../dates/parse-date.js';
import type { Enclosure, Person } from './feed-types.js';
import { childElements, innerHtml, textContent, type XmlElement } from './xml-tree.js';

export const NS = {
  atom10: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rss10: 'http://purl.org/rss/1.0/',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  media: 'http://search.yahoo.com/mrss/',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  sy: 'http://purl.org/rss/1.0/modules/syndication/',
  xhtml: 'http://www.w3.org/1999/xhtml',
} as const;

/** Namespaces that mean "the feed's own vocabulary" in RSS documents. */
export const RSS_CORE = new Set(['', NS.rss10, NS.rss090, 'http://backend.userland.com/rss2', 'http://backend.userland.com/rss', 'http://purl.org/net/rss1.1#']);

/** Media RSS has been published under a few URIs; all are read. */
const MEDIA_NS = new Set([NS.media, 'http://search.yahoo.com/mrss', 'http://video.search.yahoo.com/mrss', 'http://video.search.yahoo.com/mrss/', 'http://tools.search.yahoo.com/mrss/']);
const ITUNES_NS = new Set([NS.itunes, 'http://www.itunes.com/DTDs/Podcast-1.0.dtd']);

export function isNs(el: XmlElement, ns: string | ReadonlySet<string>): boolean {
  if (typeof ns === 'string') {
    if (ns === NS.media) return MEDIA_NS.has(el.ns);
    if (ns === NS.itunes) return ITUNES_NS.has(el.ns) || el.ns.toLowerCase() === NS.itunes.toLowerCase();
    return el.ns === ns;
  }
  return ns.has(el.ns);
}

export function children(el: XmlElement, local: string, ns: string | ReadonlySet<string>): XmlElement[] {
  return childElements(el).filter((c) => c.local === local && isNs(c, ns));
}

export function child(el: XmlElement, local: string, ns: string | ReadonlySet<string>): XmlElement | null {
  for (const c of el.children) if (c.type === 'element' && c.local === local && isNs(c, ns)) return c;
  return null;
}

/** Trimmed text of the first matching child, or null when absent or blank. */
export function childText(el: XmlElement, local: string, ns: string | ReadonlySet<string>): string | null {
  const found = child(el, local, ns);
  return found ? nonEmpty(textContent(found)) : null;
}

export function nonEmpty(value: string | null | undefined): string | null {
  if (value == null) return null;
  const trimmed = value.trim();
  return trimmed ? trimmed : null;
}

export function attrOf(el: XmlElement, local: string): string | null {
  const found = el.attrs.find((a) => a.local === local && (a.ns === '' || a.ns === el.ns));
  return found ? found.value : null;
}

export function resolveUrl(value: string | null | undefined, base: string): string | null {
  const trimmed = nonEmpty(value);
  if (!trimmed) return null;
  return absoluteUrl(trimmed, base || undefined);
}

/** An id is an opaque string, but a relative one is resolved like a link (feedparser does the same). */
export function resolveId(value: string | null | undefined, base: string): string | null {
  const trimmed = nonEmpty(value);
  if (!trimmed) return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || !base) return trimmed;
  if (/^(\/|\.\.?\/)/.test(trimmed) || /^[\w.-]+\/[\w./-]*$/.test(trimmed)) return absoluteUrl(trimmed, base) ?? trimmed;
  return trimmed;
}

export function parseDateOf(el: XmlElement | null): string | null {
  if (!el) return null;
  const text = nonEmpty(textContent(el));
  return text ? parseDate(text) : null;
}

export type ContentKind = 'text' | 'html' | 'xhtml' | 'binary';

/** Works out how a text construct (Atom 0.3/1.0 `type` + `mode`, or an RSS element) carries its value. */
export function contentKind(el: XmlElement, defaultKind: 'text' | 'html'): { kind: ContentKind; base64: boolean } {
  const type = (attrOf(el, 'type') ?? '').trim().toLowerCase();
  const mode = (attrOf(el, 'mode') ?? '').trim().toLowerCase();
  const base64 = mode === 'base64';
  let kind: ContentKind;
  if (!type) kind = defaultKind;
  else if (type === 'text' || type === 'text/plain' || type === 'plain') kind = 'text'; // "plain": Media RSS
  else if (type === 'html' || type === 'text/html') kind = 'html';
  else if (type === 'xhtml' || type === 'application/xhtml+xml') kind = 'xhtml';
  else if (type.startsWith('text/') || type.endsWith('+xml') || type.endsWith('/xml')) kind = 'text';
  else kind = 'binary';
  if (mode === 'escaped' && kind !== 'binary') kind = kind === 'text' && type ? 'text' : 'html';
  // Atom 0.3 "xml" mode with markup inside means the markup is the content.
  if (mode === 'xml' && childElements(el).length > 0) kind = 'xhtml';
  return { kind, base64 };
}

function decodeBase64(text: string): string {
  try {
    return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf-8');
  } catch {
    return '';
  }
}

/**
 * Atom 1.0 carries other media types base64-encoded. When the payload is UTF-8 text it is used as HTML
 * (the sanitiser makes that safe); real binary data (an image, a video) is not content.
 */
function binaryAsHtml(el: XmlElement): string | null {
  if (childElements(el).length > 0) return innerHtml(el);
  const bytes = Buffer.from(textContent(el).replace(/\s+/g, ''), 'base64');
  if (bytes.length === 0) return null;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    // eslint-disable-next-line no-control-regex
    return /[\u0000-\u0008\u000e-\u001f]/.test(text) ? null : text;
  } catch {
    return null;
  }
}

/** The value of a text construct as HTML (not yet sanitised). Null for binary payloads. */
export function rawHtmlOf(el: XmlElement, defaultKind: 'text' | 'html'): string | null {
  const { kind, base64 } = contentKind(el, defaultKind);
  if (kind === 'binary') return binaryAsHtml(el);
  const hasElements = childElements(el).length > 0;
  if (kind === 'xhtml' || (hasElements && !base64)) {
    // Inline markup: the XHTML wrapper <div> is not part of the content (Atom 1.0 §3.1.1.3).
    const elements = childElements(el);
    const onlyDiv = elements.length === 1 && elements[0].local === 'div' && el.children.every((c) => c.type === 'element' || !c.text.trim());
    return onlyDiv && kind === 'xhtml' ? innerHtml(elements[0]) : innerHtml(el);
  }
  const text = base64 ? decodeBase64(textContent(el)) : textContent(el);
  return kind === 'html' ? text : escapeHtml(text);
}

/** A text construct as sanitised HTML with absolute URLs, or null when empty. */
export function htmlOf(el: XmlElement | null, defaultKind: 'text' | 'html' = 'html'): string | null {
  if (!el) return null;
  const raw = rawHtmlOf(el, defaultKind);
  if (raw == null || !raw.trim()) return null;
  // Plain text without markup or references comes out of the sanitiser unchanged; skip the cost.
  if (!/[<>&"']/.test(raw)) return nonEmpty(raw);
  return nonEmpty(sanitizeArticleHtml(raw.trim(), el.base || undefined));
}

const LOOKS_LIKE_MARKUP = /<\/?[a-z][\w:-]*(\s[^<>]*)?\/?>|&(#\d+|#x[0-9a-f]+|[a-z]+\d*);/i;

/** A text construct as plain text (titles). RSS titles are HTML only when they look like it. */
export function plainTextOf(el: XmlElement | null, defaultKind: 'text' | 'html' | 'sniff' = 'text'): string | null {
  if (!el) return null;
  const { kind, base64 } = contentKind(el, defaultKind === 'sniff' ? 'text' : defaultKind);
  if (kind === 'binary') {
    const html = binaryAsHtml(el);
    return html == null ? null : nonEmpty(htmlToText(html).replace(/\s*\n\s*/g, ' '));
  }
  const hasElements = childElements(el).length > 0;
  if (kind === 'xhtml' || hasElements) {
    const raw = rawHtmlOf(el, 'html');
    return raw == null ? null : nonEmpty(htmlToText(raw).replace(/\s*\n\s*/g, ' '));
  }
  const text = base64 ? decodeBase64(textContent(el)) : textContent(el);
  const treatAsHtml = kind === 'html' || (defaultKind === 'sniff' && !attrOf(el, 'type') && LOOKS_LIKE_MARKUP.test(text));
  if (treatAsHtml) return nonEmpty(htmlToText(text).replace(/\s*\n\s*/g, ' '));
  return nonEmpty(text.replace(/[ \t\r\n]+/g, ' '));
}

/** "jane@example.com (Jane Doe)", "Jane Doe <jane@example.com>", "Jane Doe", "jane@example.com". */
export function parsePersonString(value: string | null | undefined): Person | null {
  const text = nonEmpty(value);
  if (!text) return null;
  const emailPattern = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
  let m = /^(\S+@\S+)\s*\((.+)\)$/.exec(text);
  if (m && emailPattern.test(m[1])) return { name: m[2].trim() || null, email: m[1].replace(/^mailto:/i, ''), url: null };
  m = /^(.*?)\s*<([^<>]+@[^<>]+)>$/.exec(text);
  if (m) return { name: nonEmpty(m[1].replace(/^"|"$/g, '')), email: m[2].replace(/^mailto:/i, ''), url: null };
  const email = emailPattern.exec(text);
  if (email && email[0].length === text.replace(/^mailto:/i, '').length) return { name: null, email: email[0], url: null };
  if (email) {
    const name = nonEmpty(text.replace(email[0], '').replace(/[()<>]/g, '').replace(/\s+/g, ' '));
    return { name, email: email[0], url: null };
  }
  return { name: text, email: null, url: null };
}

/** Atom/RSS 1.0 style person element: <name>, <email>, <uri>/<url>; or plain text content. */
export function personOf(el: XmlElement): Person | null {
  const elements = childElements(el);
  if (elements.length === 0) return parsePersonString(textContent(el));
  const find = (names: string[]): XmlElement | undefined => elements.find((c) => names.includes(c.local));
  const nameEl = find(['name']);
  const emailEl = find(['email']);
  const uriEl = find(['uri', 'url', 'homepage']);
  const person: Person = {
    name: nameEl ? nonEmpty(textContent(nameEl)) : null,
    email: emailEl ? nonEmpty(textContent(emailEl)) : null,
    url: uriEl ? resolveUrl(textContent(uriEl), uriEl.base) : null,
  };
  return person.name || person.email || person.url ? person : null;
}

export function dedupePeople(people: (Person | null)[]): Person[] {
  const seen = new Set<string>();
  const out: Person[] = [];
  for (const p of people) {
    if (!p) continue;
    const key = `${p.name ?? ''}|${p.email ?? ''}|${p.url ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

export function parseLength(value: string | null): number | null {
  if (!value) return null;
  const n = Number(value.trim());
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : null;
}

const IMAGE_EXT = /\.(jpe?g|png|gif|webp|avif|bmp|svg)(\?|#|$)/i;

function isImage(type: string | null, medium: string | null, url: string): boolean {
  if (medium) return medium.toLowerCase() === 'image';
  if (type) return type.toLowerCase().startsWith('image/');
  return IMAGE_EXT.test(url);
}

/** Images from Media RSS (content, thumbnail, groups) with captions and credits. */
export function mediaImagesOf(item: XmlElement): ImageRef[] {
  const images: ImageRef[] = [];
  const itemCaption = captionOf(item);
  const itemCredit = creditOf(item);
  const visit = (scope: XmlElement, inherited: { caption: string | null; credit: string | null }): void => {
    for (const el of childElements(scope)) {
      if (!isNs(el, NS.media)) continue;
      if (el.local === 'group') {
        visit(el, { caption: captionOf(el) ?? inherited.caption, credit: creditOf(el) ?? inherited.credit });
      } else if (el.local === 'content') {
        const url = resolveUrl(attrOf(el, 'url'), el.base);
        if (!url || !isImage(attrOf(el, 'type'), attrOf(el, 'medium'), url)) {
          // A video or audio item may still carry a still frame.
          for (const thumb of children(el, 'thumbnail', NS.media)) pushThumb(thumb, inherited);
          continue;
        }
        images.push({
          url,
          caption: captionOf(el) ?? inherited.caption,
          credit: creditOf(el) ?? inherited.credit,
          width: parseLength(attrOf(el, 'width')),
          height: parseLength(attrOf(el, 'height')),
        });
      } else if (el.local === 'thumbnail') {
        pushThumb(el, inherited);
      }
    }
  };
  const pushThumb = (el: XmlElement, inherited: { caption: string | null; credit: string | null }): void => {
    const url = resolveUrl(attrOf(el, 'url'), el.base);
    if (!url) return;
    images.push({ url, caption: inherited.caption, credit: inherited.credit, width: parseLength(attrOf(el, 'width')), height: parseLength(attrOf(el, 'height')) });
  };
  visit(item, { caption: itemCaption, credit: itemCredit });
  return images;
}

/** Media RSS description of an item or of its first group (YouTube feeds carry the text only there). */
export function mediaDescriptionOf(item: XmlElement): XmlElement | null {
  const direct = child(item, 'description', NS.media);
  if (direct) return direct;
  for (const group of children(item, 'group', NS.media)) {
    const found = child(group, 'description', NS.media);
    if (found) return found;
  }
  return null;
}

function captionOf(el: XmlElement): string | null {
  return plainTextOf(child(el, 'description', NS.media), 'sniff') ?? plainTextOf(child(el, 'title', NS.media), 'sniff');
}

function creditOf(el: XmlElement): string | null {
  const credits = children(el, 'credit', NS.media).map((c) => nonEmpty(textContent(c))).filter((c): c is string => !!c);
  return credits.length ? credits.join(', ') : null;
}

/** Enclosures and images from RSS <enclosure> and Atom rel="enclosure" links. */
export function splitEnclosures(enclosures: Enclosure[]): ImageRef[] {
  return enclosures
    .filter((e) => isImage(e.type, null, e.url))
    .map((e) => ({ url: e.url, caption: null, credit: null }));
}

export function dedupeImages(images: ImageRef[]): ImageRef[] {
  const seen = new Set<string>();
  return images.filter((img) => (seen.has(img.url) ? false : (seen.add(img.url), true)));
}

/** Dublin Core and friends: the extension fields any item may carry. */
export function dcCreators(el: XmlElement): Person[] {
  return children(el, 'creator', NS.dc)
    .map((c) => parsePersonString(textContent(c)))
    .filter((p): p is Person => p !== null);
}

export function itunesImage(el: XmlElement): string | null {
  const img = child(el, 'image', NS.itunes);
  const fromImage = img ? resolveUrl(attrOf(img, 'href') ?? attrOf(img, 'url') ?? textContent(img), img.base) : null;
  if (fromImage) return fromImage;
  const link = children(el, 'link', NS.itunes).find((l) => (attrOf(l, 'rel') ?? '').trim().toLowerCase() === 'image');
  return link ? resolveUrl(attrOf(link, 'href'), link.base) : null;
}

export function categoriesOf(el: XmlElement, coreNs: string | ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const c of children(el, 'category', coreNs)) {
    const term = nonEmpty(attrOf(c, 'term')) ?? nonEmpty(textContent(c)) ?? nonEmpty(attrOf(c, 'label'));
    if (term) out.push(term);
  }
  for (const c of children(el, 'subject', NS.dc)) {
    const term = nonEmpty(textContent(c));
    if (term) out.push(term);
  }
  for (const c of children(el, 'category', NS.media)) {
    const term = nonEmpty(textContent(c));
    if (term) out.push(term);
  }
  // iTunes categories nest (<itunes:category text="Tech"><itunes:category text="Gadgets"/>); all count.
  const itunes = (scope: XmlElement): void => {
    for (const c of children(scope, 'category', NS.itunes)) {
      const term = nonEmpty(attrOf(c, 'text'));
      if (term) out.push(term);
      itunes(c);
    }
  };
  itunes(el);
  for (const c of children(el, 'keywords', NS.itunes)) {
    for (const word of textContent(c).split(',')) if (word.trim()) out.push(word.trim());
  }
  return [...new Set(out)];
}
