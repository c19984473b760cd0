// The public site over the demo publishers, ingested through the real pipeline: status codes, caching,
// security headers, lists, search, the site's feeds and sitemaps, and the indexing policy of each source.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config/config.js';
import { openStore, type Store } from '../../store/database.js';
import { createSource } from '../../store/sources.js';
import { addFeed } from '../../store/feeds.js';
import { startDemoServer, type DemoServer } from '../../demo/demo-sources.js';
import { runIngestRound } from '../../ingest/scheduler.js';
import { createClient, ingestContextOf } from '../../cli/runtime.js';
import { silentLog } from '../../ingest/context.js';
import { siteDepsOf } from '../../cli/serve-command.js';
import { createApp } from '../app.js';

describe('the public site', () => {
  let dir: string;
  let demo: DemoServer;
  let store: Store;
  let app: ReturnType<typeof createApp>;
  let wireSlug: string;
  let outletSlug: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'convey-site-'));
    demo = await startDemoServer();
    const config = loadConfig({ CONVEY_SITE_NAME: 'Site Test Desk', CONVEY_SITE_URL: 'https://desk.test', DATABASE_URL: `sqlite:${join(dir, 's.db')}` });
    store = await openStore(config.databaseUrl);
    for (const spec of demo.sources) {
      const source = await createSource(store.db, { slug: spec.slug, name: spec.name, homeUrl: spec.homeUrl, license: spec.license, licenseUrl: spec.licenseUrl, indexingPolicy: spec.indexingPolicy, updatePolicy: spec.updatePolicy });
      await addFeed(store.db, { sourceId: source.id, url: spec.feedUrl });
    }
    await runIngestRound(ingestContextOf(config, store, createClient(config, [`127.0.0.1:${demo.port}`]), silentLog));
    app = createApp(siteDepsOf(config, store));
    const slugOf = async (policy: string) =>
      (await store.db.selectFrom('articles').innerJoin('sources', 'sources.id', 'articles.source_id').select('articles.slug').where('sources.indexing_policy', '=', policy).executeTakeFirstOrThrow()).slug;
    wireSlug = await slugOf('canonical-to-source');
    outletSlug = await slugOf('noindex-news');
  }, 60_000);
  afterAll(async () => {
    await store.close();
    await demo.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the home page with the security headers and feed links', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    const html = await res.text();
    expect(html.match(/href="\/articles\/[^"]+"/g)?.length).toBeGreaterThanOrEqual(10);
    expect(html).toContain('<link rel="alternate" type="application/rss+xml"');
    expect(html).not.toMatch(/<script(?![^>]*(src="\/assets\/share\.js"|application\/ld\+json))/);
  });

  it('answers 304 to a client that has the page, even though the form token changes', async () => {
    for (const path of ['/', `/articles/${wireSlug}`, '/feed.xml']) {
      const first = await app.request(path);
      const etag = first.headers.get('etag');
      expect(etag, path).toBeTruthy();
      expect((await app.request(path, { headers: { 'if-none-match': etag! } })).status, path).toBe(304);
    }
  });

  it('follows each source’s indexing policy', async () => {
    const wire = await (await app.request(`/articles/${wireSlug}`)).text();
    expect(wire).toMatch(new RegExp(`<link rel="canonical" href="${demo.origin}/`));
    expect(wire).not.toContain('name="robots" content="noindex');
    const outlet = await (await app.request(`/articles/${outletSlug}`)).text();
    expect(outlet).toContain('<meta name="robots" content="noindex');
    expect(outlet).toContain(`<link rel="canonical" href="https://desk.test/articles/${outletSlug}">`);
  });

  it('answers 404 with a page for what does not exist', async () => {
    for (const path of ['/articles/no-such-story', '/sources/nobody', '/?page=abc', '/nothing/here']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).toContain('<html');
    }
  });

  it('lists a source’s stories on its page, and finds stories by words', async () => {
    const sourcePage = await (await app.request(`/sources/${demo.sources[1].slug}`)).text();
    expect(sourcePage).toContain(demo.sources[1].name);
    expect(sourcePage).toContain(`/articles/${outletSlug}`);
    expect(sourcePage).not.toContain(`/articles/${wireSlug}"`);
    const search = await app.request('/search?q=tram%20LISBON');
    expect(search.headers.get('x-robots-tag')).toBe('noindex');
    const results = await search.text();
    expect(results).toMatch(/href="\/articles\/lisbon[^"]*"/);
    expect(results).not.toContain('/articles/oyster');
    expect(await (await app.request('/search?q=%25%25%25')).text()).not.toContain('href="/articles/');
  });

  it('publishes RSS, Atom, JSON Feed, sitemaps and robots.txt', async () => {
    const rss = await app.request('/feed.xml');
    expect(rss.headers.get('content-type')).toContain('application/rss+xml');
    const rssText = await rss.text();
    expect(rssText).toMatch(/<source url="[^"]+">Kestrel Wire<\/source>|<source url="[^"]+">Brackwater Ledger<\/source>/);
    expect((await app.request('/feed.atom')).headers.get('content-type')).toContain('application/atom+xml');
    const json = (await (await app.request('/feed.json')).json()) as { version: string; items: unknown[] };
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.items.length).toBeGreaterThanOrEqual(10);
    const sitemap = await (await app.request('/sitemap.xml')).text();
    expect(sitemap).toContain(`<loc>https://desk.test/articles/${wireSlug}</loc>`);
    // Neither demo source allows indexing the copy as news: the news sitemap lists nothing.
    expect(await (await app.request('/news-sitemap.xml')).text()).not.toContain('<url>');
    expect(await (await app.request('/robots.txt')).text()).toContain('Sitemap: https://desk.test/sitemap.xml');
  });
});

describe('the Mastodon share page', () => {
  it('asks for an instance, then links to it without redirecting (no open redirect)', async () => {
    const store = await openStore('sqlite::memory:');
    try {
      const app = createApp(siteDepsOf(loadConfig({ CONVEY_SITE_NAME: 'Desk' }), store));
      const ask = await app.request('/share/mastodon?text=Hello');
      expect(ask.status).toBe(200);
      expect(await ask.text()).toContain('name="instance"');
      const named = await app.request('/share/mastodon?text=Hello%20world&instance=mastodon.example');
      expect(named.status).toBe(200);
      expect(named.headers.get('location')).toBeNull();
      expect(await named.text()).toContain('href="https://mastodon.example/share?text=Hello%20world"');
      const bad = await app.request('/share/mastodon?text=x&instance=javascript:alert(1)');
      expect(bad.status).toBe(400);
      expect(await bad.text()).not.toContain('href="javascript:');
    } finally {
      await store.close();
    }
  });
});
