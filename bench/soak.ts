// npm run bench:soak — `convey serve` on SQLite with the demo content and its ingest running (a loopback feed
// gains a new entry every few seconds, and its summary-only entries send the worker to fetch and extract the
// page). First the article page's maximum rate is measured briefly (wrk when installed, else autocannon); then
// autocannon loads it at 80 % of that rate for BENCH_SECONDS (600 by default). Reports errors, p99 latency and
// the server's resident memory (VmRSS) at the start and the end. Everything runs on loopback.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/database.js';
import { createSource } from '../src/store/sources.js';
import { addFeed } from '../src/store/feeds.js';
import { countArticles, listPublished } from '../src/store/articles.js';
import { fillWithDemoContent } from '../test/support/demo-store.js';
import { freePort, startConvey, waitForSite } from '../test/support/processes.js';
import { runLoad } from './support/load.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 600);
const PROBE_SECONDS = Number(process.env.BENCH_PROBE_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const NEW_ENTRY_EVERY_MS = 3000;
const FEED_LENGTH = 40;
const SAMPLE_EVERY_MS = 10_000;

/** Resident memory of a process in KiB, from /proc/<pid>/status. */
function rssKiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]);
}

// Deterministic filler text from a small vocabulary: plausible sentence shapes, never a real article.
const WORDS = 'council harbour minister budget river school report city vote market rail energy court water plan farmers talks union storm bridge museum festival hospital'.split(' ');
function sentence(seed: number, length: number): string {
  let x = seed >>> 0;
  const words = Array.from({ length }, () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0), WORDS[x % WORDS.length]));
  const text = words.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

/** A feed that keeps growing: entry n appears NEW_ENTRY_EVERY_MS × n after the start; the newest FEED_LENGTH are listed. */
async function startGrowingFeed() {
  const startedAt = Date.now();
  const newest = () => Math.floor((Date.now() - startedAt) / NEW_ENTRY_EVERY_MS);
  let origin = '';
  let pageRequests = 0;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/feed.xml') {
      const last = newest();
      const items = [];
      for (let n = last; n >= Math.max(0, last - FEED_LENGTH + 1); n--) {
        items.push(`<item><title>Soak story ${n}: ${sentence(n, 5).slice(0, -1)}</title><link>${origin}/story/${n}</link><guid isPermaLink="false">soak-${n}</guid>`
          + `<pubDate>${new Date(startedAt + n * NEW_ENTRY_EVERY_MS).toUTCString()}</pubDate><description>${sentence(n, 12)}</description></item>`);
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
        .end(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Soak Wire</title><link>${origin}/</link><description>Soak</description>${items.join('\n')}</channel></rss>`);
      return;
    }
    const story = /^\/story\/(\d+)$/.exec(path);
    if (!story || Number(story[1]) > newest()) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    pageRequests++;
    const n = Number(story[1]);
    const body = Array.from({ length: 8 }, (_, i) => `<p>${sentence(n * 31 + i, 22)} ${sentence(n * 17 + i, 16)}</p>`).join('\n');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(`<!doctype html><html><head><title>Soak story ${n}</title></head><body><nav><a href="/">Home</a></nav><article><h1>Soak story ${n}</h1><p class="byline">By Reporter ${n % 12}</p>${body}</article><footer>Soak Wire</footer></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    pageRequests: () => pageRequests,
    close: () => (server.closeAllConnections(), new Promise<void>((resolve) => server.close(() => resolve()))),
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'convey-bench-soak-'));
  const feed = await startGrowingFeed();
  const databaseUrl = `sqlite:${join(dir, 'soak.db')}`;
  let server: ReturnType<typeof startConvey> | null = null;
  try {
    const store = await openStore(databaseUrl);
    await fillWithDemoContent(store);
    const source = await createSource(store.db, { slug: 'soak-wire', name: 'Soak Wire', homeUrl: `${feed.origin}/`, license: 'CC BY 4.0' });
    await addFeed(store.db, { sourceId: source.id, url: `${feed.origin}/feed.xml` });
    const [article] = await listPublished(store.db, { limit: 1 });
    if (!article) throw new Error('the demo content published nothing');
    const before = await countArticles(store.db);

    const port = await freePort();
    server = startConvey(['serve'], {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      CONVEY_SITE_NAME: 'Soak Desk',
      CONVEY_FETCH_ALLOW: `127.0.0.1:${feed.port}`,
      CONVEY_POLL_MINUTES: '1',
      CONVEY_INGEST_INTERVAL_SECONDS: '5',
    });
    const origin = `http://127.0.0.1:${port}`;
    await waitForSite(origin, server);
    const pid = server.child.pid!;
    const pageUrl = `${origin}/articles/${article.slug}`;

    await runLoad(pageUrl, CONNECTIONS, 2); // warm-up (JIT, caches)
    const probe = await runLoad(pageUrl, CONNECTIONS, PROBE_SECONDS);
    const rate = Math.max(1, Math.floor(probe.rps * 0.8));
    console.log(`maximum rate of ${pageUrl}: ${probe.rps.toFixed(0)} req/s (${probe.tool}, ${CONNECTIONS} connections, ${PROBE_SECONDS} s; p99 ${probe.p99ms.toFixed(1)} ms)`);
    console.log(`soak: ${rate} req/s (80 %) for ${SECONDS} s by autocannon, ingest running (a new feed entry every ${NEW_ENTRY_EVERY_MS / 1000} s)`);

    const rssStart = rssKiB(pid);
    const samples: number[] = [rssStart];
    const sampler = setInterval(() => samples.push(rssKiB(pid)), SAMPLE_EVERY_MS);
    const { default: autocannon } = await import('autocannon');
    const result = await autocannon({ url: pageUrl, connections: CONNECTIONS, overallRate: rate, duration: SECONDS });
    clearInterval(sampler);
    const rssEnd = rssKiB(pid);
    if (server.child.exitCode !== null) throw new Error(`the server exited during the soak: ${server.output().slice(-1000)}`);

    const after = await countArticles(store.db);
    await store.close();
    const errors = result.errors + result.timeouts + result.non2xx;
    const growth = (rssEnd - rssStart) / rssStart;
    const mib = (kib: number) => (kib / 1024).toFixed(1);
    console.log(`requests ${result.requests.total} (${result.requests.average.toFixed(0)} req/s average), errors ${errors} (connection ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx})`);
    console.log(`latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
    console.log(`ingest during the soak: ${after.usable + after.withheld - before.usable - before.withheld} new articles (${feed.pageRequests()} pages fetched)`);
    console.log(`server RSS: start ${mib(rssStart)} MiB, end ${mib(rssEnd)} MiB (${(growth * 100).toFixed(1)} %); every ${SAMPLE_EVERY_MS / 1000} s: ${samples.map(mib).join(' ')}`);
    console.log(JSON.stringify({
      seconds: SECONDS,
      maxRps: Math.round(probe.rps),
      rps: rate,
      requests: result.requests.total,
      errors,
      p99ms: result.latency.p99,
      rssStartMiB: Number(mib(rssStart)),
      rssEndMiB: Number(mib(rssEnd)),
      rssGrowthPercent: Number((growth * 100).toFixed(1)),
    }));
  } finally {
    await server?.stop();
    await feed.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bench:soak failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
