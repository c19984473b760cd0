// The I/O half of site-images.ts: one lookup of the media rows of every image the given articles show.
import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema.js';
import type { Article, Source } from '../model/types.js';
import { getMediaByUrls } from '../store/media.js';
import { imageUrlsOf, withSiteImages } from './site-images.js';

/** The articles with their images as the site serves them (see `withSiteImages`), in the same order. */
export async function articlesWithSiteImages(db: Kysely<Schema>, items: { article: Article; source: Source }[], options: { baseUrl?: string } = {}): Promise<Article[]> {
  const media = await getMediaByUrls(db, imageUrlsOf(items.map((i) => i.article)));
  return items.map(({ article, source }) => withSiteImages(article, source, media, options));
}
