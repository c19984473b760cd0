// npm run bench:page — the article page rendered uncached by Convey, the same page from Convey's page cache, and
// the identical HTML served as a static file by nginx (installed with apt-get when missing and allowed; else
// Node's plain http module), in the same run: 32 connections, 10 s each, one server at a time (the cached page
// and nginx in three alternating rounds).
// The demo publishers are ingested through the real pipeline into a fresh SQLite store first.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config/config.js';
import { openStore } from '../src/store/database.js';
import { createSource } from '../src/store/sources.js';
import { addFeed } from '../src/store/feeds.js';
import { listPublished } from '../src/store/articles.js';
import { insertComment } from '../src/store/comments.js';
import { startDemoServer } from '../src/demo/demo-sources.js';
import { runIngestRound } from '../src/ingest/scheduler.js';
import { createClient, ingestContextOf } from '../src/cli/runtime.js';
import { silentLog } from '../src/ingest/context.js';
import { renderCommentMarkdown } from '../src/comments/markdown.js';
import { runLoad, processCpuMs, hasCommand, median, type LoadResult } from './support/load.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Turns of the cached page and nginx, measured alternately. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const root = fileURLToPath(new URL('..', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

async function prepareStore(dir: string) {
  const databaseUrl = `sqlite:${join(dir, 'bench.db')}`;
  const config = loadConfig({ CONVEY_SITE_NAME: 'Bench Desk', DATABASE_URL: databaseUrl, PORT: '0' });
  const demo = await startDemoServer({ host: '127.0.0.1', port: 0 });
  const store = await openStore(databaseUrl);
  for (const spec of demo.sources) {
    const source = await createSource(store.db, { slug: spec.slug, name: spec.name, homeUrl: spec.homeUrl, license: spec.license, licenseUrl: spec.licenseUrl, indexingPolicy: spec.indexingPolicy, updatePolicy: spec.updatePolicy });
    await addFeed(store.db, { sourceId: source.id, url: spec.feedUrl });
  }
  await runIngestRound(ingestContextOf(config, store, createClient(config, [`127.0.0.1:${demo.port}`]), silentLog));
  const [article] = await listPublished(store.db, { limit: 1 });
  if (!article) throw new Error('the demo ingest published nothing');
  // A realistic page: a short thread of approved comments.
  let parentId: number | null = null;
  for (let i = 0; i < 6; i++) {
    const comment = await insertComment(store.db, {
      articleId: article.id, parentId: i % 2 ? parentId : null, authorName: `Reader ${i}`, authorEmail: `r${i}@example.test`, authorUrl: null,
      bodySource: `A comment with **some** text and a [link](https://example.org/${i}).`, bodyHtml: renderCommentMarkdown(`A comment with **some** text and a [link](https://example.org/${i}).`),
      status: 'approved', ipBucket: null, holdReason: null,
    });
    if (i % 2 === 0) parentId = comment.id;
  }
  await store.close();
  await demo.close();
  return { databaseUrl, slug: article.slug };
}

/** nginx, installed from the distribution when missing (the benchmark's peer); false when it cannot be. */
function ensureNginx(): boolean {
  if (hasCommand('nginx')) return true;
  if (process.env.BENCH_NO_INSTALL || !hasCommand('apt-get') || process.getuid?.() !== 0) return false;
  for (const pkg of ['nginx-light', 'nginx']) {
    console.error(`bench:page: installing ${pkg} (apt-get) for the static peer`);
    const done = spawnSync('apt-get', ['install', '-y', '-q', pkg], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (done.status === 0 && hasCommand('nginx')) return true;
  }
  return false;
}

/** Starts `convey serve` on a free port; with `CONVEY_PAGE_CACHE_ENTRIES=0` it renders every request. */
async function startConveyServer(databaseUrl: string, cacheEntries: number, slug: string) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'bin', 'convey.js'), 'serve', '--no-ingest'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', CONVEY_SITE_NAME: 'Bench Desk', CONVEY_SITE_URL: 'http://bench.test', LOG_LEVEL: 'warn', NODE_ENV: 'production', CONVEY_PAGE_CACHE_ENTRIES: String(cacheEntries) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const pageUrl = `http://127.0.0.1:${port}/articles/${slug}`;
  await waitFor(pageUrl, child);
  return { child, pageUrl };
}

/** Warms a Convey server up, then measures it: requests per second, p99, and its own CPU time per request. */
async function measureConvey(child: ChildProcess, pageUrl: string) {
  await runLoad(pageUrl, CONNECTIONS, 2);
  const cpuBefore = processCpuMs(child.pid!);
  const load = await runLoad(pageUrl, CONNECTIONS, SECONDS);
  return { load, cpuMsPerRequest: (processCpuMs(child.pid!) - cpuBefore) / load.requests };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill();
  await exited;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'convey-bench-page-'));
  const children: ChildProcess[] = [];
  try {
    const { databaseUrl, slug } = await prepareStore(dir);
    const convey = await startConveyServer(databaseUrl, 0, slug);
    children.push(convey.child);
    const pageUrl = convey.pageUrl;
    const html = await (await fetch(pageUrl)).text();
    const staticFile = join(dir, 'page.html');
    writeFileSync(staticFile, html);
    // nginx's workers run as an unprivileged user: let them read the page.
    chmodSync(dir, 0o755);
    chmodSync(staticFile, 0o644);

    const uncached = await measureConvey(convey.child, pageUrl);
    await stop(convey.child);

    const cachedServer = await startConveyServer(databaseUrl, 2000, slug);
    children.push(cachedServer.child);
    const cachedPage = await fetch(cachedServer.pageUrl);
    const cachedHtml = await cachedPage.text();
    if (cachedHtml !== html) {
      let at = 0;
      while (at < html.length && html[at] === cachedHtml[at]) at++;
      console.error(`note: the two servers' pages differ from byte ${at}: ${JSON.stringify(html.slice(at - 40, at + 60))} / ${JSON.stringify(cachedHtml.slice(at - 40, at + 60))}`);
    }

    let staticUrl: string;
    let staticKind: string;
    const staticPort = await freePort();
    if (ensureNginx()) {
      const conf = join(dir, 'nginx.conf');
      writeFileSync(conf, `worker_processes 1; daemon off; pid ${dir}/nginx.pid; error_log ${dir}/nginx-error.log;
events { worker_connections 1024; }
http { access_log off; types { text/html html; } server { listen 127.0.0.1:${staticPort}; root ${dir}; location / { try_files $uri =404; } } }`);
      const nginx = spawn('nginx', ['-c', conf, '-p', dir], { stdio: 'ignore' });
      children.push(nginx);
      staticKind = 'nginx (1 worker)';
      staticUrl = `http://127.0.0.1:${staticPort}/page.html`;
      await waitFor(staticUrl, nginx).catch((error: Error) => {
        const log = join(dir, 'nginx-error.log');
        throw new Error(`${error.message}: ${existsSync(log) ? readFileSync(log, 'utf8').slice(-500) : 'no nginx log'}`);
      });
    } else {
      const server = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
      await new Promise<void>((r) => server.listen(staticPort, '127.0.0.1', r));
      staticKind = 'node:http';
      staticUrl = `http://127.0.0.1:${staticPort}/page.html`;
      children.push({ kill: () => server.close() } as unknown as ChildProcess);
    }
    // The cached page and nginx are measured in turns, ROUNDS times each, so that a change in the machine's load
    // during the run weighs on both alike; each figure is the median of its rounds, the ratio the median of the
    // rounds' ratios.
    await runLoad(staticUrl, CONNECTIONS, 2);
    const rounds: { cached: Awaited<ReturnType<typeof measureConvey>>; static: LoadResult }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const cachedRound = await measureConvey(cachedServer.child, cachedServer.pageUrl);
      rounds.push({ cached: cachedRound, static: await runLoad(staticUrl, CONNECTIONS, SECONDS) });
    }
    const hits = (await fetch(cachedServer.pageUrl)).headers.get('x-cache');
    if (hits !== 'hit') throw new Error(`the cached server did not answer from its cache (x-cache: ${hits})`);
    await stop(cachedServer.child);
    for (const [i, r] of rounds.entries()) {
      console.log(`round ${i + 1}: cached ${r.cached.load.rps.toFixed(0)} req/s (${r.cached.cpuMsPerRequest.toFixed(3)} ms CPU), static ${r.static.rps.toFixed(0)} req/s, ratio ${(r.cached.load.rps / r.static.rps).toFixed(3)}`);
    }
    const mid = (pick: (r: (typeof rounds)[number]) => number) => median(rounds.map(pick));
    const cached = { load: { ...rounds[0].cached.load, rps: mid((r) => r.cached.load.rps), p99ms: mid((r) => r.cached.load.p99ms), errors: rounds.reduce((n, r) => n + r.cached.load.errors, 0) }, cpuMsPerRequest: mid((r) => r.cached.cpuMsPerRequest) };
    const staticLoad = { ...rounds[0].static, rps: mid((r) => r.static.rps), p99ms: mid((r) => r.static.p99ms), errors: rounds.reduce((n, r) => n + r.static.errors, 0) };
    const cachedRatio = mid((r) => r.cached.load.rps / r.static.rps);

    const conveyLoad = uncached.load;
    const cachedLoad = cached.load;
    console.log(`article page: ${pageUrl} (${html.length} bytes), ${CONNECTIONS} connections, ${SECONDS} s, load by ${conveyLoad.tool}`);
    console.log(`convey         ${conveyLoad.rps.toFixed(0)} req/s  p99 ${conveyLoad.p99ms.toFixed(1)} ms  ${uncached.cpuMsPerRequest.toFixed(3)} ms CPU/request  errors ${conveyLoad.errors}`);
    console.log(`convey cached  ${cachedLoad.rps.toFixed(0)} req/s  p99 ${cachedLoad.p99ms.toFixed(1)} ms  ${cached.cpuMsPerRequest.toFixed(3)} ms CPU/request  errors ${cachedLoad.errors}`);
    console.log(`static         ${staticLoad.rps.toFixed(0)} req/s  p99 ${staticLoad.p99ms.toFixed(1)} ms  (${staticKind})  errors ${staticLoad.errors}`);
    const round = (n: number, d = 2) => Number(n.toFixed(d));
    console.log(
      JSON.stringify({
        convey: { rps: round(conveyLoad.rps, 0), p99ms: round(conveyLoad.p99ms), cpuMsPerRequest: round(uncached.cpuMsPerRequest, 3) },
        conveyCached: { rps: round(cachedLoad.rps, 0), p99ms: round(cachedLoad.p99ms), cpuMsPerRequest: round(cached.cpuMsPerRequest, 3) },
        static: { rps: round(staticLoad.rps, 0), p99ms: round(staticLoad.p99ms), server: staticKind },
        ratio: round(conveyLoad.rps / staticLoad.rps, 3),
        cachedRatio: round(cachedRatio, 3),
      }),
    );
  } finally {
    for (const child of children) child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bench:page failed: ${error.message}`);
  process.exit(1);
});
