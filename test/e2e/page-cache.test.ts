// Two real web processes on one store, each with its page cache: a change made through one of them (a comment
// approved with the admin API) or by another process altogether (this test writing to the store) shows on
// both, on PostgreSQL (LISTEN/NOTIFY) and on one SQLite file (the change counter).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testBackends } from '../../src/store/test-backends.js';
import { createSource } from '../../src/store/sources.js';
import { insertArticle, setArticleState, updateArticleContent } from '../../src/store/articles.js';
import { insertComment } from '../../src/store/comments.js';
import type { Store } from '../../src/store/database.js';
import { freePort, startConvey, waitFor, waitForSite, type ConveyProcess } from '../support/processes.js';

const ADMIN_TOKEN = 'an-admin-token-for-the-cache-test';
const T0 = new Date('2026-11-27T12:00:00Z');

const content = (headline: string, text: string) => ({
  originalUrl: 'https://wire.test/a', headline, subheadline: null, dateline: null, bodyHtml: `<p>${text}</p>`, bodyText: text,
  bodyOrigin: 'feed' as const, byline: 'A. Writer', language: 'en', lead: null, topics: [], firstCreated: null, provenance: [],
  rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
});

describe.each(testBackends())('the page caches of two web processes on $name', { timeout: 120_000 }, (backend) => {
  let store: Store;
  let url: string;
  let dispose: () => Promise<void>;
  const webs: ConveyProcess[] = [];
  let origins: string[] = [];
  let articleId: number;

  beforeAll(async () => {
    ({ store, url, dispose } = await backend.open());
    const source = await createSource(store.db, { slug: 'wire', name: 'Wire', homeUrl: 'https://wire.test/', license: 'CC BY 4.0' });
    const article = await insertArticle(store.db, { ...content('Harbour news', 'The first text.'), sourceId: source.id, feedId: null, entryKey: 'a', slug: 'harbour-news', pubStatus: 'usable', holdReason: null }, T0);
    await setArticleState(store.db, article.id, { republishedAt: T0.toISOString() }, T0);
    articleId = article.id;
    const env = { DATABASE_URL: url, CONVEY_SITE_NAME: 'Desk', CONVEY_SITE_URL: 'http://desk.test', CONVEY_SECRET: 'a-shared-secret-for-every-process', CONVEY_ADMIN_TOKEN: ADMIN_TOKEN };
    const ports = [await freePort(), await freePort()];
    origins = ports.map((port) => `http://127.0.0.1:${port}`);
    webs.push(...ports.map((port) => startConvey(['serve', '--no-ingest'], { ...env, PORT: String(port) })));
    await Promise.all(webs.map((web, i) => waitForSite(origins[i], web)));
  });
  afterAll(async () => {
    await Promise.all(webs.map((w) => w.stop()));
    await dispose();
  });

  const page = async (origin: string, path = '/articles/harbour-news') => {
    const res = await fetch(`${origin}${path}`);
    return { cache: res.headers.get('x-cache'), status: res.status, text: await res.text() };
  };
  const everywhere = (what: string, check: (text: string, status: number) => boolean, path?: string) =>
    waitFor(what, async () => (await Promise.all(origins.map((o) => page(o, path)))).every((p) => check(p.text, p.status)), 10_000, 50);

  it('serves from memory, and shows a comment approved through one process on both', async () => {
    for (const origin of origins) {
      await page(origin);
      expect((await page(origin)).cache).toBe('hit');
    }
    const held = await insertComment(store.db, {
      articleId, parentId: null, authorName: 'Reader', authorEmail: null, authorUrl: null, bodySource: 'Worth waiting for.',
      bodyHtml: '<p>Worth waiting for.</p>', status: 'pending', ipBucket: null, holdReason: null,
    });
    const approved = await fetch(`${origins[0]}/api/admin/comments/${held.id}/approve`, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(approved.status).toBe(200);
    // The process that approved shows it at once; the other as soon as it hears of it.
    expect((await page(origins[0])).text).toContain('Worth waiting for.');
    await everywhere('the approved comment on both', (text) => text.includes('Worth waiting for.'));
  });

  it('shows an update and a withdrawal written by another process, on the article and on the home page', async () => {
    for (const origin of origins) await page(origin, '/');
    await updateArticleContent(store.db, articleId, content('Harbour news, corrected', 'The corrected text.'), new Date(T0.getTime() + 60_000));
    await everywhere('the corrected text on both', (text) => text.includes('The corrected text.'));
    await everywhere('the corrected headline on both home pages', (text) => text.includes('Harbour news, corrected'), '/');
    await setArticleState(store.db, articleId, { pubStatus: 'canceled', withdrawnAt: new Date(T0.getTime() + 120_000).toISOString() }, new Date());
    await everywhere('the withdrawal on both', (_, status) => status === 410);
    await everywhere('the home pages without it', (text) => !text.includes('Harbour news, corrected'), '/');
  });
});
