// The `fetch-image` job: one image from its source through the guarded client (image content types only),
// checked and processed into variants, stored by content address. Retried like page fetches — a timeout, a
// network error, 404, 408, 429 or 5xx is tried again within the retry window (an image often appears a little
// after the story that shows it) — then kept as failed with the reason. A refusal is final and kept with its reason.
import type { ClaimedJob } from '../jobs/queue.js';
import type { JobHandler } from '../jobs/worker.js';
import { RetryLaterError } from '../jobs/errors.js';
import { isFetchError, type FetchResponse, type HttpClient } from '../fetch/http-client.js';
import type { Store } from '../store/database.js';
import { findStoredBySha256, getMediaById, markMediaStored, markMediaUnusable, setMediaHash } from '../store/media.js';
import type { MediaStorage } from './storage/storage.js';
import { DEFAULT_IMAGE_LIMITS, processImage, sha256Of, type ImageLimits } from './process-image.js';
import { CONTENT_TYPE_OF } from './sniff.js';
import { FETCH_IMAGE_QUEUE, type FetchImageJob } from './queue-images.js';
import { retryAfterMinutes } from '../ingest/poll-schedule.js';

export interface ImageFetchDeps {
  store: Store;
  client: HttpClient;
  media: MediaStorage;
  now: () => Date;
  limits?: ImageLimits;
  retryWindowMs: number;
  leaseMs?: number;
}

const RETRIED_STATUS = (status: number) => status === 404 || status === 408 || status === 429 || status >= 500;
const TRANSIENT_ERRORS = new Set(['timeout', 'network']);

/** What one fetch of an image's URL gave: bytes, a reason to try again, or a final refusal. */
export type ImageFetchResult = { kind: 'bytes'; body: Buffer } | { kind: 'retry'; reason: string; retryAfterMs: number | null } | { kind: 'refused'; reason: string };

export async function fetchImageBytes(client: HttpClient, url: string, limits: ImageLimits, now: Date): Promise<ImageFetchResult> {
  let response: FetchResponse;
  try {
    response = await client.fetch(url, { accept: 'image', maxBytes: limits.maxBytes });
  } catch (error) {
    if (isFetchError(error) && TRANSIENT_ERRORS.has(error.code)) return { kind: 'retry', reason: `image fetch failed: ${error.message}`, retryAfterMs: null };
    // A non-image content type, an address the guard blocks, a body over the cap: asking again changes nothing.
    return { kind: 'refused', reason: `image fetch refused: ${(error as Error).message}` };
  }
  if (RETRIED_STATUS(response.status)) {
    const minutes = retryAfterMinutes(response.headers, now);
    return { kind: 'retry', reason: `image fetch failed: HTTP ${response.status} for ${url}`, retryAfterMs: minutes === null ? null : minutes * 60_000 };
  }
  if (response.status < 200 || response.status >= 300) return { kind: 'refused', reason: `image fetch failed: HTTP ${response.status} for ${url}` };
  return { kind: 'bytes', body: response.body };
}

export async function runFetchImage(deps: ImageFetchDeps, job: FetchImageJob): Promise<void> {
  const db = deps.store.db;
  const media = await getMediaById(db, job.mediaId);
  if (!media || media.status === 'stored' || media.status === 'refused') return; // gone, or done by an earlier attempt
  const limits = deps.limits ?? DEFAULT_IMAGE_LIMITS;
  const fetched = await fetchImageBytes(deps.client, media.sourceUrl, limits, deps.now());
  if (fetched.kind === 'retry') throw new RetryLaterError(fetched.reason, fetched.retryAfterMs);
  if (fetched.kind === 'refused') return markMediaUnusable(db, media.id, 'refused', fetched.reason, null, deps.now());
  // Content-addressed: bytes already processed under another URL are not processed or stored again.
  const sha256 = sha256Of(fetched.body);
  const same = await findStoredBySha256(db, sha256);
  if (same && (await allStored(deps.media, same.variants.map((v) => v.key)))) {
    return markMediaStored(db, media.id, { sha256, contentType: same.contentType!, width: same.width!, height: same.height!, variants: same.variants, credit: same.credit, copyright: same.copyright }, deps.now());
  }
  const outcome = await processImage(fetched.body, limits);
  if (!outcome.ok) return markMediaUnusable(db, media.id, 'refused', outcome.reason, outcome.sha256, deps.now());
  await setMediaHash(db, media.id, sha256, deps.now());
  for (const file of outcome.files) await deps.media.put(file.key, file.body, file.contentType);
  const { image } = outcome;
  await markMediaStored(
    db,
    media.id,
    { sha256: image.sha256, contentType: CONTENT_TYPE_OF[image.format], width: image.width, height: image.height, variants: image.variants, credit: image.credit, copyright: image.copyright },
    deps.now(),
  );
}

async function allStored(storage: MediaStorage, keys: string[]): Promise<boolean> {
  for (const key of keys) if (!(await storage.has(key))) return false;
  return keys.length > 0;
}

export function fetchImageHandler(deps: ImageFetchDeps): JobHandler<FetchImageJob> {
  return {
    queue: FETCH_IMAGE_QUEUE,
    retryWindowMs: deps.retryWindowMs,
    leaseMs: deps.leaseMs,
    run: (job: ClaimedJob<FetchImageJob>) => runFetchImage(deps, job.data),
    async giveUp(job, error) {
      const media = await getMediaById(deps.store.db, job.data.mediaId);
      if (media && media.status !== 'stored' && media.status !== 'refused') {
        await markMediaUnusable(deps.store.db, media.id, 'failed', `gave up: ${error.message}`, null, deps.now());
      }
    },
  };
}
