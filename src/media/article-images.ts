// The images an article shows: its lead image and every <img> of its (sanitised) body. Pure.
import { decodeHTML } from 'entities';
import type { ImageRef } from '../model/types.js';

export interface ImageUse {
  url: string;
  role: 'lead' | 'body';
}

// The sanitiser writes every attribute double-quoted and escaped, so a plain pattern reads its output exactly.
const IMG_TAG = /<img\b[^>]*>/gi;
const ATTRIBUTE = /\s([a-z-]+)="([^"]*)"/gi;

export function attributesOf(tag: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of tag.matchAll(ATTRIBUTE)) attributes[match[1].toLowerCase()] = decodeHTML(match[2]);
  return attributes;
}

const isHttp = (url: string) => /^https?:\/\//i.test(url);

/** Each image URL once, the lead first. */
export function imagesOfArticle(lead: ImageRef | null, bodyHtml: string): ImageUse[] {
  const uses: ImageUse[] = [];
  const seen = new Set<string>();
  const add = (url: string | undefined, role: ImageUse['role']) => {
    if (!url || !isHttp(url) || seen.has(url)) return;
    seen.add(url);
    uses.push({ url, role });
  };
  add(lead?.url, 'lead');
  for (const match of bodyHtml.matchAll(IMG_TAG)) add(attributesOf(match[0]).src, 'body');
  return uses;
}

/** Replaces each body <img> by what `render` returns for its attributes (an empty string drops it). */
export function rewriteBodyImages(bodyHtml: string, render: (attributes: Record<string, string>) => string): string {
  return bodyHtml.replace(IMG_TAG, (tag) => render(attributesOf(tag)));
}
