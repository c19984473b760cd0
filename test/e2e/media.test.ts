// A real browser on the real server reads an article whose source page has images: every request the browser
// makes, from its own request log, goes to the site and nowhere else (the source's server included), and the
// images it shows are the site's copies at the width its screen needs.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserAvailable, launchBrowser } from '../support/browser.js';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server.js';
import { loadConfig } from '../../src/config/config.js';
import { openStore, type Store } from '../../src/store/database.js';
import { createSource } from '../../src/store/sources.js';
import { addFeed } from '../../src/store/feeds.js';
import { runIngestRound } from '../../src/ingest/scheduler.js';
import { createClient, ingestContextOf } from '../../src/cli/runtime.js';
import { silentLog } from '../../src/ingest/context.js';
import { siteDepsOf } from '../../src/cli/serve-command.js';
import { startSite, type RunningSite } from '../../src/site/server.js';
import { makeImage } from '../../src/media/testdata/images.js';

const PARAGRAPHS = [
  'The harbour board agreed on Monday to replace every lamp along the old quay with brighter and cheaper lights.',
  'The work starts next month and should take about six weeks, with the quay open to walkers throughout the works.',
  'Fishing crews welcomed the plan, saying the present lamps leave the far end of the quay dark on winter evenings.',
  'The board will pay for the lamps from its maintenance budget and expects lower electricity bills from next year.',
];

const available = browserAvailable();

describe.runIf(available)('images in a real browser', () => {
  let source: LoopbackServer;
  let store: Store;
  let site: RunningSite;
  let browser: Browser;
  let dir: string;
  let articleUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'convey-media-browser-'));
    source = await startLoopbackServer({
      '/img/lead.jpg': { type: 'image/jpeg', body: await makeImage(2000, 1300, 'jpeg') },
      '/img/quay.png': { type: 'image/png', body: await makeImage(1200, 800, 'png') },
    });
    source.routes.set('/story', {
      body: `<!doctype html><html><head><title>Quay lamps replaced</title><meta property="og:image" content="${source.origin}/img/lead.jpg"></head><body>
<article><h1>Quay lamps replaced</h1><p class="byline">By Ines Costa</p>
<figure><img src="/img/lead.jpg" alt="The old quay at dusk"><figcaption>The old quay at dusk. <span class="credit">Photo: Ines Costa / Port News</span></figcaption></figure>
${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}
<figure><img src="/img/quay.png" alt="The lamp workshop"><figcaption>The lamp workshop. Photo: Ada Field / Port News</figcaption></figure>
<p>${PARAGRAPHS[0]}</p></article></body></html>`,
    });
    source.routes.set('/feed.xml', {
      type: 'application/rss+xml',
      body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Port News</title><link>${source.origin}/</link>
<item><title>Quay lamps replaced</title><link>${source.origin}/story</link><guid>q-1</guid><pubDate>Tue, 01 Dec 2026 08:00:00 GMT</pubDate><description>Lamps.</description></item></channel></rss>`,
    });
    const config = loadConfig({
      CONVEY_SITE_NAME: 'Media Browser Desk', DATABASE_URL: `sqlite:${join(dir, 'm.db')}`, PORT: '0', CONVEY_MEDIA_URL: `file:${join(dir, 'media')}`,
    });
    store = await openStore(config.databaseUrl);
    const s = await createSource(store.db, { slug: 'port', name: 'Port News', homeUrl: `${source.origin}/`, license: 'CC BY 4.0' });
    await addFeed(store.db, { sourceId: s.id, url: `${source.origin}/feed.xml` });
    const round = await runIngestRound(ingestContextOf(config, store, createClient(config, [`127.0.0.1:${source.port}`]), silentLog));
    expect(round.feeds[0].published).toBe(1);
    site = await startSite(siteDepsOf({ ...config, site: { ...config.site, url: 'http://127.0.0.1' } }, store), { host: '127.0.0.1', port: 0 });
    const slug = (await store.db.selectFrom('articles').select('slug').executeTakeFirstOrThrow()).slug;
    articleUrl = `${site.url}/articles/${slug}`;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await store?.close();
    await source?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const [width, expected] of [[375, 640], [1280, 1024]] as const) {
    it(`at ${width} px: every request goes to the site, and the images are its copies at ${expected} px`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      const sourceRequestsBefore = source.requests.filter((path) => path.startsWith('/img/')).length;
      await page.goto(articleUrl, { waitUntil: 'load' });
      // Bring the lazy body image into view, then wait for every image to finish.
      await page.locator('img[alt="The lamp workshop"]').scrollIntoViewIfNeeded();
      // The test compiles without the DOM's types: the page's own objects are described as far as they are read.
      type Img = { alt: string; currentSrc: string; complete: boolean; naturalWidth: number; getAttribute(name: string): string | null };
      await page.waitForFunction(() => [...(globalThis as unknown as { document: { images: Iterable<Img> } }).document.images].every((img) => img.complete && img.naturalWidth > 0));
      const images = await page.$$eval('article img', (imgs) =>
        (imgs as unknown as Img[]).map((img) => ({ alt: img.alt, src: img.currentSrc, loading: img.getAttribute('loading') })));
      await context.close();

      expect(requests.length).toBeGreaterThan(2);
      expect(requests.filter((url) => new URL(url).origin !== site.url)).toEqual([]);
      expect(source.requests.filter((path) => path.startsWith('/img/')).length).toBe(sourceRequestsBefore); // the source saw no reader
      expect(images).toEqual([
        { alt: 'The old quay at dusk', src: expect.stringMatching(new RegExp(`^${site.url}/media/.+-${expected}\\.webp$`)), loading: null },
        { alt: 'The lamp workshop', src: expect.stringMatching(new RegExp(`^${site.url}/media/.+-${expected}\\.webp$`)), loading: 'lazy' },
      ]);
    }, 60_000);
  }
});
