// The images a page shows, as the site serves them: each source image replaced by the site's copies (rehost),
// its proxy address (proxy) or left at the source (link), with its credit — or left out when its source
// requires a credit and it has none, or when no copy is ready yet (an image is never hot-linked by accident).
import type { Article, ImageRef, ImageVariantRef, Source } from '../model/types.js';
import type { MediaRecord } from '../store/media.js';
import { effectiveRights } from '../provenance/rights.js';
import { imageCreditRequired, imagePolicyOf } from './image-policy.js';
import { imagesOfArticle, rewriteBodyImages } from './article-images.js';
import { escapeHtml as escapeAttribute } from '../clean/escape.js';

export const mediaPath = (key: string, baseUrl = '') => `${baseUrl}/media/${key}`;
export const proxyPath = (mediaId: number, baseUrl = '') => `${baseUrl}/media/proxy/${mediaId}`;

/** Relative site paths made absolute, for what leaves the page (Open Graph, JSON-LD, feeds). */
export function absoluteImageUrl(url: string, siteUrl: string): string {
  return url.startsWith('/') ? `${siteUrl.replace(/\/+$/, '')}${url}` : url;
}

export type MediaLookup = Map<string, MediaRecord>;

/** The site's copies of a stored image, narrowest first; the fallback `<img src>` is the widest in the source's format. */
function variantRefs(media: MediaRecord, baseUrl: string): { variants: ImageVariantRef[]; fallback: ImageVariantRef } | null {
  if (media.status !== 'stored' || media.variants.length === 0) return null;
  const variants = media.variants
    .map((v) => ({ url: mediaPath(v.key, baseUrl), width: v.width, height: v.height, contentType: v.contentType, bytes: v.bytes }))
    .sort((a, b) => a.width - b.width);
  const original = variants.filter((v) => v.contentType === media.contentType);
  const fallback = (original.length ? original : variants)[(original.length ? original : variants).length - 1];
  return { variants, fallback };
}

/**
 * One image as the site shows it, or null when it must not be shown. `credit` is what the page says (a caption's
 * credit); the image's own EXIF credit or copyright stands in when the page says none. `baseUrl` makes the
 * site's addresses absolute (feeds); pages keep them relative to whatever host serves them.
 */
export function siteImage(ref: ImageRef, source: Source, article: Pick<Article, 'rights'>, media: MediaRecord | undefined, baseUrl = ''): ImageRef | null {
  const credit = ref.credit?.trim() || media?.credit || media?.copyright || null;
  if (!credit && imageCreditRequired(source.rights, article.rights)) return null; // fail closed, like attribution
  const rights = effectiveRights(article.rights, source.rights);
  const license = rights.licenseUrl ?? rights.license;
  const copyright = media?.copyright ?? rights.copyrightHolder ?? null;
  switch (imagePolicyOf(source)) {
    case 'link':
      return { ...ref, credit, copyright, license };
    case 'proxy':
      if (!media || media.status === 'refused') return null;
      return { ...ref, url: proxyPath(media.id, baseUrl), credit, copyright, license, width: media.width ?? ref.width ?? null, height: media.height ?? ref.height ?? null, variants: undefined };
    case 'rehost': {
      const copies = media ? variantRefs(media, baseUrl) : null;
      if (!copies) return null; // not fetched yet, refused or failed: shown once a copy is stored, never hot-linked
      return { ...ref, url: copies.fallback.url, width: copies.fallback.width, height: copies.fallback.height, credit, copyright, license, variants: copies.variants };
    }
  }
}

/** Every source image URL these articles show (for one lookup of their media rows). */
export function imageUrlsOf(articles: Pick<Article, 'lead' | 'bodyHtml'>[]): string[] {
  return articles.flatMap((a) => imagesOfArticle(a.lead, a.bodyHtml ?? '').map((use) => use.url));
}

/** The article with its lead and body images as the site serves them. */
export function withSiteImages(article: Article, source: Source, media: MediaLookup, options: { bodySizes?: string; baseUrl?: string } = {}): Article {
  const baseUrl = options.baseUrl ?? '';
  const lead = article.lead ? siteImage(article.lead, source, article, media.get(article.lead.url), baseUrl) : null;
  const bodyHtml = article.bodyHtml
    ? rewriteArticleBody(article.bodyHtml, { source, article, media, sizes: options.bodySizes ?? ARTICLE_IMAGE_SIZES, baseUrl, leadUrl: article.lead?.url ?? null })
    : article.bodyHtml;
  return { ...article, lead, bodyHtml };
}

/** The column of the article page is 44rem wide; a narrower screen shows an image across it. */
export const ARTICLE_IMAGE_SIZES = '(max-width: 44rem) 100vw, 44rem';
/** A card's image: 9rem beside the text, the card's width on a narrow screen. */
export const CARD_IMAGE_SIZES = '(max-width: 32rem) 100vw, 9rem';

const FIGURE = /<figure\b[^>]*>[\s\S]*?<\/figure>/gi;
const IMAGE_MARKUP = /<(img|picture)\b/i;

interface BodyContext {
  source: Source;
  article: Pick<Article, 'rights'>;
  media: MediaLookup;
  sizes: string;
  baseUrl: string;
  /** The lead image, when the body carries it: loaded at once, not lazily (it is at the top of the page). */
  leadUrl: string | null;
}

/**
 * Each body image replaced by the site's markup for it, or removed. An image in a figure with a caption carries
 * its credit there; a figure whose every image is removed goes with them (no caption under nothing).
 */
function rewriteArticleBody(bodyHtml: string, context: BodyContext): string {
  const figures: string[] = [];
  const withoutFigures = bodyHtml.replace(FIGURE, (figure) => {
    const captioned = /<figcaption\b/i.test(figure);
    const hadImage = IMAGE_MARKUP.test(figure);
    const rewritten = rewriteBodyImages(figure, (attributes) => bodyImage(attributes, captioned, context));
    figures.push(hadImage && !IMAGE_MARKUP.test(rewritten) ? '' : rewritten);
    return `\u0000${figures.length - 1}\u0000`;
  });
  const rest = rewriteBodyImages(withoutFigures, (attributes) => bodyImage(attributes, false, context));
  return rest.replace(/\u0000(\d+)\u0000/g, (_, index: string) => figures[Number(index)]);
}

function bodyImage(attributes: Record<string, string>, captioned: boolean, context: BodyContext): string {
  const src = attributes.src;
  if (!src) return '';
  const ref: ImageRef = {
    url: src,
    caption: null,
    // The caption beside it is the credit the page gives; siteImage needs only to know there is one.
    credit: captioned ? 'credited in the caption' : null,
    alt: attributes.alt ?? '',
    width: Number(attributes.width) || null,
    height: Number(attributes.height) || null,
  };
  const shown = siteImage(ref, context.source, context.article, context.media.get(src), context.baseUrl);
  return shown ? renderPicture(shown, { sizes: context.sizes, lazy: src !== context.leadUrl }) : '';
}

/**
 * `<picture>` with a WebP `<source>` and an `<img>` in the image's own format, both with `srcset`/`sizes`, and
 * width and height so the page does not shift as images load. Without copies (proxy, link) a plain `<img>`.
 */
export function renderPicture(image: ImageRef, options: { sizes: string; lazy: boolean }): string {
  const alt = image.alt ?? '';
  const size = `${image.width ? ` width="${image.width}"` : ''}${image.height ? ` height="${image.height}"` : ''}`;
  const loading = options.lazy ? ' loading="lazy" decoding="async"' : ' fetchpriority="high"';
  const variants = image.variants ?? [];
  if (variants.length === 0) return `<img src="${escapeAttribute(image.url)}" alt="${escapeAttribute(alt)}"${size}${loading}>`;
  const srcset = (list: ImageVariantRef[]) => escapeAttribute(list.map((v) => `${v.url} ${v.width}w`).join(', '));
  const webp = variants.filter((v) => v.contentType === 'image/webp');
  const own = variants.filter((v) => v.contentType !== 'image/webp');
  const sizes = escapeAttribute(options.sizes);
  const img = `<img src="${escapeAttribute(image.url)}" srcset="${srcset(own.length ? own : webp)}" sizes="${sizes}" alt="${escapeAttribute(alt)}"${size}${loading}>`;
  return own.length && webp.length ? `<picture><source type="image/webp" srcset="${srcset(webp)}" sizes="${sizes}">${img}</picture>` : img;
}
