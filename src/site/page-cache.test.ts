// The page cache through the real app on both stores: a page is served from memory until what it shows
// changes, whoever changes it (this process through its routes, or another process on the same store).
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from '../store/test-backends.js';
import { openStore, type Store } from '../store/database.js';
import { loadConfig } from '../config/config.js';
import { createSource } from '../store/sources.js';
import { insertArticle, setArticleState, setNextCheck } from '../store/articles.js';
import { insertComment, setCommentStatus } from '../store/comments.js';
import { siteDepsOf } from '../cli/serve-command.js';
import { createApp } from './app.js';
import { startPageCache, type PageCacheRuntime } from './page-cache-invalidation.js';
import { waitFor } from '../../test/support/processes.js';
import { sql } from 'kysely';
import { createMetrics, METRIC_NAMES } from '../metrics/metrics.js';
import { startSite } from './server.js';
import { PAGE_CACHE_APPLICATION_NAME } from './page-cache-invalidation.js';
import { openLiveSettings } from '../config/live-settings.js';
import { writeSettings } from '../store/settings.js';

const ADMIN_TOKEN = 'admin-token-for-page-cache-tests';
const T0 = new Date('2026-11-27T12:00:00Z');

async function seed(store: Store) {
  const source = await createSource(store.db, { slug: 'wire', name: 'Wire', homeUrl: 'https://wire.test/', license: 'CC BY 4.0' });
  const article = await insertArticle(store.db, {
    originalUrl: 'https://wire.test/a', headline: 'Harbour news', subheadline: null, dateline: null, bodyHtml: '<p>Text of the story.</p>',
    bodyText: 'Text of the story.', bodyOrigin: 'feed', byline: 'A. Writer', language: 'en', lead: null, topics: [], firstCreated: null,
    provenance: [], rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
    sourceId: source.id, feedId: null, entryKey: 'a', slug: 'harbour-news', pubStatus: 'usable', holdReason: null,
  }, T0);
  await setArticleState(store.db, article.id, { republishedAt: T0.toISOString() }, T0);
  return article;
}

const comment = (articleId: number, body: string, status: 'pending' | 'approved') => ({
  articleId, parentId: null, authorName: 'Reader', authorEmail: null, authorUrl: null,
  bodySource: body, bodyHtml: `<p>${body}</p>`, status, ipBucket: null, holdReason: null,
});

describe.each(testBackends())('page cache on $name', (backend) => {
  let store: Store;
  let url: string;
  let dispose: () => Promise<void>;
  let other: Store | null = null;
  let runtime: PageCacheRuntime;
  let clock: number;
  let app: ReturnType<typeof createApp>;
  let articleId: number;

  beforeEach(async () => {
    ({ store, url, dispose } = await backend.open());
    articleId = (await seed(store)).id;
    clock = T0.getTime();
    runtime = startPageCache(store, { now: () => clock, counterIntervalMs: 1000 });
    await runtime.ready;
    const config = loadConfig({ CONVEY_SITE_NAME: 'Desk', CONVEY_SITE_URL: 'http://desk.test', CONVEY_ADMIN_TOKEN: ADMIN_TOKEN });
    app = createApp({ ...siteDepsOf(config, store), pageCache: runtime, now: () => new Date(clock) });
  });
  afterEach(async () => {
    await runtime.close();
    await other?.close();
    other = null;
    await dispose();
  });

  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

  it('serves a page from memory the second time, with the same strong ETag, and 304 to a client that has it', async () => {
    const first = await get('/articles/harbour-news');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-cache')).toBe('miss');
    const body = await first.text();
    const second = await get('/articles/harbour-news');
    expect(second.headers.get('x-cache')).toBe('hit');
    expect(await second.text()).toBe(body);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(second.headers.get('etag')).not.toMatch(/^W\//);
    expect(second.headers.get('cache-control')).toMatch(/stale-while-revalidate=\d+/);
    expect(second.headers.get('content-security-policy')).toBeTruthy();
    const revalidated = await get('/articles/harbour-news', { 'If-None-Match': first.headers.get('etag')! });
    expect(revalidated.status).toBe(304);
    expect(runtime.cache.snapshot().hits).toBe(2);
  });

  it("empties when this process approves a comment through its admin API, and the comment shows at once", async () => {
    const held = await insertComment(store.db, comment(articleId, 'A held remark.', 'pending'));
    await get('/articles/harbour-news');
    expect((await get('/articles/harbour-news')).headers.get('x-cache')).toBe('hit');
    const approved = await app.request(`/api/admin/comments/${held.id}/approve`, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(approved.status).toBe(200);
    const page = await get('/articles/harbour-news');
    expect(page.headers.get('x-cache')).toBe('miss');
    expect(await page.text()).toContain('A held remark.');
  });

  it("sees another process's writes: a withdrawal and an approved comment, not a held comment nor a re-check time", async () => {
    other = await openStore(url);
    await get('/articles/harbour-news');
    await get('/');
    // Bookkeeping from elsewhere changes nothing a reader sees: the pages stay.
    await setNextCheck(other.db, articleId, new Date('2026-11-28T00:00:00Z'));
    await insertComment(other.db, comment(articleId, 'Waiting for a moderator.', 'pending'));
    clock += 1500;
    await settle(backend.name);
    expect((await get('/articles/harbour-news')).headers.get('x-cache')).toBe('hit');
    expect((await get('/')).headers.get('x-cache')).toBe('hit');

    const visible = await insertComment(other.db, comment(articleId, 'Approved elsewhere.', 'approved'));
    clock += 1500;
    await waitFor('the approved comment on the page', async () => (await (await get('/articles/harbour-news')).text()).includes('Approved elsewhere.'), 5000, 20);
    await setCommentStatus(other.db, visible.id, 'trash');
    clock += 1500;
    await waitFor('the removed comment gone', async () => !(await (await get('/articles/harbour-news')).text()).includes('Approved elsewhere.'), 5000, 20);

    await setArticleState(other.db, articleId, { pubStatus: 'canceled', withdrawnAt: new Date(clock).toISOString() }, new Date(clock));
    clock += 1500;
    await waitFor('the withdrawal answered', async () => (await get('/articles/harbour-news')).status === 410, 5000, 20);
    expect(await (await get('/')).text()).not.toContain('Harbour news');
  });

  if (backend.name === 'sqlite') {
    it('reads the change counter at most once a second when this process has not written', async () => {
      other = await openStore(url);
      await get('/articles/harbour-news');
      await insertComment(other.db, comment(articleId, 'Approved elsewhere.', 'approved'));
      clock += 200;
      expect((await get('/articles/harbour-news')).headers.get('x-cache')).toBe('hit');
      clock += 900;
      expect(await (await get('/articles/harbour-news')).text()).toContain('Approved elsewhere.');
    });
  }

  if (backend.name === 'postgres') {
    it('serves nothing from memory while it cannot hear changes, and listens again after the connection drops', async () => {
      await get('/articles/harbour-news');
      expect((await get('/articles/harbour-news')).headers.get('x-cache')).toBe('hit');
      const admin = await openStore(url);
      // Ends the listening connection from the server side, as a restart or a network cut would.
      await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${PAGE_CACHE_APPLICATION_NAME} and query like 'listen%'`.execute(admin.db);
      await admin.close();
      await waitFor('the cache to stop serving', () => !runtime.cache.isAvailable(), 5000, 10);
      expect((await get('/articles/harbour-news')).headers.get('x-cache')).toBe('miss');
      await waitFor('the listener back', () => runtime.cache.isAvailable(), 10_000, 50);
      other = await openStore(url);
      await get('/articles/harbour-news');
      await insertComment(other.db, comment(articleId, 'Heard after the reconnect.', 'approved'));
      await waitFor('the comment after the reconnect', async () => (await (await get('/articles/harbour-news')).text()).includes('Heard after the reconnect.'), 5000, 20);
    });
  }

  it('renders personal requests for the person, marked private; never caches the admin API or unknown parameters', async () => {
    await get('/articles/harbour-news');
    const personal = await get('/articles/harbour-news', { Cookie: 'convey_commenter=c1.1.2.x' });
    expect(personal.headers.get('x-cache')).toBeNull();
    expect(personal.headers.get('cache-control')).toBe('private, no-cache');
    const notice = await get('/articles/harbour-news?comment=pending&c=4');
    expect(notice.headers.get('x-cache')).toBeNull();
    await get('/api/admin/comments', { Authorization: `Bearer ${ADMIN_TOKEN}` });
    const api = await get('/api/admin/comments', { Authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(api.headers.get('x-cache')).toBeNull();
    expect(api.headers.get('cache-control')).toBe('no-store');
    // A comment page is a page of its own.
    await get('/articles/harbour-news?cpage=2');
    expect((await get('/articles/harbour-news?cpage=2')).headers.get('x-cache')).toBe('hit');
  });
});

/** PostgreSQL delivers notifications asynchronously: a moment for any that would come. */
async function settle(name: string): Promise<void> {
  if (name === 'postgres') await new Promise((r) => setTimeout(r, 300));
}

describe('the page cache in front of the framework (startSite)', () => {
  it('answers a hit with the headers the app would add, 304 to a client that has it, and counts it under its route', async () => {
    const [sqlite] = testBackends();
    const { store, dispose } = await sqlite.open();
    await seed(store);
    const metrics = createMetrics();
    const config = loadConfig({ CONVEY_SITE_NAME: 'Desk', CONVEY_SITE_URL: 'http://desk.test' });
    const site = await startSite({ ...siteDepsOf(config, store), metrics }, { host: '127.0.0.1', port: 0 });
    try {
      const first = await fetch(`${site.url}/articles/harbour-news`);
      const body = await first.text();
      expect(first.headers.get('x-cache')).toBe('miss');
      const hit = await fetch(`${site.url}/articles/harbour-news`);
      expect(hit.headers.get('x-cache')).toBe('hit');
      expect(await hit.text()).toBe(body);
      for (const name of ['content-security-policy', 'x-frame-options', 'x-content-type-options', 'content-type', 'etag', 'cache-control']) {
        expect(hit.headers.get(name), name).toBe(first.headers.get(name));
      }
      const revalidated = await fetch(`${site.url}/articles/harbour-news`, { headers: { 'If-None-Match': first.headers.get('etag')! } });
      expect(revalidated.status).toBe(304);
      // The miss, the hit and the 304: all three under the article's route, none unmatched.
      const counted = await metrics.registry.getSingleMetricAsString(METRIC_NAMES.requestDuration);
      expect(counted).toMatch(/_count\{route="\/articles\/:slug",status_class="2xx"\} 2/);
      expect(counted).toMatch(/_count\{route="\/articles\/:slug",status_class="3xx"\} 1/);
      expect(counted).not.toContain('(unmatched)');
    } finally {
      await site.close();
      await dispose();
    }
  });

  for (const backend of testBackends()) {
    it(`reads the settings again when it hears of a change, and keeps no page rendered with the old ones (${backend.name})`, async () => {
      const { store, url, dispose } = await backend.open();
      await seed(store);
      // The web process's own connection; the test's writes come from another, as another process's would.
      const served = await openStore(url, { create: false });
      const config = loadConfig({ CONVEY_SITE_NAME: 'Desk', CONVEY_SITE_URL: 'http://desk.test' });
      // The holder's own rereading is put out of reach: only the cache's signal can carry the change.
      const settings = await openLiveSettings(served, config, { pollMs: 600_000, log: () => undefined });
      const site = await startSite(siteDepsOf(config, served, settings), { host: '127.0.0.1', port: 0 });
      const get = async () => {
        const res = await fetch(`${site.url}/articles/harbour-news`);
        return { cache: res.headers.get('x-cache'), text: await res.text() };
      };
      try {
        // PostgreSQL: the cache serves once its connection listens.
        await waitFor('a cached page', async () => (await get()).cache === 'hit', 5_000, 50);
        expect(await get()).toMatchObject({ cache: 'hit', text: expect.stringContaining('<a class="site-name" href="/">Desk</a>') });
        await writeSettings(store.db, { 'site.name': 'Harbour Daily' }, T0);
        await waitFor('the new name', async () => (await get()).text.includes('<a class="site-name" href="/">Harbour Daily</a>'), 5_000, 50);
        await get();
        const again = await get();
        expect(again.cache).toBe('hit');
        expect(again.text).toContain('<a class="site-name" href="/">Harbour Daily</a>');
      } finally {
        await site.close();
        await settings.close();
        await served.close();
        await dispose();
      }
    });
  }
});
