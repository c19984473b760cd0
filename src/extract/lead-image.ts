// The lead image with its caption and credit. The page usually declares the image (og:image, JSON-LD);
// we find that image in the markup to read the caption around it: a <figcaption>, an element whose class
// says caption, or a short plain-text line right under the image. A credit is a `.credit`-like element or
// a "Photo: X" / "© X" part of the caption. The caption element found is marked in the document, so that
// the body text can leave it out.
import { isTag, isText, type Document, type Element, type ParentNode } from 'domhandler';
import type { ImageRef } from '../model/types.js';
import { absoluteUrl } from '../clean/sanitize.js';
import { allElements, classAndId, foldSpace, textOf } from './dom.js';
import type { DeclaredImage } from './metadata.js';

const CREDIT_CLASS = /(^|[\s_-])(credit|credits|copyright|photographer|attribution|image-source|photo-source|source|byline|author)([\s_-]|$)/;
const CAPTION_CLASS = /caption|legend|(^|[\s_-])(cutline|image-text|img-text|photo-text|wp-caption-text|desc|description)([\s_-]|$)/;
const SKIP_AREAS = new Set(['header', 'nav', 'footer', 'aside']);

export function findLeadImage(doc: Document, declared: DeclaredImage[], url: string): ImageRef | null {
  const images = allElements(doc).filter((el) => el.name === 'img' && !insideAdArea(el));
  let chosen: Element | null = null;
  if (declared.length) {
    const keys = new Set(declared.map((image) => imageKey(image.url)));
    chosen = images.find((img) => candidateSources(img, url).some((src) => keys.has(imageKey(src)))) ?? null;
  }
  if (!chosen) {
    // No declared image found in the markup: the first image of a figure or of the article area.
    chosen =
      images.find((img) => closest(img, 'figure', 5) && !insideSkippedArea(img) && !tiny(img)) ??
      (declared.length ? null : images.find((img) => closest(img, 'article', 30) && !tiny(img)) ?? null);
  }

  const first = declared[0];
  if (!chosen) {
    return first ? { url: first.url, caption: first.caption, credit: first.credit, width: first.width, height: first.height } : null;
  }
  const src = candidateSources(chosen, url)[0] ?? first?.url ?? null;
  if (!src) return null;
  const context = captionAndCredit(chosen);
  // Mark the caption so the body text leaves it out (it travels with the image instead).
  if (context.element) context.element.attribs[CAPTION_MARK] = '';
  const match = declared.find((image) => imageKey(image.url) === imageKey(src));
  const alt = chosen.attribs.alt ? foldSpace(chosen.attribs.alt) : null;
  return {
    url: match?.url ?? src,
    caption: context.caption ?? match?.caption ?? null,
    credit: context.credit ?? match?.credit ?? null,
    alt: alt || null,
    width: num(chosen.attribs.width) ?? match?.width ?? null,
    height: num(chosen.attribs.height) ?? match?.height ?? null,
  };
}

function candidateSources(img: Element, url: string): string[] {
  const out: string[] = [];
  for (const key of ['src', 'data-src', 'data-lazy-src', 'data-original', 'data-url']) {
    const abs = absoluteUrl(img.attribs[key], url, false);
    if (abs && !abs.startsWith('data:')) out.push(abs);
  }
  for (const key of ['srcset', 'data-srcset']) {
    for (const part of (img.attribs[key] ?? '').split(',')) {
      const abs = absoluteUrl(part.trim().split(/\s+/)[0], url, false);
      if (abs) out.push(abs);
    }
  }
  return out;
}

/** A size-independent key: the file name without extension and common size suffixes. */
function imageKey(src: string): string {
  try {
    const path = new URL(src).pathname;
    const file = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)).toLowerCase();
    return file.replace(/\.[a-z0-9]+$/, '').replace(/[-_]\d{2,4}x\d{2,4}$/, '').replace(/[-_](scaled|large|medium|small|thumb)$/, '') || path;
  } catch {
    return src;
  }
}

const AD_AREA = /(^|[\s_-])(ad|ads|advert|advertisement|ad-slot|adslot|sponsor|sponsored|promo|banner|logo|avatar|icon)([\s_-]|$)/;

/** Images of ads, logos and avatars are never the lead image. */
function insideAdArea(img: Element): boolean {
  let depth = 0;
  for (let a: Element | null = img; a && depth < 6; a = a.parent && isTag(a.parent) ? a.parent : null, depth++) {
    const words = classAndId(a);
    if (words && AD_AREA.test(words)) return true;
  }
  return false;
}

function tiny(img: Element): boolean {
  const w = num(img.attribs.width);
  const h = num(img.attribs.height);
  return (w !== null && w < 150) || (h !== null && h < 100);
}

function insideSkippedArea(el: Element): boolean {
  for (let a = el.parent; a; a = a.parent) if (isTag(a) && SKIP_AREAS.has(a.name)) return true;
  return false;
}

function closest(el: Element, name: string, maxDepth: number): Element | null {
  let depth = 0;
  for (let a = el.parent; a && depth < maxDepth; a = a.parent, depth++) if (isTag(a) && a.name === name) return a;
  return null;
}

export const CAPTION_MARK = 'data-convey-caption';

export function captionAndCredit(img: Element): { caption: string | null; credit: string | null; element: Element | null } {
  const figure = closest(img, 'figure', 5);
  let captionEl: Element | null = null;
  if (figure) captionEl = allElements(figure).find((el) => el.name === 'figcaption') ?? null;
  const scope: ParentNode | null = figure ?? wrapperOf(img);
  if (!captionEl && scope) {
    captionEl = allElements(scope).find((el) => el !== img && CAPTION_CLASS.test(classAndId(el))) ?? null;
  }
  if (!captionEl) captionEl = plainCaptionAfter(img);

  let credit: string | null = null;
  const creditScope = captionEl ?? scope;
  if (creditScope) {
    const creditEl = allElements(creditScope).find((el) => CREDIT_CLASS.test(classAndId(el)) && textOf(el).length < 150);
    if (creditEl) credit = cleanCredit(textOf(creditEl));
    if (!creditEl && figure && captionEl) {
      const outside = allElements(figure).find((el) => CREDIT_CLASS.test(classAndId(el)) && textOf(el).length < 150);
      if (outside) credit = cleanCredit(textOf(outside));
    }
  }

  let caption = captionEl ? textOf(captionEl) : null;
  if (caption && credit) caption = removeCredit(caption, credit);
  if (caption && !credit) {
    const split = splitCredit(caption);
    caption = split.caption;
    credit = split.credit;
  }
  return { caption: caption || null, credit: credit || null, element: captionEl };
}

/** The element wrapping the image (and maybe its caption): up to two levels of small containers. */
function wrapperOf(img: Element): Element | null {
  let el: Element = img;
  for (let depth = 0; depth < 3; depth++) {
    const parent = el.parent;
    if (!parent || !isTag(parent) || parent.name === 'body' || parent.name === 'article') break;
    el = parent;
    if (textOf(el).length > 0) return textOf(el).length < 400 ? el : null;
  }
  return el !== img ? el : null;
}

const WRAPPERS = new Set(['a', 'picture', 'span', 'p', 'div']);

function onlyChild(parent: Element, child: Element): boolean {
  return parent.children.every((node) => node === child || (isText(node) && !node.data.trim()) || (isTag(node) && node.name === 'br'));
}

/** A short plain-text line right after the image (or its link/picture wrapper): a caption without markup. */
export function plainCaptionAfter(img: Element): Element | null {
  let anchor: Element = img;
  // Climb out of links, pictures and paragraphs that hold nothing but the image.
  while (anchor.parent && isTag(anchor.parent) && WRAPPERS.has(anchor.parent.name) && onlyChild(anchor.parent, anchor)) {
    anchor = anchor.parent;
  }
  for (let next = anchor.next; next; next = next.next) {
    if (isText(next)) {
      if (next.data.trim()) return null;
      continue;
    }
    if (!isTag(next)) continue;
    if (next.name === 'br') continue;
    const text = textOf(next);
    const isShort = text.length >= 3 && text.length < 250;
    const inlineish = ['p', 'span', 'em', 'i', 'small', 'div', 'center'].includes(next.name);
    // Plain text under an image is a caption only when it is set apart (italic, small) or carries a credit;
    // otherwise it is just the next paragraph of the story.
    const setApart = ['em', 'i', 'small'].includes(next.name) || onlyStyledText(next) || CREDIT_IN_CAPTION.test(text);
    if (isShort && inlineish && setApart && !allElements(next).some((el) => el.name === 'img')) return next;
    return null;
  }
  return null;
}

/** All the text of the element sits inside <em>, <i> or <small>. */
function onlyStyledText(el: Element): boolean {
  const kids = el.children.filter((node) => !(isText(node) && !node.data.trim()));
  return kids.length > 0 && kids.every((node) => isTag(node) && ['em', 'i', 'small'].includes(node.name));
}

const CREDIT_IN_CAPTION = /\s*[([]?\s*(?:(?:photo|photograph|image|picture|pic|credit|foto|source|video)s?(?:\s+(?:by|credit))?\s*[:：]|©|\(c\)|copyright)\s*([^()[\]]{2,80}?)\s*[)\]]?\s*\.?\s*$/i;

export function splitCredit(caption: string): { caption: string; credit: string | null } {
  const match = CREDIT_IN_CAPTION.exec(caption);
  if (!match) return { caption, credit: null };
  const credit = cleanCredit(match[1]);
  return { caption: caption.slice(0, match.index).trim(), credit: credit || null };
}

function cleanCredit(text: string): string {
  return foldSpace(text)
    .replace(/^(?:(?:photo|photograph|image|picture|pic|credit|foto|source)s?(?:\s+(?:by|credit))?\s*[:：]\s*|©\s*|\(c\)\s*|copyright\s*)/i, '')
    .replace(/^[([]|[)\]]$/g, '')
    .trim();
}

function removeCredit(caption: string, credit: string): string {
  const index = caption.lastIndexOf(credit);
  if (index < 0) return caption;
  return caption
    .slice(0, index)
    .replace(/\s*[([]?\s*(?:(?:photo|photograph|image|picture|credit|foto|source)s?(?:\s+by)?\s*[:：]|©)?\s*$/i, '')
    .concat(caption.slice(index + credit.length).replace(/^\s*[)\]]/, ''))
    .trim();
}

function num(value: string | undefined): number | null {
  const n = value ? parseInt(value, 10) : NaN;
  return Number.isFinite(n) && n > 0 ? n : null;
}
