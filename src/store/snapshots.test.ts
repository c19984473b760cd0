// A source's snapshot retention: every snapshot by default, else the newest N of each article, applied when a
// snapshot is stored and, over the whole source, when an operator lowers it.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from './test-backends.js';
import type { Store } from './database.js';
import { createSource, getSourceById, updateSource } from './sources.js';
import { insertArticle } from './articles.js';
import { insertSnapshot, latestSnapshotOfPage, listSnapshots, pruneSourceSnapshots } from './snapshots.js';
import { testContent } from '../../test/support/fixtures.js';

const content = { ...testContent, bodyOrigin: 'page' as const };
const now = new Date('2026-11-20T12:00:00Z');
const served = (articleId: number, text: string) => ({
  articleId, versionId: null, url: 'https://s.test/a', fetchedAt: now.toISOString(), status: 200, contentType: 'text/html',
  etag: null, lastModified: null, bodyGzip: new Uint8Array([31, 139, 8]), sha256: text, sourceText: text,
});

for (const backend of testBackends()) {
  describe(`snapshot retention on ${backend.name}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
    });
    afterEach(async () => dispose());

    const articleOf = (sourceId: number, slug: string) =>
      insertArticle(store.db, { ...content, sourceId, feedId: null, entryKey: slug, slug, pubStatus: 'usable', holdReason: null }, now);

    it('keeps every snapshot unless the source says otherwise', async () => {
      const source = await createSource(store.db, { slug: 's', name: 'S', homeUrl: 'https://s.test/' });
      expect(source.keepSnapshots).toBeNull();
      const article = await articleOf(source.id, 'a');
      for (const text of ['one', 'two', 'three']) await insertSnapshot(store.db, served(article.id, text), source.keepSnapshots);
      expect((await listSnapshots(store.db, article.id)).map((s) => s.sourceText)).toEqual(['three', 'two', 'one']);
    });

    it('keeps the newest N of each article when a snapshot is stored, and leaves other articles alone', async () => {
      const source = await createSource(store.db, { slug: 's', name: 'S', homeUrl: 'https://s.test/', keepSnapshots: 2 });
      expect((await getSourceById(store.db, source.id))?.keepSnapshots).toBe(2);
      const [a, b] = [await articleOf(source.id, 'a'), await articleOf(source.id, 'b')];
      await insertSnapshot(store.db, served(b.id, 'b1'), 2);
      for (const text of ['a1', 'a2', 'a3', 'a4']) await insertSnapshot(store.db, served(a.id, text), 2);
      expect((await listSnapshots(store.db, a.id)).map((s) => s.sourceText)).toEqual(['a4', 'a3']);
      expect((await listSnapshots(store.db, b.id)).map((s) => s.sourceText)).toEqual(['b1']);
    });

    it('prunes a whole source in one statement when its retention is lowered, and no other source', async () => {
      const source = await createSource(store.db, { slug: 's', name: 'S', homeUrl: 'https://s.test/' });
      const other = await createSource(store.db, { slug: 'o', name: 'O', homeUrl: 'https://o.test/' });
      const [a, b, c] = [await articleOf(source.id, 'a'), await articleOf(source.id, 'b'), await articleOf(other.id, 'c')];
      for (const [article, texts] of [[a, ['a1', 'a2', 'a3']], [b, ['b1']], [c, ['c1', 'c2']]] as const) {
        for (const text of texts) await insertSnapshot(store.db, served(article.id, text));
      }
      await updateSource(store.db, source.id, { keepSnapshots: 1 });
      expect(await pruneSourceSnapshots(store.db, source.id, 1)).toBe(2);
      expect((await listSnapshots(store.db, a.id)).map((s) => s.sourceText)).toEqual(['a3']);
      expect((await listSnapshots(store.db, b.id)).map((s) => s.sourceText)).toEqual(['b1']);
      expect((await listSnapshots(store.db, c.id)).map((s) => s.sourceText)).toEqual(['c2', 'c1']);
      expect(await pruneSourceSnapshots(store.db, source.id, 1)).toBe(0);
      // Back to every snapshot: nothing is removed from now on.
      expect((await updateSource(store.db, source.id, { keepSnapshots: null }))?.keepSnapshots).toBeNull();
    });
    it('finds the newest snapshot of a page of one source, by the URL fetched or the article\'s original', async () => {
      const source = await createSource(store.db, { slug: 's', name: 'S', homeUrl: 'https://s.test/' });
      const other = await createSource(store.db, { slug: 'o', name: 'O', homeUrl: 'https://o.test/' });
      const a = await articleOf(source.id, 'a');
      const c = await insertArticle(store.db, { ...content, originalUrl: 'https://o.test/c', sourceId: other.id, feedId: null, entryKey: 'c', slug: 'c', pubStatus: 'usable', holdReason: null }, now);
      await insertSnapshot(store.db, served(a.id, 'older'));
      await insertSnapshot(store.db, { ...served(a.id, 'newer'), url: 'https://s.test/a?page=all' });
      await insertSnapshot(store.db, { ...served(c.id, 'other source'), url: 'https://s.test/a' });
      expect((await latestSnapshotOfPage(store.db, source.id, 'https://s.test/a'))?.sourceText).toBe('newer');
      expect((await latestSnapshotOfPage(store.db, source.id, 'https://s.test/a?page=all'))?.sourceText).toBe('newer');
      const stored = await latestSnapshotOfPage(store.db, source.id, 'https://s.test/a');
      expect([...stored!.bodyGzip]).toEqual([31, 139, 8]);
      // Another source's snapshot of the same address is not this source's page.
      expect((await latestSnapshotOfPage(store.db, other.id, 'https://s.test/a'))?.sourceText).toBe('other source');
      expect(await latestSnapshotOfPage(store.db, source.id, 'https://s.test/unknown')).toBeNull();
    });
  });
}
