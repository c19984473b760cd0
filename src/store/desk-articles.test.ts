// The desk's article list on each backend: every state listed, newest first; search over headline and text
// (whatever the state); each filter (source, state, dates, fidelity verdict) alone and combined; pages.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from './test-backends.js';
import type { Store } from './database.js';
import { createSource } from './sources.js';
import { insertArticle, insertVersion, setArticleState } from './articles.js';
import { saveFidelityReport } from './fidelity-reports.js';
import { listArticlesForDesk, type DeskArticleFilter } from './desk-articles.js';
import { compareTexts } from '../fidelity/index.js';
import type { PubStatus } from '../model/types.js';

const now = new Date('2026-12-02T09:00:00Z');

for (const backend of testBackends()) describe(`the desk's article list (${backend.name})`, () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ store, dispose } = await backend.open());
    const wire = await createSource(store.db, { slug: 'wire', name: 'The Wire', homeUrl: 'https://wire.test/', license: 'CC BY 4.0' });
    const ledger = await createSource(store.db, { slug: 'ledger', name: 'Ledger', homeUrl: 'https://ledger.test/', license: 'CC BY 4.0' });
    const add = async (slug: string, sourceId: number, date: string, pubStatus: PubStatus, headline: string, body: string) => {
      const article = await insertArticle(store.db, {
        originalUrl: `https://x.test/${slug}`, headline, subheadline: null, dateline: null, bodyHtml: `<p>${body}</p>`, bodyText: body,
        bodyOrigin: 'page', byline: null, language: 'en', lead: null, topics: [], firstCreated: date, provenance: [],
        rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
        sourceId, feedId: null, entryKey: slug, slug, pubStatus, holdReason: pubStatus === 'withheld' ? 'cannot publish: missing field byline' : pubStatus === 'canceled' ? 'withdrawn by an editor: legal' : null,
      }, now);
      if (pubStatus !== 'withheld') await setArticleState(store.db, article.id, { republishedAt: date }, now);
      return article;
    };
    const lamps = await add('quay-lamps', wire.id, '2026-11-28T10:00:00.000Z', 'usable', 'Board to replace quay lamps', 'The harbour board agreed to replace twelve lamps.');
    const ferry = await add('ferry-fares', wire.id, '2026-11-30T10:00:00.000Z', 'usable', 'Ferry fares rise', 'Fares on the island ferry rise in January.');
    await add('budget-vote', ledger.id, '2026-12-01T08:00:00.000Z', 'withheld', 'Council budget vote', 'The harbour budget passed by one vote.');
    await add('old-story', ledger.id, '2026-11-20T08:00:00.000Z', 'canceled', 'A story taken down', 'Nothing to see about the harbour.');
    await saveFidelityReport(store.db, lamps.id, null, compareTexts('<p>Same text.</p>', '<p>Same text.</p>'), now);
    await saveFidelityReport(store.db, ferry.id, null, compareTexts('<p>Fares rise in January.</p><p>Pensioners travel free.</p>', '<p>Fares rise in January.</p>'), now);
    await insertVersion(store.db, { articleId: ferry.id, kind: 'update', headline: 'Ferry fares rise again', bodyHtml: '<p>More.</p>', contentHash: 'h', note: 'Updated.', state: 'pending' }, now);
  });
  afterEach(async () => dispose());

  const slugs = async (filter: Partial<DeskArticleFilter>) => (await listArticlesForDesk(store.db, { terms: [], limit: 50, ...filter })).map((r) => r.slug);

  it('lists every state, newest story first, with its source, state, reason, verdict and waiting updates', async () => {
    const rows = await listArticlesForDesk(store.db, { terms: [], limit: 50 });
    expect(rows.map((r) => r.slug)).toEqual(['budget-vote', 'ferry-fares', 'quay-lamps', 'old-story']);
    expect(rows[0]).toMatchObject({ sourceName: 'Ledger', pubStatus: 'withheld', holdReason: 'cannot publish: missing field byline', faithful: null, pendingVersions: 0 });
    expect(rows[1]).toMatchObject({ sourceName: 'The Wire', pubStatus: 'usable', faithful: false, pendingVersions: 1, date: '2026-11-30T10:00:00.000Z' });
    expect(rows[2]).toMatchObject({ faithful: true });
  });

  it('searches headlines and text in every state, every word required, the last one as a prefix', async () => {
    expect(await slugs({ terms: ['harbour'] })).toEqual(['budget-vote', 'quay-lamps', 'old-story']);
    expect(await slugs({ terms: ['harbour', 'budget'] })).toEqual(['budget-vote']);
    expect(await slugs({ terms: ['ferry'] })).toEqual(['ferry-fares']);
    expect(await slugs({ terms: ['lam'] })).toEqual(['quay-lamps']);
    expect(await slugs({ terms: ['submarine'] })).toEqual([]);
  });

  it('filters by source, state, waiting review, dates and fidelity verdict, alone and together', async () => {
    const wire = (await store.db.selectFrom('sources').select('id').where('slug', '=', 'wire').executeTakeFirstOrThrow()).id;
    expect(await slugs({ sourceId: wire })).toEqual(['ferry-fares', 'quay-lamps']);
    expect(await slugs({ state: 'published' })).toEqual(['ferry-fares', 'quay-lamps']);
    expect(await slugs({ state: 'held' })).toEqual(['budget-vote']);
    expect(await slugs({ state: 'withdrawn' })).toEqual(['old-story']);
    expect(await slugs({ state: 'review' })).toEqual(['ferry-fares']);
    expect(await slugs({ since: '2026-11-28T00:00:00.000Z', until: '2026-11-30T00:00:00.000Z' })).toEqual(['quay-lamps']);
    expect(await slugs({ since: '2026-11-30T00:00:00.000Z' })).toEqual(['budget-vote', 'ferry-fares']);
    expect(await slugs({ fidelity: 'unfaithful' })).toEqual(['ferry-fares']);
    expect(await slugs({ fidelity: 'faithful' })).toEqual(['quay-lamps']);
    expect(await slugs({ fidelity: 'none' })).toEqual(['budget-vote', 'old-story']);
    expect(await slugs({ terms: ['harbour'], state: 'published', sourceId: wire, fidelity: 'faithful' })).toEqual(['quay-lamps']);
    expect(await slugs({ terms: ['harbour'], state: 'published', fidelity: 'unfaithful' })).toEqual([]);
  });

  it('pages through the list without repeating or skipping an article', async () => {
    const pages = [await slugs({ limit: 3, offset: 0 }), await slugs({ limit: 3, offset: 3 }), await slugs({ limit: 3, offset: 6 })];
    expect(pages).toEqual([['budget-vote', 'ferry-fares', 'quay-lamps'], ['old-story'], []]);
  });
});
