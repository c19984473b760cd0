// A long discussion comes a page of threads at a time, with links between the pages.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from '../../store/test-backends.js';
import { loadConfig } from '../../config/config.js';
import { createSource } from '../../store/sources.js';
import { insertArticle, setArticleState } from '../../store/articles.js';
import { insertComment } from '../../store/comments.js';
import { siteDepsOf } from '../../cli/serve-command.js';
import { createApp } from '../app.js';
import { COMMENT_THREADS_PER_PAGE } from './article.routes.js';
import type { Store } from '../../store/database.js';

const [sqlite] = testBackends();

describe('comment pages', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: ReturnType<typeof createApp>;

  beforeEach(async () => {
    ({ store, dispose } = await sqlite.open());
    app = createApp(siteDepsOf(loadConfig({ CONVEY_SITE_NAME: 'Desk', CONVEY_SITE_URL: 'http://desk.test' }), store));
    const now = new Date('2026-11-27T12:00:00Z');
    const source = await createSource(store.db, { slug: 'wire', name: 'Wire', homeUrl: 'https://wire.test/', license: 'CC BY 4.0' });
    const article = await insertArticle(store.db, {
      originalUrl: 'https://wire.test/a', headline: 'Harbour news', subheadline: null, dateline: null, bodyHtml: '<p>Text of the story.</p>',
      bodyText: 'Text of the story.', bodyOrigin: 'feed', byline: 'A. Writer', language: 'en', lead: null, topics: [], firstCreated: null,
      provenance: [], rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
      sourceId: source.id, feedId: null, entryKey: 'a', slug: 'harbour-news', pubStatus: 'usable', holdReason: null,
    }, now);
    await setArticleState(store.db, article.id, { republishedAt: now.toISOString() }, now);
    for (let i = 1; i <= COMMENT_THREADS_PER_PAGE + 1; i++) {
      await insertComment(store.db, {
        articleId: article.id, parentId: null, authorName: `Reader ${i}`, authorEmail: null, authorUrl: null,
        bodySource: `Comment number ${i}.`, bodyHtml: `<p>Comment number ${i}.</p>`, status: 'approved', ipBucket: null, holdReason: null,
      });
    }
  });
  afterEach(async () => dispose());

  it('shows the first page of threads with a link to the next, and the rest on the next page', async () => {
    const first = await (await app.request('/articles/harbour-news')).text();
    expect(first).toContain('Comment number 1.');
    expect(first).not.toContain(`Comment number ${COMMENT_THREADS_PER_PAGE + 1}.`);
    expect(first).toMatch(/href="\/articles\/harbour-news\?cpage=2#comments"/);
    const second = await (await app.request('/articles/harbour-news?cpage=2')).text();
    expect(second).toContain(`Comment number ${COMMENT_THREADS_PER_PAGE + 1}.`);
    expect(second).not.toContain('Comment number 1.<');
    const odd = await app.request('/articles/harbour-news?cpage=0x2');
    expect(odd.status).toBe(200);
    expect(await odd.text()).toContain('Comment number 1.');
  });
});
