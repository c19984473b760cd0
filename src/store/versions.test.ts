import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from './test-backends.js';
import type { Store } from './database.js';
import { createSource } from './sources.js';
import { insertArticle, insertVersion } from './articles.js';
import { getVersionById } from './versions.js';
import { testContent } from '../../test/support/fixtures.js';

const content = testContent;

for (const backend of testBackends()) {
  describe(`versions on ${backend.name}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
    });
    afterEach(async () => dispose());

    it('reads one version by id, and null for an unknown id', async () => {
      const source = await createSource(store.db, { slug: 's', name: 'S', homeUrl: 'https://s.test/' });
      const now = new Date('2026-11-20T12:00:00Z');
      const article = await insertArticle(store.db, { ...content, sourceId: source.id, feedId: null, entryKey: 'k', slug: 'h', pubStatus: 'usable', holdReason: null }, now);
      const version = await insertVersion(store.db, { articleId: article.id, kind: 'original', headline: 'Ferry route', bodyHtml: '<p>One.</p>', contentHash: 'x', note: null, state: 'published' }, now);
      expect(await getVersionById(store.db, version.id)).toEqual({
        id: version.id, articleId: article.id, headline: 'Ferry route', bodyHtml: '<p>One.</p>', createdAt: now.toISOString(),
      });
      expect(await getVersionById(store.db, version.id + 1000)).toBeNull();
    });
  });
}
