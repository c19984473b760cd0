import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from '../store/test-backends.js';
import { createSource } from '../store/sources.js';
import { insertArticle, setArticleState, updateArticleContent, type ArticleContent } from '../store/articles.js';
import { searchArticles, searchTerms } from './search.js';
import { fts5Query, tsQuery } from '../store/search.js';
import type { Store } from '../store/database.js';

describe('search terms', () => {
  it('are words only, whatever the reader typed', () => {
    expect(searchTerms('Harbour  "OR" NEAR(x) -dredging* Ção')).toEqual(['harbour', 'or', 'near', 'x', 'dredging', 'ção']);
    expect(searchTerms('%%% ***')).toEqual([]);
    expect(fts5Query(['or', 'harb'])).toBe('"or" AND "harb"*');
    expect(tsQuery(['or', 'harb'])).toBe('or & harb:*');
  });
});

const content = (headline: string, text: string): ArticleContent => ({
  originalUrl: `https://s.test/${encodeURIComponent(headline)}`, headline, subheadline: null, dateline: null, bodyHtml: `<p>${text}</p>`,
  bodyText: text, bodyOrigin: 'feed', byline: null, language: 'en', lead: null, topics: [], firstCreated: null, provenance: [],
  rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
});

for (const backend of testBackends()) {
  describe(`searching articles (${backend.name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
      const source = await createSource(store.db, { slug: 's', name: 'S', homeUrl: 'https://s.test/' });
      const now = new Date('2026-11-20T10:00:00Z');
      const add = async (key: string, headline: string, text: string, published = true) => {
        const a = await insertArticle(store.db, { ...content(headline, text), sourceId: source.id, feedId: null, entryKey: key, slug: key, pubStatus: published ? 'usable' : 'withheld', holdReason: null }, now);
        if (published) await setArticleState(store.db, a.id, { republishedAt: now.toISOString() }, now);
        return a;
      };
      await add('dredging', 'Council backs harbour dredging', 'The channel will be deepened next spring.');
      await add('library', 'Library reopens on Quay Street', 'Readers returned to the renovated harbour library.');
      await add('held', 'Harbour story held back', 'Not yet published.', false);
      const ferry = await add('ferry', 'Ferries go electric', 'Three routes switch to batteries.');
      await updateArticleContent(store.db, ferry.id, { ...content('Ferries go electric at São Roque', 'Três rotas mudam para baterias.') }, now);
    });
    afterEach(async () => dispose());

    it('finds published articles with every word, headline matches first, never held ones', async () => {
      expect((await searchArticles(store.db, 'harbour', 10)).map((a) => a.slug)).toEqual(['dredging', 'library']);
      expect((await searchArticles(store.db, 'harbour library', 10)).map((a) => a.slug)).toEqual(['library']);
      expect((await searchArticles(store.db, 'dredg', 10)).map((a) => a.slug)).toEqual(['dredging']);
      expect(await searchArticles(store.db, 'NEAR(harbour) OR "', 10)).toEqual([]);
    });

    it('follows updates to the text, and finds words beyond ASCII', async () => {
      expect((await searchArticles(store.db, 'baterias', 10)).map((a) => a.slug)).toEqual(['ferry']);
      expect((await searchArticles(store.db, 'SÃO roque', 10)).map((a) => a.slug)).toEqual(['ferry']);
      expect(await searchArticles(store.db, 'batteries', 10)).toEqual([]);
    });
  });
}
