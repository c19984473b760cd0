// Several processes, one truth: two web processes and two workers share a PostgreSQL store. A worker is killed
// (SIGKILL) in the middle of a round of slow pages; the other finishes its jobs once their heartbeat lapses,
// and every entry is published exactly once.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { POSTGRES_TEST_URL, testBackends } from '../../src/store/test-backends.js';
import { createSource } from '../../src/store/sources.js';
import { addFeed } from '../../src/store/feeds.js';
import { listPublished, listVersions, countArticles } from '../../src/store/articles.js';
import type { Store } from '../../src/store/database.js';
import { freePort, startConvey, waitFor, waitForSite, type ConveyProcess } from '../support/processes.js';

const FEEDS = 2;
const PER_FEED = 12;
const PAGE_DELAY_MS = 1500;

function paragraphs(n: number) {
  return [
    `The council of district ${n} met on Wednesday to settle the budget for the coming year after a long debate.`,
    `Members agreed to spend more on schools and road repairs in district ${n}, and less on the planned new offices.`,
    `Residents who spoke at the meeting asked for the library's opening hours to be extended to the evenings.`,
    `The final vote was close, and the budget will be reviewed again in the spring once the tax receipts are known.`,
  ];
}

describe.skipIf(!POSTGRES_TEST_URL)('several processes on PostgreSQL (needs CONVEY_TEST_POSTGRES_URL; CI sets it)', { timeout: 180_000 }, () => {
  let store: Store;
  let url: string;
  let dispose: () => Promise<void>;
  let pages: Server;
  let origin: string;
  const pageRequests: string[] = [];
  const processes: ConveyProcess[] = [];

  beforeAll(async () => {
    const backend = testBackends().find((b) => b.name === 'postgres')!;
    ({ store, url, dispose } = await backend.open());
    pages = createServer((req, res) => {
      const path = req.url ?? '/';
      const feed = /^\/feed-(\d+)\.xml$/.exec(path);
      if (feed) {
        const f = Number(feed[1]);
        const items = Array.from({ length: PER_FEED }, (_, i) => {
          const n = f * 100 + i;
          return `<item><title>Budget of district ${n}</title><link>${origin}/story-${n}</link><guid>story-${n}</guid><pubDate>Wed, 25 Nov 2026 ${String(10 + (i % 10)).padStart(2, '0')}:00:00 GMT</pubDate><description>Short.</description></item>`;
        });
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${f}</title><link>${origin}/</link>${items.join('')}</channel></rss>`);
        return;
      }
      const story = /^\/story-(\d+)$/.exec(path);
      if (!story) return void res.writeHead(404).end();
      pageRequests.push(path);
      const n = Number(story[1]);
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
          `<!doctype html><html><head><title>Budget of district ${n}</title></head><body><article><h1>Budget of district ${n}</h1><p class="byline">By Mira Holt</p>${paragraphs(n).map((p) => `<p>${p}</p>`).join('')}</article></body></html>`,
        );
      }, PAGE_DELAY_MS);
    });
    await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
    for (let f = 0; f < FEEDS; f++) {
      const source = await createSource(store.db, { slug: `wire-${f}`, name: `Wire ${f}`, homeUrl: `${origin}/`, license: 'CC BY 4.0' });
      await addFeed(store.db, { sourceId: source.id, url: `${origin}/feed-${f}.xml`, fetchFullText: 'always' });
    }
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await new Promise((resolve) => pages.close(resolve));
    await dispose();
  });

  it('publishes every entry exactly once when a worker is killed mid-round, and serves them from every web process', async () => {
    const env = {
      DATABASE_URL: url,
      CONVEY_SITE_NAME: 'Council Desk',
      CONVEY_SITE_URL: 'http://council.test',
      CONVEY_SECRET: 'a-shared-secret-for-every-process',
      CONVEY_FETCH_ALLOW: `127.0.0.1:${new URL(origin).port}`,
      CONVEY_JOB_LEASE_SECONDS: '3',
      CONVEY_JOB_MAINTENANCE_SECONDS: '1',
      CONVEY_INGEST_INTERVAL_SECONDS: '1',
      CONVEY_JOB_CONCURRENCY: '4',
    };
    const webPorts = [await freePort(), await freePort()];
    const webs = webPorts.map((port) => startConvey(['serve', '--no-ingest'], { ...env, PORT: String(port) }));
    processes.push(...webs);
    await Promise.all(webs.map((web, i) => waitForSite(`http://127.0.0.1:${webPorts[i]}`, web)));
    const doomed = startConvey(['worker'], env);
    const survivor = startConvey(['worker'], env);
    processes.push(doomed, survivor);

    // Mid-round: pages are being fetched (each takes 1.5 s) and not all are done.
    await waitFor('the first page fetches', () => pageRequests.length >= 6, 60_000);
    doomed.child.kill('SIGKILL');
    expect(await doomed.exited).toBe('SIGKILL');
    const killedAt = pageRequests.length;

    await waitFor(
      `every entry published (output: ${survivor.output().slice(-800)})`,
      async () => (await countArticles(store.db)).usable === FEEDS * PER_FEED,
      120_000,
      500,
    );
    const published = await listPublished(store.db, { limit: 100 });
    expect(published).toHaveLength(FEEDS * PER_FEED);
    expect(new Set(published.map((a) => a.entryKey)).size).toBe(FEEDS * PER_FEED);
    for (const article of published) expect(await listVersions(store.db, article.id)).toHaveLength(1);
    expect((await countArticles(store.db)).withheld).toBe(0);
    // The killed worker's pages in flight were fetched again by the survivor.
    const counts = new Map<string, number>();
    for (const path of pageRequests) counts.set(path, (counts.get(path) ?? 0) + 1);
    expect([...counts.values()].some((n) => n > 1)).toBe(true);
    expect(pageRequests.length).toBeGreaterThan(killedAt);

    for (const port of webPorts) {
      const page = await fetch(`http://127.0.0.1:${port}/articles/${published[0].slug}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(published[0].headline);
    }
  });
});
