// When a version of an article is stored, its images are registered and, under the `rehost` policy, their
// fetches queued as jobs — inside the same transaction, so a version never exists without its image jobs.
import type { Transaction } from 'kysely';
import type { Schema } from '../store/schema.js';
import type { ImageRef, Source } from '../model/types.js';
import type { JobQueue } from '../jobs/queue.js';
import { linkArticleImages, listMediaOfSource, markMediaPending } from '../store/media.js';
import type { Kysely } from 'kysely';
import { imagePolicyOf } from './image-policy.js';
import { imagesOfArticle } from './article-images.js';

export const FETCH_IMAGE_QUEUE = 'fetch-image';

export interface FetchImageJob {
  mediaId: number;
  url: string;
  firstTriedAt: string;
}

export const fetchImageKey = (mediaId: number) => `media:${mediaId}`;

/** Registers the version's images and queues a fetch for each one not fetched yet. Returns the jobs queued. */
export async function queueArticleImages(
  tx: Transaction<Schema>,
  jobs: JobQueue,
  input: { articleId: number; versionId: number | null; source: Source; lead: ImageRef | null; bodyHtml: string },
  now: Date,
): Promise<number> {
  const policy = imagePolicyOf(input.source);
  if (policy === 'link') return 0; // hot-linked: nothing is fetched, nothing kept
  const images = imagesOfArticle(input.lead, input.bodyHtml);
  if (images.length === 0) return 0;
  const records = await linkArticleImages(
    tx,
    { articleId: input.articleId, versionId: input.versionId, sourceId: input.source.id, images, status: policy === 'proxy' ? 'proxy' : 'pending' },
    now,
  );
  if (policy === 'proxy') return 0; // fetched when a reader first asks for it
  let queued = 0;
  for (const record of records) {
    if (record.status !== 'pending' && record.status !== 'proxy') continue;
    const job: FetchImageJob = { mediaId: record.id, url: record.sourceUrl, firstTriedAt: now.toISOString() };
    await jobs.enqueue(FETCH_IMAGE_QUEUE, job, { key: fetchImageKey(record.id), tx });
    queued++;
  }
  return queued;
}

/**
 * A source just set to `rehost`: every image of it not stored yet (proxied until now, or given up on) is fetched
 * again. Returns the jobs queued.
 */
export async function queueSourceImages(db: Kysely<Schema>, jobs: JobQueue, source: Source, now: Date): Promise<number> {
  if (imagePolicyOf(source) !== 'rehost') return 0;
  const waiting = await listMediaOfSource(db, source.id, ['proxy', 'pending', 'failed']);
  for (const media of waiting) {
    if (media.status !== 'pending') await markMediaPending(db, media.id, now);
    const job: FetchImageJob = { mediaId: media.id, url: media.sourceUrl, firstTriedAt: now.toISOString() };
    await jobs.enqueue(FETCH_IMAGE_QUEUE, job, { key: fetchImageKey(media.id) });
  }
  return waiting.length;
}
