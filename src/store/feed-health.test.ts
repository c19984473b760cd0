// Entries today per feed, counted in the store on both backends.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from './test-backends.js';
import type { Store } from './database.js';
import { createSource } from './sources.js';
import { addFeed } from './feeds.js';
import { insertArticle } from './articles.js';
import { countEntriesSince, startOfUtcDay } from './feed-health.js';
import { testContent } from '../../test/support/fixtures.js';

const content = { ...testContent, bodyOrigin: 'page' as const };

describe('startOfUtcDay', () => {
  it('is midnight UTC of the same UTC day', () => {
    expect(startOfUtcDay(new Date('2026-12-02T23:59:59.999Z')).toISOString()).toBe('2026-12-02T00:00:00.000Z');
    expect(startOfUtcDay(new Date('2026-12-02T00:00:00.000Z')).toISOString()).toBe('2026-12-02T00:00:00.000Z');
  });
});

for (const backend of testBackends()) {
  describe(`entries per feed on ${backend.name}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
    });
    afterEach(async () => dispose());

    it('counts the articles each feed brought in since a moment, and leaves out feeds with none', async () => {
      const source = await createSource(store.db, { slug: 's', name: 'S', homeUrl: 'https://s.test/' });
      const [busy, quiet, idle] = [
        await addFeed(store.db, { sourceId: source.id, url: 'https://s.test/busy.xml' }),
        await addFeed(store.db, { sourceId: source.id, url: 'https://s.test/quiet.xml' }),
        await addFeed(store.db, { sourceId: source.id, url: 'https://s.test/idle.xml' }),
      ];
      const taken = (feedId: number | null, slug: string, at: string) =>
        insertArticle(store.db, { ...content, sourceId: source.id, feedId, entryKey: slug, slug, pubStatus: 'usable', holdReason: null }, new Date(at));
      await taken(busy.id, 'b1', '2026-12-02T00:00:00Z');
      await taken(busy.id, 'b2', '2026-12-02T09:00:00Z');
      await taken(busy.id, 'yesterday', '2026-12-01T23:59:59Z');
      await taken(quiet.id, 'q1', '2026-12-02T08:00:00Z');
      await taken(null, 'no-feed', '2026-12-02T08:00:00Z');
      await taken(idle.id, 'old', '2026-11-30T08:00:00Z');
      const counts = await countEntriesSince(store.db, new Date('2026-12-02T00:00:00Z'));
      expect([...counts].sort(([a], [b]) => a - b)).toEqual([[busy.id, 2], [quiet.id, 1]]);
    });
  });
}
