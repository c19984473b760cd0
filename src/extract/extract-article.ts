// Extraction of one article page: bytes → text → DOM → metadata, lead image, body (per-source rules first,
// then the general algorithm, retried with looser settings when it finds too little) → sanitised HTML + text.
import type { Dateline, ExtractRules, ImageRef } from '../model/types.js';
import { sanitizeArticleHtml } from '../clean/sanitize.js';
import { findBody, isCaptionElement, type BodyFlags } from './body.js';
import { captionsAsFigures } from './caption-figures.js';
import { leafBlocksAsParagraphs } from './leaf-paragraphs.js';
import { parseDateline } from './dateline.js';
import { Deadline } from './deadline.js';
import { decodeHtmlBytes } from './decode-html.js';
import { blockText, parseHtml, toHtml } from './dom.js';
import { ExtractionError } from './extraction-error.js';
import { findLeadImage } from './lead-image.js';
import { readMetadata } from './metadata.js';
import { applyDropRules, bodyFromRules } from './site-rules.js';

export { ExtractionError } from './extraction-error.js';
export type { ExtractionErrorCode } from './extraction-error.js';

export interface ExtractOptions {
  rules?: ExtractRules | null;
  /** Time budget per page in milliseconds (default 2000). */
  timeBudgetMs?: number;
  /** The HTTP Content-Type, when the page was fetched. */
  contentType?: string | null;
}

export interface ExtractedArticle {
  title: string | null;
  byline: string | null;
  published: string | null;
  modified: string | null;
  dateline: Dateline | null;
  image: ImageRef | null;
  publisher: string | null;
  language: string | null;
  canonicalUrl: string | null;
  licenseUrl: string | null;
  description: string | null;
  /** The body as sanitised HTML. */
  html: string;
  /** The body as plain text, one paragraph a line. */
  text: string;
}

const DEFAULT_BUDGET_MS = 2000;
/** Below this many characters the body is probably a fragment: try again with looser settings. */
const SHORT_BODY = 500;
/** Retrying means parsing again; on pages this large one attempt is all the budget allows. */
const RETRY_MAX_CHARS = 3_000_000;
const RETRY_FLAGS: BodyFlags[] = [
  { stripUnlikely: true, weighClasses: true, cleanConditionally: true },
  { stripUnlikely: false, weighClasses: true, cleanConditionally: true },
  { stripUnlikely: false, weighClasses: false, cleanConditionally: true },
  { stripUnlikely: false, weighClasses: false, cleanConditionally: false },
];

export function extractArticle(input: string | Uint8Array, url: string, options: ExtractOptions = {}): ExtractedArticle {
  const deadline = new Deadline(options.timeBudgetMs ?? DEFAULT_BUDGET_MS);
  const html = toText(input, options.contentType ?? null);

  const doc = parseHtml(html, deadline);
  deadline.checkNow(); // a parse that ended past the budget goes no further
  applyDropRules(doc, options.rules);
  const meta = readMetadata(doc, url, deadline);
  const image = findLeadImage(doc, meta.images, url);
  deadline.checkNow();

  let body = bodyFromRules(doc, options.rules);
  let text = body ? blockText(body, isCaptionElement) : '';
  if (!body) {
    const attempts = html.length > RETRY_MAX_CHARS ? 1 : RETRY_FLAGS.length;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const workDoc = attempt === 0 ? doc : parseHtml(html, deadline);
      if (attempt > 0) {
        applyDropRules(workDoc, options.rules);
        findLeadImage(workDoc, meta.images, url); // marks the lead caption in this copy too
      }
      const found = findBody(workDoc, { deadline, hint: meta.articleBody, title: meta.title }, RETRY_FLAGS[attempt]);
      const foundText = found ? blockText(found, isCaptionElement) : '';
      if (found && foundText.length > text.length) {
        body = found;
        text = foundText;
      }
      if (text.length >= SHORT_BODY) break;
      deadline.checkNow();
    }
  }
  if (!body || !text) throw new ExtractionError('no-article', `no article body found in ${url}`);

  captionsAsFigures(body);
  leafBlocksAsParagraphs(body);
  const bodyHtml = sanitizeArticleHtml(toHtml(body), url);
  deadline.checkNow();
  return {
    title: meta.title,
    byline: meta.byline,
    published: meta.published,
    modified: meta.modified,
    dateline: findDateline(text, meta.dateline),
    image,
    publisher: meta.publisher,
    language: meta.language,
    canonicalUrl: meta.canonicalUrl,
    licenseUrl: meta.licenseUrl,
    description: meta.description,
    html: bodyHtml,
    text,
  };
}

function toText(input: string | Uint8Array, contentType: string | null): string {
  if (contentType && !/html|xml|text\/plain/i.test(contentType)) {
    throw new ExtractionError('not-html', `content type ${contentType} is not HTML`);
  }
  const text = typeof input === 'string' ? input : decodeHtmlBytes(input, contentType).text;
  if (!text.trim()) throw new ExtractionError('empty', 'the page is empty');
  if (looksBinary(text)) throw new ExtractionError('not-html', 'the page is binary data, not HTML');
  if (!/<[a-z!]/i.test(text.slice(0, 65536))) throw new ExtractionError('not-html', 'the page has no HTML markup');
  return text;
}

/** Control characters (other than whitespace) are rare in any real text page and common in binary files. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) || code === 0xfffd) control++;
  }
  return control > sample.length * 0.05;
}

function findDateline(text: string, declared: string | null): Dateline | null {
  // The first real paragraph; a short line before it (a kicker, a caption) does not hide the dateline.
  for (const line of text.split('\n', 3)) {
    if (line.length < 20) continue;
    const parsed = parseDateline(line);
    if (parsed) return parsed.dateline;
    break;
  }
  if (declared) {
    const fromDeclared = parseDateline(`${declared} — .`);
    return fromDeclared ? fromDeclared.dateline : { text: declared, place: declared, credit: null };
  }
  return null;
}
