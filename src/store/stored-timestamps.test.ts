import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from './test-backends.js';
import type { Store } from './database.js';
import { createSource } from './sources.js';
import { insertArticle, listPublished, setArticleState, type ArticleContent } from './articles.js';

const content: ArticleContent = {
  originalUrl: 'https://wire.test/a', headline: 'A story', subheadline: null, dateline: null, bodyHtml: '<p>Body.</p>', bodyText: 'Body.',
  bodyOrigin: 'page', byline: null, language: 'en', lead: null, topics: [], firstCreated: '2019-11-18T21:24:00-05:00',
  provenance: [{ role: 'publisher', name: 'Wire', url: null, date: '2019-11-18T21:24:00-05:00' }],
  rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
};

for (const backend of testBackends()) {
  describe(`timestamps written on ${backend.name}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
    });
    afterEach(async () => dispose());

    it('are stored as UTC ISO 8601 with Z whatever offset the caller hands over', async () => {
      const source = await createSource(store.db, { slug: 'wire', name: 'Wire', homeUrl: 'https://wire.test/' });
      const article = await insertArticle(store.db, { ...content, sourceId: source.id, feedId: null, entryKey: 'a', slug: 'a', pubStatus: 'usable', holdReason: null }, new Date());
      await setArticleState(store.db, article.id, {
        republishedAt: '2019-11-19T03:00:00+01:00', versionCreated: '2019-11-19T02:00:00Z', nextCheckAt: '2019-11-19T10:00:00+0530', withdrawnAt: null,
      }, new Date());
      const row = await store.db.selectFrom('articles').selectAll().where('id', '=', article.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        first_created: '2019-11-19T02:24:00.000Z', republished_at: '2019-11-19T02:00:00.000Z', version_created: '2019-11-19T02:00:00.000Z',
        next_check_at: '2019-11-19T04:30:00.000Z', withdrawn_at: null,
      });
      expect(JSON.parse(row.provenance)[0].date).toBe('2019-11-19T02:24:00.000Z');
      // A bound in another offset is compared as the same instant.
      expect(await listPublished(store.db, { limit: 5, since: '2019-11-19T03:00:00+01:00' })).toHaveLength(1);
      expect(await listPublished(store.db, { limit: 5, since: '2019-11-19T03:00:01+01:00' })).toHaveLength(0);
    });

    it('refuses a text that is not a moment instead of storing it', async () => {
      const source = await createSource(store.db, { slug: 'wire', name: 'Wire', homeUrl: 'https://wire.test/' });
      await expect(
        insertArticle(store.db, { ...content, firstCreated: 'Monday', sourceId: source.id, feedId: null, entryKey: 'a', slug: 'a', pubStatus: 'usable', holdReason: null }, new Date()),
      ).rejects.toThrow(/not a timestamp: Monday/);
    });
  });
}
