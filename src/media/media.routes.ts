// Serving images from the site. `/media/<key>`: a stored copy, immutable (its key is the hash of the source's
// bytes and its width), so it is cached for a year. `/media/proxy/<id>`: an image of a `proxy` source, fetched
// through the guarded client on first view, checked and re-encoded, cached in memory for a while.
import type { Hono } from 'hono';
import type { SiteDeps } from '../http/deps.js';
import { assertMediaKey, contentTypeOfKey } from './storage/fs-storage.js';
import { getMediaById, setMediaSize } from '../store/media.js';
import { getSourceById } from '../store/sources.js';
import { imagePolicyOf } from './image-policy.js';
import { fetchImageBytes } from './fetch-image.js';
import { DEFAULT_IMAGE_LIMITS, proxyCopy } from './process-image.js';
import { ProxyCache } from './proxy-cache.js';

export const IMMUTABLE = 'public, max-age=31536000, immutable';

function validKey(key: string): boolean {
  try {
    assertMediaKey(key);
    return true;
  } catch {
    return false;
  }
}

const notFound = () => new Response('no such image\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });

export function registerMediaRoutes(app: Hono, deps: SiteDeps): void {
  const cache = new ProxyCache();
  const limits = DEFAULT_IMAGE_LIMITS;

  app.get('/media/proxy/:id', async (c) => {
    const id = /^\d{1,12}$/.test(c.req.param('id')) ? Number(c.req.param('id')) : null;
    if (id === null || !deps.imageClient) return notFound();
    const hit = cache.get(id);
    if (hit) return c.body(new Uint8Array(hit.body), 200, { 'content-type': hit.contentType, 'cache-control': 'public, max-age=3600' });
    // Only an image an article of a source now set to `proxy` shows (whatever it was registered as): never an
    // open proxy to any URL.
    const media = await getMediaById(deps.store.db, id);
    const source = media?.sourceId ? await getSourceById(deps.store.db, media.sourceId) : null;
    if (!media || !source || media.status === 'refused' || imagePolicyOf(source) !== 'proxy') return notFound();
    const fetched = await fetchImageBytes(deps.imageClient, media.sourceUrl, limits, deps.now());
    if (fetched.kind !== 'bytes') return c.text(`${fetched.reason}\n`, fetched.kind === 'retry' ? 503 : 404, { 'cache-control': 'no-store' });
    const copy = await proxyCopy(fetched.body, limits);
    if (!copy.ok) return c.text(`${copy.reason}\n`, 404, { 'cache-control': 'no-store' });
    cache.set(id, copy.body, 'image/webp');
    if (media.width !== copy.width || media.height !== copy.height) await setMediaSize(deps.store.db, id, copy.width, copy.height, deps.now());
    return c.body(new Uint8Array(copy.body), 200, { 'content-type': 'image/webp', 'cache-control': 'public, max-age=3600' });
  });

  app.get('/media/*', async (c) => {
    const key = c.req.path.slice('/media/'.length);
    if (!deps.media || !validKey(key)) return notFound();
    const object = await deps.media.get(key);
    if (!object) return notFound();
    return c.body(new Uint8Array(object.body), 200, {
      'content-type': contentTypeOfKey(key),
      'content-length': String(object.body.length),
      'cache-control': IMMUTABLE,
      etag: `"${key.slice(key.lastIndexOf('/') + 1)}"`,
      'x-content-type-options': 'nosniff',
    });
  });
}
