import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from './test-backends.js';
import type { Store } from './database.js';
import { createSource, getSourceById, updateSource } from './sources.js';
import { deleteArticle, insertArticle, insertVersion } from './articles.js';
import { insertSnapshot } from './snapshots.js';
import { getLatestEditNote, getLatestSourceText } from './versions.js';
import { getFidelityReport, saveFidelityReport } from './fidelity-reports.js';
import { compareTexts } from '../fidelity/index.js';
import { testContent } from '../../test/support/fixtures.js';

const content = testContent;
const now = new Date('2026-11-20T12:00:00Z');

for (const backend of testBackends()) {
  describe(`fidelity reports on ${backend.name}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
    });
    afterEach(async () => dispose());

    async function article() {
      const source = await createSource(store.db, { slug: 's', name: 'S', homeUrl: 'https://s.test/' });
      return insertArticle(store.db, { ...content, sourceId: source.id, feedId: null, entryKey: 'k', slug: 'h', pubStatus: 'usable', holdReason: null }, now);
    }

    it('keeps one report an article, replaced by the next, and drops it with the article', async () => {
      const a = await article();
      expect(await getFidelityReport(store.db, a.id)).toBeNull();
      const edited = compareTexts('<p>The ferry sails at noon. It is full.</p>', '<p>The ferry sails at nine. It is full.</p>');
      await saveFidelityReport(store.db, a.id, null, edited, now);
      const stored = await getFidelityReport(store.db, a.id);
      expect(stored).toMatchObject({ articleId: a.id, faithful: false, counts: { omitted: 0, altered: 1, added: 0, moved: 0 }, computedAt: now.toISOString() });
      expect(stored?.report.altered[0].to).toBe('The ferry sails at nine.');
      const later = new Date('2026-11-21T08:00:00Z');
      await saveFidelityReport(store.db, a.id, null, compareTexts('<p>Same.</p>', '<p>Same.</p>'), later);
      expect(await getFidelityReport(store.db, a.id)).toMatchObject({ faithful: true, counts: { altered: 0 }, computedAt: later.toISOString() });
      await deleteArticle(store.db, a.id);
      expect(await getFidelityReport(store.db, a.id)).toBeNull();
    });

    it('finds the newest text from the source, with its snapshot, and skips editors’ edits', async () => {
      const a = await article();
      const original = await insertVersion(store.db, { articleId: a.id, kind: 'original', headline: 'One', bodyHtml: '<p>One.</p>', contentHash: '1', note: null, state: 'published' }, now);
      expect(await getLatestSourceText(store.db, a.id)).toEqual({ versionId: original.id, headline: 'One', bodyHtml: '<p>One.</p>', snapshotText: null });
      const update = await insertVersion(store.db, { articleId: a.id, kind: 'update', headline: 'Two', bodyHtml: '<p>Two.</p>', contentHash: '2', note: 'n', state: 'pending' }, now);
      await insertSnapshot(store.db, {
        articleId: a.id, versionId: update.id, url: 'https://s.test/a', fetchedAt: now.toISOString(), status: 200, contentType: 'text/html', etag: null,
        lastModified: null, bodyGzip: new Uint8Array([1, 2]), sha256: 'x', sourceText: 'Two as served.',
      });
      await insertVersion(store.db, { articleId: a.id, kind: 'edit', headline: 'Three', bodyHtml: '<p>Three.</p>', contentHash: '3', note: 'Shortened.', state: 'published' }, now);
      expect(await getLatestSourceText(store.db, a.id)).toEqual({ versionId: update.id, headline: 'Two', bodyHtml: '<p>Two.</p>', snapshotText: 'Two as served.' });
      expect(await getLatestEditNote(store.db, a.id)).toBe('Shortened.');
    });

    it('stores a source’s allowEdits, true by default', async () => {
      const source = await createSource(store.db, { slug: 'nd', name: 'ND', homeUrl: 'https://nd.test/' });
      expect(source.allowEdits).toBe(true);
      await updateSource(store.db, source.id, { allowEdits: false });
      expect((await getSourceById(store.db, source.id))?.allowEdits).toBe(false);
      expect((await createSource(store.db, { slug: 'nd2', name: 'ND2', homeUrl: 'https://nd2.test/', allowEdits: false })).allowEdits).toBe(false);
    });
  });
}
