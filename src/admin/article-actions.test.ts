// Deleting, rejecting, withdrawing and restoring an article, against a feed served on loopback: a deleted or
// rejected story never returns on the next poll; a withdrawn one answers 410 until it is restored.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from '../store/test-backends.js';
import { startLoopbackServer, type LoopbackServer } from '../../test/support/loopback-server.js';
import { loadConfig } from '../config/config.js';
import { createSource } from '../store/sources.js';
import { addFeed } from '../store/feeds.js';
import { getArticleBySlug, isTombstoned, listHeld, listPublished, setArticleState } from '../store/articles.js';
import { runIngestRound } from '../ingest/scheduler.js';
import { createClient, ingestContextOf, siteOf } from '../cli/runtime.js';
import { silentLog, type IngestContext } from '../ingest/context.js';
import { createApp } from '../site/app.js';
import { siteDepsOf } from '../cli/serve-command.js';
import { deleteArticleForGood, editArticle, publishAllHeld, rejectArticle, restoreArticle, withdrawArticle } from './article-actions.js';
import { listVersions } from '../store/articles.js';
import { getSourceBySlug, updateSource } from '../store/sources.js';
import { ActionError, republishHeld } from './actions.js';
import type { Store } from '../store/database.js';
import type { Config } from '../config/config.js';

const BODY = [
  'The council voted on Tuesday to close the old ferry landing for repairs after an inspection found rotten piles.',
  'Passengers will board from a temporary pontoon a short walk to the north until the work is done in the autumn.',
  'Ferry operators said the timetable would not change, though crossings may be slower at low tide for a while.',
].map((p) => `<p>${p}</p>`).join('');

function rss(origin: string) {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour News</title><link>${origin}/</link>
<item><title>Ferry landing to close for repairs</title><link>${origin}/ferry</link><guid isPermaLink="false">ferry-1</guid>
<pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate><description><![CDATA[${BODY}]]></description></item></channel></rss>`;
}

for (const backend of testBackends()) {
  describe(`article actions (${backend.name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let server: LoopbackServer;
    let clock: Date;
    let ctx: IngestContext;
    let config: Config;
    let slug: string;
    const later = (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000));
    const page = (path: string) => createApp(siteDepsOf(config, store)).request(path);

    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
      server = await startLoopbackServer();
      server.routes.set('/feed.xml', { type: 'application/rss+xml', body: rss(server.origin) });
      clock = new Date('2026-11-24T12:00:00Z');
      config = loadConfig({ CONVEY_SITE_NAME: 'Harbour Desk', CONVEY_SITE_URL: 'http://desk.test' });
      ctx = { ...ingestContextOf(config, store, createClient(config, [`127.0.0.1:${server.port}`]), silentLog), now: () => clock };
      const source = await createSource(store.db, { slug: 'harbour', name: 'Harbour News', homeUrl: `${server.origin}/`, license: 'CC BY 4.0' });
      await addFeed(store.db, { sourceId: source.id, url: `${server.origin}/feed.xml`, fetchFullText: 'never' }, clock);
      expect((await runIngestRound(ctx)).feeds[0].published).toBe(1);
      slug = (await listPublished(store.db, { limit: 1 }))[0].slug;
    });
    afterEach(async () => {
      await dispose();
      await server.close();
    });

    /** The next poll of the same feed, which still carries the story. */
    async function nextPoll() {
      later(120);
      return (await runIngestRound(ctx)).feeds[0];
    }

    it('delete: tombstones the entry, removes the article, and the next poll does not bring it back', async () => {
      await deleteArticleForGood(store, slug, 'published by mistake', clock);
      expect(await getArticleBySlug(store.db, slug)).toBeNull();
      expect((await page(`/articles/${slug}`)).status).toBe(404);
      const round = await nextPoll();
      expect(round).toMatchObject({ status: 'ok', entries: 1, added: 0, published: 0 });
      expect(await listPublished(store.db, { limit: 5 })).toEqual([]);
      expect(await getArticleBySlug(store.db, slug)).toBeNull();
    });

    it('reject: tombstones and withholds; neither the next poll, publish nor publish --all-held brings it back', async () => {
      await rejectArticle(store, slug, 'not our beat', clock);
      const article = await getArticleBySlug(store.db, slug);
      expect(article).toMatchObject({ pubStatus: 'withheld', holdReason: 'rejected by an editor: not our beat', nextCheckAt: null });
      expect(await isTombstoned(store.db, article!.sourceId, article!.entryKey)).toBe(true);
      expect((await nextPoll()).added).toBe(0);
      expect((await getArticleBySlug(store.db, slug))?.pubStatus).toBe('withheld');
      await expect(republishHeld(store, siteOf(config), slug, clock)).rejects.toThrow(/was rejected/);
      expect(await publishAllHeld(store, siteOf(config), clock)).toEqual({ published: [], stillHeld: [] });
      await restoreArticle(store, siteOf(config), slug, clock);
      expect((await getArticleBySlug(store.db, slug))?.pubStatus).toBe('usable');
    });

    it('withdraw answers 410 and restore publishes again', async () => {
      await withdrawArticle(store, slug, 'legal review', clock);
      expect(await getArticleBySlug(store.db, slug)).toMatchObject({ pubStatus: 'canceled', holdReason: 'withdrawn by an editor: legal review' });
      expect((await page(`/articles/${slug}`)).status).toBe(410);
      await expect(withdrawArticle(store, slug, 'again', clock)).rejects.toBeInstanceOf(ActionError);
      await restoreArticle(store, siteOf(config), slug, clock);
      expect((await page(`/articles/${slug}`)).status).toBe(200);
    });

    it('publish --all-held publishes what is fixable now and reports what stays held', async () => {
      const unnamed = { ...siteOf(config), name: '' };
      const article = (await getArticleBySlug(store.db, slug))!;
      await setArticleState(store.db, article.id, { pubStatus: 'withheld', holdReason: 'cannot publish: the site has no name (set CONVEY_SITE_NAME)' }, clock);
      const still = await publishAllHeld(store, unnamed, clock);
      expect(still).toEqual({ published: [], stillHeld: [{ slug, reason: 'cannot publish: the site has no name (set CONVEY_SITE_NAME)' }] });
      expect(await publishAllHeld(store, siteOf(config), clock)).toEqual({ published: [slug], stillHeld: [] });
      expect(await listHeld(store.db)).toEqual([]);
    });

    it('a fresh copy says it is faithful and links its fidelity page, which is noindex and has no script', async () => {
      const article = await (await page(`/articles/${slug}`)).text();
      expect(article).toMatch(new RegExp(`<p class="fidelity-line faithful"><a href="/articles/${slug}/fidelity">Faithful to the source as of <time datetime="[^"]+">`));
      const fidelity = await page(`/articles/${slug}/fidelity`);
      expect(fidelity.status).toBe(200);
      expect(fidelity.headers.get('x-robots-tag')).toBe('noindex');
      const text = await fidelity.text();
      expect(text).toContain('<meta name="robots" content="noindex">');
      expect(text).not.toContain('<script');
      expect(text.match(/<tr class="row-same">/g)).toHaveLength(4);
      expect(text).not.toMatch(/class="row-(altered|omitted|added|moved)"/);
      expect((await page('/articles/no-such-story/fidelity')).status).toBe(404);
    });

    it('edit: a version of kind edit with the note, the new text published, the change shown to readers', async () => {
      const edited = BODY.replace('found rotten piles', 'found several rotten piles');
      const report = await editArticle(store, siteOf(config), slug, { bodyHtml: edited, note: 'Clarified the inspection finding.' }, later(5));
      expect(report?.counts).toEqual({ omitted: 0, altered: 1, added: 0, moved: 0 });
      const [version] = await listVersions(store.db, (await getArticleBySlug(store.db, slug))!.id);
      expect(version).toMatchObject({ kind: 'edit', state: 'published', note: 'Clarified the inspection finding.' });
      const article = await (await page(`/articles/${slug}`)).text();
      expect(article).toContain('several rotten piles');
      expect(article).toContain(`<a href="/articles/${slug}/fidelity">Edited from the original: 0 omitted, 1 altered, 0 added</a>. <span class="editor-note">Editor’s note: Clarified the inspection finding.</span>`);
      const fidelity = await (await page(`/articles/${slug}/fidelity`)).text();
      expect(fidelity).toContain('<ins>several </ins>');
      expect(fidelity).toContain('Clarified the inspection finding.');
    });

    it('edit is refused for a source whose license or setting forbids changes, and without a note', async () => {
      await expect(editArticle(store, siteOf(config), slug, { bodyHtml: BODY, note: ' ' })).rejects.toThrow('needs a note');
      const source = (await getSourceBySlug(store.db, 'harbour'))!;
      await updateSource(store.db, source.id, { license: 'CC BY-ND 4.0' });
      await expect(editArticle(store, siteOf(config), slug, { bodyHtml: '<p>Shorter.</p>', note: 'Cut.' })).rejects.toThrow(
        `cannot edit "${slug}": the license of source "harbour" forbids changes (CC BY-ND 4.0)`,
      );
      await updateSource(store.db, source.id, { license: 'CC BY 4.0', allowEdits: false });
      await expect(editArticle(store, siteOf(config), slug, { bodyHtml: '<p>Shorter.</p>', note: 'Cut.' })).rejects.toBeInstanceOf(ActionError);
      expect((await getArticleBySlug(store.db, slug))?.bodyHtml).toBe(BODY);
    });
  });
}
