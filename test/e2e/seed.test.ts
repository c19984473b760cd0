// The page that started Convey, done right: the seed story is served on loopback as a feed and article
// pages, ingested through the real pipeline into a site named "The 21st Century", and the rendered page
// must carry every element of the seed — with a disclaimer that names the site.
import { it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithSharedData, hasSharedData, sharedPath } from '../support/shared-data.js';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server.js';
import { testBackends } from '../../src/store/test-backends.js';
import { loadConfig } from '../../src/config/config.js';
import { makeImage } from '../../src/media/testdata/images.js';
import { createSource } from '../../src/store/sources.js';
import { addFeed } from '../../src/store/feeds.js';
import { listHeld } from '../../src/store/articles.js';
import { runIngestRound } from '../../src/ingest/scheduler.js';
import { createClient, ingestContextOf } from '../../src/cli/runtime.js';
import { silentLog } from '../../src/ingest/context.js';
import { siteDepsOf } from '../../src/cli/serve-command.js';
import { startSite, type RunningSite } from '../../src/site/server.js';
import { htmlToText, escapeHtml } from '../../src/clean/sanitize.js';
import type { Store } from '../../src/store/database.js';

interface Seed {
  title: string;
  dateline: string;
  paragraphs: string[];
  author: string;
  related: { caption: string; headline: string; date: string };
}

/** Reads the seed page's parts from its text. */
function readSeed(): Seed {
  const lines = readFileSync(sharedPath('seed', 'republished-article.txt'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  const title = lines[0];
  const byIndex = lines.findIndex((l) => l.startsWith('By '));
  const paragraphs = lines.slice(1, byIndex);
  const dateline = /^(.*?\)) –/.exec(paragraphs[0])![1];
  const relatedIndex = lines.findIndex((l) => l.startsWith('A related news from'));
  const caption = lines[relatedIndex + 1];
  const [day, month, year] = /(\d\d)\.(\d\d)\.(\d{4})/.exec(caption)!.slice(1);
  return {
    title,
    dateline,
    paragraphs,
    author: lines[byIndex].slice(3),
    related: { caption: caption.replace(/, \d+, \d\d\.\d\d\.\d{4}$/, ''), headline: lines[relatedIndex + 2], date: `${year}-${month}-${day}` },
  };
}

// Read only when the data is there; without it the suites below are skipped.
const seed = (hasSharedData ? readSeed() : null) as Seed;

function articlePage(origin: string, path: string, headline: string, date: string, bodyHtml: string, image?: { src: string; caption: string }) {
  const ld = { '@context': 'https://schema.org', '@type': 'NewsArticle', headline, datePublished: date, author: { '@type': 'Organization', name: seed.author }, publisher: { '@type': 'Organization', name: 'Sputnik News' } };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(headline)} - Sputnik News</title>
<link rel="canonical" href="${origin}${path}"><script type="application/ld+json">${JSON.stringify(ld)}</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/russia">Russia</a></nav>
<main><article><h1>${escapeHtml(headline)}</h1>
<div class="byline">By ${seed.author}</div><time datetime="${date}">${date}</time>
${image ? `<figure><img src="${image.src}" alt="${escapeHtml(image.caption)}" width="800" height="450"><figcaption>${escapeHtml(image.caption)}</figcaption></figure>` : ''}
<div class="article-body">${bodyHtml}</div>
<div class="share"><h3>Sharing is caring!</h3><a href="https://facebook.example/share">Facebook</a> <a href="https://x.example/share">X</a></div>
</article>
<div id="respond" class="comment-respond"><h3>Leave a Reply</h3><form><textarea name="comment"></textarea><button>Post Comment</button></form></div>
</main><footer>© Sputnik News. All rights reserved.</footer></body></html>`;
}

async function serveSeed(): Promise<LoopbackServer> {
  const server = await startLoopbackServer();
  const o = server.origin;
  const mainPath = '/20230207/lavrov-message-blinken.html';
  const relatedPath = '/20221024/iran-jcpoa-hypocritical.html';
  const relatedBody = '<p>TEHRAN (Sputnik) – The Iranian Foreign Ministry said the US position on the talks was hypocritical, its spokesman told reporters.</p><p>He said Tehran remained open to a deal on the revival of the nuclear agreement.</p>';
  server.routes.set(mainPath, { body: articlePage(o, mainPath, seed.title, '2023-02-07T14:20:00+03:00', seed.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')) });
  server.routes.set(relatedPath, { body: articlePage(o, relatedPath, seed.related.headline, `${seed.related.date}T10:00:00+03:00`, relatedBody, { src: `${o}/images/kanaani.jpg`, caption: seed.related.caption }) });
  // A real photo whose EXIF names its photographer: the credit the site requires travels with the image.
  server.routes.set('/images/kanaani.jpg', { type: 'image/jpeg', body: await makeImage(800, 450, 'jpeg', { IFD0: { Artist: 'Sputnik / Staff Photographer' } }) });
  const item = (path: string, title: string, date: string, summary: string, image?: string) => `<item><title>${escapeHtml(title)}</title><link>${o}${path}</link>
<guid isPermaLink="true">${o}${path}</guid><pubDate>${date}</pubDate><dc:creator>${seed.author}</dc:creator><description>${escapeHtml(summary)}</description>
${image ? `<media:content url="${o}/images/kanaani.jpg" medium="image"><media:description>${escapeHtml(image)}</media:description></media:content>` : ''}</item>`;
  server.routes.set('/export/rss2/archive/index.xml', {
    type: 'application/rss+xml',
    body: `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/"><channel>
<title>Sputnik News</title><link>${o}/</link><description>News</description>
${item(mainPath, seed.title, 'Tue, 07 Feb 2023 11:20:00 GMT', seed.paragraphs[0].slice(0, 160))}
${item(relatedPath, seed.related.headline, 'Mon, 24 Oct 2022 07:00:00 GMT', 'The Iranian Foreign Ministry said the US position was hypocritical.', seed.related.caption)}
</channel></rss>`,
  });
  return server;
}

async function ingestSeed(store: Store, server: LoopbackServer, siteName: string) {
  const media = `file:${mkdtempSync(join(tmpdir(), 'convey-seed-media-'))}`;
  const config = loadConfig({ CONVEY_SITE_NAME: siteName, CONVEY_SITE_URL: 'http://the21stcentury.test', PORT: '0', CONVEY_MEDIA_URL: media });
  const source = await createSource(store.db, {
    slug: 'sputnik', name: 'Sputnik News', homeUrl: `${server.origin}/`, license: 'CC BY 4.0',
    licenseUrl: 'https://creativecommons.org/licenses/by/4.0/', indexingPolicy: 'canonical-to-source', updatePolicy: 'auto',
  });
  await addFeed(store.db, { sourceId: source.id, url: `${server.origin}/export/rss2/archive/index.xml` });
  const ctx = ingestContextOf(config, store, createClient(config, [`127.0.0.1:${server.port}`]), silentLog);
  const round = await runIngestRound(ctx);
  return { config, round };
}

for (const backend of testBackends()) {
  describeWithSharedData(`the seed page, republished (${backend.name})`, () => {
    let server: LoopbackServer;
    let store: Store;
    let dispose: () => Promise<void>;
    let site: RunningSite;
    let page: string;
    let pageText: string;
    let originalUrl: string;

    beforeAll(async () => {
      server = await serveSeed();
      ({ store, dispose } = await backend.open());
      const { config, round } = await ingestSeed(store, server, 'The 21st Century');
      expect(round.feeds[0].status).toBe('ok');
      expect(round.feeds[0].published).toBe(2);
      site = await startSite(siteDepsOf(config, store), { host: '127.0.0.1', port: 0 });
      const home = await (await fetch(`${site.url}/`)).text();
      const href = /href="(\/articles\/lavrov[^"]+)"/.exec(home)?.[1];
      expect(href).toBeTruthy();
      const response = await fetch(`${site.url}${href}`);
      expect(response.status).toBe(200);
      page = await response.text();
      pageText = htmlToText(page);
      originalUrl = `${server.origin}/20230207/lavrov-message-blinken.html`;
    });
    afterAll(async () => {
      await site?.close();
      await dispose?.();
      await server?.close();
    });

    it('shows the headline and the dateline', () => {
      expect(page).toMatch(/<h1>Lavrov Says Received ‘Certain Message’ from Blinken Through Egyptian Foreign Minister<\/h1>/);
      expect(pageText).toContain(`${seed.dateline} –`);
      expect(seed.dateline).toBe('MOSCOW (Sputnik)');
    });

    it('carries the whole body, every paragraph and quote', () => {
      const firstRest = seed.paragraphs[0].slice(seed.paragraphs[0].indexOf('–') + 1).trim();
      expect(pageText).toContain(firstRest);
      for (const paragraph of seed.paragraphs.slice(1)) expect(pageText).toContain(paragraph);
      // The second part of the message, the one never conveyed in the story, is here too.
      expect(pageText).toContain('Tony Blinken did not convey the second part of this appeal.');
    });

    it('drops the source page boilerplate', () => {
      const body = /<div class="article-body">([\s\S]*?)<\/div>\n/.exec(page)?.[1] ?? '';
      expect(body).not.toContain('Sharing is caring');
      expect(body).not.toContain('Leave a Reply');
      expect(body).not.toContain('All rights reserved');
    });

    it('says who wrote it, who published it first and who republished it', () => {
      expect(pageText).toContain(`By ${seed.author}`);
      expect(page).toMatch(new RegExp(`Published by <a href="${originalUrl.replace(/[.?]/g, '\\$&')}"[^>]*>Sputnik News</a>`));
      expect(page).toMatch(/Republished by <a href="http:\/\/the21stcentury\.test"[^>]*>The 21st Century<\/a>/);
      expect(pageText).toMatch(/License: CC BY 4\.0/);
    });

    it('has a disclaimer that names the site', () => {
      expect(pageText).toContain('do not necessarily reflect the opinions of The 21st Century.');
      expect(page).not.toMatch(/opinions of\s*<\/p>/);
      expect(page).not.toMatch(/opinions of\s*\./);
    });

    it('shows the related news from the same source with image, caption, date and headline', () => {
      const related = /<section class="related related-same-source"[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
      expect(related).toContain('More from Sputnik News');
      // The site's own copy of the image, never the source's file (no reader is sent to the source).
      expect(related).toMatch(/<img src="\/media\/[0-9a-f/]+-800\.jpg" srcset="[^"]+" sizes="[^"]+" alt="[^"]*" width="800" height="450" loading="lazy"/);
      expect(related).not.toContain(`${server.origin}/images/kanaani.jpg`);
      expect(htmlToText(related)).toContain(seed.related.caption);
      expect(related).toContain(`datetime="${seed.related.date}`);
      expect(htmlToText(related)).toContain(seed.related.headline);
    });

    it('offers share links that load nothing from third parties, and the comment form', () => {
      expect(page).toContain('Sharing is caring!');
      expect(page).toMatch(/href="https:\/\/x\.com\/intent\/tweet\?[^"]+"/);
      expect(page).toMatch(/href="https:\/\/www\.facebook\.com\/sharer\/sharer\.php\?[^"]+"/);
      expect(page).not.toMatch(/<script[^>]+src="https?:\/\//);
      expect(page).not.toMatch(/<(img|iframe)[^>]+src="https:\/\/(x\.com|www\.facebook\.com|platform)/);
      expect(page).toContain('Leave a Reply');
      expect(page).toMatch(/<form[^>]+method="post"[^>]+action="\/articles\/lavrov[^"]*\/comments"/);
    });

    it('points canonical and JSON-LD at the original', () => {
      expect(page).toContain(`<link rel="canonical" href="${originalUrl}">`);
      const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)![1]);
      const article = Array.isArray(ld['@graph']) ? ld['@graph'].find((n: { '@type': string }) => n['@type'] === 'NewsArticle') : ld;
      expect(article['@type']).toBe('NewsArticle');
      expect(JSON.stringify(article.isBasedOn)).toContain(originalUrl);
      expect(JSON.stringify(article.sourceOrganization)).toContain('Sputnik News');
      expect(JSON.stringify(article.publisher)).toContain('The 21st Century');
      expect(JSON.stringify(article.license)).toContain('creativecommons.org/licenses/by/4.0');
      expect(JSON.stringify(article.dateline)).toContain('MOSCOW');
    });
  });

  describeWithSharedData(`the seed page with no site name (${backend.name})`, () => {
    it('refuses to publish, naming the missing field', async () => {
      const server = await serveSeed();
      const { store, dispose } = await backend.open();
      try {
        const { round } = await ingestSeed(store, server, '');
        expect(round.feeds[0].published).toBe(0);
        const held = await listHeld(store.db);
        expect(held).toHaveLength(2);
        for (const article of held) expect(article.holdReason).toBe('cannot publish: the site has no name (set CONVEY_SITE_NAME)');
        expect(round.feeds[0].held.map((h) => h.reason)).toEqual(['cannot publish: the site has no name (set CONVEY_SITE_NAME)', 'cannot publish: the site has no name (set CONVEY_SITE_NAME)']);
      } finally {
        await dispose();
        await server.close();
      }
    });
  });
}
