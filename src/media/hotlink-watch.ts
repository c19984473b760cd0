// Whether any source hot-links its images (the CSP then allows images from elsewhere). Read from the store at
// most every `refreshMs`, in the background, so that answering a request never waits for the store; sources
// changed by `convey sources edit` in another process are seen within that time.
import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema.js';
import { listSources } from '../store/sources.js';
import { imagePolicyOf } from './image-policy.js';

export function watchHotlinkedImages(db: Kysely<Schema>, refreshMs = 30_000, now = () => Date.now()): () => boolean {
  let known = false;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let running: Promise<void> | null = null;
  const refresh = () => {
    checkedAt = now();
    running ??= listSources(db)
      .then((sources) => {
        known = sources.some((source) => imagePolicyOf(source) === 'link');
      })
      .catch(() => undefined) // the store is out of reach: keep the last answer, try again later
      .finally(() => {
        running = null;
      });
  };
  refresh();
  return () => {
    if (now() - checkedAt >= refreshMs) refresh();
    return known;
  };
}
