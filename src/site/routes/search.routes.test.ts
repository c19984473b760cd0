// /search over a store filled by hand, on both stores: snippets escaped with the match in <mark>, filters by
// source and date, pages that keep the filters, and any input answered without a 500.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testBackends } from '../../store/test-backends.js';
import { loadConfig } from '../../config/config.js';
import { createSource } from '../../store/sources.js';
import { insertArticle, setArticleState } from '../../store/articles.js';
import { siteDepsOf } from '../../cli/serve-command.js';
import { createApp } from '../app.js';
import type { Store } from '../../store/database.js';
import type { Source } from '../../model/types.js';
import { parseHtml } from '../testdata/dom.js';
import { parseDay } from './search.routes.js';

async function publish(db: Store['db'], source: Source, slug: string, headline: string, text: string, date: string) {
  const article = await insertArticle(
    db,
    {
      originalUrl: `${source.homeUrl}${slug}`, headline, subheadline: null, dateline: null, bodyHtml: `<p>${text.replace(/</g, '&lt;')}</p>`,
      bodyText: text, bodyOrigin: 'feed', byline: null, language: 'en', lead: null, topics: [], firstCreated: date,
      provenance: [], rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
      sourceId: source.id, feedId: null, entryKey: slug, slug, pubStatus: 'usable', holdReason: null,
    },
    new Date(date),
  );
  await setArticleState(db, article.id, { republishedAt: date }, new Date(date));
}

describe('search dates', () => {
  it('are calendar days or nothing', () => {
    expect(parseDay('2026-02-28')?.toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(parseDay('2026-02-30')).toBeNull();
    expect(parseDay('yesterday')).toBeNull();
  });
});

for (const backend of testBackends()) {
  describe(`the search page (${backend.name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let app: ReturnType<typeof createApp>;

    beforeAll(async () => {
      ({ store, dispose } = await backend.open());
      app = createApp(siteDepsOf(loadConfig({ CONVEY_SITE_NAME: 'Desk', CONVEY_SITE_URL: 'https://desk.test' }), store));
      const wire = await createSource(store.db, { slug: 'wire', name: 'Wire', homeUrl: 'https://wire.test/', license: 'CC BY 4.0' });
      const paper = await createSource(store.db, { slug: 'paper', name: 'Paper', homeUrl: 'https://paper.test/', license: 'CC BY 4.0' });
      await publish(store.db, wire, 'xss', 'Harbour <script>window.pwned=1</script>', 'The harbour <img src=x onerror="window.pwned=1"> reopened.', '2026-03-01T10:00:00Z');
      for (let i = 0; i < 25; i++) {
        await publish(store.db, i % 2 ? wire : paper, `ferry-${i}`, `Ferry timetable ${i}`, `Ferry crossings to the islands, week ${i}.`, new Date(Date.UTC(2026, 3, 1 + i, 9)).toISOString());
      }
    });
    afterAll(async () => dispose());

    it('marks the match in an escaped snippet, and nothing from the text runs', async () => {
      const res = await app.request('/search?q=harbour');
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).not.toContain('<script>window.pwned');
      expect(body).not.toContain('<img src=x');
      const dom = parseHtml(body);
      expect(dom.all('.search-results li')).toHaveLength(1);
      expect(dom.text('.search-results .snippet mark')).toBe('harbour');
      expect(dom.text('.search-results .snippet')).toBe('The harbour <img src=x onerror="window.pwned=1"> reopened.');
    });

    it('pages through results, keeping the filters in the links', async () => {
      const first = parseHtml(await (await app.request('/search?q=ferry&source=paper')).text());
      expect(first.all('.search-results li')).toHaveLength(13);
      const all = parseHtml(await (await app.request('/search?q=ferry')).text());
      expect(all.all('.search-results li')).toHaveLength(20);
      expect(all.attr('a[rel="next"]', 'href')).toBe('/search?q=ferry&page=2');
      const second = parseHtml(await (await app.request('/search?q=ferry&page=2')).text());
      expect(second.all('.search-results li')).toHaveLength(5);
      const dated = parseHtml(await (await app.request('/search?q=ferry&source=wire&from=2026-04-01&to=2026-04-10')).text());
      // Wire's stories are the odd days' ones: 2, 4, 6, 8 and 10 April.
      expect(dated.all('.search-results li')).toHaveLength(5);
      expect(dated.attr('#search-page-source option[selected]', 'value')).toBe('wire');
    });

    it('sets aside filters it cannot read, with a notice', async () => {
      const dom = parseHtml(await (await app.request('/search?q=ferry&from=someday&source=nobody')).text());
      expect(dom.text('main')).toContain('The from date is not a date');
      expect(dom.text('main')).toContain('There is no such source');
      expect(dom.all('.search-results li')).toHaveLength(20);
    });

    it('answers any input with a page, never a 500', async () => {
      const inputs = ['"', '"unbalanced', '(((', 'a AND', 'OR OR', 'NOT', '*', '***ferry', 'ferr*', '-', '^', ':', 'a:b', '&|!', "'", '\\', '😀', '😀 ferry', '%00', '%FF', '%E2%80%AE', 'x'.repeat(10_240), 'ferry '.repeat(1800), 'NEAR/2', '{a b}'];
      for (const input of inputs) {
        const q = input.startsWith('%') ? input : encodeURIComponent(input);
        for (const extra of ['', '&page=999999', '&page=-1', '&from=2026-13-45', '&to=%00', '&source=%27']) {
          const res = await app.request(`/search?q=${q}${extra}`);
          expect(res.status, `${input.slice(0, 20)}${extra}`).toBe(200);
        }
      }
      const dom = parseHtml(await (await app.request(`/search?q=${encodeURIComponent('😀 ferry 1')}`)).text());
      expect(dom.all('.search-results li').length).toBeGreaterThan(0);
    });
  });
}
