// The allow-list sanitiser for article HTML. Everything that reaches a page from a source passes here:
// only structural and text-level elements survive, URLs are made absolute against the page they came from,
// and only http(s)/mailto links and http(s) images are kept.
import sanitizeHtml from 'sanitize-html';
import { Parser } from 'htmlparser2';
import { releaseOpenEmbeds } from './open-embeds.js';

const ARTICLE_TAGS = [
  'p', 'br', 'hr', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'q', 'cite', 'pre', 'code',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'small', 'mark',
  'abbr', 'time', 'a', 'img', 'figure', 'figcaption', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr',
  'th', 'td', 'span',
];

/** Resolves `href`/`src` against `base`; returns null for anything that is not http(s) or mailto. */
export function absoluteUrl(value: string | null | undefined, base: string | undefined, allowMailto = true): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (!trimmed) return null;
  let resolved: URL;
  try {
    resolved = base ? new URL(trimmed, base) : new URL(trimmed);
  } catch {
    return null;
  }
  if (resolved.protocol === 'http:' || resolved.protocol === 'https:') return resolved.href;
  if (allowMailto && resolved.protocol === 'mailto:') return resolved.href;
  return null;
}

// A quotation's source is a URL like any other: absolute, http(s) only, or gone.
const citeTransform = (baseUrl: string | undefined) => (tagName: string, attribs: sanitizeHtml.Attributes) => {
  const cite = absoluteUrl(attribs.cite, baseUrl, false);
  const out: sanitizeHtml.Attributes = {};
  if (cite) out.cite = cite;
  return { tagName, attribs: out };
};

/** Sanitises article HTML from a source. `baseUrl` is the address the HTML came from. */
export function sanitizeArticleHtml(html: string, baseUrl?: string): string {
  return sanitizeHtml(releaseOpenEmbeds(html), {
    allowedTags: ARTICLE_TAGS,
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'title', 'width', 'height', 'loading'],
      time: ['datetime'],
      abbr: ['title'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan', 'scope'],
      blockquote: ['cite'],
      q: ['cite'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object', 'svg', 'math'],
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
    transformTags: {
      a: (tagName, attribs) => {
        const href = absoluteUrl(attribs.href, baseUrl);
        const out: Record<string, string> = {};
        if (href) out.href = href;
        if (attribs.title) out.title = attribs.title;
        return { tagName, attribs: out };
      },
      img: (tagName, attribs) => {
        const src = absoluteUrl(attribs.src ?? attribs['data-src'], baseUrl, false);
        const out: Record<string, string> = {};
        if (src) out.src = src;
        for (const key of ['alt', 'title', 'width', 'height']) if (attribs[key]) out[key] = attribs[key];
        out.loading = 'lazy';
        return { tagName, attribs: out };
      },
      h1: 'h2',
      blockquote: citeTransform(baseUrl),
      q: citeTransform(baseUrl),
    },
  }).trim();
}

// Elements whose end (or start, for br) ends a line of text; and elements whose content is never text.
const BLOCK = new Set(['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'tr', 'figcaption', 'pre', 'dt', 'dd', 'section', 'article', 'header', 'footer', 'table', 'ul', 'ol', 'figure']);
const NOT_TEXT = new Set(['script', 'style', 'textarea', 'noscript', 'template']);

/**
 * Plain text of a fragment of HTML: tags dropped, entities decoded, whitespace folded, one block a line.
 * A streaming parse with no tree: it runs on every stored text (hashes, excerpts, search), so it must be cheap.
 */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  let skipping = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (NOT_TEXT.has(name)) skipping++;
        else if (name === 'br') parts.push('\n');
      },
      onclosetag(name) {
        if (NOT_TEXT.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCK.has(name)) parts.push('\n');
      },
      ontext(text) {
        if (skipping === 0) parts.push(text);
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0\r\f\v]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

// The one escape lives in escape.ts; it is offered here too, beside the sanitiser its callers already use.
export { escapeHtml } from './escape.js';
