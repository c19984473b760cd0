import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from './test-backends.js';
import type { Store } from './database.js';
import { MIGRATIONS } from './migrations.js';
import { createSource, getSourceBySlug, listSources } from './sources.js';
import { addFeed, claimDueFeeds, recordFeedError, recordFeedSuccess, enableFeed, getFeed } from './feeds.js';
import {
  insertArticle, findArticleByEntry, uniqueSlug, listPublished, setArticleState, insertVersion, listVersions,
  addTombstone, isTombstoned, listDueChecks, fingerprintCandidatesQuery, listFingerprintCandidates, type ArticleContent,
} from './articles.js';
import { CompiledQuery, sql } from 'kysely';
import { insertComment, hasApprovedComment, listCommentsByStatus, setCommentStatus } from './comments.js';
import { LeaseLostError, releaseLease, renewLease } from './lease.js';

const content = (headline: string, url: string): ArticleContent => ({
  originalUrl: url, headline, subheadline: null, dateline: { text: 'LISBON (Wire)', place: 'LISBON', credit: 'Wire' },
  bodyHtml: '<p>Body.</p>', bodyText: 'Body.', bodyOrigin: 'feed', byline: 'A. Writer', language: 'en',
  lead: { url: 'https://ex.test/i.png', caption: 'A caption', credit: 'Photo: X' }, topics: ['politics'],
  firstCreated: '2026-11-20T10:00:00.000Z', provenance: [{ role: 'publisher', name: 'Wire', url }],
  rights: { license: 'CC BY 4.0', licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: 'abc',
});

for (const backend of testBackends()) {
  describe(`store on ${backend.name}`, () => {
    let store: Store;
    let url: string;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, url, dispose } = await backend.open());
    });
    afterEach(async () => dispose());

    it('applies the migrations once, in order', async () => {
      const { migrate } = await import('./database.js');
      expect(await migrate(store)).toBe(MIGRATIONS.length);
      expect(store.dialect).toBe(backend.name);
    });

    if (backend.name === 'sqlite') {
      it('opens SQLite in WAL mode, with foreign keys on and temporary files in memory', async () => {
        const pragma = async (name: string) => Object.values((await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(store.db)).rows[0])[0];
        expect(await pragma('journal_mode')).toBe('wal');
        expect(await pragma('foreign_keys')).toBe(1);
        expect(await pragma('temp_store')).toBe(2);
      });
    }

    it('stores sources with their policies and rules', async () => {
      await createSource(store.db, { slug: 'wire', name: 'Wire', homeUrl: 'https://wire.test/', license: 'CC BY 4.0', indexingPolicy: 'noindex-news', extractRules: { drop: ['.ad'] } });
      const source = await getSourceBySlug(store.db, 'wire');
      expect(source?.indexingPolicy).toBe('noindex-news');
      expect(source?.rights.license).toBe('CC BY 4.0');
      expect(source?.extractRules).toEqual({ drop: ['.ad'] });
      expect((await listSources(store.db)).map((s) => s.slug)).toEqual(['wire']);
      await expect(createSource(store.db, { slug: 'wire', name: 'Again', homeUrl: 'https://x.test/' })).rejects.toThrow();
    });

    it('leases due feeds to one worker and records errors and success', async () => {
      const source = await createSource(store.db, { slug: 's', name: 'S', homeUrl: 'https://s.test/' });
      const feed = await addFeed(store.db, { sourceId: source.id, url: 'https://s.test/feed' }, new Date('2026-11-01T00:00:00Z'));
      const now = new Date('2026-11-01T00:01:00Z');
      const lease = { owner: 'worker-a', now };
      expect((await claimDueFeeds(store.db, now, 10, 'worker-a')).map((f) => f.id)).toEqual([feed.id]);
      expect(await claimDueFeeds(store.db, now, 10, 'worker-b')).toEqual([]);
      await recordFeedError(store.db, feed.id, lease, { error: 'HTTP 500', nextPollAt: now, fetchedAt: now, disable: false });
      await claimDueFeeds(store.db, now, 10, 'worker-a');
      await recordFeedError(store.db, feed.id, lease, { error: 'HTTP 500', nextPollAt: now, fetchedAt: now, disable: true });
      let stored = await getFeed(store.db, feed.id);
      expect(stored?.consecutiveErrors).toBe(2);
      expect(stored?.disabledReason).toContain('HTTP 500');
      expect(await claimDueFeeds(store.db, new Date('2026-11-02T00:00:00Z'), 10, 'worker-a')).toEqual([]);
      expect(await enableFeed(store.db, feed.id, now)).toBe(true);
      await claimDueFeeds(store.db, now, 10, 'worker-a');
      await recordFeedSuccess(store.db, feed.id, lease, { etag: '"v1"', lastModified: null, nextPollAt: now, fetchedAt: now, title: 'T' });
      stored = await getFeed(store.db, feed.id);
      expect(stored).toMatchObject({ consecutiveErrors: 0, disabledReason: null, etag: '"v1"', title: 'T' });
    });

    // Reason for the skip: SQLite has one writer at a time, so two processes can never claim at once there;
    // the lease's conditional UPDATE is tested under real concurrency only on PostgreSQL.
    it.skipIf(backend.name !== 'postgres')('on PostgreSQL, never gives the same due feed to two worker processes claiming at once', async () => {
      const { openStore } = await import('./database.js');
      const source = await createSource(store.db, { slug: 's', name: 'S', homeUrl: 'https://s.test/' });
      const created = new Date('2026-11-01T00:00:00Z');
      for (let i = 0; i < 40; i++) await addFeed(store.db, { sourceId: source.id, url: `https://s.test/feed/${i}` }, created);
      const other = await openStore(url); // a second process's own connection(s)
      try {
        const now = new Date('2026-11-01T01:00:00Z');
        const rounds = await Promise.all([
          claimDueFeeds(store.db, now, 25, 'a'), claimDueFeeds(other.db, now, 25, 'b'), claimDueFeeds(store.db, now, 25, 'c'), claimDueFeeds(other.db, now, 25, 'd'),
        ]);
        const ids = rounds.flat().map((f) => f.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toHaveLength(40);
      } finally {
        await other.close();
      }
    });

    it('lets only the owner of a lease renew it or write under it, and refuses a write under a lapsed lease', async () => {
      const source = await createSource(store.db, { slug: 's', name: 'S', homeUrl: 'https://s.test/' });
      const feed = await addFeed(store.db, { sourceId: source.id, url: 'https://s.test/feed' }, new Date('2026-11-01T00:00:00Z'));
      const t0 = new Date('2026-11-01T00:01:00Z');
      await claimDueFeeds(store.db, t0, 10, 'slow-worker', 60_000);
      expect(await renewLease(store.db, 'feeds', feed.id, 'other-worker', t0, 60_000)).toBe(false);
      expect(await renewLease(store.db, 'feeds', feed.id, 'slow-worker', t0, 60_000)).toBe(true);
      // The slow worker's lease lapses; another takes the feed; the slow worker's late outcome is refused.
      const t1 = new Date(t0.getTime() + 5 * 60_000);
      expect((await claimDueFeeds(store.db, t1, 10, 'fast-worker', 60_000)).map((f) => f.id)).toEqual([feed.id]);
      const outcome = { etag: '"late"', lastModified: null, nextPollAt: t1, fetchedAt: t1 };
      await expect(recordFeedSuccess(store.db, feed.id, { owner: 'slow-worker', now: t1 }, outcome)).rejects.toBeInstanceOf(LeaseLostError);
      expect(await renewLease(store.db, 'feeds', feed.id, 'slow-worker', t1, 60_000)).toBe(false);
      await releaseLease(store.db, 'feeds', feed.id, 'slow-worker');
      expect(await claimDueFeeds(store.db, t1, 10, 'third-worker', 60_000)).toEqual([]);
      await recordFeedSuccess(store.db, feed.id, { owner: 'fast-worker', now: t1 }, { ...outcome, etag: '"v2"' });
      expect((await getFeed(store.db, feed.id))?.etag).toBe('"v2"');
      // After a lease ends, writing under it is refused too.
      await expect(recordFeedSuccess(store.db, feed.id, { owner: 'fast-worker', now: t1 }, outcome)).rejects.toBeInstanceOf(LeaseLostError);
    });

    it('keeps articles, versions, identity and tombstones', async () => {
      const source = await createSource(store.db, { slug: 's', name: 'S', homeUrl: 'https://s.test/' });
      const now = new Date('2026-11-20T12:00:00Z');
      const slug = await uniqueSlug(store.db, 'Ministers Meet in Lisbon!');
      expect(slug).toBe('ministers-meet-in-lisbon');
      const article = await insertArticle(store.db, { ...content('Ministers Meet in Lisbon!', 'https://s.test/a'), sourceId: source.id, feedId: null, entryKey: 'guid-1', slug, pubStatus: 'usable', holdReason: null }, now);
      expect(await uniqueSlug(store.db, 'Ministers meet in Lisbon')).toBe('ministers-meet-in-lisbon-2');
      // Past the slugs looked up one by one, the rest are read in one go; a longer slug that begins the same is no clash.
      await insertArticle(store.db, { ...content('Ministers meet in Lisbon again', 'https://s.test/b'), sourceId: source.id, feedId: null, entryKey: 'guid-b', slug: 'ministers-meet-in-lisbon-again', pubStatus: 'usable', holdReason: null }, now);
      for (let n = 2; n <= 12; n++) {
        const next = await uniqueSlug(store.db, 'Ministers meet in Lisbon');
        expect(next).toBe(`ministers-meet-in-lisbon-${n}`);
        await insertArticle(store.db, { ...content('Ministers meet in Lisbon', `https://s.test/a${n}`), sourceId: source.id, feedId: null, entryKey: `guid-a${n}`, slug: next, pubStatus: 'usable', holdReason: null }, now);
      }
      const found = await findArticleByEntry(store.db, source.id, 'guid-1');
      expect(found?.dateline?.place).toBe('LISBON');
      expect(found?.lead?.credit).toBe('Photo: X');
      const version = await insertVersion(store.db, { articleId: article.id, kind: 'original', headline: 'h', bodyHtml: '<p>x</p>', contentHash: 'h1', note: null, state: 'published' }, now);
      await setArticleState(store.db, article.id, { republishedAt: now.toISOString(), publishedVersionId: version.id, nextCheckAt: now.toISOString() }, now);
      await insertVersion(store.db, { articleId: article.id, kind: 'correction', headline: 'h', bodyHtml: '<p>y</p>', contentHash: 'h2', note: 'Corrected.', state: 'pending' }, now);
      expect((await listVersions(store.db, article.id)).map((v) => v.kind)).toEqual(['correction', 'original']);
      expect((await listPublished(store.db, { limit: 10 })).map((a) => a.id)).toEqual([article.id]);
      const due = await store.db.transaction().execute((tx) => listDueChecks(tx, new Date('2026-11-21T00:00:00Z'), 5));
      expect(due.map((a) => a.id)).toEqual([article.id]);
      await addTombstone(store.db, source.id, 'guid-2', 'deleted by editor', now);
      await addTombstone(store.db, source.id, 'guid-2', 'again', now);
      expect(await isTombstoned(store.db, source.id, 'guid-2')).toBe(true);
      expect(await isTombstoned(store.db, source.id, 'guid-1')).toBe(false);
    });

    it('lists the same-story candidates: other sources, published, newest first, with their fingerprints', async () => {
      const now = new Date('2026-11-20T12:00:00Z');
      const mine = await createSource(store.db, { slug: 'mine', name: 'Mine', homeUrl: 'https://m.test/' });
      const other = await createSource(store.db, { slug: 'other', name: 'Other', homeUrl: 'https://o.test/' });
      const add = async (sourceId: number, key: string, fingerprint: string | null, published = true) => {
        const article = await insertArticle(store.db, { ...content(`Story ${key}`, `https://x.test/${key}`), fingerprint, sourceId, feedId: null, entryKey: key, slug: key, pubStatus: published ? 'usable' : 'withheld', holdReason: null }, now);
        if (published) await setArticleState(store.db, article.id, { republishedAt: now.toISOString() }, now);
        return article.id;
      };
      await add(mine.id, 'm1', 'f-mine');
      const older = await add(other.id, 'o1', 'f-older');
      await add(other.id, 'o2', null);
      await add(other.id, 'o3', 'f-held', false);
      const newer = await add(other.id, 'o4', 'f-newer');
      const candidates = await listFingerprintCandidates(store.db, mine.id, '2026-11-01T00:00:00Z', 10);
      expect(candidates).toEqual([{ id: newer, fingerprint: 'f-newer' }, { id: older, fingerprint: 'f-older' }]);
      if (backend.name === 'sqlite') {
        // Read from the index alone: the fingerprint lies after the body in the row, behind its overflow pages.
        const compiled = fingerprintCandidatesQuery(store.db, mine.id, '2026-11-01T00:00:00Z', 10).compile();
        const plan = await store.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]));
        expect(plan.rows.map((r) => r.detail).join(' | ')).toMatch(/COVERING INDEX articles_fingerprints/);
      }
    });

    it('keeps comments with their moderation status', async () => {
      const source = await createSource(store.db, { slug: 's', name: 'S', homeUrl: 'https://s.test/' });
      const now = new Date();
      const article = await insertArticle(store.db, { ...content('H', 'https://s.test/a'), sourceId: source.id, feedId: null, entryKey: 'k', slug: 'h', pubStatus: 'usable', holdReason: null }, now);
      const comment = await insertComment(store.db, { articleId: article.id, parentId: null, authorName: 'Ann', authorEmail: 'ann@example.test', authorUrl: null, bodySource: 'Hi', bodyHtml: '<p>Hi</p>', status: 'pending', ipBucket: '203.0.113.0/24', holdReason: 'first comment' });
      expect(await hasApprovedComment(store.db, 'ann@example.test')).toBe(false);
      expect(await setCommentStatus(store.db, comment.id, 'approved')).toBe(true);
      expect(await hasApprovedComment(store.db, 'ann@example.test')).toBe(true);
      const reply = await insertComment(store.db, { articleId: article.id, parentId: comment.id, authorName: 'Bo', authorEmail: null, authorUrl: null, bodySource: 'Re', bodyHtml: '<p>Re</p>', status: 'approved', ipBucket: null, holdReason: null });
      expect((await listCommentsByStatus(store.db, article.id, 'approved')).map((c) => [c.id, c.parentId])).toEqual([[comment.id, null], [reply.id, comment.id]]);
    });
  });
}
