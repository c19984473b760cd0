// What survives a hard stop: a `convey serve` killed with SIGKILL in the middle of an ingest round leaves a sound
// SQLite file, no duplicate, and the next start finishes the round; a comment the server acknowledged is stored
// even when the server dies right after; and a PostgreSQL connection cut by the network (a proxy in this test)
// makes pages answer 503 quickly instead of hanging, and they come back once the network does.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, type Store } from '../../src/store/database.js';
import { POSTGRES_TEST_URL, testBackends } from '../../src/store/test-backends.js';
import { createSource } from '../../src/store/sources.js';
import { addFeed } from '../../src/store/feeds.js';
import { countArticles, insertArticle, listArticles, listVersions, setArticleState } from '../../src/store/articles.js';
import { listCommentsByStatus } from '../../src/store/comments.js';
import { freePort, startConvey, waitFor, waitForSite, type ConveyProcess } from '../support/processes.js';
import { CuttableProxy } from '../support/cuttable-proxy.js';

const SITE_NAME = 'Valley Desk';

/** Four paragraphs of a made-up local story, different for each number. */
function storyParagraphs(n: number): string[] {
  return [
    `The water board of valley ${n} announced on Tuesday that the old reservoir will be drained for repairs this summer.`,
    `Engineers found cracks in the northern wall of reservoir ${n} during an inspection in March, the board said in a statement.`,
    `Farmers downstream asked how long the works would last, and whether their fields would get enough water in July and August.`,
    `The board expects the repairs to take eleven weeks and promised to publish a weekly report on the progress of the works.`,
  ];
}

/** A loopback server of one RSS feed of `count` summary-only entries whose pages answer after `delayMs`. */
async function startSlowFeed(count: number, delayMs: number): Promise<{ server: Server; origin: string; pageRequests: string[] }> {
  const pageRequests: string[] = [];
  let origin = '';
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/feed.xml') {
      const items = Array.from({ length: count }, (_, n) => {
        const minute = String(n % 60).padStart(2, '0');
        return `<item><title>Reservoir ${n} to be drained</title><link>${origin}/story-${n}</link><guid>story-${n}</guid><pubDate>Tue, 24 Nov 2026 09:${minute}:00 GMT</pubDate><description>Short.</description></item>`;
      });
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Valley wire</title><link>${origin}/</link>${items.join('')}</channel></rss>`);
      return;
    }
    const story = /^\/story-(\d+)$/.exec(path);
    if (!story) return void res.writeHead(404).end();
    pageRequests.push(path);
    const n = Number(story[1]);
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
        `<!doctype html><html><head><title>Reservoir ${n} to be drained</title></head><body><article><h1>Reservoir ${n} to be drained</h1><p class="byline">By Tomas Ek</p>${storyParagraphs(n).map((p) => `<p>${p}</p>`).join('')}</article></body></html>`,
      );
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, origin, pageRequests };
}

/** A published article made through the store, as an editor's import would leave it. */
async function publishOne(store: Store, slug: string): Promise<number> {
  const source = await createSource(store.db, { slug: 'valley-wire', name: 'Valley Wire', homeUrl: 'https://valley-wire.test/', license: 'CC BY 4.0' });
  const now = new Date();
  const article = await insertArticle(store.db, {
    originalUrl: `https://valley-wire.test/${slug}`, headline: 'Reservoir to be drained', subheadline: null, dateline: null,
    bodyHtml: `<p>${storyParagraphs(1).join('</p><p>')}</p>`, bodyText: storyParagraphs(1).join('\n\n'), bodyOrigin: 'page', byline: 'Tomas Ek',
    language: 'en', lead: null, topics: [], firstCreated: null, provenance: [],
    rights: { license: 'CC BY 4.0', licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
    sourceId: source.id, feedId: null, entryKey: slug, slug, pubStatus: 'usable', holdReason: null,
  }, now);
  await setArticleState(store.db, article.id, { republishedAt: now.toISOString() }, now);
  return article.id;
}

/** Each article once per entry, and each with exactly one original version (the round's work never doubled). */
async function expectNoDuplicates(store: Store, options: { exactlyOneVersion: boolean }): Promise<number> {
  const articles = await listArticles(store.db, { limit: 1000 });
  expect(new Set(articles.map((a) => `${a.sourceId} ${a.entryKey}`)).size).toBe(articles.length);
  expect(new Set(articles.map((a) => a.originalUrl)).size).toBe(articles.length);
  for (const article of articles) {
    const kinds = (await listVersions(store.db, article.id)).map((v) => v.kind);
    if (options.exactlyOneVersion) expect(kinds).toEqual(['original']);
    else expect(kinds.filter((k) => k === 'original').length).toBeLessThanOrEqual(1);
  }
  return articles.length;
}

describe('durability on SQLite', { timeout: 180_000 }, () => {
  let dir: string;
  let dbPath: string;
  const running: ConveyProcess[] = [];
  const servers: Server[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'convey-durability-'));
    dbPath = join(dir, 'convey.db');
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((p) => p.stop('SIGKILL')));
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a sound file and no duplicate when killed mid-round, and the next start finishes the round', async () => {
    const ENTRIES = 30;
    const feed = await startSlowFeed(ENTRIES, 300);
    servers.push(feed.server);
    const setup = await openStore(`sqlite:${dbPath}`);
    const source = await createSource(setup.db, { slug: 'valley-wire', name: 'Valley Wire', homeUrl: `${feed.origin}/`, license: 'CC BY 4.0' });
    await addFeed(setup.db, { sourceId: source.id, url: `${feed.origin}/feed.xml`, fetchFullText: 'always' });
    await setup.close();

    const env = {
      DATABASE_URL: `sqlite:${dbPath}`,
      CONVEY_SITE_NAME: SITE_NAME,
      CONVEY_FETCH_ALLOW: `127.0.0.1:${new URL(feed.origin).port}`,
      CONVEY_INGEST_INTERVAL_SECONDS: '1',
      CONVEY_JOB_LEASE_SECONDS: '3',
    };
    const first = startConvey(['serve'], { ...env, PORT: String(await freePort()) });
    running.push(first);
    // Mid-round: some pages fetched (each takes 300 ms), most not yet.
    await waitFor(`the first page fetches (output: ${first.output().slice(-500)})`, () => feed.pageRequests.length >= 8, 60_000, 20);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const requestsAtKill = feed.pageRequests.length;
    const fetchedBeforeKill = new Set(feed.pageRequests).size;
    expect(fetchedBeforeKill).toBeLessThan(ENTRIES);

    // The file as the killed process left it (its write-ahead log included).
    const raw = new Database(dbPath);
    try {
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      raw.close();
    }
    const afterKill = await openStore(`sqlite:${dbPath}`, { create: false });
    try {
      const articlesAfterKill = await expectNoDuplicates(afterKill, { exactlyOneVersion: false });
      expect((await countArticles(afterKill.db)).usable).toBeLessThan(ENTRIES);
      expect(articlesAfterKill).toBeLessThanOrEqual(ENTRIES);
    } finally {
      await afterKill.close();
    }

    const second = startConvey(['serve'], { ...env, PORT: String(await freePort()) });
    running.push(second);
    const store = await openStore(`sqlite:${dbPath}`, { create: false });
    try {
      await waitFor(
        `every entry published after the restart (output: ${second.output().slice(-800)})`,
        async () => (await countArticles(store.db)).usable === ENTRIES,
        120_000,
        250,
      );
      expect(await expectNoDuplicates(store, { exactlyOneVersion: true })).toBe(ENTRIES);
      const published = await listArticles(store.db, { limit: 1000, state: 'usable' });
      expect(published.map((a) => a.entryKey).sort()).toEqual(Array.from({ length: ENTRIES }, (_, n) => `story-${n}`).sort());
      expect((await countArticles(store.db)).withheld).toBe(0);
      // The second process did the rest of the round: every page was asked for, the unfinished ones after the restart.
      expect(new Set(feed.pageRequests).size).toBe(ENTRIES);
      expect(new Set(feed.pageRequests.slice(requestsAtKill)).size).toBeGreaterThanOrEqual(ENTRIES - fetchedBeforeKill);
    } finally {
      await store.close();
    }
    await second.stop();
  });

  it('stores every comment it acknowledged, when killed while comments are being posted', async () => {
    const setup = await openStore(`sqlite:${dbPath}`);
    const articleId = await publishOne(setup, 'reservoir-to-be-drained');
    await setup.close();
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const server = startConvey(['serve', '--no-ingest'], {
      DATABASE_URL: `sqlite:${dbPath}`,
      CONVEY_SITE_NAME: SITE_NAME,
      PORT: String(port),
      CONVEY_COMMENT_MIN_SECONDS: '0',
      // Each post comes from another network (X-Forwarded-For from the loopback proxy), so the per-network limit
      // never refuses one; no email is given, so the per-author limit does not apply.
      CONVEY_TRUSTED_PROXIES: '127.0.0.1',
    });
    running.push(server);
    await waitForSite(origin, server);
    const page = `${origin}/articles/reservoir-to-be-drained`;

    const acknowledged: string[] = [];
    const refused: number[] = [];
    let killed = false;
    const KILL_AFTER = 20;
    const MAX_POSTS_PER_POSTER = 200;

    async function poster(poster: number): Promise<void> {
      for (let i = 0; i < MAX_POSTS_PER_POSTER && !killed; i++) {
        const body = `Comment ${i} of reader ${poster}: will the fields get water in July?`;
        try {
          // As the page's script does: the page is the same for everyone, the token is fetched apart.
          const answer = await (await fetch(`${page}/comments/token`, { signal: AbortSignal.timeout(10_000) })).text();
          const token = (JSON.parse(answer) as { token?: string }).token;
          if (!token) throw new Error(`no form token: ${answer.slice(0, 300)}`);
          const res = await fetch(`${page}/comments`, {
            method: 'POST',
            redirect: 'manual',
            signal: AbortSignal.timeout(10_000),
            headers: { 'content-type': 'application/x-www-form-urlencoded', origin, 'x-forwarded-for': `10.${poster}.${i}.7` },
            body: new URLSearchParams({ form_token: token, name: `Reader ${poster}`, body }).toString(),
          });
          await res.arrayBuffer();
          if (res.status >= 200 && res.status < 400) acknowledged.push(body);
          else refused.push(res.status);
        } catch (error) {
          // The server is gone: a post without an answer may or may not be stored; the loop ends.
          if (killed) return;
          throw error;
        }
        if (acknowledged.length >= KILL_AFTER && !killed) {
          killed = true;
          // While the other posters' requests are on their way.
          server.child.kill('SIGKILL');
        }
      }
    }
    await Promise.all([0, 1, 2].map((n) => poster(n)));
    expect(killed).toBe(true);
    expect(await server.exited).toBe('SIGKILL');
    expect(refused).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);

    const raw = new Database(dbPath);
    try {
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      raw.close();
    }
    const store = await openStore(`sqlite:${dbPath}`, { create: false });
    try {
      const statuses = ['pending', 'approved', 'spam', 'trash'] as const;
      const stored = (await Promise.all(statuses.map((s) => listCommentsByStatus(store.db, articleId, s)))).flat().map((c) => c.bodySource);
      for (const body of acknowledged) expect(stored).toContain(body);
      // Nothing stored twice, nothing stored that was not sent.
      expect(new Set(stored).size).toBe(stored.length);
      for (const body of stored) expect(body).toMatch(/^Comment \d+ of reader [0-2]: /);
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(!POSTGRES_TEST_URL)('durability on PostgreSQL (needs CONVEY_TEST_POSTGRES_URL; CI sets it)', { timeout: 180_000 }, () => {
  let store: Store;
  let url: string;
  let dispose: () => Promise<void>;
  let proxy: CuttableProxy;
  let server: ConveyProcess | null = null;

  beforeEach(async () => {
    const backend = testBackends().find((b) => b.name === 'postgres')!;
    ({ store, url, dispose } = await backend.open());
    const target = new URL(url);
    proxy = new CuttableProxy({ host: target.hostname || '127.0.0.1', port: Number(target.port || 5432) });
    await proxy.start();
  });
  afterEach(async () => {
    await server?.stop();
    await proxy.close();
    await dispose();
  });

  interface Answer {
    status: number;
    startedAt: number;
    ms: number;
  }

  /** Requests the page `count` times, `parallel` at a time, adding each answer to `answers` as it comes. */
  async function load(page: string, count: number, parallel: number, answers: Answer[] = []): Promise<Answer[]> {
    let next = 0;
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next < count) {
          next++;
          const startedAt = Date.now();
          try {
            const res = await fetch(page, { signal: AbortSignal.timeout(20_000) });
            await res.arrayBuffer();
            answers.push({ status: res.status, startedAt, ms: Date.now() - startedAt });
          } catch {
            answers.push({ status: 0, startedAt, ms: Date.now() - startedAt }); // no answer within 20 s: a hang
          }
        }
      }),
    );
    return answers;
  }

  it('answers 503 quickly while the connection is cut, and 200 again once it is back', async () => {
    await publishOne(store, 'reservoir-to-be-drained');
    const throughProxy = new URL(url);
    throughProxy.host = `127.0.0.1:${proxy.port}`;
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    server = startConvey(['serve', '--no-ingest'], {
      DATABASE_URL: throughProxy.toString(),
      CONVEY_SITE_NAME: SITE_NAME,
      CONVEY_SECRET: 'a-shared-secret-for-every-process',
      PORT: String(port),
      CONVEY_DB_CONNECT_TIMEOUT_MS: '1500',
      CONVEY_DB_QUERY_TIMEOUT_MS: '3000',
    });
    await waitForSite(origin, server);
    const page = `${origin}/articles/reservoir-to-be-drained`;
    expect((await load(page, 10, 3)).map((a) => a.status)).toEqual(Array(10).fill(200));

    for (const mode of ['blackhole', 'refuse', 'freeze'] as const) {
      // The connection is cut while the loop is under way.
      const answers: Answer[] = [];
      const loop = load(page, 30, 3, answers);
      await waitFor('the first answers of the loop', () => answers.length >= 6, 30_000, 5);
      const cutAt = Date.now();
      if (mode === 'freeze') proxy.freeze();
      else proxy.cut(mode);
      await loop;
      const report = `while cut (${mode}): ${JSON.stringify(answers.map((a) => [a.status, a.startedAt - cutAt, a.ms]))} ${server.output().slice(-1500)}`;
      // Requests under way when it was cut may still have been served; none hangs or fails otherwise.
      for (const answer of answers) {
        expect([200, 503], report).toContain(answer.status);
        expect(answer.ms, report).toBeLessThan(5000);
      }
      const afterCut = answers.filter((a) => a.startedAt > cutAt);
      // Pages from the cache answer in milliseconds, so fewer of the loop's requests start after the cut than when
      // every page was rendered; still, most of them wait on the cut store.
      expect(afterCut.length, report).toBeGreaterThanOrEqual(10);
      // The page cache may answer for the moment before the process notices that its notification connection
      // is gone (then it renders every page, so nothing stale is served for long); from the first 503 on, every
      // answer is a 503.
      const firstRefusal = afterCut.findIndex((a) => a.status === 503);
      expect(firstRefusal, report).toBeGreaterThanOrEqual(0);
      expect(afterCut.slice(firstRefusal).map((a) => a.status), report).toEqual(Array(afterCut.length - firstRefusal).fill(503));
      expect(afterCut.length - firstRefusal, report).toBeGreaterThanOrEqual(10);
      const res = await fetch(page);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      const html = await res.text();
      expect(html).toContain('Temporarily unavailable');
      expect(html).toContain(SITE_NAME);

      proxy.restore();
      await waitFor(`the page to answer 200 again after ${mode} (output: ${server.output().slice(-800)})`, async () => (await fetch(page)).status === 200, 15_000, 200);
      expect((await load(page, 10, 3)).map((a) => a.status), `after ${mode}`).toEqual(Array(10).fill(200));
    }
    // The process lived through it all.
    expect(server.child.exitCode).toBeNull();
    expect(server.child.signalCode).toBeNull();
  });
});
