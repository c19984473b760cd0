// The scenario end to end on the real pipeline: a source page served on loopback with a JPEG lead, a
// PNG with an EXIF GPS block, a 40,000 × 40,000 PNG bomb, an SVG with script, HTML named .jpg and an image that
// answers 404 before it comes. The article shows credited, resized copies served by the site; the GPS block is
// gone; the bomb, the SVG and the fake are refused with their reasons for the desk; the missing image is retried.
// SQLite only: the retry is reached by moving the store queue's clock (pg-boss keeps the database's time; the
// fetch-image tests run on both backends).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { openStore, type Store } from '../store/database.js';
import { startLoopbackServer, type LoopbackServer } from '../../test/support/loopback-server.js';
import { loadConfig } from '../config/config.js';
import { createSource } from '../store/sources.js';
import { addFeed } from '../store/feeds.js';
import { listPublished } from '../store/articles.js';
import { runIngestRound } from '../ingest/scheduler.js';
import { createClient, ingestContextOf } from '../cli/runtime.js';
import { silentLog, type IngestContext } from '../ingest/context.js';
import { jobQueueOf } from '../jobs/open-queue.js';
import { createApp } from '../site/app.js';
import { siteDepsOf } from '../cli/serve-command.js';
import { createFsStorage } from './storage/fs-storage.js';
import { readExifFields } from './exif-fields.js';
import { HTML_NAMED_JPEG, SVG_WITH_SCRIPT, makeImage, makePngBomb, makePngWithGps } from './testdata/images.js';
import type { DeskImage } from './describe-images.js';

const ADMIN_TOKEN = 'media-desk-token-0123456789';
const PARAGRAPHS = [
  'The harbour board agreed on Monday to replace every lamp along the old quay with brighter and cheaper lights.',
  'The work starts next month and should take about six weeks, with the quay open to walkers throughout the works.',
  'Fishing crews welcomed the plan, saying the present lamps leave the far end of the quay dark on winter evenings.',
  'The board will pay for the lamps from its maintenance budget and expects lower electricity bills from next year.',
];

function storyPage(origin: string): string {
  const figure = (name: string, caption: string) => `<figure><img src="/img/${name}" alt="${caption}"><figcaption>${caption} Photo: Ada Field / Port News</figcaption></figure>`;
  return `<!doctype html><html><head><title>Quay lamps replaced</title>
<meta property="og:title" content="Quay lamps replaced"><meta property="og:image" content="${origin}/img/lead.jpg"></head><body>
<article><h1>Quay lamps replaced</h1><p class="byline">By Ines Costa</p>
<figure><img src="/img/lead.jpg" alt="The old quay at dusk"><figcaption>The old quay at dusk. <span class="credit">Photo: Ines Costa / Port News</span></figcaption></figure>
<p>${PARAGRAPHS[0]}</p>${figure('gps.png', 'The lamp workshop.')}<p>${PARAGRAPHS[1]}</p>${figure('bomb.png', 'A very large map.')}
<p>${PARAGRAPHS[2]}</p>${figure('script.svg', 'A drawing.')}${figure('photo.jpg', 'The board meeting.')}<p>${PARAGRAPHS[3]}</p>${figure('late.jpg', 'The first new lamp.')}
</article></body></html>`;
}

describe('images of a source page, through the pipeline to the article page', () => {
  let dir: string;
  let store: Store;
  let server: LoopbackServer;
  let clock: Date;
  let ctx: IngestContext;
  let lateCalls = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'convey-media-pipeline-'));
    store = await openStore(`sqlite:${join(dir, 'site.db')}`);
    clock = new Date('2026-12-01T09:00:00Z');
    server = await startLoopbackServer({
      '/img/lead.jpg': { type: 'image/jpeg', body: await makeImage(2000, 1300, 'jpeg') },
      '/img/gps.png': { type: 'image/png', body: await makePngWithGps() },
      '/img/bomb.png': { type: 'image/png', body: await makePngBomb() },
      '/img/script.svg': { type: 'image/svg+xml', body: SVG_WITH_SCRIPT },
      '/img/photo.jpg': { type: 'image/jpeg', body: HTML_NAMED_JPEG },
      '/img/late.jpg': () => (++lateCalls === 1 ? { status: 404, type: 'text/plain', body: 'not yet' } : { type: 'image/jpeg', body: lateImage! }),
    });
    const lateImage: Buffer | null = await makeImage(900, 600, 'jpeg');
    server.routes.set('/story', { body: storyPage(server.origin) });
    server.routes.set('/feed.xml', {
      type: 'application/rss+xml',
      body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Port News</title><link>${server.origin}/</link>
<item><title>Quay lamps replaced</title><link>${server.origin}/story</link><guid>q-1</guid><pubDate>Tue, 01 Dec 2026 08:00:00 GMT</pubDate><description>Lamps.</description></item></channel></rss>`,
    });
    const config = loadConfig({ CONVEY_SITE_NAME: 'Harbour Desk', CONVEY_SITE_URL: 'http://desk.test', CONVEY_MEDIA_URL: `file:${join(dir, 'media')}`, CONVEY_ADMIN_TOKEN: ADMIN_TOKEN });
    const jobs = jobQueueOf(store, { now: () => clock }); // the queue's clock is the test's
    ctx = { ...ingestContextOf(config, store, createClient(config, [`127.0.0.1:${server.port}`]), silentLog), jobs, now: () => clock };
    const source = await createSource(store.db, { slug: 'port', name: 'Port News', homeUrl: `${server.origin}/`, license: 'CC BY 4.0' });
    await addFeed(store.db, { sourceId: source.id, url: `${server.origin}/feed.xml` }, clock);
    await runIngestRound(ctx);
  }, 120_000);
  afterAll(async () => {
    await store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const app = () => {
    const config = loadConfig({ CONVEY_SITE_NAME: 'Harbour Desk', CONVEY_SITE_URL: 'http://desk.test', CONVEY_ADMIN_TOKEN: ADMIN_TOKEN });
    return createApp({ ...siteDepsOf(config, store), media: createFsStorage(join(dir, 'media')) });
  };
  const deskImages = async (slug: string) => {
    const response = await app().request(`/api/admin/articles/${slug}/images`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(response.status).toBe(200);
    return new Map(((await response.json()) as { images: DeskImage[] }).images.map((image) => [image.sourceUrl.split('/').pop()!, image]));
  };

  it('shows the credited, resized copies from the site and no image from the source', async () => {
    const [article] = await listPublished(store.db, { limit: 1 });
    const response = await app().request(`/articles/${article.slug}`);
    expect(response.headers.get('content-security-policy')).toContain("img-src 'self' data:;");
    const page = await response.text();
    expect(page).not.toContain(`${server.origin}/img/`); // nothing hot-linked
    // The lead: the site's copies at every width below the source's 2000 px, WebP first, eager, with its size.
    expect(page).toMatch(/<picture><source type="image\/webp" srcset="\/media\/[0-9a-f/]+-320\.webp 320w, [^"]+-1600\.webp 1600w" sizes="\(max-width: 44rem\) 100vw, 44rem">/);
    expect(page).toMatch(/<img src="\/media\/[^"]+-1600\.jpg" srcset="[^"]+-320\.jpg 320w, [^"]+" sizes="[^"]+" alt="The old quay at dusk" width="1600" height="1040" fetchpriority="high">/);
    expect(page).toContain('Photo: Ines Costa / Port News');
    // A body image: lazy, credited in its caption.
    expect(page).toMatch(/<img src="\/media\/[^"]+-1200\.png" srcset="[^"]+" sizes="[^"]+" alt="The lamp workshop\." width="1200" height="800" loading="lazy"/);
    expect(page).toContain('The lamp workshop. Photo: Ada Field / Port News');
    const og = /<meta property="og:image" content="([^"]+)"/.exec(page)?.[1];
    expect(og).toMatch(/^http:\/\/desk\.test\/media\/.+-1600\.jpg$/);
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)![1]) as { image: Record<string, unknown>[] };
    expect(jsonLd.image[0]).toMatchObject({ '@type': 'ImageObject', url: og, creditText: 'Ines Costa / Port News', license: 'CC BY 4.0', width: 1600, height: 1040 });

    // Every copy the page names is served by the site, immutable, with its type and nosniff.
    const urls = [...new Set([...page.matchAll(/\/media\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}-\d+\.(?:webp|jpg|png)/g)].map((m) => m[0]))];
    expect(urls.length).toBeGreaterThanOrEqual(12);
    for (const url of urls) {
      const copy = await app().request(url);
      expect(copy.status).toBe(200);
      expect(copy.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(copy.headers.get('x-content-type-options')).toBe('nosniff');
      expect(copy.headers.get('content-type')).toBe(url.endsWith('.webp') ? 'image/webp' : url.endsWith('.png') ? 'image/png' : 'image/jpeg');
      const body = Buffer.from(await copy.arrayBuffer());
      if (url.endsWith('.png')) expect(readExifFields((await sharp(body).metadata()).exif)).toEqual({ artist: 'Ada Field', copyright: 'Example Photo Agency', hasGps: false });
    }
    expect((await app().request('/media/../site.db')).status).toBe(404);
  }, 60_000);

  it('refuses the bomb, the SVG and the HTML named .jpg with their reasons, for the desk', async () => {
    const [article] = await listPublished(store.db, { limit: 1 });
    const images = await deskImages(article.slug);
    expect(images.get('lead.jpg')).toMatchObject({ role: 'lead', status: 'stored', width: 2000, height: 1300 });
    expect(images.get('gps.png')).toMatchObject({ role: 'body', status: 'stored', credit: 'Ada Field' });
    expect(images.get('bomb.png')).toMatchObject({ status: 'refused', refusalReason: expect.stringMatching(/^too many pixels: 40000×40000/) });
    expect(images.get('script.svg')).toMatchObject({ status: 'refused', refusalReason: expect.stringMatching(/SVG is never served from a source/) });
    expect(images.get('photo.jpg')).toMatchObject({ status: 'refused', refusalReason: 'not an image: the file is HTML' });
    expect(images.get('late.jpg')).toMatchObject({ status: 'pending' });
    const page = await (await app().request(`/articles/${article.slug}`)).text();
    // A refused image's figure goes with it: no caption under nothing.
    expect(page).not.toContain('A very large map.');
    expect(page).not.toContain('A drawing.');
  });

  it('retries the image that answered 404 and shows it once it came', async () => {
    const [article] = await listPublished(store.db, { limit: 1 });
    clock = new Date(clock.getTime() + 3 * 3_600_000);
    await runIngestRound(ctx);
    expect(lateCalls).toBe(2);
    expect((await deskImages(article.slug)).get('late.jpg')).toMatchObject({ status: 'stored', width: 900, height: 600 });
    const page = await (await app().request(`/articles/${article.slug}`)).text();
    expect(page).toMatch(/<img src="\/media\/[^"]+-900\.jpg" [^>]*alt="The first new lamp\." width="900" height="600" loading="lazy"/);
  }, 60_000);
});
