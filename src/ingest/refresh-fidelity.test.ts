// The fidelity report follows the texts: stored at publish, refreshed by a new source version and by an approved
// review; a source that allows no edits gets no altered copy, and its unfaithful automatic update waits for review.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from '../store/test-backends.js';
import type { Store } from '../store/database.js';
import type { SiteInfo, Source } from '../model/types.js';
import { createSource, type NewSource } from '../store/sources.js';
import { getArticleById, insertArticle, insertVersion, listVersions, type ArticleContent } from '../store/articles.js';
import { insertSnapshot, listSnapshots } from '../store/snapshots.js';
import { getFidelityReport } from '../store/fidelity-reports.js';
import { publishArticle } from './publish.js';
import { applySourceText } from './apply-change.js';
import { reportMissingFidelity } from './refresh-fidelity.js';
import { reviewVersion } from '../admin/actions.js';
import { silentLog, type IngestContext } from './context.js';
import { jobQueueOf } from '../jobs/open-queue.js';

const site: SiteInfo = { name: 'Harbour Desk', url: 'https://desk.test', description: 'd', language: 'en', disclaimerTemplate: 'The views expressed are not those of {site}.' };
const now = new Date('2026-11-20T12:00:00Z');
const content = (bodyHtml: string): ArticleContent => ({
  originalUrl: 'https://wire.test/a', headline: 'Ferries go electric', subheadline: null, dateline: null, bodyHtml, bodyText: bodyHtml.replace(/<[^>]+>/g, ' '),
  bodyOrigin: 'page', byline: 'Ana Lee', language: 'en', lead: null, topics: [], firstCreated: '2026-11-20T10:00:00.000Z', provenance: [],
  rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
});
const SERVED = 'Three routes switch to batteries.\nThe crews welcomed it.';
const FAITHFUL = '<p>Three routes switch to batteries.</p><p>The crews welcomed it.</p>';
const ALTERED = '<p>Three routes switch to batteries.</p><p>The crews opposed it.</p>';

for (const backend of testBackends()) {
  describe(`fidelity of stored articles on ${backend.name}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
    });
    afterEach(async () => dispose());

    const snapshot = (servedText: string) => ({
      url: 'https://wire.test/a', fetchedAt: now.toISOString(), status: 200, contentType: 'text/html', etag: null, lastModified: null,
      bodyGzip: new Uint8Array([31, 139]), sha256: 'x', sourceText: servedText,
    });

    /** An article taken from a page that served SERVED, stored with `bodyHtml`, not yet published. */
    async function takenArticle(sourceInput: Partial<NewSource>, bodyHtml: string) {
      const source = await createSource(store.db, { slug: 'wire', name: 'Kestrel Wire', homeUrl: 'https://wire.test/', license: 'CC BY 4.0', ...sourceInput });
      const article = await insertArticle(store.db, { ...content(bodyHtml), sourceId: source.id, feedId: null, entryKey: 'k', slug: source.slug === 'wire' ? 'ferries' : `ferries-${source.slug}`, pubStatus: 'withheld', holdReason: null }, now);
      const version = await insertVersion(store.db, { articleId: article.id, kind: 'original', headline: article.headline, bodyHtml: FAITHFUL, contentHash: 'h', note: null, state: 'published' }, now);
      await insertSnapshot(store.db, { ...snapshot(SERVED), articleId: article.id, versionId: version.id });
      return { source, article };
    }

    const publish = (article: Awaited<ReturnType<typeof takenArticle>>['article'], source: Source) =>
      store.db.transaction().execute((tx) => publishArticle(tx, article, source, site, now));

    it('stores a faithful report when an article is published', async () => {
      const { source, article } = await takenArticle({}, FAITHFUL);
      expect(await publish(article, source)).toEqual({ published: true });
      expect(await getFidelityReport(store.db, article.id)).toMatchObject({ faithful: true, counts: { altered: 0 }, computedAt: now.toISOString() });
    });

    it('publishes an altered copy of a source that allows edits, and says so in the report', async () => {
      const { source, article } = await takenArticle({}, ALTERED);
      expect(await publish(article, source)).toEqual({ published: true });
      expect(await getFidelityReport(store.db, article.id)).toMatchObject({ faithful: false, counts: { altered: 1 } });
    });

    it('refuses an altered copy of a no-derivatives source, with the reason', async () => {
      const { source, article } = await takenArticle({ license: 'CC BY-ND 4.0' }, ALTERED);
      const reason = 'cannot publish an altered copy: the license of source "wire" forbids changes (CC BY-ND 4.0)';
      expect(await publish(article, source)).toEqual({ published: false, reason });
      expect(await getArticleById(store.db, article.id)).toMatchObject({ pubStatus: 'withheld', holdReason: reason });
    });

    it('refuses an altered copy of a source with allowEdits: false', async () => {
      const altered = await takenArticle({ allowEdits: false }, ALTERED);
      expect(await publish(altered.article, altered.source)).toMatchObject({ published: false, reason: expect.stringContaining('allowEdits: false') });
    });

    it('gives published articles stored before reports existed their report, once', async () => {
      const { article } = await takenArticle({}, FAITHFUL);
      await store.db.updateTable('articles').set({ pub_status: 'usable' }).where('id', '=', article.id).execute();
      const held = await insertArticle(store.db, { ...content(FAITHFUL), sourceId: article.sourceId, feedId: null, entryKey: 'k2', slug: 'held', pubStatus: 'withheld', holdReason: 'x' }, now);
      await insertVersion(store.db, { articleId: held.id, kind: 'original', headline: held.headline, bodyHtml: FAITHFUL, contentHash: 'h2', note: null, state: 'published' }, now);
      expect(await getFidelityReport(store.db, article.id)).toBeNull();
      expect(await reportMissingFidelity(store.db, { site, now, batch: 1 })).toBe(1);
      expect(await getFidelityReport(store.db, article.id)).toMatchObject({ faithful: true, computedAt: now.toISOString() });
      // Held articles are not published, so they get none; a second pass finds nothing to do.
      expect(await getFidelityReport(store.db, held.id)).toBeNull();
      expect(await reportMissingFidelity(store.db, { site, now })).toBe(0);
    });

    it('publishes a faithful copy of a no-derivatives source', async () => {
      const { source, article } = await takenArticle({ license: 'Attribution-NoDerivatives 4.0' }, FAITHFUL);
      expect(await publish(article, source)).toEqual({ published: true });
    });

    describe('updates from the source', () => {
      const warnings: unknown[][] = [];
      const log = { ...silentLog, warn: (...args: unknown[]) => void warnings.push(args) };
      const ctxOf = (): IngestContext => ({ store, jobs: jobQueueOf(store), site, now: () => new Date('2026-11-21T09:00:00Z'), log } as unknown as IngestContext);
      const UPDATED_SERVED = 'Four routes switch to batteries.\nThe crews welcomed it.';
      const UPDATED_BODY = '<p>Four routes switch to batteries.</p><p>The crews welcomed it.</p>';

      async function published(sourceInput: Partial<NewSource>) {
        const { source, article } = await takenArticle(sourceInput, FAITHFUL);
        await publish(article, source);
        return { source, article: (await getArticleById(store.db, article.id))! };
      }

      it('refreshes the report when an automatic update is applied', async () => {
        const { source, article } = await published({});
        const outcome = await applySourceText(ctxOf(), article, source, content(UPDATED_BODY), snapshot(UPDATED_SERVED));
        expect(outcome).toBe('applied');
        expect(await getFidelityReport(store.db, article.id)).toMatchObject({ faithful: true, computedAt: '2026-11-21T09:00:00.000Z' });
      });

      it('keeps only the newest snapshots a source retains, and still compares with the newest', async () => {
        const { source, article } = await published({ keepSnapshots: 1 });
        expect(await applySourceText(ctxOf(), article, source, content(UPDATED_BODY), snapshot(UPDATED_SERVED))).toBe('applied');
        const kept = await listSnapshots(store.db, article.id);
        expect(kept.map((s) => s.sourceText)).toEqual([UPDATED_SERVED]);
        expect(await getFidelityReport(store.db, article.id)).toMatchObject({ faithful: true });
        // The default keeps every one.
        const every = await published({ slug: 'wire2' });
        await applySourceText(ctxOf(), every.article, every.source, content(UPDATED_BODY), snapshot(UPDATED_SERVED));
        expect((await listSnapshots(store.db, every.article.id)).map((s) => s.sourceText)).toEqual([UPDATED_SERVED, SERVED]);
      });

      it('holds for review an automatic update that would not be faithful to a no-derivatives source', async () => {
        const { source, article } = await published({ license: 'CC BY-ND 4.0' });
        // The page served says "Four routes"; the body taken from it lost a sentence.
        const outcome = await applySourceText(ctxOf(), article, source, content('<p>Four routes switch to batteries.</p>'), snapshot(UPDATED_SERVED));
        expect(outcome).toBe('queued');
        const [pending] = await listVersions(store.db, article.id);
        expect(pending).toMatchObject({ kind: 'update', state: 'pending', note: 'The source updated this story.' });
        expect(warnings).toEqual([['source update held for review', { slug: 'ferries', reason: expect.stringContaining('forbids changes (CC BY-ND 4.0)') }]]);
        expect((await getArticleById(store.db, article.id))?.bodyHtml).toBe(FAITHFUL);
        // The copy now lags the source's newest text: the report says so.
        expect(await getFidelityReport(store.db, article.id)).toMatchObject({ faithful: false, counts: { altered: 1 }, sourceUpdatePending: true });
        // The same source serving a faithful update is applied at once.
        const next = await applySourceText(ctxOf(), article, source, content('<p>Four routes switch to batteries.</p><p>The crews welcomed it, again.</p>'), snapshot('Four routes switch to batteries.\nThe crews welcomed it, again.'));
        expect(next).toBe('applied');
      });

      it('refreshes the report when a reviewed update is approved', async () => {
        const { source, article } = await published({ updatePolicy: 'review' });
        expect(await applySourceText(ctxOf(), article, source, content(UPDATED_BODY), snapshot(UPDATED_SERVED))).toBe('queued');
        expect(await getFidelityReport(store.db, article.id)).toMatchObject({ faithful: false, sourceUpdatePending: true });
        const [pending] = await listVersions(store.db, article.id);
        await reviewVersion(store, pending.id, 'approve', new Date('2026-11-22T09:00:00Z'));
        expect(await getFidelityReport(store.db, article.id)).toMatchObject({ faithful: true, computedAt: '2026-11-22T09:00:00.000Z', sourceUpdatePending: false });
      });
    });
  });
}
