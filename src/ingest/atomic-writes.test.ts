// Each multi-step write of the ingest is one transaction: a failure injected between any two of its steps
// (a test hook at named points, the real store underneath) leaves all of the change or none of it, and the work
// is retried until it lands whole, once.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from '../store/test-backends.js';
import { startLoopbackServer, type LoopbackServer } from '../../test/support/loopback-server.js';
import { loadConfig } from '../config/config.js';
import { createSource } from '../store/sources.js';
import { addFeed } from '../store/feeds.js';
import { getArticleBySlug, listHeld, listPublished, listVersions, setNextCheck } from '../store/articles.js';
import { listSnapshots } from '../store/snapshots.js';
import { runIngestRound } from './scheduler.js';
import { createClient, ingestContextOf } from '../cli/runtime.js';
import { silentLog, type IngestContext } from './context.js';
import type { FaultPoint } from './faults.js';
import type { Store } from '../store/database.js';

const TEXT = [
  'The regional assembly voted on Thursday to keep the night ferry running through the winter months.',
  'Islanders had campaigned for a year, saying the last boat of the day was the only way to reach the hospital.',
  'The operator will receive a subsidy for three years, after which the service will be reviewed again.',
];
const page = (paragraphs: string[]) =>
  `<!doctype html><html><head><title>Night ferry saved</title></head><body><article><h1>Night ferry saved</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
const feed = (origin: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Isles</title><link>${origin}/</link>
<item><title>Night ferry saved</title><link>${origin}/ferry</link><guid>ferry-1</guid><pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate><description>Short.</description></item>
</channel></rss>`;

class InjectedCrash extends Error {}

for (const backend of testBackends()) {
  describe(`atomic ingest writes (${backend.name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let server: LoopbackServer;
    let ctx: IngestContext;
    let clock: Date;

    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
      server = await startLoopbackServer();
      server.routes.set('/feed.xml', { type: 'application/rss+xml', body: feed(server.origin) });
      server.routes.set('/ferry', { body: page(TEXT) });
      clock = new Date('2026-11-24T12:00:00Z');
      const config = loadConfig({ CONVEY_SITE_NAME: 'Isles Desk', CONVEY_SITE_URL: 'http://isles.test' });
      ctx = { ...ingestContextOf(config, store, createClient(config, [`127.0.0.1:${server.port}`]), silentLog), now: () => clock };
      const source = await createSource(store.db, { slug: 'isles', name: 'Isles Wire', homeUrl: `${server.origin}/`, license: 'CC BY 4.0', updatePolicy: 'auto' });
      await addFeed(store.db, { sourceId: source.id, url: `${server.origin}/feed.xml` }, clock);
    });
    afterEach(async () => {
      await dispose();
      await server.close();
    });

    const crashAt = (point: FaultPoint, times = 1) => {
      let left = times;
      return (reached: FaultPoint) => {
        if (reached === point && left-- > 0) throw new InjectedCrash(`crash at ${point}`);
      };
    };

    for (const point of ['after-insert-article', 'after-insert-version', 'after-insert-snapshot', 'after-publish-state', 'after-story-links'] as FaultPoint[]) {
      it(`taking a new entry: a crash ${point.replace(/-/g, ' ')} leaves nothing, and the retry publishes it once`, async () => {
        const crashing = { ...ctx, fault: crashAt(point) };
        const first = await runIngestRound(crashing);
        expect(first.jobs.retry).toBe(1);
        expect(await getArticleBySlug(store.db, 'night-ferry-saved')).toBeNull();
        expect(await listHeld(store.db)).toEqual([]);
        clock = new Date(clock.getTime() + 60_000);
        await runIngestRound(crashing);
        const published = await listPublished(store.db, { limit: 5 });
        expect(published.map((a) => a.slug)).toEqual(['night-ferry-saved']);
        expect(await listVersions(store.db, published[0].id)).toHaveLength(1);
        expect(await listSnapshots(store.db, published[0].id)).toHaveLength(1);
        expect(published[0].provenance.map((h) => h.role)).toContain('republisher');
      });
    }

    it('applying a source update: a crash between the version and the page leaves neither, and the next re-check applies both', async () => {
      await runIngestRound(ctx);
      const article = (await getArticleBySlug(store.db, 'night-ferry-saved'))!;
      server.routes.set('/ferry', { body: page([TEXT[0], TEXT[1].replace('a year', 'two years'), TEXT[2]]) });
      await setNextCheck(store.db, article.id, clock);
      const crashed = await runIngestRound({ ...ctx, fault: crashAt('after-version-applied') });
      expect(crashed.jobs.retry).toBe(1);
      expect(await listVersions(store.db, article.id)).toHaveLength(1);
      expect((await getArticleBySlug(store.db, article.slug))!.bodyHtml).toContain('for a year');
      clock = new Date(clock.getTime() + 60_000);
      await runIngestRound(ctx);
      const after = (await getArticleBySlug(store.db, article.slug))!;
      expect(after.bodyHtml).toContain('for two years');
      expect(await listVersions(store.db, article.id)).toHaveLength(2);
      expect(await listSnapshots(store.db, article.id)).toHaveLength(2);
    });

    it('withdrawing: a crash after the withdrawal version leaves the copy as it was, and the retry withdraws it', async () => {
      await runIngestRound(ctx);
      const article = (await getArticleBySlug(store.db, 'night-ferry-saved'))!;
      server.routes.set('/ferry', { status: 410, body: 'gone' });
      await setNextCheck(store.db, article.id, clock);
      await runIngestRound({ ...ctx, fault: crashAt('after-withdrawal-version') });
      expect((await getArticleBySlug(store.db, article.slug))!.pubStatus).toBe('usable');
      expect(await listVersions(store.db, article.id)).toHaveLength(1);
      clock = new Date(clock.getTime() + 60_000);
      await runIngestRound(ctx);
      const after = (await getArticleBySlug(store.db, article.slug))!;
      expect(after.pubStatus).toBe('canceled');
      expect((await listVersions(store.db, article.id)).map((v) => v.kind)).toEqual(['withdrawal', 'original']);
    });
  });
}
