// Turning what a feed says about an entry, and what extraction found on its page, into the article's content.
// Pure: the feed entry and the extracted page in, the content to store out.
import type { FeedEntry } from '../feeds/parse-feed.js';
import type { ExtractedArticle } from '../extract/extract-article.js';
import type { Dateline, Feed, ImageRef, Source } from '../model/types.js';
import type { ArticleContent } from '../store/articles.js';
import { htmlToText } from '../clean/sanitize.js';
import { parseDateline } from '../extract/dateline.js';
import { fingerprint } from '../related/fingerprint.js';
import { contentHash, contentHashOfText } from './versioning.js';

/** Below this many characters of text a feed's content is a teaser, not the story. */
const TEASER_CHARS = 700;

/** Whether the entry's page must be fetched and extracted to have the whole story. */
export function needsFullText(entry: FeedEntry, feed: Pick<Feed, 'fetchFullText'>): boolean {
  if (!entry.link) return false;
  if (feed.fetchFullText === 'always') return true;
  if (feed.fetchFullText === 'never') return false;
  const content = entry.contentHtml ?? '';
  return htmlToText(content).length < TEASER_CHARS;
}

function firstNonBlank<T>(...values: (T | null | undefined)[]): T | null {
  for (const v of values) if (v !== null && v !== undefined && (typeof v !== 'string' || v.trim() !== '')) return v;
  return null;
}

/** The lead image: the one that carries a caption or credit wins; the feed's before the page's when equal. */
function chooseLead(entryImages: ImageRef[], extracted: ImageRef | null): ImageRef | null {
  const fromFeed = entryImages[0] ?? null;
  const described = (img: ImageRef | null) => !!img && (!!img.caption || !!img.credit);
  if (described(fromFeed)) return { ...fromFeed!, caption: fromFeed!.caption ?? extracted?.caption ?? null, credit: fromFeed!.credit ?? extracted?.credit ?? null };
  if (described(extracted)) return extracted;
  return fromFeed ?? extracted;
}

/**
 * Takes a dateline off the start of the first paragraph, so the page can show it in its place without
 * saying it twice. When it cannot be taken off cleanly the body stays whole and no separate dateline is kept.
 */
export function splitDateline(bodyHtml: string, known: Dateline | null): { bodyHtml: string; dateline: Dateline | null } {
  // The first paragraph, after any leading figures (a lead photo often comes first).
  const match = /^(\s*(?:<figure\b[\s\S]*?<\/figure>\s*)*<p[^>]*>)([^<]*)/i.exec(bodyHtml);
  if (!match) return { bodyHtml, dateline: null };
  const leadingText = match[2];
  const parsed = parseDateline(decodeBasicEntities(leadingText));
  if (!parsed) return { bodyHtml, dateline: null };
  if (known && known.place && parsed.dateline.place && known.place.toLowerCase() !== parsed.dateline.place.toLowerCase()) {
    return { bodyHtml, dateline: null };
  }
  const rest = parsed.rest.replace(/^\s+/, '');
  const body = match[1] + escapeText(rest) + bodyHtml.slice(match[0].length);
  return { bodyHtml: body, dateline: parsed.dateline };
}

function decodeBasicEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: '\u00a0' })[e]!);
}
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const FIGURES = /<figure\b[\s\S]*?<\/figure>/gi;
const HAS_FIGURE = /<figure\b[\s\S]*?<\/figure>/i;

/** The article content from a feed entry and, when its page was extracted, from the page. */
export function articleFromEntry(entry: FeedEntry, extracted: ExtractedArticle | null, source: Source): ArticleContent {
  const rawBody = extracted?.html || entry.contentHtml || entry.summaryHtml || '';
  const { bodyHtml, dateline } = splitDateline(rawBody, extracted?.dateline ?? null);
  // The text is the story's words: captions belong to their images (they stay in the HTML), not to excerpts,
  // search or the fingerprint.
  const bodyText = htmlToText(bodyHtml.replace(FIGURES, ''));
  const headline = firstNonBlank(entry.title, extracted?.title) ?? '';
  const byline = firstNonBlank(
    entry.authors.map((a) => a.name).filter((n): n is string => !!n && n.trim() !== '').join(', '),
    extracted?.byline,
  );
  const originalUrl = firstNonBlank(extracted?.canonicalUrl && sameSite(extracted.canonicalUrl, entry.link) ? extracted.canonicalUrl : null, entry.link) ?? '';
  return {
    originalUrl,
    headline,
    subheadline: null,
    dateline,
    bodyHtml,
    bodyText,
    bodyOrigin: extracted?.html ? 'page' : 'feed',
    byline,
    language: firstNonBlank(entry.language, extracted?.language),
    lead: chooseLead(entry.images, extracted?.image ?? null),
    topics: entry.categories.slice(0, 20),
    firstCreated: firstNonBlank(entry.published, extracted?.published, entry.updated),
    provenance: [],
    rights: {
      license: null,
      licenseUrl: firstNonBlank(extracted?.licenseUrl, source.rights.licenseUrl),
      usageTerms: null,
      copyrightHolder: null,
    },
    fingerprint: fingerprint(`${headline}\n${bodyText}`),
  };
}

/** A canonical URL is trusted only on the host the entry links to (a page cannot claim another site's story). */
function sameSite(candidate: string, link: string | null): boolean {
  if (!link) return false;
  try {
    return new URL(candidate).host === new URL(link).host;
  } catch {
    return false;
  }
}

/**
 * `contentHash` of content made by `articleFromEntry`. The hash reads the body's text with its figures; a body
 * without figures has that text already, so it is not read a second time.
 */
export function contentHashOfContent(content: Pick<ArticleContent, 'headline' | 'bodyHtml' | 'bodyText'>): string {
  return HAS_FIGURE.test(content.bodyHtml) ? contentHash(content.headline, content.bodyHtml) : contentHashOfText(content.headline, content.bodyText);
}
