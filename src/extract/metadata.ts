// Article metadata, each field from the best source the page offers: JSON-LD (incl. @graph), Open Graph and
// other meta tags (article:*, citation_*, dc.*, parsely-*), microdata, <time datetime>, then visible text.
import type { Document, Element } from 'domhandler';
import { absoluteUrl } from '../clean/sanitize.js';
import { allElements, attr, classAndId, foldSpace, textOf } from './dom.js';
import type { Deadline } from './deadline.js';
import { findDateInText } from '../dates/find-date-in-text.js';
import { parseDate } from '../dates/parse-date.js';
import { indexById, jsonLdScripts, names, pickArticle, readJsonLd, str, type JsonObject } from './json-ld.js';

export interface PageMetadata {
  title: string | null;
  byline: string | null;
  published: string | null;
  modified: string | null;
  publisher: string | null;
  language: string | null;
  canonicalUrl: string | null;
  licenseUrl: string | null;
  description: string | null;
  /** Lead image candidates declared by the page (og:image, JSON-LD image), best first. */
  images: DeclaredImage[];
  /** JSON-LD articleBody, when the page carries one: a hint for finding the body. */
  articleBody: string | null;
  /** JSON-LD dateline, when declared. */
  dateline: string | null;
}

export interface DeclaredImage {
  url: string;
  caption: string | null;
  credit: string | null;
  width: number | null;
  height: number | null;
}

export function readMetadata(doc: Document, url: string, deadline?: Deadline): PageMetadata {
  const elements = allElements(doc, deadline);
  deadline?.checkNow();
  const meta = collectMeta(elements);
  const objects = readJsonLd(jsonLdScripts(doc));
  const byId = indexById(objects);
  const article = pickArticle(objects);
  const micro = readMicrodata(elements, url);
  const first = (...values: Array<string | null | undefined>): string | null => {
    for (const value of values) if (value && value.trim()) return foldSpace(value);
    return null;
  };
  const m = (key: string): string | null => meta.get(key)?.[0] ?? null;

  const publisher =
    first(
      article ? names(article.publisher, byId)[0] : null,
      m('og:site_name'),
      micro.publisher,
      m('application-name'),
      m('dc.publisher'),
      m('citation_publisher'),
    ) ?? organisationName(objects);

  const h1 = elements.find((el) => el.name === 'h1' && textOf(el).length > 0);
  const titleTag = elements.find((el) => el.name === 'title');
  const title = chooseTitle(
    first(
      article ? str(article.headline) ?? str(article.name) : null,
      m('og:title'),
      m('twitter:title'),
      micro.headline,
      m('citation_title'),
      m('dc.title'),
      m('parsely-title'),
    ),
    h1 ? textOf(h1) : null,
    titleTag ? textOf(titleTag) : null,
    publisher,
  );

  const bylineNames = article ? names(article.author, byId).concat(names(article.creator, byId)) : [];
  const byline =
    joinNames(bylineNames) ??
    first(
      notUrl(m('author')),
      joinNames((meta.get('article:author') ?? []).map(notUrl).filter((x): x is string => !!x)),
      m('parsely-author'),
      joinNames(meta.get('citation_author') ?? []),
      m('dc.creator'),
      m('sailthru.author'),
      micro.author,
    ) ??
    visibleByline(elements, deadline);

  const published =
    firstDate(
      article ? str(article.datePublished) ?? str(article.dateCreated) : null,
      m('article:published_time'),
      m('og:published_time'),
      m('published_time'),
      m('datepublished'),
      micro.published,
      m('pubdate'),
      m('publishdate'),
      m('publish-date'),
      m('date'),
      m('dc.date.issued'),
      m('dc.date'),
      m('dcterms.created'),
      m('citation_publication_date'),
      m('citation_date'),
      m('parsely-pub-date'),
      m('sailthru.date'),
      timeElementDate(elements, /pub|creat|post/),
    ) ?? visibleDate(elements, deadline);

  const modified = firstDate(
    article ? str(article.dateModified) : null,
    m('article:modified_time'),
    m('og:updated_time'),
    m('last-modified'),
    m('dcterms.modified'),
    micro.modified,
    timeElementDate(elements, /updat|modif/),
  );

  const htmlEl = elements.find((el) => el.name === 'html');
  const language = normaliseLanguage(
    first(
      htmlEl ? attr(htmlEl, 'lang') || attr(htmlEl, 'xml:lang') : null,
      m('content-language'),
      article ? str(article.inLanguage) : null,
      m('og:locale'),
      m('dc.language'),
    ),
  );

  const canonicalLink = elements.find((el) => el.name === 'link' && /(^|\s)canonical(\s|$)/i.test(attr(el, 'rel')));
  const canonicalUrl =
    absoluteUrl(canonicalLink ? attr(canonicalLink, 'href') : null, url, false) ??
    absoluteUrl(m('og:url'), url, false) ??
    absoluteUrl(article ? str(article.url) : null, url, false);

  const licenseEl = elements.find(
    (el) => (el.name === 'link' || el.name === 'a') && /(^|\s)license(\s|$)/i.test(attr(el, 'rel')) && attr(el, 'href'),
  );
  const licenseUrl =
    absoluteUrl(licenseEl ? attr(licenseEl, 'href') : null, url, false) ??
    absoluteUrl(article ? str(article.license) : null, url, false) ??
    absoluteUrl(m('dcterms.license') ?? m('license'), url, false);

  const description = first(
    m('description'),
    m('og:description'),
    m('twitter:description'),
    article ? str(article.description) : null,
    m('dc.description'),
  );

  const images = declaredImages(article, meta, micro.image, elements, url, byId);

  return {
    title,
    byline: byline ? cleanByline(byline) : null,
    published,
    modified,
    publisher,
    language,
    canonicalUrl,
    licenseUrl,
    description,
    images,
    articleBody: article && typeof article.articleBody === 'string' ? article.articleBody : null,
    dateline: article ? str(article.dateline) : null,
  };
}

function collectMeta(elements: Element[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const el of elements) {
    if (el.name !== 'meta') continue;
    const key = (el.attribs.property || el.attribs.name || el.attribs['http-equiv'] || el.attribs.itemprop || '').trim().toLowerCase();
    const content = el.attribs.content;
    if (!key || content === undefined || !content.trim()) continue;
    const list = map.get(key);
    if (list) list.push(content.trim());
    else map.set(key, [content.trim()]);
  }
  return map;
}

interface Microdata {
  headline: string | null;
  author: string | null;
  published: string | null;
  modified: string | null;
  publisher: string | null;
  image: string | null;
}

/** Microdata values (itemprop) anywhere in the page; the first occurrence wins. */
function readMicrodata(elements: Element[], url: string): Microdata {
  const out: Microdata = { headline: null, author: null, published: null, modified: null, publisher: null, image: null };
  for (const el of elements) {
    const prop = el.attribs.itemprop;
    if (!prop || el.name === 'meta' && !el.attribs.content) continue;
    for (const name of prop.toLowerCase().split(/\s+/)) {
      if (name === 'headline' && !out.headline) out.headline = itemValue(el, url);
      else if (name === 'author' && !out.author) out.author = personName(el, url);
      else if (name === 'datepublished' && !out.published) out.published = itemValue(el, url);
      else if (name === 'datemodified' && !out.modified) out.modified = itemValue(el, url);
      else if (name === 'publisher' && !out.publisher) out.publisher = personName(el, url);
      else if (name === 'image' && !out.image) out.image = imageValue(el, url);
    }
  }
  return out;
}

function itemValue(el: Element, url: string): string | null {
  if (el.name === 'meta') return el.attribs.content ?? null;
  if (el.name === 'time') return el.attribs.datetime || textOf(el) || null;
  if (el.name === 'a' || el.name === 'link') return absoluteUrl(el.attribs.href, url, false);
  if (el.name === 'img') return absoluteUrl(el.attribs.src, url, false);
  return el.attribs.content || textOf(el) || null;
}

function personName(el: Element, url: string): string | null {
  if ('itemscope' in el.attribs) {
    const stack = [...el.children];
    while (stack.length) {
      const node = stack.shift()!;
      if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
      const child = node as Element;
      if ((child.attribs.itemprop ?? '').split(/\s+/).includes('name')) return itemValue(child, url);
      stack.push(...child.children);
    }
  }
  const value = itemValue(el, url);
  return value && !/^https?:/.test(value) && value.length < 120 ? value : null;
}

function imageValue(el: Element, url: string): string | null {
  if (el.name === 'img') return absoluteUrl(el.attribs.src, url, false);
  if (el.name === 'meta' || el.name === 'link') return absoluteUrl(el.attribs.content ?? el.attribs.href, url, false);
  const stack = [...el.children];
  while (stack.length) {
    const node = stack.shift()!;
    if (node.type !== 'tag') continue;
    const child = node as Element;
    if ((child.attribs.itemprop ?? '') === 'url' || child.name === 'img' || child.name === 'meta') {
      const value = imageValue(child, url);
      if (value) return value;
    }
    stack.push(...child.children);
  }
  return null;
}

/**
 * The headline: a declared title without the site name appended to it; else the page's <h1>; else the
 * <title> without its site part (the longest part of "Headline | Site").
 */
function chooseTitle(declared: string | null, h1: string | null, titleTag: string | null, publisher: string | null): string | null {
  if (declared) return withoutSiteName(declared, publisher, false);
  if (h1 && h1.length >= 3 && h1.length < 300) return h1;
  if (titleTag) return withoutSiteName(titleTag, publisher, true);
  return null;
}

function withoutSiteName(title: string, publisher: string | null, guess: boolean): string {
  const parts = title.split(/\s+[|–—·•»:-]\s+/);
  if (parts.length < 2) return title;
  if (publisher) {
    const site = publisher.toLowerCase();
    const kept = parts.filter((part) => part.toLowerCase() !== site && !site.includes(part.toLowerCase()));
    if (kept.length && kept.length < parts.length) return kept.join(' - ');
  }
  if (!guess) return title;
  const longest = parts.reduce((a, b) => (b.length > a.length ? b : a));
  return longest.split(/\s+/).length >= 3 ? longest : title;
}

function organisationName(objects: JsonObject[]): string | null {
  const org = objects.find((obj) => {
    const t = obj['@type'];
    return (t === 'Organization' || t === 'NewsMediaOrganization') && typeof obj.name === 'string';
  });
  return org ? str(org.name) : null;
}

function joinNames(list: string[]): string | null {
  const unique = [...new Set(list.map((name) => foldSpace(name)).filter(Boolean))];
  return unique.length ? unique.join(', ') : null;
}

function notUrl(value: string | null): string | null {
  return value && !/^(https?:)?\/\//.test(value.trim()) ? value : null;
}

/** "Analysis by Ana Ruiz, May 3, 2024 | Updated …" → "Ana Ruiz": labels, dates and timestamps removed. */
function cleanByline(text: string): string {
  let byline = foldSpace(text)
    .replace(/^(?:[\p{L}-]+\s+){0,2}by[:\s]+/iu, '')
    .replace(/^[\p{L}]{2,12}\s*:\s*/u, '')
    .replace(/\s*[|,•·-]?\s*(?:updated|published|posted)\b.*$/i, '');
  const date = /\s*[|,•·-]?\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4}).*$/i.exec(byline);
  if (date && date.index > 0) byline = byline.slice(0, date.index);
  return byline.trim();
}

// A page is full of numbers; a year outside this range is seldom the article's date (1970 is an empty epoch).
const PAGE_YEARS = { years: { min: 1990, max: 2100 } };

function normalizeDate(value: string | null | undefined): string | null {
  return parseDate(value, PAGE_YEARS);
}

function firstDate(...values: Array<string | null | undefined>): string | null {
  for (const value of values) {
    const date = normalizeDate(value);
    if (date) return date;
  }
  return null;
}

/** A <time datetime> whose class, itemprop or pubdate attribute says what kind of date it is. */
function timeElementDate(elements: Element[], hint: RegExp): string | null {
  let fallback: string | null = null;
  for (const el of elements) {
    if (el.name !== 'time') continue;
    const value = el.attribs.datetime;
    if (!value) continue;
    const words = `${classAndId(el)} ${el.attribs.itemprop ?? ''} ${'pubdate' in el.attribs ? 'pubdate' : ''}`.toLowerCase();
    if (hint.test(words)) return normalizeDate(value);
    if (!fallback && hint.source.includes('pub')) fallback = normalizeDate(value);
  }
  return fallback;
}

const DATE_CONTAINER = /(^|[\s_-])(date|time|timestamp|published|pubdate|posted|dateline|meta|byline|article-info)([\s_-]|$)/;

/** A human date in a short element whose class says it holds a date, or near a "Published" label. */
function visibleDate(elements: Element[], deadline?: Deadline): string | null {
  for (const el of elements) {
    deadline?.check();
    const words = classAndId(el);
    if (!words || !DATE_CONTAINER.test(words)) continue;
    const text = textOf(el);
    if (text.length > 200) continue;
    const date = findDateInText(text, PAGE_YEARS);
    if (date) return date;
  }
  for (const el of elements) {
    deadline?.check();
    if (el.name !== 'p' && el.name !== 'span' && el.name !== 'div') continue;
    if (el.children.length > 3) continue;
    const text = textOf(el);
    if (text.length > 120 || !/\b(published|posted|updated|on)\b/i.test(text)) continue;
    const date = findDateInText(text, PAGE_YEARS);
    if (date) return date;
  }
  return null;
}

/** Text with a space between the texts of adjacent elements ("<a>Ana Ruiz</a><time>May 3</time>"). */
function spacedText(el: Element): string {
  const parts: string[] = [];
  const stack: Array<Element | { data: string; type: string }> = [el];
  while (stack.length) {
    const node = stack.pop()!;
    if ('data' in node && node.type === 'text') parts.push(node.data);
    else if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Element);
  }
  return foldSpace(parts.join(' '));
}

const BYLINE_CLASS = /(^|[\s_-])(byline|author|author-name|writer|byline-name)([\s_-]|$)/;

function visibleByline(elements: Element[], deadline?: Deadline): string | null {
  for (const el of elements) {
    deadline?.check();
    if (/(^|\s)author(\s|$)/i.test(el.attribs.rel ?? '')) {
      const text = textOf(el);
      if (text && text.length < 100) return text;
    }
  }
  for (const el of elements) {
    deadline?.check();
    const words = classAndId(el);
    if (!words || !BYLINE_CLASS.test(words) || /(bio|avatar|image|photo|box|comment)/.test(words)) continue;
    const text = spacedText(el);
    if (text.length >= 3 && text.length < 100) return text;
  }
  for (const el of elements) {
    deadline?.check();
    if (el.name !== 'p' && el.name !== 'span' && el.name !== 'div') continue;
    if (el.children.length > 4) continue;
    const text = textOf(el);
    if (text.length > 120) continue;
    const posted = /\b(?:posted|published|written)\b.*?\bby\s+(\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3})/iu.exec(text);
    if (posted) return posted[1];
    const match = /^By\s+(\p{Lu}[\p{L}.'’-]+(?:\s+(?:\p{Lu}[\p{L}.'’-]+|and|&|de|van|von)){0,6})/u.exec(text);
    if (match && text.length < 120) return match[1];
  }
  return null;
}

function declaredImages(
  article: JsonObject | null,
  meta: Map<string, string[]>,
  microImage: string | null,
  elements: Element[],
  url: string,
  byId: Map<string, JsonObject>,
): DeclaredImage[] {
  const out: DeclaredImage[] = [];
  const add = (value: unknown): void => {
    const list = Array.isArray(value) ? value : [value];
    for (const item of list) {
      if (!item) continue;
      if (typeof item === 'string') {
        const abs = absoluteUrl(item, url, false);
        if (abs) out.push({ url: abs, caption: null, credit: null, width: null, height: null });
      } else if (typeof item === 'object') {
        let obj = item as JsonObject;
        const ref = obj['@id'];
        if (!obj.url && !obj.contentUrl && typeof ref === 'string' && byId.has(ref)) obj = byId.get(ref)!;
        const abs = absoluteUrl(str(obj.url) ?? str(obj.contentUrl) ?? str(obj['@id']), url, false);
        if (!abs) continue;
        const credit = str(obj.creditText) ?? names(obj.copyrightHolder)[0] ?? names(obj.author)[0] ?? names(obj.creator)[0] ?? null;
        out.push({
          url: abs,
          caption: str(obj.caption) ?? str(obj.description),
          credit,
          width: num(obj.width),
          height: num(obj.height),
        });
      }
    }
  };
  if (article) add(article.image);
  const ogImage = meta.get('og:image:secure_url')?.[0] ?? meta.get('og:image')?.[0] ?? meta.get('og:image:url')?.[0];
  add(ogImage);
  add(meta.get('twitter:image')?.[0] ?? meta.get('twitter:image:src')?.[0]);
  if (microImage) add(microImage);
  const imageSrc = elements.find((el) => el.name === 'link' && attr(el, 'rel') === 'image_src');
  if (imageSrc) add(attr(imageSrc, 'href'));
  const ogWidth = num(meta.get('og:image:width')?.[0]);
  const ogHeight = num(meta.get('og:image:height')?.[0]);
  // og:image:width/height describe the og:image and nothing else: a JSON-LD or twitter image of another URL
  // keeps its own (or no) size.
  const ogUrl = typeof ogImage === 'string' ? absoluteUrl(ogImage, url, false) : null;
  for (const image of out) {
    if (!ogUrl || image.url !== ogUrl) continue;
    if (image.width === null && ogWidth) image.width = ogWidth;
    if (image.height === null && ogHeight) image.height = ogHeight;
  }
  return out;
}

function num(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? parseInt(value, 10) : NaN;
  return Number.isFinite(n) && n > 0 ? n : null;
}

export function normaliseLanguage(value: string | null): string | null {
  if (!value) return null;
  const match = /^([a-z]{2,3})(?:[-_]([a-z0-9]{2,8}))?/i.exec(value.trim());
  if (!match) return null;
  return match[2] ? `${match[1].toLowerCase()}-${match[2].length === 2 ? match[2].toUpperCase() : match[2]}` : match[1].toLowerCase();
}
