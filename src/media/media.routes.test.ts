// The media routes on the real app: a proxy source's image fetched on first view through the guarded client and
// then served from memory; nothing else is proxied; the CSP opens to other hosts only when a source hot-links.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import sharp from 'sharp';
import { testBackends } from '../store/test-backends.js';
import type { Store } from '../store/database.js';
import { startLoopbackServer, type LoopbackServer } from '../../test/support/loopback-server.js';
import { loadConfig } from '../config/config.js';
import { createSource, updateSource } from '../store/sources.js';
import { insertArticle } from '../store/articles.js';
import { linkArticleImages, getMediaById } from '../store/media.js';
import { HttpClient } from '../fetch/http-client.js';
import { parseAllowList } from '../fetch/ssrf-guard.js';
import { createApp } from '../site/app.js';
import { siteDepsOf } from '../cli/serve-command.js';
import { makeImage, makePngWithGps } from './testdata/images.js';
import { readExifFields } from './exif-fields.js';
import { queueSourceImages } from './queue-images.js';
import { jobQueueOf } from '../jobs/open-queue.js';
import { testContent } from '../../test/support/fixtures.js';

const content = testContent;

for (const backend of testBackends()) {
  describe(`media routes (${backend.name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let server: LoopbackServer;
    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
      server = await startLoopbackServer({ '/photo.png': { type: 'image/png', body: await makePngWithGps() }, '/small.jpg': { type: 'image/jpeg', body: await makeImage(200, 100, 'jpeg') } });
    });
    afterEach(async () => {
      await dispose();
      await server.close();
    });
    const app = () =>
      createApp({ ...siteDepsOf(loadConfig({ CONVEY_SITE_NAME: 'Desk' }), store), imageClient: new HttpClient({ allow: parseAllowList(`127.0.0.1:${server.port}`) }) });

    it('proxies a proxy source\'s image on first view, re-encoded without GPS, then serves it from memory', async () => {
      const source = await createSource(store.db, { slug: 'p', name: 'P', homeUrl: `${server.origin}/`, license: 'permission on file', imagePolicy: 'proxy' });
      const article = await insertArticle(store.db, { ...content, sourceId: source.id, feedId: null, entryKey: 'k', slug: 'a', pubStatus: 'usable', holdReason: null }, new Date());
      const [media] = await linkArticleImages(store.db, { articleId: article.id, versionId: null, sourceId: source.id, images: [{ url: `${server.origin}/photo.png`, role: 'lead' }], status: 'proxy' }, new Date());
      const site = app();
      const first = await site.request(`/media/proxy/${media.id}`);
      expect(first.status).toBe(200);
      expect(first.headers.get('content-type')).toBe('image/webp');
      expect(first.headers.get('cache-control')).toBe('public, max-age=3600');
      const body = Buffer.from(await first.arrayBuffer());
      expect(readExifFields((await sharp(body).metadata()).exif)).toMatchObject({ hasGps: false, copyright: 'Example Photo Agency' });
      expect(await getMediaById(store.db, media.id)).toMatchObject({ status: 'proxy', width: 1200, height: 800, variants: [] });
      expect((await site.request(`/media/proxy/${media.id}`)).status).toBe(200);
      expect(server.requests.filter((p) => p === '/photo.png')).toHaveLength(1); // cached, not fetched again

      // Not an open proxy: a rehost source's image, an unknown id and a bad id are all 404.
      await updateSource(store.db, source.id, { imagePolicy: 'rehost' });
      const [other] = await linkArticleImages(store.db, { articleId: article.id, versionId: null, sourceId: source.id, images: [{ url: `${server.origin}/small.jpg`, role: 'body' }], status: 'pending' }, new Date());
      expect((await site.request(`/media/proxy/${other.id}`)).status).toBe(404);
      expect((await site.request('/media/proxy/999999')).status).toBe(404);
      expect((await site.request('/media/proxy/x')).status).toBe(404);

      // Set to rehost, the images proxied until now are queued to be fetched and stored.
      const rehost = (await updateSource(store.db, source.id, {}))!;
      expect(await queueSourceImages(store.db, jobQueueOf(store), rehost, new Date())).toBe(2);
      expect(await getMediaById(store.db, media.id)).toMatchObject({ status: 'pending' });
      expect((await jobQueueOf(store).counts()).queued).toBe(2);
    });

    it('allows images from other hosts in the CSP only while some source hot-links', async () => {
      const strict = await app().request('/');
      expect(strict.headers.get('content-security-policy')).toContain("img-src 'self' data:;");
      await createSource(store.db, { slug: 'l', name: 'L', homeUrl: 'https://l.test/', license: 'CC BY 4.0', imagePolicy: 'link' });
      const site = app();
      await new Promise((resolve) => setTimeout(resolve, 100)); // the watcher reads the sources in the background
      expect((await site.request('/')).headers.get('content-security-policy')).toContain("img-src 'self' data: https: http:;");
    });
  });
}
