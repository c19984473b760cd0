// The review queue's rules, against a feed served on loopback by a source whose stories are reviewed: a new
// story is held until an editor approves (published whole, its related news queued), rejects (a tombstone: the
// next poll does not bring it back), schedules (a job publishes it at the time, unless cancelled) or edits it
// (a version with its author and note, new images queued). Every action that changes a story queues its refresh.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from '../store/test-backends.js';
import { startLoopbackServer, type LoopbackServer } from '../../test/support/loopback-server.js';
import { loadConfig, type Config } from '../config/config.js';
import { createSource, getSourceBySlug, updateSource } from '../store/sources.js';
import { addFeed } from '../store/feeds.js';
import { getArticleBySlug, insertVersion, isTombstoned, listArticles, listVersions, setArticleState } from '../store/articles.js';
import { listIncoming, getPublishAt } from '../store/review-queue.js';
import { getFidelityReport } from '../store/fidelity-reports.js';
import { runIngestRound } from '../ingest/scheduler.js';
import { createClient, ingestContextOf, siteOf } from '../cli/runtime.js';
import { silentLog, type IngestContext } from '../ingest/context.js';
import { REVIEW_HOLD_REASON } from '../ingest/take-entry.js';
import { createApp } from '../site/app.js';
import { siteDepsOf } from '../cli/serve-command.js';
import { editArticle, publishAllHeld, rejectArticle, restoreArticle, withdrawArticle } from './article-actions.js';
import { ActionError, republishHeld, reviewVersion } from './actions.js';
import { cancelScheduledPublication, publishScheduled, PUBLISH_SCHEDULED_QUEUE, schedulePublication, type PublishScheduledJob } from './scheduled-publish.js';
import { RELATED_QUEUE } from '../related/related-refresh.js';
import { FETCH_IMAGE_QUEUE } from '../media/queue-images.js';
import { jobQueueOf } from '../jobs/open-queue.js';
import { contentHash } from '../ingest/versioning.js';
import type { Store } from '../store/database.js';

const BODY = [
  'The harbour board agreed on Monday to replace forty lamps along the quay before the winter storms arrive.',
  'Work starts in March and the quay stays open to walkers while the crews move from one end to the other.',
  'The board said the new lamps use a third of the power of the old ones and should last for twenty years.',
].map((p) => `<p>${p}</p>`).join('');

function rss(origin: string) {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Quay News</title><link>${origin}/</link>
<item><title>Board to replace forty quay lamps</title><link>${origin}/lamps</link><guid isPermaLink="false">lamps-1</guid>
<pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate><description><![CDATA[${BODY}<p><img src="${origin}/quay.jpg" alt="The quay at dusk"></p>]]></description></item></channel></rss>`;
}

for (const backend of testBackends()) {
  describe(`the review queue's actions (${backend.name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let server: LoopbackServer;
    let clock: Date;
    let ctx: IngestContext;
    let config: Config;
    let slug: string;
    const later = (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000));
    const page = (path: string) => createApp(siteDepsOf(config, store)).request(path);
    const site = () => siteOf(config);

    /** The jobs of a queue due now (claimed and completed, so each is seen once and its key is free again). */
    async function due(queue: string): Promise<unknown[]> {
      const jobs = jobQueueOf(store);
      await jobs.prepare([queue]);
      const owner = `test-${Math.random()}`;
      const claimed = await jobs.claim(queue, owner, 50, 60_000);
      for (const job of claimed) await jobs.complete(job, owner);
      return claimed.map((j) => j.data);
    }
    const articleId = async () => (await getArticleBySlug(store.db, slug))!.id;

    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
      server = await startLoopbackServer();
      server.routes.set('/feed.xml', { type: 'application/rss+xml', body: rss(server.origin) });
      clock = new Date('2026-11-24T12:00:00Z');
      config = loadConfig({ CONVEY_SITE_NAME: 'Quay Desk', CONVEY_SITE_URL: 'http://desk.test' });
      ctx = { ...ingestContextOf(config, store, createClient(config, [`127.0.0.1:${server.port}`]), silentLog), now: () => clock };
      const source = await createSource(store.db, { slug: 'quay', name: 'Quay News', homeUrl: `${server.origin}/`, license: 'CC BY 4.0', updatePolicy: 'review' });
      await addFeed(store.db, { sourceId: source.id, url: `${server.origin}/feed.xml`, fetchFullText: 'never' }, clock);
      const round = await runIngestRound(ctx);
      expect(round.feeds[0]).toMatchObject({ added: 1, published: 0 });
      slug = (await listArticles(store.db, { limit: 1 }))[0].slug;
    });
    afterEach(async () => {
      await dispose();
      await server.close();
    });

    async function nextPoll() {
      later(120);
      return (await runIngestRound(ctx)).feeds[0];
    }

    it('holds a new story of a source under review, with the reason and its fidelity report, in the queue', async () => {
      const article = (await getArticleBySlug(store.db, slug))!;
      expect(article).toMatchObject({ pubStatus: 'withheld', holdKind: 'review', holdReason: REVIEW_HOLD_REASON });
      expect((await getFidelityReport(store.db, article.id))?.faithful).toBe(true);
      expect(await listIncoming(store.db, 10)).toMatchObject([{ slug, headline: 'Board to replace forty quay lamps', sourceName: 'Quay News', publishAt: null, fidelity: { faithful: true } }]);
      expect((await page(`/articles/${slug}`)).status).toBe(404);
      // The next poll neither publishes it nor takes it in twice.
      expect(await nextPoll()).toMatchObject({ added: 0, published: 0 });
      expect(await listArticles(store.db, { limit: 5 })).toHaveLength(1);
      // A source that publishes on its own is not held.
      await updateSource(store.db, article.sourceId, { updatePolicy: 'auto' });
      server.routes.set('/feed.xml', { type: 'application/rss+xml', body: rss(server.origin).replace(/lamps-1/, 'lamps-2').replace('/lamps<', '/lamps-two<') });
      expect(await nextPoll()).toMatchObject({ added: 1, published: 1 });
    });

    it('approve publishes the story whole and queues its related news', async () => {
      await republishHeld(store, site(), slug, later(5));
      const article = (await getArticleBySlug(store.db, slug))!;
      expect(article).toMatchObject({ pubStatus: 'usable', holdKind: null, holdReason: null });
      expect(article.provenance.length).toBeGreaterThan(0);
      expect(await listIncoming(store.db, 10)).toEqual([]);
      expect((await page(`/articles/${slug}`)).status).toBe(200);
      expect(await due(RELATED_QUEUE)).toContainEqual({ articleId: article.id });
    });

    it('reject is a tombstone: the story leaves the queue and the next poll does not bring it back', async () => {
      await rejectArticle(store, slug, 'not our beat', later(5));
      const article = (await getArticleBySlug(store.db, slug))!;
      expect(article).toMatchObject({ pubStatus: 'withheld', holdKind: null, holdReason: 'rejected by an editor: not our beat' });
      expect(await isTombstoned(store.db, article.sourceId, article.entryKey)).toBe(true);
      expect(await listIncoming(store.db, 10)).toEqual([]);
      expect((await nextPoll()).added).toBe(0);
      await expect(republishHeld(store, site(), slug, clock)).rejects.toThrow(/was rejected/);
    });

    it('schedule: the time shows in the queue, the job publishes it then; a cancelled or moved time leaves its job nothing to do', async () => {
      const now = new Date();
      await expect(schedulePublication(store, slug, new Date(now.getTime() - 60_000), now)).rejects.toThrow(/has passed/);
      await expect(schedulePublication(store, slug, new Date('not a date'), now)).rejects.toBeInstanceOf(ActionError);
      const first = await schedulePublication(store, slug, new Date(now.getTime() + 3_600_000), now);
      expect((await listIncoming(store.db, 10))[0].publishAt).toBe(first);
      // Cancelled: the job of that time, when it runs, publishes nothing.
      await cancelScheduledPublication(store, slug);
      expect(await getPublishAt(store.db, await articleId())).toBeNull();
      expect(await publishScheduled(store, site(), { articleId: await articleId(), at: first }, new Date())).toBe('cancelled');
      expect((await getArticleBySlug(store.db, slug))?.pubStatus).toBe('withheld');
      await expect(cancelScheduledPublication(store, slug)).rejects.toThrow(/not scheduled/);
      // Scheduled again, a second ahead: the job is due then, and publishes the story whole.
      const soon = await schedulePublication(store, slug, new Date(Date.now() + 1000), new Date());
      expect(await due(PUBLISH_SCHEDULED_QUEUE)).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 1300));
      const jobs = (await due(PUBLISH_SCHEDULED_QUEUE)) as PublishScheduledJob[];
      expect(jobs).toEqual([{ articleId: await articleId(), at: soon }]);
      expect(await publishScheduled(store, site(), jobs[0], new Date())).toBe('published');
      expect(await getArticleBySlug(store.db, slug)).toMatchObject({ pubStatus: 'usable' });
      expect(await getPublishAt(store.db, await articleId())).toBeNull();
      expect(await due(RELATED_QUEUE)).toContainEqual({ articleId: await articleId() });
      // A published story is not scheduled again.
      await expect(schedulePublication(store, slug, new Date(Date.now() + 60_000))).rejects.toThrow(/not waiting for review/);
    });

    it('the ingest\'s job worker runs the scheduled publication when its time comes', async () => {
      await schedulePublication(store, slug, new Date(Date.now() + 1000), new Date());
      later(1);
      await runIngestRound(ctx);
      expect((await getArticleBySlug(store.db, slug))?.pubStatus).toBe('withheld');
      await new Promise((resolve) => setTimeout(resolve, 1300));
      later(1);
      await runIngestRound(ctx);
      expect(await getArticleBySlug(store.db, slug)).toMatchObject({ pubStatus: 'usable', republishedAt: clock.toISOString() });
      expect(await listIncoming(store.db, 10)).toEqual([]);
    });

    it('edit in the queue: a version with its author and note; dek, topics, lead image and caption; new images queued', async () => {
      const body = BODY.replace('forty lamps', 'forty old lamps') + `<p><img src="${server.origin}/pontoon.jpg" alt="The pontoon"></p>`;
      await expect(editArticle(store, site(), slug, { bodyHtml: body, note: 'Lead.', leadUrl: 'https://elsewhere.example/x.jpg' }, clock)).rejects.toThrow(/one of the article's own images/);
      const report = await editArticle(
        store, site(), slug,
        { bodyHtml: body, headline: 'Board to replace the quay lamps', subheadline: ' Work starts in March ', topics: ['Harbour', ' harbour ', 'Energy', ''], leadUrl: `${server.origin}/pontoon.jpg`, leadCaption: 'The temporary pontoon.', note: 'Said the lamps are old.', editor: { id: 7, email: 'ed@desk.test' } },
        later(5),
      );
      expect(report?.faithful).toBe(false);
      const article = (await getArticleBySlug(store.db, slug))!;
      expect(article).toMatchObject({
        pubStatus: 'withheld', holdKind: 'review', headline: 'Board to replace the quay lamps', subheadline: 'Work starts in March', topics: ['Harbour', 'Energy'],
        lead: { url: `${server.origin}/pontoon.jpg`, caption: 'The temporary pontoon.' }, versionCreated: null,
      });
      const [version] = await listVersions(store.db, article.id);
      expect(version).toMatchObject({ kind: 'edit', state: 'published', note: 'Said the lamps are old.', author: 'ed@desk.test' });
      const row = await store.db.selectFrom('article_versions').select(['author_id']).where('id', '=', version.id).executeTakeFirstOrThrow();
      expect(row.author_id).toBe(7);
      // The new image is fetched like one a story brings.
      const images = (await due(FETCH_IMAGE_QUEUE)) as { url: string }[];
      expect(images.map((j) => j.url)).toContain(`${server.origin}/pontoon.jpg`);
      expect(await due(RELATED_QUEUE)).toContainEqual({ articleId: article.id });
      // The lead image removed; its caption goes with it.
      await editArticle(store, site(), slug, { bodyHtml: body, leadUrl: null, note: 'No lead image.' }, later(1));
      expect((await getArticleBySlug(store.db, slug))?.lead).toBeNull();
    });

    it('edit is refused for a no-derivatives source, with the reason, and nothing changes', async () => {
      const source = (await getSourceBySlug(store.db, 'quay'))!;
      await updateSource(store.db, source.id, { license: 'CC BY-ND 4.0' });
      await expect(editArticle(store, site(), slug, { bodyHtml: '<p>Shorter.</p>', note: 'Cut.' }, clock)).rejects.toThrow(
        `cannot edit "${slug}": the license of source "quay" forbids changes (CC BY-ND 4.0)`,
      );
      expect(await listVersions(store.db, await articleId())).toHaveLength(1);
    });

    it('publish --all-held leaves stories waiting for review alone, and queues the refresh of what it publishes', async () => {
      expect(await publishAllHeld(store, site(), later(1))).toEqual({ published: [], stillHeld: [] });
      expect((await getArticleBySlug(store.db, slug))?.pubStatus).toBe('withheld');
      // Approval refused while the site has no name: the story stays in the queue, the reason said.
      await expect(republishHeld(store, { ...site(), name: '' }, slug, later(1))).rejects.toThrow(/site/);
      expect(await getArticleBySlug(store.db, slug)).toMatchObject({ pubStatus: 'withheld', holdKind: 'review' });
      // A story held for a setting, not for review, is what publish --all-held takes.
      await setArticleState(store.db, await articleId(), { holdKind: 'configuration', holdReason: 'cannot publish: the site has no name' }, later(1));
      expect(await publishAllHeld(store, site(), later(1))).toEqual({ published: [slug], stillHeld: [] });
      expect(await due(RELATED_QUEUE)).toEqual([{ articleId: await articleId() }]);
    });

    it('queues the related-news refresh when a story is edited, withdrawn, restored, or its update approved', async () => {
      await republishHeld(store, site(), slug, later(1));
      const id = await articleId();
      await due(RELATED_QUEUE);
      await editArticle(store, site(), slug, { bodyHtml: BODY.replace('forty', 'forty-one'), note: 'Counted again.' }, later(1));
      expect(await due(RELATED_QUEUE)).toEqual([{ articleId: id }]);
      await withdrawArticle(store, slug, 'legal review', later(1));
      expect(await due(RELATED_QUEUE)).toEqual([{ articleId: id }]);
      await restoreArticle(store, site(), slug, later(1));
      expect(await due(RELATED_QUEUE)).toEqual([{ articleId: id }]);
      const text = BODY.replace('in March', 'in April');
      const version = await insertVersion(store.db, { articleId: id, kind: 'update', headline: 'Board to replace forty quay lamps', bodyHtml: text, contentHash: contentHash('x', text), note: 'Updated.', state: 'pending' }, later(1));
      await reviewVersion(store, version.id, 'approve', later(1));
      expect(await due(RELATED_QUEUE)).toEqual([{ articleId: id }]);
      expect((await getArticleBySlug(store.db, slug))?.bodyHtml).toContain('in April');
    });
  });
}
