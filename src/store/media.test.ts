// Linking an article's images: one row per source URL, shared by every article that shows it, on both backends.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from './test-backends.js';
import type { Store } from './database.js';
import { createSource } from './sources.js';
import { insertArticle } from './articles.js';
import { linkArticleImages, markMediaStored } from './media.js';
import { testContent } from '../../test/support/fixtures.js';

const content = testContent;
const now = new Date('2026-12-01T12:00:00Z');

for (const backend of testBackends()) {
  describe(`article images (${backend.name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let sourceId: number;
    const article = (slug: string) => insertArticle(store.db, { ...content, originalUrl: `https://s.test/${slug}`, sourceId, feedId: null, entryKey: slug, slug, pubStatus: 'usable', holdReason: null }, now);
    const links = (articleId: number) => store.db.selectFrom('article_media').select(['media_id', 'role']).where('article_id', '=', articleId).orderBy('media_id').execute();

    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
      sourceId = (await createSource(store.db, { slug: 's', name: 'S', homeUrl: 'https://s.test/', license: 'CC BY 4.0' })).id;
    });
    afterEach(async () => {
      await dispose();
    });

    it('gives each image its row in the order listed, an image listed twice its first role, and a known image its row as it is', async () => {
      const first = await article('first');
      const [known] = await linkArticleImages(store.db, { articleId: first.id, versionId: null, sourceId, images: [{ url: 'https://s.test/known.jpg', role: 'body' }], status: 'pending' }, now);
      await markMediaStored(store.db, known.id, { sha256: 'a'.repeat(64), contentType: 'image/jpeg', width: 10, height: 10, variants: [], credit: 'Photo: S', copyright: null }, now);

      const second = await article('second');
      const images = [
        { url: 'https://s.test/lead.jpg', role: 'lead' as const },
        { url: 'https://s.test/known.jpg', role: 'body' as const },
        { url: 'https://s.test/lead.jpg', role: 'body' as const },
      ];
      const records = await linkArticleImages(store.db, { articleId: second.id, versionId: null, sourceId, images, status: 'pending' }, now);
      expect(records.map((r) => r.sourceUrl)).toEqual(images.map((i) => i.url));
      expect(records[0].id).toBe(records[2].id);
      expect(records[1]).toMatchObject({ id: known.id, status: 'stored', credit: 'Photo: S' });
      expect(records[0].status).toBe('pending');
      expect(await links(second.id)).toEqual(
        [{ media_id: records[0].id, role: 'lead' }, { media_id: known.id, role: 'body' }].sort((a, b) => a.media_id - b.media_id),
      );
      expect(await links(first.id)).toEqual([{ media_id: known.id, role: 'body' }]);
    });

    it('links a page with more images than one statement takes', async () => {
      const many = await article('many');
      const images = Array.from({ length: 450 }, (_, i) => ({ url: `https://s.test/${i}.jpg`, role: 'body' as const }));
      const records = await linkArticleImages(store.db, { articleId: many.id, versionId: null, sourceId, images, status: 'proxy' }, now);
      expect(new Set(records.map((r) => r.id)).size).toBe(450);
      expect(records.every((r, i) => r.sourceUrl === images[i].url && r.status === 'proxy')).toBe(true);
      expect(await links(many.id)).toHaveLength(450);
    });
  });
}
