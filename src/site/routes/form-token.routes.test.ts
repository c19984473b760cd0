// The article page is cached without a form token; the token is fetched apart, so that a page served from a
// cache (or revalidated with 304) a day later still posts, with JavaScript (a fresh token) and without (the
// form comes back once with the reader's text and a token).
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from '../../store/test-backends.js';
import type { Store } from '../../store/database.js';
import { loadConfig } from '../../config/config.js';
import { createSource } from '../../store/sources.js';
import { insertArticle, setArticleState } from '../../store/articles.js';
import { listCommentsByStatus } from '../../store/comments.js';
import { siteDepsOf } from '../../cli/serve-command.js';
import { createApp } from '../app.js';
import { startPageCache, type PageCacheRuntime } from '../page-cache-invalidation.js';
import { FORM_NEEDS_CONFIRMING_MESSAGE } from './comments.routes.js';

const [sqlite] = testBackends();
const SECRET = 'a-secret-for-the-form-token-tests';
const DAY_AND_AN_HOUR_MS = 25 * 3600_000;

describe('the comment form token of a cached page', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let runtime: PageCacheRuntime;
  let clock: number;
  let app: ReturnType<typeof createApp>;
  let articleId: number;

  beforeEach(async () => {
    ({ store, dispose } = await sqlite.open());
    clock = new Date('2026-11-27T12:00:00Z').getTime();
    const now = new Date(clock);
    const source = await createSource(store.db, { slug: 'wire', name: 'Wire', homeUrl: 'https://wire.test/', license: 'CC BY 4.0' });
    const article = await insertArticle(store.db, {
      originalUrl: 'https://wire.test/a', headline: 'Harbour news', subheadline: null, dateline: null, bodyHtml: '<p>Text of the story.</p>',
      bodyText: 'Text of the story.', bodyOrigin: 'feed', byline: 'A. Writer', language: 'en', lead: null, topics: [], firstCreated: null,
      provenance: [], rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
      sourceId: source.id, feedId: null, entryKey: 'a', slug: 'harbour-news', pubStatus: 'usable', holdReason: null,
    }, now);
    await setArticleState(store.db, article.id, { republishedAt: now.toISOString() }, now);
    articleId = article.id;
    // The cache keeps pages longer than a token lives, so that the test shows a page outliving its tokens.
    runtime = startPageCache(store, { now: () => clock, maxAgeMs: 7 * 24 * 3600_000 });
    const config = loadConfig({ CONVEY_SITE_NAME: 'Desk', CONVEY_SITE_URL: 'http://desk.test', CONVEY_SECRET: SECRET });
    app = createApp({ ...siteDepsOf(config, store), pageCache: runtime, now: () => new Date(clock) });
  });
  afterEach(async () => {
    await runtime.close();
    await dispose();
  });

  const later = (ms: number) => (clock += ms);
  const send = (fields: Record<string, string>) =>
    app.request('/articles/harbour-news/comments', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://desk.test' },
      body: new URLSearchParams(fields).toString(),
    });
  const fetchToken = async () => {
    const res = await app.request('/articles/harbour-news/comments/token');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    return ((await res.json()) as { token: string }).token;
  };
  const tokenIn = (html: string) => /name="form_token" value="([^"]*)"/.exec(html)?.[1];
  const stored = async () => (await listCommentsByStatus(store.db, articleId, 'pending')).concat(await listCommentsByStatus(store.db, articleId, 'approved'));

  it('caches the page without a token; the token comes from a no-store address, one per request', async () => {
    const page = await app.request('/articles/harbour-news');
    expect(tokenIn(await page.text())).toBe('');
    expect(page.headers.get('cache-control')).toMatch(/^public/);
    const [a, b] = [await fetchToken(), await fetchToken()];
    expect(a).not.toBe(b);
  });

  it('a page revalidated more than a day later still posts: with a fetched token, and without one after a confirmation', async () => {
    const first = await app.request('/articles/harbour-news');
    const etag = first.headers.get('etag')!;
    const oldToken = await fetchToken();
    later(DAY_AND_AN_HOUR_MS);

    // The browser revalidates its copy: the page has not changed, so it keeps it (and nothing in it expired).
    const revalidated = await app.request('/articles/harbour-news', { headers: { 'If-None-Match': etag } });
    expect(revalidated.status).toBe(304);

    // With JavaScript: the script's fresh token posts.
    const token = await fetchToken();
    later(10_000);
    const posted = await send({ form_token: token, name: 'Reader', body: 'Posted a day later.' });
    expect(posted.status).toBe(303);

    // A token fetched yesterday has expired: the form comes back with the text and a token that posts.
    later(10_000);
    const expired = await send({ form_token: oldToken, name: 'Reader', body: 'With yesterday’s token.' });
    expect(expired.status).toBe(409);
    expect(expired.headers.get('cache-control')).toBe('no-store');
    const again = await expired.text();
    expect(again).toContain(FORM_NEEDS_CONFIRMING_MESSAGE);
    expect(again).toContain('With yesterday’s token.');
    later(10_000);
    expect((await send({ form_token: tokenIn(again)!, name: 'Reader', body: 'With yesterday’s token.' })).status).toBe(303);

    // Without JavaScript the form has no token: the same confirmation, then the post.
    later(10_000);
    const noScript = await send({ form_token: '', name: 'Reader', body: 'No script here.' });
    expect(noScript.status).toBe(409);
    const confirm = await noScript.text();
    expect(tokenIn(confirm)).toMatch(/^f1\./);
    later(10_000);
    expect((await send({ form_token: tokenIn(confirm)!, name: 'Reader', body: 'No script here.' })).status).toBe(303);
    expect((await stored()).map((c) => c.bodySource).sort()).toEqual(['No script here.', 'Posted a day later.', 'With yesterday’s token.']);
  });

  it('still refuses a forged token outright, and stores nothing', async () => {
    const forged = await send({ form_token: 'f1.1.1.AAAAAAAAAAAA.bad', name: 'Reader', body: 'Forged.' });
    expect(forged.status).toBe(403);
    expect(await stored()).toEqual([]);
  });
});
