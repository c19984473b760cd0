// npm run bench:ingest — the 181 real pages of the shared extraction benchmark served on loopback as article
// pages (each under BENCH_COPIES URLs, 4 by default: 724 entries) behind 6 loopback RSS feeds of summary-only
// entries, so every entry is fetched and extracted. `convey worker` processes ingest them: one on SQLite, one
// and then two on PostgreSQL (a fresh schema per run). Entries per second run from the first feed request to
// the moment the store counts every article; each configuration runs BENCH_RUNS times (3) and the median is
// reported. The page server runs in this process, so it takes part of one core from the workers. The workers run
// from the TypeScript sources (as a checkout whose build is older than its sources does), so that figures compare
// across rounds; BENCH_COMPILED=1 runs the build instead, as `npm install` makes it and `npm start` then runs it
// (bin/convey.js, told to require the build, refuses one older than the sources).
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { openStore, type Store } from '../src/store/database.js';
import { createSource } from '../src/store/sources.js';
import { addFeed } from '../src/store/feeds.js';
import { countArticles } from '../src/store/articles.js';
import { sharedPath } from '../test/support/shared-data.js';
import { startConvey, type ConveyProcess } from '../test/support/processes.js';
import { median, processCpuMs } from './support/load.js';

const COPIES = Number(process.env.BENCH_COPIES ?? 4);
const FEEDS = 6;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL || process.env.CONVEY_TEST_POSTGRES_URL || '';
const CONCURRENCY = process.env.CONVEY_JOB_CONCURRENCY ?? '4';
/** BENCH_ONLY=postgres2 (or a comma-separated list) runs only those configurations, e.g. to profile one. */
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const wanted = (name: string) => !ONLY || ONLY.has(name);
const COMPILED = process.env.BENCH_COMPILED === '1';

/** BENCH_COMPILED measures the build only when it is there and up to date (bin/convey.js checks). */
function checkBuild(): void {
  const bin = new URL('../bin/convey.js', import.meta.url).pathname;
  const probe = spawnSync(process.execPath, [bin, 'help'], { env: { ...process.env, CONVEY_FROM_SOURCE: '', CONVEY_REQUIRE_BUILD: '1' }, encoding: 'utf8' });
  if (probe.status !== 0) throw new Error(`BENCH_COMPILED=1 needs an up-to-date build: ${probe.stderr.trim()}`);
}

interface Entry {
  path: string;
  page: Buffer;
}

function loadEntries(): Entry[] {
  const dir = sharedPath('extraction-bench', 'html');
  const pages = readdirSync(dir)
    .filter((name) => name.endsWith('.html.gz'))
    .sort()
    .map((name) => ({ id: name.slice(0, -'.html.gz'.length), page: gunzipSync(readFileSync(join(dir, name))) }));
  const entries: Entry[] = [];
  for (let copy = 0; copy < COPIES; copy++) {
    for (const { id, page } of pages) entries.push({ path: `/articles/${copy}/${id}.html`, page });
  }
  return entries;
}

/** The feeds and pages; counts page requests and remembers when the first feed was asked for. */
class PageServer {
  server: Server;
  origin = '';
  pageRequests = 0;
  firstFeedAt: bigint | null = null;
  private feeds = new Map<string, string>();
  private pages = new Map<string, Buffer>();

  constructor(private entries: Entry[]) {
    this.server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      const feed = this.feeds.get(path);
      if (feed !== undefined) {
        this.firstFeedAt ??= process.hrtime.bigint();
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(feed);
        return;
      }
      const page = this.pages.get(path);
      if (!page) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      this.pageRequests++;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    for (const entry of this.entries) this.pages.set(entry.path, entry.page);
    for (let f = 0; f < FEEDS; f++) {
      const items = this.entries
        .map((entry, n) => ({ entry, n }))
        .filter(({ n }) => n % FEEDS === f)
        .map(({ entry, n }) => `<item><title>Bench entry ${n}</title><link>${this.origin}${entry.path}</link><guid isPermaLink="false">bench-${n}</guid>`
          + `<pubDate>${new Date(Date.UTC(2026, 10, 1) + n * 60_000).toUTCString()}</pubDate><description>Summary of entry ${n}.</description></item>`);
      this.feeds.set(`/feeds/${f}.xml`, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench feed ${f}</title><link>${this.origin}/</link><description>Bench</description>${items.join('\n')}</channel></rss>`);
    }
  }

  reset(): void {
    this.pageRequests = 0;
    this.firstFeedAt = null;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

interface FreshStore {
  store: Store;
  url: string;
  dispose(): Promise<void>;
}

async function freshSqlite(): Promise<FreshStore> {
  const dir = mkdtempSync(join(tmpdir(), 'convey-bench-ingest-'));
  const url = `sqlite:${join(dir, 'ingest.db')}`;
  const store = await openStore(url);
  return { store, url, dispose: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
}

async function freshPostgres(base: string): Promise<FreshStore> {
  const schema = `convey_bench_${randomBytes(6).toString('hex')}`;
  const pg = (await import('pg')).default;
  const admin = async (statements: string[]) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin([`create schema ${schema}`]);
  const url = `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const store = await openStore(url);
  return {
    store,
    url,
    dispose: async () => {
      await store.close();
      await admin([`drop schema ${schema} cascade`, `drop schema if exists ${schema}_jobs cascade`]);
    },
  };
}

interface RunResult {
  entriesPerSecond: number;
  seconds: number;
  published: number;
  held: number;
  pagesFetched: number;
  /** CPU time (user + system) of the worker processes per entry: steadier than the rate on a shared machine. */
  workerCpuMsPerEntry: number;
  /** CPU time of this process (the page server, and the store polled for the count) per entry: the load's own share. */
  loadCpuMsPerEntry: number;
  /** Fidelity reports kept at ingest that find the copy faithful to its page: each copy is the page's own article. */
  faithful: number;
}

async function runOnce(pages: PageServer, fresh: FreshStore, workers: number, expected: number): Promise<RunResult> {
  const { store, url } = fresh;
  const source = await createSource(store.db, { slug: 'bench', name: 'Bench Wire', homeUrl: `${pages.origin}/`, license: 'CC BY 4.0' });
  for (let f = 0; f < FEEDS; f++) await addFeed(store.db, { sourceId: source.id, url: `${pages.origin}/feeds/${f}.xml` });
  pages.reset();
  const env = {
    DATABASE_URL: url,
    CONVEY_SITE_NAME: 'Bench Desk',
    CONVEY_SITE_URL: 'http://bench.test',
    CONVEY_FETCH_ALLOW: `127.0.0.1:${new URL(pages.origin).port}`,
    CONVEY_INGEST_INTERVAL_SECONDS: '1',
    CONVEY_JOB_MAINTENANCE_SECONDS: '1',
    CONVEY_JOB_CONCURRENCY: CONCURRENCY,
    CONVEY_MAX_NEW_ENTRIES_PER_POLL: '1000',
    // The test processes run from the sources unless told otherwise; an empty value lets bin/convey.js take the
    // build, and CONVEY_REQUIRE_BUILD keeps it from falling back to the sources.
    ...(COMPILED ? { CONVEY_FROM_SOURCE: '', CONVEY_REQUIRE_BUILD: '1' } : {}),
  };
  const processes: ConveyProcess[] = Array.from({ length: workers }, () => startConvey(['worker'], env));
  const loadCpu = process.cpuUsage();
  try {
    const deadline = Date.now() + 600_000;
    for (;;) {
      const dead = processes.find((p) => p.child.exitCode !== null);
      if (dead) throw new Error(`a worker exited early: ${dead.output().slice(-1000)}`);
      const counts = await countArticles(store.db);
      if (counts.usable + counts.withheld >= expected) {
        const seconds = Number(process.hrtime.bigint() - (pages.firstFeedAt ?? process.hrtime.bigint())) / 1e9;
        const cpuMs = processes.reduce((sum, p) => sum + processCpuMs(p.child.pid!), 0);
        const load = process.cpuUsage(loadCpu);
        const loadCpuMsPerEntry = (load.user + load.system) / 1000 / expected;
        const faithful = Number((await store.db.selectFrom('fidelity_reports').select((eb) => eb.fn.countAll<number>().as('n')).where('faithful', '=', 1).executeTakeFirstOrThrow()).n);
        return { entriesPerSecond: expected / seconds, seconds, published: counts.usable, held: counts.withheld, pagesFetched: pages.pageRequests, workerCpuMsPerEntry: cpuMs / expected, loadCpuMsPerEntry, faithful };
      }
      if (Date.now() > deadline) throw new Error(`timed out at ${counts.usable + counts.withheld} of ${expected}: ${processes[0].output().slice(-1000)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
  }
}

async function measure(name: string, pages: PageServer, open: () => Promise<FreshStore>, workers: number, expected: number) {
  const runs: RunResult[] = [];
  for (let i = 0; i < RUNS; i++) {
    const fresh = await open();
    try {
      const run = await runOnce(pages, fresh, workers, expected);
      runs.push(run);
      console.log(`${name} run ${i + 1}: ${run.entriesPerSecond.toFixed(1)} entries/s (${expected} in ${run.seconds.toFixed(2)} s; ${run.published} published, ${run.held} held; ${run.pagesFetched} page requests; ${run.faithful} copies found faithful; worker CPU ${run.workerCpuMsPerEntry.toFixed(1)} ms per entry, start-up included; page server ${run.loadCpuMsPerEntry.toFixed(1)} ms)`);
    } finally {
      await fresh.dispose();
    }
  }
  const result = { entriesPerSecond: Number(median(runs.map((r) => r.entriesPerSecond)).toFixed(1)) };
  console.log(`${name} median: ${result.entriesPerSecond} entries/s, worker CPU ${median(runs.map((r) => r.workerCpuMsPerEntry)).toFixed(1)} ms per entry`);
  return result;
}

async function main() {
  if (COMPILED) checkBuild();
  const entries = loadEntries();
  const pages = new PageServer(entries);
  await pages.start();
  console.log(`${entries.length} entries (${entries.length / COPIES} pages × ${COPIES} URLs) in ${FEEDS} feeds; job concurrency ${CONCURRENCY} per worker; ${RUNS} runs each; workers run ${COMPILED ? 'the build (dist/)' : 'from the sources'}`);
  console.log('the page server runs in this process on the same 2-core machine: it takes part of one core from the workers');
  const out: Record<string, { entriesPerSecond: number } | null> = { sqlite: null, postgres1: null, postgres2: null };
  try {
    if (wanted('sqlite')) out.sqlite = await measure('sqlite, 1 worker process', pages, freshSqlite, 1, entries.length);
    if (POSTGRES_URL) {
      if (wanted('postgres1')) out.postgres1 = await measure('postgres, 1 worker process', pages, () => freshPostgres(POSTGRES_URL), 1, entries.length);
      if (wanted('postgres2')) out.postgres2 = await measure('postgres, 2 worker processes', pages, () => freshPostgres(POSTGRES_URL), 2, entries.length);
      if (out.postgres1 && out.postgres2) console.log(`2 workers / 1 worker: ${(out.postgres2.entriesPerSecond / out.postgres1.entriesPerSecond).toFixed(2)}×`);
    } else {
      console.log('PostgreSQL skipped: set BENCH_POSTGRES_URL or CONVEY_TEST_POSTGRES_URL (postgres://…) to measure 1 and 2 workers');
    }
  } finally {
    await pages.close();
  }
  console.log(JSON.stringify(out));
}

main().catch((error) => {
  console.error(`bench:ingest failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
