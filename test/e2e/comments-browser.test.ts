// The author's 15 minutes in a real browser on the real server, without JavaScript tricks: post (held), follow the
// edit link the notice offers, change the text, see it published once approved with its own "Edit" link, and be
// told plainly once the 15 minutes have passed. The edit right lives in an HttpOnly cookie the page cannot read.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserAvailable, launchBrowser } from '../support/browser.js';
import { loadConfig } from '../../src/config/config.js';
import { openStore, type Store } from '../../src/store/database.js';
import { createSource } from '../../src/store/sources.js';
import { insertArticle, setArticleState } from '../../src/store/articles.js';
import { listPendingComments, getComment } from '../../src/store/comments.js';
import { siteDepsOf } from '../../src/cli/serve-command.js';
import { startSite, type RunningSite } from '../../src/site/server.js';
import { moderateComment } from '../../src/admin/actions.js';
import { EDIT_EXPIRED_MESSAGE } from '../../src/site/routes/comments.routes.js';
import { FORM_NEEDS_CONFIRMING_MESSAGE } from '../../src/site/routes/comments.routes.js';

describe.runIf(browserAvailable())('editing one\'s comment in a real browser', () => {
  let store: Store;
  let site: RunningSite;
  let browser: Browser;
  let context: BrowserContext;
  let dir: string;
  let articleUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'convey-comment-edit-'));
    const config = loadConfig({ CONVEY_SITE_NAME: 'Edit Desk', DATABASE_URL: `sqlite:${join(dir, 'e.db')}`, PORT: '0', CONVEY_COMMENT_MIN_SECONDS: '1' });
    store = await openStore(config.databaseUrl);
    const source = await createSource(store.db, { slug: 'wire', name: 'Wire', homeUrl: 'https://wire.test/', license: 'CC BY 4.0' });
    const now = new Date();
    const article = await insertArticle(store.db, {
      originalUrl: 'https://wire.test/a', headline: 'Harbour news', subheadline: null, dateline: null, bodyHtml: '<p>Text of the story.</p>',
      bodyText: 'Text of the story.', bodyOrigin: 'feed', byline: 'A. Writer', language: 'en', lead: null, topics: [], firstCreated: null,
      provenance: [], rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
      sourceId: source.id, feedId: null, entryKey: 'a', slug: 'harbour-news', pubStatus: 'usable', holdReason: null,
    }, now);
    await setArticleState(store.db, article.id, { republishedAt: now.toISOString() }, now);
    site = await startSite(siteDepsOf({ ...config, site: { ...config.site, url: 'http://127.0.0.1' } }, store), { host: '127.0.0.1', port: 0 });
    articleUrl = `${site.url}/articles/harbour-news`;
    browser = await launchBrowser();
    // No script at all: every step must work with plain links and forms.
    context = await browser.newContext({ javaScriptEnabled: false });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await site?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('edits within 15 minutes, and is told it is too late after', async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(articleUrl);
    await page.fill('textarea[name="body"]', 'A first draft with a tpyo.');
    await page.fill('input[name="name"]', 'Ann');
    await page.fill('input[name="email"]', 'ann@example.test');
    await page.waitForTimeout(1200);
    await page.click('form[action$="/comments"] [type="submit"]');
    // The cached page carries no form token and this browser runs no script: the form comes back once, with
    // the text kept and a token of its own, and the second send posts.
    expect(await page.textContent('body')).toContain(FORM_NEEDS_CONFIRMING_MESSAGE);
    expect(await page.inputValue('textarea[name="body"]')).toBe('A first draft with a tpyo.');
    await page.waitForTimeout(1200);
    await page.click('form[action$="/comments"] [type="submit"]');
    expect(page.url()).toMatch(/comment=pending/);

    const cookies = await context.cookies();
    const edit = cookies.find((c) => c.name.startsWith('convey_edit_'));
    expect(edit).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    await page.click('.comment-notice a.comment-edit-link');
    expect(await page.locator('h1').textContent()).toBe('Edit your comment');
    await page.fill('textarea[name="body"]', 'A first draft, typo fixed.');
    await page.click('form.comment-form [type="submit"]');
    expect(page.url()).toMatch(/comment=pending/);

    const [held] = await listPendingComments(store.db);
    expect(held.bodySource).toBe('A first draft, typo fixed.');
    await moderateComment(store, held.id, 'approve');
    await page.goto(articleUrl);
    const mine = page.locator(`#comment-${held.id}`);
    expect(await mine.locator('.comment-content').textContent()).toBe('A first draft, typo fixed.');
    expect(await mine.locator('a.comment-edit-link').count()).toBe(1);

    // Sixteen minutes on: the window counts from the comment's own time, whatever the cookie says.
    await store.db.updateTable('comments').set({ created_at: new Date(Date.now() - 16 * 60_000).toISOString() }).where('id', '=', held.id).execute();
    const late = await page.goto(`${articleUrl}/comments/${held.id}/edit`);
    expect(late?.status()).toBe(403);
    expect(await page.locator('main').textContent()).toContain(EDIT_EXPIRED_MESSAGE);
    await page.goto(articleUrl);
    expect(await page.locator(`#comment-${held.id} a.comment-edit-link`).count()).toBe(0);
    expect((await getComment(store.db, held.id))!.bodySource).toBe('A first draft, typo fixed.');
    await page.close();
  });
});
