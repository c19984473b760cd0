// The related-news cache on both stores: the fixture set's articles arrive one by one, each publication queues
// a refresh job, and the pages of earlier tellings pick up the later ones.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testBackends } from '../store/test-backends.js';
import { createSource } from '../store/sources.js';
import { setArticleState } from '../store/articles.js';
import { insertLabelledArticle } from '../../test/support/labelled-articles.js';
import { listArticlesListing, isRelatedRefreshed } from '../store/related.js';
import { jobQueueOf } from '../jobs/open-queue.js';
import { drainJobs } from '../jobs/worker.js';
import type { Store } from '../store/database.js';
import { loadLabelledArticles, type LabelledArticle } from './evaluate-related.js';
import { queueRelatedRefresh, refreshRelated, relatedRefreshHandler, RELATED_QUEUE } from './related-refresh.js';
import { loadRelatedNews } from './related-news.js';

const articles = loadLabelledArticles().sort((a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt));
const rootOf = (a: LabelledArticle) => a.copyOf ?? a.id;

for (const backend of testBackends()) {
  describe(`related news cached per article (${backend.name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    const ids = new Map<string, number>();
    const labels = new Map<number, LabelledArticle>();
    const limits = { sameStory: 3, topical: 4, copies: 10 };

    beforeAll(async () => {
      ({ store, dispose } = await backend.open());
      const sources = new Map<string, number>();
      for (const slug of new Set(articles.map((a) => a.source))) {
        sources.set(slug, (await createSource(store.db, { slug, name: slug, homeUrl: `https://${slug}.test/` })).id);
      }
      const jobs = jobQueueOf(store);
      await jobs.prepare([RELATED_QUEUE]);
      let clock = new Date(articles[0].publishedAt);
      const handler = relatedRefreshHandler({ db: store.db, now: () => clock });
      for (const a of articles) {
        clock = new Date(a.publishedAt);
        const row = await insertLabelledArticle(store.db, a, sources.get(a.source)!, clock);
        await setArticleState(store.db, row.id, { republishedAt: a.publishedAt }, clock);
        ids.set(a.id, row.id);
        labels.set(row.id, a);
        // As publishing does: the refresh is a job, run by the worker.
        await queueRelatedRefresh(jobs, row.id);
        expect((await drainJobs(jobs, [handler as never], { now: () => clock })).done).toBe(1);
      }
    }, 120_000);
    afterAll(async () => dispose());

    it('shows the same story from other sources, earlier tellings updated by later ones, never a copy', async () => {
      let precision = 0;
      let shownArticles = 0;
      for (const a of articles) {
        const id = ids.get(a.id)!;
        expect(await isRelatedRefreshed(store.db, id)).toBe(true);
        const news = await loadRelatedNews(store.db, id, limits);
        const shown = news.sameStory.map((s) => labels.get(s.id)!);
        const roots = new Set([rootOf(a)]);
        for (const s of shown) {
          expect(roots.has(rootOf(s)), `${a.id} shows ${s.id}, a near-duplicate`).toBe(false);
          roots.add(rootOf(s));
        }
        if (shown.length) {
          precision += shown.filter((s) => s.story === a.story).length / shown.length;
          shownArticles++;
        }
        const expectedCopies = articles.filter((o) => o.id !== a.id && o.source !== a.source && rootOf(o) === rootOf(a)).map((o) => o.id).sort();
        expect(news.copies.map((c) => labels.get(c.id)!.id).sort(), a.id).toEqual(expectedCopies);
        const topicalRoots = new Set([rootOf(a)]);
        for (const t of news.topical.map((s) => labels.get(s.id)!)) {
          expect(topicalRoots.has(rootOf(t)), `${a.id} lists ${t.id}, a near-duplicate, as topical`).toBe(false);
          topicalRoots.add(rootOf(t));
          expect(t.story === a.story && t.source !== a.source, `${a.id} lists ${t.id} as topical`).toBe(false);
          expect(rootOf(t) === rootOf(a), `${a.id} lists its copy ${t.id} as topical`).toBe(false);
        }
      }
      expect(shownArticles).toBe(articles.length);
      expect(precision / shownArticles).toBeGreaterThanOrEqual(0.9);
      // The first telling of the quay closure arrived first, and still lists the two that came after it.
      const first = await loadRelatedNews(store.db, ids.get('quay-gazette')!, limits);
      expect(first.sameStory.map((s) => labels.get(s.id)!.id).sort()).toEqual(['quay-courier', 'quay-wire']);
    });

    it('finds topical neighbours: the other Port Ellin harbour story of the week', async () => {
      const news = await loadRelatedNews(store.db, ids.get('dredge-gazette')!, limits);
      expect(news.topical.map((s) => labels.get(s.id)!.story)).toContain('quay-closure');
    });

    it('takes a withdrawn article off the lists that named it', async () => {
      const gone = ids.get('fire-wire')!;
      expect((await listArticlesListing(store.db, gone, ['story'])).length).toBeGreaterThan(0);
      await setArticleState(store.db, gone, { pubStatus: 'canceled' }, new Date());
      const report = await refreshRelated(store.db, gone, new Date());
      expect(report.refreshed.length).toBeGreaterThan(0);
      expect(await listArticlesListing(store.db, gone, ['story', 'copy'])).toEqual([]);
      expect(await isRelatedRefreshed(store.db, gone)).toBe(false);
    });
  });
}
