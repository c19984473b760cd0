// The ingest pipeline against feeds and pages served on loopback: identity, conditional GET, back-off and
// disabling, permanent redirects, update policies, withdrawals, tombstones, and a broken feed among good ones.
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { testBackends } from '../store/test-backends.js';
import { startLoopbackServer, type LoopbackServer } from '../../test/support/loopback-server.js';
import { loadConfig } from '../config/config.js';
import { createSource } from '../store/sources.js';
import { addFeed, getFeed } from '../store/feeds.js';
import { addTombstone, getArticleBySlug, listHeld, listPendingVersions, listPublished, listVersions, setArticleState } from '../store/articles.js';
import { republishHeld } from '../admin/actions.js';
import { runIngestRound } from './scheduler.js';
import { createClient, ingestContextOf } from '../cli/runtime.js';
import { silentLog, type IngestContext } from './context.js';
import { createApp } from '../site/app.js';
import { siteDepsOf } from '../cli/serve-command.js';
import type { Store } from '../store/database.js';
import type { UpdatePolicy } from '../model/types.js';
import { getFidelityReport } from '../store/fidelity-reports.js';
import { refreshFidelity } from './refresh-fidelity.js';
import { ExtractPool } from '../extract/extract-pool.js';
import { contentHash } from './versioning.js';

const PARAGRAPHS = [
  'The port authority approved a plan on Monday to rebuild the northern breakwater, which storms damaged twice last winter.',
  'Work will start in the spring and take about eighteen months, the authority said, with the harbour open throughout.',
  'Fishing crews had asked for the repair for years, saying the damaged wall left moored boats exposed in easterly gales.',
  'The cost will be shared between the regional government and the authority, which will raise mooring fees slightly.',
];

function page(title: string, paragraphs: string[]) {
  return `<!doctype html><html><head><title>${title}</title><meta property="og:title" content="${title}"></head><body>
<nav><a href="/">Home</a></nav><article><h1>${title}</h1><p class="byline">By Ines Costa</p>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article>
<aside class="related"><h3>Related</h3><a href="/x">Something else</a></aside></body></html>`;
}

function rss(origin: string, items: { guid: string; title: string; path: string; summary?: string }[]) {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Port News</title><link>${origin}/</link><ttl>5</ttl>
${items.map((i) => `<item><title>${i.title}</title><link>${origin}${i.path}</link><guid isPermaLink="false">${i.guid}</guid><pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate><description>${i.summary ?? 'A short summary.'}</description></item>`).join('\n')}
</channel></rss>`;
}

for (const backend of testBackends()) {
  describe(`the ingest pipeline (${backend.name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let server: LoopbackServer;
    let clock: Date;
    let ctx: IngestContext;

    async function setup(policy: UpdatePolicy = 'auto') {
      const source = await createSource(store.db, { slug: 'port', name: 'Port News', homeUrl: `${server.origin}/`, license: 'CC BY 4.0', updatePolicy: policy });
      const feed = await addFeed(store.db, { sourceId: source.id, url: `${server.origin}/feed.xml` }, clock);
      return { source, feed };
    }
    const later = (minutes: number) => {
      clock = new Date(clock.getTime() + minutes * 60_000);
    };

    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
      server = await startLoopbackServer();
      clock = new Date('2026-11-24T12:00:00Z');
      const config = loadConfig({ CONVEY_SITE_NAME: 'Harbour Desk', CONVEY_SITE_URL: 'http://desk.test' });
      ctx = { ...ingestContextOf(config, store, createClient(config, [`127.0.0.1:${server.port}`]), silentLog), now: () => clock };
      server.routes.set('/feed.xml', { type: 'application/rss+xml', body: rss(server.origin, [{ guid: 'a-1', title: 'Breakwater to be rebuilt', path: '/a1' }]) });
      server.routes.set('/a1', { body: page('Breakwater to be rebuilt', PARAGRAPHS) });
    });
    afterEach(async () => {
      await dispose();
      await server.close();
    });

    it('fetches the page of a summary-only entry, extracts it and publishes it once', async () => {
      await setup();
      const round = await runIngestRound(ctx);
      expect(round.feeds[0]).toMatchObject({ status: 'ok', added: 1, published: 1 });
      const [article] = await listPublished(store.db, { limit: 5, withBody: true });
      expect(article.bodyHtml).toContain(PARAGRAPHS[3]);
      expect(article.bodyHtml).not.toContain('Something else');
      expect(article.byline).toBeTruthy();
      expect(article.provenance.map((h) => h.role)).toEqual(['author', 'publisher', 'republisher']);
      const [version] = await listVersions(store.db, article.id);
      expect(article.publishedVersionId).toBe(version.id);
      later(60); // past the base polling interval
      const again = await runIngestRound(ctx);
      expect(again.feeds[0].added).toBe(0);
      expect(await listPublished(store.db, { limit: 5, withBody: true })).toHaveLength(1);
    });

    it('keeps the fidelity report and hash made ahead on the threads, the ones the stored texts give', async () => {
      const pool = new ExtractPool({ threads: 1 });
      try {
        await setup();
        const readStory = vi.fn(pool.readStory);
        await runIngestRound({ ...ctx, extract: pool.extract, compare: pool.compare, readStory });
        expect(readStory).toHaveBeenCalledTimes(1);
        const [article] = await listPublished(store.db, { limit: 5 });
        const kept = await getFidelityReport(store.db, article.id);
        expect(kept).toMatchObject({ faithful: true });
        // Made again from what the store holds (the version, its snapshot, the copy), in this thread:
        const again = await refreshFidelity(store.db, article.id, { site: ctx.site, now: clock });
        expect(again).not.toBeNull();
        expect(kept!.report).toEqual(again);
        expect(kept!.report.sentences.source).toBeGreaterThan(3);
        expect((await getFidelityReport(store.db, article.id))!.sourceVersionId).toBe(kept!.sourceVersionId);
        const [version] = await listVersions(store.db, article.id);
        expect(version.contentHash).toBe(contentHash(version.headline, version.bodyHtml));
      } finally {
        await pool.close();
      }
    });

    it('asks with the validators it was given, and a 304 changes nothing', async () => {
      await setup();
      server.routes.set('/feed.xml', (req) =>
        req.headers['if-none-match'] === '"v1"'
          ? { status: 304, body: '' }
          : { type: 'application/rss+xml', headers: { etag: '"v1"' }, body: rss(server.origin, [{ guid: 'a-1', title: 'Breakwater to be rebuilt', path: '/a1' }]) },
      );
      await runIngestRound(ctx);
      later(60);
      const round = await runIngestRound(ctx);
      expect(round.feeds[0].status).toBe('not-modified');
      expect((await getFeed(store.db, round.feeds[0].feedId))?.etag).toBe('"v1"');
    });

    it('backs off on errors, disables the feed after repeated failures, and keeps the other feeds going', async () => {
      const { source } = await setup();
      server.routes.set('/broken.xml', { status: 500, body: 'oops' });
      const broken = await addFeed(store.db, { sourceId: source.id, url: `${server.origin}/broken.xml` }, clock);
      const first = await runIngestRound(ctx);
      expect(first.feeds.find((f) => f.feedId === broken.id)).toMatchObject({ status: 'error', error: expect.stringContaining('HTTP 500') });
      expect(first.feeds.find((f) => f.feedId !== broken.id)?.published).toBe(1);
      const stored = await getFeed(store.db, broken.id);
      const delays: number[] = [new Date(stored!.nextPollAt!).getTime() - clock.getTime()];
      for (let i = 0; i < 12; i++) {
        clock = new Date((await getFeed(store.db, broken.id))!.nextPollAt!);
        await runIngestRound(ctx);
        const feed = (await getFeed(store.db, broken.id))!;
        if (feed.disabledReason) break;
        delays.push(new Date(feed.nextPollAt!).getTime() - clock.getTime());
      }
      expect(delays[1]).toBeGreaterThan(delays[0]);
      const disabled = (await getFeed(store.db, broken.id))!;
      expect(disabled.consecutiveErrors).toBe(ctx.disableAfterErrors);
      expect(disabled.disabledReason).toContain('HTTP 500');
    });

    it('stores the new address of a permanently moved feed', async () => {
      await setup();
      server.routes.set('/feed.xml', { status: 301, headers: { location: `${server.origin}/new-feed.xml` }, body: '' });
      server.routes.set('/new-feed.xml', { type: 'application/rss+xml', body: rss(server.origin, [{ guid: 'a-1', title: 'Breakwater to be rebuilt', path: '/a1' }]) });
      const round = await runIngestRound(ctx);
      expect((await getFeed(store.db, round.feeds[0].feedId))?.url).toBe(`${server.origin}/new-feed.xml`);
    });

    it('never brings back a tombstoned entry', async () => {
      const { source } = await setup();
      await addTombstone(store.db, source.id, 'a-1', 'deleted by an editor', clock);
      const round = await runIngestRound(ctx);
      expect(round.feeds[0].added).toBe(0);
    });

    async function changeAtSource(correction: boolean) {
      const changed = [...PARAGRAPHS.slice(0, 3), 'The cost will be shared between the regional government and the port authority.'];
      if (correction) changed.push('Correction: An earlier version of this story gave the wrong length of the works.');
      server.routes.set('/a1', { body: page('Breakwater to be rebuilt', changed) });
      const article = (await listPublished(store.db, { limit: 1, withBody: true }))[0] ?? (await store.db.selectFrom('articles').selectAll().executeTakeFirst());
      await setArticleState(store.db, article!.id, { nextCheckAt: clock.toISOString() }, clock);
      return runIngestRound(ctx);
    }

    it('auto: applies a correction at the source, shown once, with a new dateModified, keeping feed GUIDs', async () => {
      await setup('auto');
      await runIngestRound(ctx);
      const siteApp = createApp(siteDepsOf(loadConfig({ CONVEY_SITE_NAME: 'Harbour Desk' }), store));
      const guidsOf = async () => [...(await (await siteApp.request('/feed.xml')).text()).matchAll(/<guid[^>]*>([^<]+)<\/guid>/g)].map((m) => m[1]);
      const guidsBefore = await guidsOf();
      expect(guidsBefore).toHaveLength(1);
      later(60);
      const round = await changeAtSource(true);
      expect(round.rechecks[0].outcome).toBe('applied');
      const article = (await listPublished(store.db, { limit: 1, withBody: true }))[0];
      expect(article.bodyHtml).toContain('the port authority');
      expect(article.versionCreated).toBe(clock.toISOString());
      const versions = await listVersions(store.db, article.id);
      expect(versions.map((v) => v.kind)).toEqual(['correction', 'original']);
      const app = createApp(siteDepsOf(loadConfig({ CONVEY_SITE_NAME: 'Harbour Desk' }), store));
      const html = await (await app.request(`/articles/${article.slug}`)).text();
      // The source printed its correction in the body: the page shows it there, once, and not again as a note.
      expect(html.match(/An earlier version of this story gave the wrong length/g)).toHaveLength(1);
      expect(html).not.toContain('class="version-notes"');
      expect(html).toContain(`"dateModified":"${clock.toISOString()}"`);
      expect(await guidsOf()).toEqual(guidsBefore);
    });

    it('review: holds a new story for an editor, then queues its update and keeps the page; notify: only records it', async () => {
      await setup('review');
      expect((await runIngestRound(ctx)).feeds[0]).toMatchObject({ added: 1, published: 0 });
      const [held] = await listHeld(store.db);
      expect(held).toMatchObject({ holdKind: 'review', holdReason: expect.stringContaining('waiting for review') });
      expect(held.publishedVersionId).toBe((await listVersions(store.db, held.id))[0].id);
      // The editor approves it: published whole, and updates from then on wait for review.
      await republishHeld(store, ctx.site, held.slug, clock);
      const before = (await listPublished(store.db, { limit: 1, withBody: true }))[0];
      later(60);
      expect((await changeAtSource(false)).rechecks[0].outcome).toBe('queued');
      expect((await getArticleBySlug(store.db, before.slug))?.bodyHtml).toBe(before.bodyHtml);
      expect((await listPendingVersions(store.db)).map((v) => v.kind)).toEqual(['update']);
      await store.db.updateTable('sources').set({ update_policy: 'notify' }).execute();
      server.routes.set('/a1', { body: page('Breakwater to be rebuilt', [...PARAGRAPHS, 'A new closing paragraph.']) });
      await setArticleState(store.db, before.id, { nextCheckAt: clock.toISOString() }, clock);
      expect((await runIngestRound(ctx)).rechecks[0].outcome).toBe('recorded');
      expect((await getArticleBySlug(store.db, before.slug))?.bodyHtml).toBe(before.bodyHtml);
    });

    it('withdraws the copy when the source removes the story: 410 naming the source, out of feeds and sitemaps', async () => {
      await setup('auto');
      await runIngestRound(ctx);
      const article = (await listPublished(store.db, { limit: 1, withBody: true }))[0];
      const app = createApp(siteDepsOf(loadConfig({ CONVEY_SITE_NAME: 'Harbour Desk' }), store));
      expect(await (await app.request('/feed.xml')).text()).toContain('Breakwater to be rebuilt');
      server.routes.set('/a1', { status: 410, body: 'gone' });
      later(30);
      await setArticleState(store.db, article.id, { nextCheckAt: clock.toISOString() }, clock);
      expect((await runIngestRound(ctx)).rechecks[0].outcome).toBe('withdrawn');
      const response = await app.request(`/articles/${article.slug}`);
      expect(response.status).toBe(410);
      expect(await response.text()).toContain('Port News');
      expect(await (await app.request('/feed.xml')).text()).not.toContain('Breakwater to be rebuilt');
      expect(await (await app.request('/sitemap.xml')).text()).not.toContain(article.slug);
    });

    it('publishes the articles held for the site\'s configuration once it is complete, on the next round', async () => {
      await setup();
      const unnamed = loadConfig({ CONVEY_SITE_URL: 'http://desk.test' });
      const noName = { ...ctx, site: unnamed.site };
      await runIngestRound(noName);
      const [held] = await listHeld(store.db);
      expect(held.holdKind).toBe('configuration');
      expect(held.holdReason).toMatch(/CONVEY_SITE_NAME/);
      later(1);
      const round = await runIngestRound(ctx);
      expect(round.republished).toBe(1);
      expect((await listPublished(store.db, { limit: 5 })).map((a) => a.slug)).toEqual([held.slug]);
    });

    it('retries a page that answers 503 twice, then publishes the whole story', async () => {
      await setup();
      let calls = 0;
      server.routes.set('/a1', () => (++calls <= 2 ? { status: 503, body: 'busy', headers: { 'retry-after': '1' } } : { body: page('Breakwater to be rebuilt', PARAGRAPHS) }));
      const first = await runIngestRound(ctx);
      expect(first.jobs.retry).toBe(1);
      expect(first.feeds[0]).toMatchObject({ added: 0, published: 0 });
      expect(await listPublished(store.db, { limit: 5 })).toEqual([]);
      later(1);
      await runIngestRound(ctx);
      later(1);
      const third = await runIngestRound(ctx);
      expect(third.jobs.done).toBeGreaterThanOrEqual(1);
      expect(calls).toBe(3);
      const [article] = await listPublished(store.db, { limit: 5, withBody: true });
      expect(article.bodyHtml).toContain(PARAGRAPHS[3]);
      expect(article.summaryOnly).toBe(false);
    });

    it('holds a page that stays down past the retry window, and publishes its summary only on the editor\'s explicit choice', async () => {
      await setup();
      server.routes.set('/a1', { status: 503, body: 'down' });
      let held = null;
      for (let hour = 0; hour < 15 && !held; hour++) {
        await runIngestRound(ctx);
        held = (await listHeld(store.db))[0] ?? null;
        later(60);
      }
      expect(held).not.toBeNull();
      expect(held!.holdKind).toBe('fetch');
      expect(held!.holdReason).toMatch(/^fetch failed: HTTP 503 .*retried for 12 h.*only the feed's summary/);
      expect(server.requests.filter((r) => r === '/a1').length).toBeGreaterThanOrEqual(12);
      expect(await listPublished(store.db, { limit: 5 })).toEqual([]);
      const site = ctx.site;
      await expect(republishHeld(store, site, held!.slug, clock)).rejects.toThrow(/only the feed's summary.*--as-summary/);
      await republishHeld(store, site, held!.slug, clock, { asSummary: true });
      const [published] = await listPublished(store.db, { limit: 5, withBody: true });
      expect(published.summaryOnly).toBe(true);
      const app = createApp(siteDepsOf(loadConfig({ CONVEY_SITE_NAME: 'Harbour Desk', CONVEY_SITE_URL: 'http://desk.test' }), store));
      const html = await (await app.request(`/articles/${published.slug}`)).text();
      expect(html).toContain('class="summary-only"');
      expect(html).toContain(`href="${server.origin}/a1"`);
      expect(html).toContain('"genre":"Summary"');
    });

    it('tries a held entry again when the feed answers 304, and publishes it once the page is back', async () => {
      await setup();
      ctx = { ...ctx, pageRetryWindowMs: 0 };
      server.routes.set('/feed.xml', { type: 'application/rss+xml', headers: { etag: '"f1"' }, body: rss(server.origin, [{ guid: 'a-1', title: 'Breakwater to be rebuilt', path: '/a1' }]) });
      server.routes.set('/a1', { status: 502, body: 'bad gateway' });
      await runIngestRound(ctx);
      expect((await listHeld(store.db))[0]?.holdKind).toBe('fetch');
      // The feed has not changed: it answers 304 from now on.
      server.routes.set('/feed.xml', (req) =>
        req.headers['if-none-match'] === '"f1"'
          ? { status: 304, body: '' }
          : { type: 'application/rss+xml', headers: { etag: '"f1"' }, body: rss(server.origin, [{ guid: 'a-1', title: 'Breakwater to be rebuilt', path: '/a1' }]) },
      );
      server.routes.set('/a1', { body: page('Breakwater to be rebuilt', PARAGRAPHS) });
      later(60);
      const round = await runIngestRound(ctx);
      expect(round.feeds[0].status).toBe('not-modified');
      const [article] = await listPublished(store.db, { limit: 5, withBody: true });
      expect(article?.bodyHtml).toContain(PARAGRAPHS[3]);
      expect(await listHeld(store.db)).toEqual([]);
    });

    it('stores the feed\'s validators only when every entry was queued, and takes a large feed a capped share per poll, oldest first', async () => {
      await setup();
      ctx = { ...ctx, maxNewEntriesPerPoll: 3 };
      const items = Array.from({ length: 7 }, (_, i) => ({ guid: `g-${i}`, title: `Story number ${i}`, path: `/s${i}` }));
      for (const item of items) server.routes.set(item.path, { body: page(item.title, PARAGRAPHS) });
      // Feeds list newest first: the oldest is the last item.
      server.routes.set('/feed.xml', { type: 'application/rss+xml', headers: { etag: '"big"' }, body: rss(server.origin, [...items].reverse()) });
      const first = await runIngestRound(ctx);
      expect(first.feeds[0]).toMatchObject({ queued: 3, deferred: 4, published: 3 });
      expect((await getFeed(store.db, first.feeds[0].feedId))?.etag).toBeNull();
      expect((await listPublished(store.db, { limit: 10 })).map((a) => a.headline).sort()).toEqual(['Story number 0', 'Story number 1', 'Story number 2']);
      later(2);
      await runIngestRound(ctx);
      later(2);
      const last = await runIngestRound(ctx);
      expect(last.feeds[0]).toMatchObject({ deferred: 0 });
      expect(await listPublished(store.db, { limit: 10 })).toHaveLength(7);
      expect((await getFeed(store.db, last.feeds[0].feedId))?.etag).toBe('"big"');
    });
  });
}
