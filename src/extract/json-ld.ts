// Reading schema.org JSON-LD: every <script type="application/ld+json"> block, flattened through arrays,
// `@graph` and nesting, so the article object is found wherever the page put it.
import type { Document, Element } from 'domhandler';
import { decodeHTML } from 'entities';
import { allElements, rawText } from './dom.js';

export type JsonObject = Record<string, unknown>;

const ARTICLE_TYPES = /^(?:[a-z]*NewsArticle|Article|BlogPosting|[A-Za-z]*Article|Report|LiveBlogPosting|SocialMediaPosting|Review|TechArticle|ScholarlyArticle|Posting)$/;

export function readJsonLd(scripts: Element[]): JsonObject[] {
  const out: JsonObject[] = [];
  for (const script of scripts) {
    const raw = rawText(script).trim();
    if (!raw) continue;
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      try {
        // Pages often leave raw control characters or a trailing semicolon in the block.
        data = JSON.parse(raw.replace(/[\u0000-\u001f]+/g, ' ').replace(/;\s*$/, ''));
      } catch {
        continue;
      }
    }
    flatten(data, out);
  }
  return out;
}

export function jsonLdScripts(doc: Document): Element[] {
  return allElements(doc).filter(
    (el) => el.name === 'script' && /ld\+json/i.test(el.attribs.type ?? ''),
  );
}

function flatten(value: unknown, out: JsonObject[]): void {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length) {
    const { value: item, depth } = stack.pop()!;
    if (depth > 8 || item === null || typeof item !== 'object') continue;
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push({ value: item[i], depth: depth + 1 });
      continue;
    }
    const obj = item as JsonObject;
    out.push(obj);
    if (Array.isArray(obj['@graph'])) stack.push({ value: obj['@graph'], depth: depth + 1 });
    if (obj.mainEntity && typeof obj.mainEntity === 'object') stack.push({ value: obj.mainEntity, depth: depth + 1 });
  }
}

export function types(obj: JsonObject): string[] {
  const t = obj['@type'];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

/** The most article-like object: an Article type, the one with the longest body first. */
export function pickArticle(objects: JsonObject[]): JsonObject | null {
  const articles = objects.filter((obj) => types(obj).some((t) => ARTICLE_TYPES.test(t)));
  if (articles.length) {
    return articles.reduce((best, obj) => (bodyLength(obj) > bodyLength(best) ? obj : best), articles[0]);
  }
  return objects.find((obj) => types(obj).some((t) => /WebPage$/.test(t)) && (obj.headline || obj.datePublished)) ?? null;
}

function bodyLength(obj: JsonObject): number {
  return (typeof obj.articleBody === 'string' ? obj.articleBody.length : 0) + (obj.headline ? 1 : 0);
}

/** JSON-LD written by templates often carries HTML entities ("&#8211;") inside its strings. */
function decodeText(text: string): string {
  return /&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);/i.test(text) ? decodeHTML(text) : text;
}

export function str(value: unknown): string | null {
  if (typeof value === 'string') return decodeText(value).trim() || null;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return str(value[0]);
  if (value && typeof value === 'object') {
    const obj = value as JsonObject;
    return str(obj['@value'] ?? obj.name ?? obj.url ?? obj['@id']);
  }
  return null;
}

/** Names of people or organisations in `author`-like values: strings, objects, arrays of either. */
export function names(value: unknown, byId?: Map<string, JsonObject>): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  const out: string[] = [];
  for (const item of list) {
    if (typeof item === 'string') {
      if (item.trim() && !/^https?:/.test(item.trim())) out.push(decodeText(item).trim());
    } else if (item && typeof item === 'object') {
      let obj = item as JsonObject;
      if (!obj.name && typeof obj['@id'] === 'string' && byId?.has(obj['@id'])) obj = byId.get(obj['@id'])!;
      const name = str(obj.name);
      if (name) out.push(name);
    }
  }
  return out;
}

export function indexById(objects: JsonObject[]): Map<string, JsonObject> {
  const map = new Map<string, JsonObject>();
  for (const obj of objects) if (typeof obj['@id'] === 'string' && !map.has(obj['@id'])) map.set(obj['@id'], obj);
  return map;
}
