// npm run bench:ingest — 5,000 entries from feeds served on loopback (a fifth of them summaries whose article
// pages must be fetched and extracted) through fetch → parse → extract → store on a fresh SQLite database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/config.js';
import { openStore } from '../src/store/database.js';
import { createSource } from '../src/store/sources.js';
import { addFeed } from '../src/store/feeds.js';
import { countArticles } from '../src/store/articles.js';
import { runIngestRound } from '../src/ingest/scheduler.js';
import { createClient, ingestContextOf } from '../src/cli/runtime.js';
import { silentLog } from '../src/ingest/context.js';
import { startLoopbackServer } from '../test/support/loopback-server.js';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 5000);
const PER_FEED = 100;
const FEEDS = Math.ceil(ENTRIES / PER_FEED);

// Deterministic filler text from a small vocabulary: plausible sentence shapes, never a real article.
const WORDS = 'council harbour minister budget river council school report city vote market rail energy court water plan farmers talks union storm bridge museum festival hospital'.split(' ');
function sentence(seed: number, length: number): string {
  const words: string[] = [];
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    words.push(WORDS[x % WORDS.length]);
  }
  const text = words.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}
function paragraphs(seed: number, count: number): string {
  return Array.from({ length: count }, (_, i) => `<p>${sentence(seed * 31 + i, 24)} ${sentence(seed * 17 + i, 18)}</p>`).join('\n');
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'convey-bench-ingest-'));
  const server = await startLoopbackServer();
  const o = server.origin;
  for (let f = 0; f < FEEDS; f++) {
    const items: string[] = [];
    for (let i = 0; i < PER_FEED && f * PER_FEED + i < ENTRIES; i++) {
      const n = f * PER_FEED + i;
      const path = `/story/${n}.html`;
      const summaryOnly = n % 5 === 0;
      const body = paragraphs(n, 6);
      if (summaryOnly) {
        server.routes.set(path, {
          body: `<!doctype html><html><head><title>Story ${n}</title><meta property="og:title" content="Story ${n}"></head><body><nav><a href="/">Home</a></nav><article><h1>Story ${n}</h1><p class="byline">By Reporter ${n % 40}</p>${body}</article><aside class="related"><a href="/story/1.html">Related</a></aside><footer>Footer</footer></body></html>`,
        });
      }
      items.push(`<item><title>Story ${n}: ${sentence(n, 6).slice(0, -1)}</title><link>${o}${path}</link><guid isPermaLink="false">bench-${n}</guid>
<pubDate>${new Date(Date.UTC(2026, 10, 1) + n * 60_000).toUTCString()}</pubDate><author>desk@example.test (Reporter ${n % 40})</author>
<description>${summaryOnly ? sentence(n, 20) : ''}</description>${summaryOnly ? '' : `<content:encoded><![CDATA[${body}]]></content:encoded>`}</item>`);
    }
    server.routes.set(`/feed/${f}.xml`, {
      type: 'application/rss+xml',
      body: `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Bench ${f}</title><link>${o}/</link><description>d</description>${items.join('\n')}</channel></rss>`,
    });
  }

  const databaseUrl = `sqlite:${join(dir, 'ingest.db')}`;
  const config = loadConfig({ CONVEY_SITE_NAME: 'Bench Desk', DATABASE_URL: databaseUrl });
  const store = await openStore(databaseUrl);
  try {
    const source = await createSource(store.db, { slug: 'bench', name: 'Bench Wire', homeUrl: `${o}/`, license: 'CC BY 4.0' });
    for (let f = 0; f < FEEDS; f++) await addFeed(store.db, { sourceId: source.id, url: `${o}/feed/${f}.xml` });
    const ctx = ingestContextOf(config, store, createClient(config, [`127.0.0.1:${server.port}`]), silentLog);
    const started = process.hrtime.bigint();
    const round = await runIngestRound(ctx, { concurrency: 4 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const counts = await countArticles(store.db);
    const entries = round.feeds.reduce((n, f) => n + f.added, 0);
    const failed = round.feeds.filter((f) => f.status === 'error');
    console.log(`feeds ${round.feeds.length} (${failed.length} failed), entries taken in ${entries}: ${counts.usable} published, ${counts.withheld} held`);
    console.log(`pages fetched and extracted: ${server.requests.filter((p) => p.startsWith('/story/')).length}`);
    console.log(JSON.stringify({ entries, seconds: Number(seconds.toFixed(2)), entriesPerSecond: Number((entries / seconds).toFixed(1)) }));
  } finally {
    await store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bench:ingest failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
