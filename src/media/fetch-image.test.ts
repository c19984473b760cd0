// Image fetches as jobs, against a source served on loopback: stored variants, refusals kept with their reason,
// a 404 retried until the image comes, and the same bytes under two URLs processed once.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { testBackends } from '../store/test-backends.js';
import type { Store } from '../store/database.js';
import { startLoopbackServer, type LoopbackServer } from '../../test/support/loopback-server.js';
import { createSource } from '../store/sources.js';
import { insertArticle, type ArticleContent } from '../store/articles.js';
import { getMediaByUrls, listArticleImages } from '../store/media.js';
import { HttpClient } from '../fetch/http-client.js';
import { parseAllowList } from '../fetch/ssrf-guard.js';
import { StoreJobQueue } from '../jobs/store-queue.js';
import { jobQueueOf } from '../jobs/open-queue.js';
import { drainJobs, type JobHandler } from '../jobs/worker.js';
import { createFsStorage } from './storage/fs-storage.js';
import { fetchImageHandler, runFetchImage } from './fetch-image.js';
import { queueArticleImages } from './queue-images.js';
import { readExifFields } from './exif-fields.js';
import { HTML_NAMED_JPEG, SVG_WITH_SCRIPT, makeImage, makePngBomb, makePngWithGps } from './testdata/images.js';
import type { Source } from '../model/types.js';

const content = (origin: string): ArticleContent => ({
  originalUrl: `${origin}/story`, headline: 'Harbour lights', subheadline: null, dateline: null,
  bodyHtml: [
    `<p>Text.</p><figure><img src="${origin}/img/gps.png" alt="" loading="lazy"><figcaption>Quay. Photo: Ada Field</figcaption></figure>`,
    `<p><img src="${origin}/img/bomb.png" alt=""></p><p><img src="${origin}/img/script.svg" alt=""></p>`,
    `<p><img src="${origin}/img/photo.jpg" alt=""></p><p><img src="${origin}/img/late.jpg" alt=""></p>`,
  ].join(''),
  bodyText: 'Text.', bodyOrigin: 'page', byline: null, language: 'en',
  lead: { url: `${origin}/img/lead.jpg`, caption: 'The quay at dusk.', credit: 'Photo: Ines Costa' },
  topics: [], firstCreated: null, provenance: [], rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
});

for (const backend of testBackends()) {
  describe(`fetch-image jobs (${backend.name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let server: LoopbackServer;
    let source: Source;
    let articleId: number;
    let lateCalls = 0;
    const storage = () => createFsStorage(mediaRoot);
    let mediaRoot: string;
    let client: HttpClient;
    let clock: Date;

    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
      mediaRoot = mkdtempSync(join(tmpdir(), 'convey-media-jobs-'));
      clock = new Date('2026-12-01T10:00:00Z');
      lateCalls = 0;
      const jpeg = await makeImage(1800, 1200, 'jpeg');
      const late = await makeImage(700, 400, 'jpeg');
      server = await startLoopbackServer({
        '/img/lead.jpg': { type: 'image/jpeg', body: jpeg },
        '/img/photo.jpg': { type: 'image/jpeg', body: jpeg }, // the same bytes under another name
        '/img/gps.png': { type: 'image/png', body: await makePngWithGps() },
        '/img/bomb.png': { type: 'image/png', body: await makePngBomb() },
        '/img/script.svg': { type: 'image/svg+xml', body: SVG_WITH_SCRIPT },
        '/img/late.jpg': () => (++lateCalls === 1 ? { status: 404, type: 'text/plain', body: 'not yet' } : { type: 'image/jpeg', body: late }),
        '/img/fake.jpg': { type: 'image/jpeg', body: HTML_NAMED_JPEG },
      });
      client = new HttpClient({ allow: parseAllowList(`127.0.0.1:${server.port}`) });
      source = await createSource(store.db, { slug: 'port', name: 'Port News', homeUrl: `${server.origin}/`, license: 'CC BY 4.0' });
      const article = await insertArticle(store.db, { ...content(server.origin), sourceId: source.id, feedId: null, entryKey: 'k', slug: 'harbour', pubStatus: 'usable', holdReason: null }, clock);
      articleId = article.id;
    });
    afterEach(async () => {
      await dispose();
      await server.close();
    });

    async function queueImages(queue = jobQueueOf(store)) {
      const c = content(server.origin);
      return store.db.transaction().execute((tx) => queueArticleImages(tx, queue, { articleId, versionId: null, source, lead: c.lead, bodyHtml: c.bodyHtml }, clock));
    }

    it('stores resized copies, refuses the bomb and the SVG with reasons, and processes the same bytes once', async () => {
      expect(await queueImages()).toBe(6);
      await queueImages(); // queued again while waiting: the job key keeps one of each
      expect((await jobQueueOf(store).counts()).queued).toBe(6);
      const deps = { store, client, media: storage(), now: () => clock, retryWindowMs: 3_600_000 };
      const byUrl = await getMediaByUrls(store.db, ['lead.jpg', 'photo.jpg', 'gps.png', 'bomb.png', 'script.svg', 'late.jpg'].map((n) => `${server.origin}/img/${n}`));
      for (const media of byUrl.values()) await runFetchImage(deps, { mediaId: media.id, url: media.sourceUrl, firstTriedAt: clock.toISOString() }).catch((e: Error) => e);
      const images = new Map((await listArticleImages(store.db, articleId)).map((m) => [m.sourceUrl.split('/').pop(), m]));
      expect(images.get('lead.jpg')).toMatchObject({ role: 'lead', status: 'stored', width: 1800, height: 1200, contentType: 'image/jpeg' });
      expect(images.get('lead.jpg')!.variants.map((v) => v.width)).toEqual([320, 320, 640, 640, 1024, 1024, 1600, 1600]);
      expect(images.get('photo.jpg')).toMatchObject({ status: 'stored', sha256: images.get('lead.jpg')!.sha256 });
      expect(images.get('photo.jpg')!.variants).toEqual(images.get('lead.jpg')!.variants);
      expect(images.get('bomb.png')).toMatchObject({ status: 'refused', refusalReason: expect.stringMatching(/too many pixels: 40000×40000/) });
      expect(images.get('script.svg')).toMatchObject({ status: 'refused', refusalReason: expect.stringMatching(/image\/svg\+xml|SVG/) });
      expect(images.get('late.jpg')).toMatchObject({ status: 'pending' }); // the 404 asked for a retry
      const gps = images.get('gps.png')!;
      expect(gps).toMatchObject({ status: 'stored', credit: 'Ada Field', copyright: 'Example Photo Agency' });
      const stored = await storage().get(gps.variants[0].key);
      expect(readExifFields((await sharp(stored!.body).metadata()).exif)).toMatchObject({ hasGps: false, copyright: 'Example Photo Agency' });
      // Eight files per distinct image (two images share theirs), none for the refused ones.
      const keys: string[] = [];
      for await (const key of storage().list()) keys.push(key);
      expect(keys).toHaveLength(new Set([...images.values()].flatMap((m) => m.variants.map((v) => v.key))).size);
    }, 60_000);

    it('refuses HTML served as image/jpeg by its bytes', async () => {
      const [media] = await store.db.transaction().execute((tx) =>
        queueArticleImages(tx, jobQueueOf(store), { articleId, versionId: null, source, lead: { url: `${server.origin}/img/fake.jpg`, caption: null, credit: 'x' }, bodyHtml: '' }, clock).then(() =>
          getMediaByUrls(tx, [`${server.origin}/img/fake.jpg`]).then((m) => [...m.values()])),
      );
      await runFetchImage({ store, client, media: storage(), now: () => clock, retryWindowMs: 1000 }, { mediaId: media.id, url: media.sourceUrl, firstTriedAt: clock.toISOString() });
      expect((await listArticleImages(store.db, articleId))[0]).toMatchObject({ status: 'refused', refusalReason: 'not an image: the file is HTML' });
    });

    if (backend.name === 'sqlite') {
      it('retries an image that answers 404 until it comes, through the job queue', async () => {
        const queue = new StoreJobQueue(store.db, () => clock);
        await queueImages(queue);
        const handler = fetchImageHandler({ store, client, media: storage(), now: () => clock, retryWindowMs: 12 * 3_600_000 }) as JobHandler;
        const first = await drainJobs(queue, [handler], { now: () => clock });
        expect(first).toMatchObject({ done: 5, retry: 1 });
        clock = new Date(clock.getTime() + 2 * 3_600_000);
        expect(await drainJobs(queue, [handler], { now: () => clock })).toMatchObject({ done: 1 });
        expect(lateCalls).toBe(2);
        const late = (await listArticleImages(store.db, articleId)).find((m) => m.sourceUrl.endsWith('/late.jpg'));
        expect(late).toMatchObject({ status: 'stored', width: 700, height: 400 });
        expect(late!.variants.map((v) => `${v.width}.${v.format}`)).toEqual(['320.webp', '320.jpeg', '640.webp', '640.jpeg', '700.webp', '700.jpeg']);
      }, 60_000);
    }
  });
}
