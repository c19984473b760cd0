// What an operator changes after setting up: sources edited and deleted, feeds re-pointed, disabled and removed,
// articles listed by state and deleted, tombstones lifted — on every backend.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from './test-backends.js';
import { createSource, deleteSource, getSourceBySlug, updateSource } from './sources.js';
import { addFeed, claimDueFeeds, disableFeed, getFeed, listFeeds, recordFeedSuccess, removeFeed, updateFeed } from './feeds.js';
import {
  addTombstone, countArticlesOfSource, deleteArticle, getArticleById, insertArticle, insertVersion, isTombstoned, listArticles, removeTombstone,
} from './articles.js';
import type { Store } from './database.js';
import type { PubStatus } from '../model/types.js';

for (const backend of testBackends()) {
  describe(`editing the store (${backend.name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    const now = new Date('2026-11-24T12:00:00Z');

    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
    });
    afterEach(async () => dispose());

    async function article(sourceId: number, feedId: number | null, key: string, pubStatus: PubStatus) {
      return insertArticle(store.db, {
        originalUrl: `https://s.test/${key}`, headline: `Story ${key}`, subheadline: null, dateline: null, bodyHtml: '<p>Text.</p>', bodyText: 'Text.',
        bodyOrigin: 'feed', byline: null, language: 'en', lead: null, topics: [], firstCreated: null, provenance: [],
        rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
        sourceId, feedId, entryKey: key, slug: `story-${key}`, pubStatus, holdReason: null,
      }, now);
    }

    it('changes only the given fields of a source, and clears one set to null', async () => {
      const source = await createSource(store.db, { slug: 's', name: 'Old', homeUrl: 'https://s.test/', license: 'CC BY 4.0', usageTerms: 'ask first' });
      const updated = await updateSource(store.db, source.id, { name: 'New', usageTerms: null, indexingPolicy: 'noindex-news', updatePolicy: 'review' });
      expect(updated).toMatchObject({ name: 'New', homeUrl: 'https://s.test/', indexingPolicy: 'noindex-news', updatePolicy: 'review' });
      expect(updated?.rights).toMatchObject({ license: 'CC BY 4.0', usageTerms: null });
      expect(await updateSource(store.db, 9999, { name: 'X' })).toBeNull();
    });

    it('re-points a feed afresh, disables and removes it; its articles stay', async () => {
      const source = await createSource(store.db, { slug: 's', name: 'S', homeUrl: 'https://s.test/' });
      const feed = await addFeed(store.db, { sourceId: source.id, url: 'https://s.test/old.xml' }, now);
      await claimDueFeeds(store.db, now, 1, 'worker');
      await recordFeedSuccess(store.db, feed.id, { owner: 'worker', now }, { etag: '"e"', lastModified: 'yesterday', nextPollAt: new Date('2026-11-25T00:00:00Z'), fetchedAt: now });
      const moved = await updateFeed(store.db, feed.id, { url: 'https://s.test/new.xml', fetchFullText: 'always' }, now);
      expect(moved).toMatchObject({ url: 'https://s.test/new.xml', fetchFullText: 'always', etag: null, lastModified: null, nextPollAt: now.toISOString() });
      expect(await disableFeed(store.db, feed.id, 'paused by the operator')).toBe(true);
      expect((await getFeed(store.db, feed.id))?.disabledReason).toBe('paused by the operator');
      const kept = await article(source.id, feed.id, 'a', 'usable');
      expect(await removeFeed(store.db, feed.id)).toBe(true);
      expect(await removeFeed(store.db, feed.id)).toBe(false);
      expect(await listFeeds(store.db)).toEqual([]);
      expect((await getArticleById(store.db, kept.id))?.feedId).toBeNull();
    });

    it('lists articles by source and state, counts them, and deletes one with its versions', async () => {
      const a = await createSource(store.db, { slug: 'a', name: 'A', homeUrl: 'https://a.test/' });
      const b = await createSource(store.db, { slug: 'b', name: 'B', homeUrl: 'https://b.test/' });
      const published = await article(a.id, null, 'a1', 'usable');
      await article(a.id, null, 'a2', 'canceled');
      await article(b.id, null, 'b1', 'usable');
      expect((await listArticles(store.db, { limit: 10, sourceId: a.id, state: 'usable' })).map((x) => x.slug)).toEqual(['story-a1']);
      expect((await listArticles(store.db, { limit: 10, state: 'canceled' })).map((x) => x.slug)).toEqual(['story-a2']);
      expect(await listArticles(store.db, { limit: 1 })).toHaveLength(1);
      expect(await countArticlesOfSource(store.db, a.id)).toEqual({ usable: 1, withheld: 0, canceled: 1 });
      await insertVersion(store.db, { articleId: published.id, kind: 'original', headline: 'h', bodyHtml: '<p>x</p>', contentHash: 'x', note: null, state: 'published' }, now);
      await deleteArticle(store.db, published.id);
      expect(await getArticleById(store.db, published.id)).toBeNull();
      await addTombstone(store.db, a.id, 'a1', 'deleted by an editor', now);
      await removeTombstone(store.db, a.id, 'a1');
      expect(await isTombstoned(store.db, a.id, 'a1')).toBe(false);
    });

    it('deletes a source with its feeds, articles and tombstones', async () => {
      const source = await createSource(store.db, { slug: 's', name: 'S', homeUrl: 'https://s.test/' });
      const feed = await addFeed(store.db, { sourceId: source.id, url: 'https://s.test/feed.xml' }, now);
      const story = await article(source.id, feed.id, 'k', 'usable');
      await addTombstone(store.db, source.id, 'gone', 'deleted by an editor', now);
      expect(await deleteSource(store.db, source.id)).toBe(true);
      expect(await getSourceBySlug(store.db, 's')).toBeNull();
      expect(await getFeed(store.db, feed.id)).toBeNull();
      expect(await getArticleById(store.db, story.id)).toBeNull();
      expect(await isTombstoned(store.db, source.id, 'gone')).toBe(false);
    });
  });
}
