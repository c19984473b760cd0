// A real browser on the demo site: an editor changes one sentence of a demo article; its page then says it was
// edited (one sentence altered) and its fidelity page shows the change, the removed words struck and the added
// ones marked, with no script on the page.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserAvailable, launchBrowser } from '../support/browser.js';
import { fillWithDemoContent } from '../support/demo-store.js';
import { loadConfig } from '../../src/config/config.js';
import { openStore, type Store } from '../../src/store/database.js';
import { getArticleById, listPublished } from '../../src/store/articles.js';
import { getFidelityReport } from '../../src/store/fidelity-reports.js';
import { siteDepsOf } from '../../src/cli/serve-command.js';
import { siteOf } from '../../src/cli/runtime.js';
import { startSite, type RunningSite } from '../../src/site/server.js';
import { editArticle } from '../../src/admin/article-actions.js';
import type { Article } from '../../src/model/types.js';

const available = browserAvailable();

/** The first paragraph's first long word replaced by "reportedly": one sentence changes, nothing else. */
function editOneSentence(article: Article): { bodyHtml: string; word: string } {
  const start = article.bodyHtml.indexOf('<p>');
  const paragraph = article.bodyHtml.slice(start, article.bodyHtml.indexOf('</p>', start));
  const word = /\b[a-z]{7,}\b/.exec(paragraph)?.[0];
  if (!word) throw new Error(`no long word in the first paragraph of ${article.slug}`);
  const at = start + paragraph.search(new RegExp(`\\b${word}\\b`));
  return { bodyHtml: `${article.bodyHtml.slice(0, at)}reportedly${article.bodyHtml.slice(at + word.length)}`, word };
}

describe.runIf(available)('the fidelity of an edited demo article, in a real browser', () => {
  let dir: string;
  let store: Store;
  let site: RunningSite;
  let browser: Browser;
  let article: Article;
  let word: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'convey-fidelity-'));
    const config = loadConfig({ CONVEY_SITE_NAME: 'Fidelity Test Desk', DATABASE_URL: `sqlite:${join(dir, 'f.db')}`, PORT: '0' });
    store = await openStore(config.databaseUrl);
    await fillWithDemoContent(store);
    const published = await listPublished(store.db, { limit: 50 });
    // A story whose copy is faithful before the edit (lists carry no bodies: each is read whole).
    const faithful: Article[] = [];
    for (const a of published) if ((await getFidelityReport(store.db, a.id))?.faithful) faithful.push((await getArticleById(store.db, a.id))!);
    article = faithful.find((a) => /<p>[^<]*\b[a-z]{7,}\b/.test(a.bodyHtml))!;
    expect(article).toBeDefined();
    const edit = editOneSentence(article);
    word = edit.word;
    await editArticle(store, siteOf(config), article.slug, { bodyHtml: edit.bodyHtml, note: 'Stressed one point.' });
    site = await startSite(siteDepsOf({ ...config, site: { ...config.site, url: 'http://127.0.0.1' } }, store), { host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says on the article page that the copy was edited, and shows the change on its fidelity page', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`${site.url}/articles/${article.slug}`);
    const line = page.locator('.fidelity-line');
    expect(await line.textContent()).toBe('Edited from the original: 0 omitted, 1 altered, 0 added. Editor’s note: Stressed one point.');

    await line.locator('a').click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe(`/articles/${article.slug}/fidelity`);
    expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('.fidelity-verdict').textContent()).toBe('Edited from the original: 0 omitted, 1 altered, 0 added.');
    const altered = page.locator('tr.row-altered');
    expect(await altered.count()).toBe(1);
    // The source's side strikes the word the copy replaced; the copy's side marks the word it put instead.
    const [sourceCell, copyCell] = [altered.locator('td').nth(0), altered.locator('td').nth(1)];
    expect((await sourceCell.locator('del').allTextContents()).map((t) => t.trim())).toEqual([word]);
    expect((await copyCell.locator('ins').allTextContents()).map((t) => t.trim())).toEqual(['reportedly']);
    expect(await copyCell.locator('del').count()).toBe(0);
    expect(await page.locator('.changes').textContent()).toBe(`${word} → reportedly`);
    expect(await page.locator('tr.row-same').count()).toBeGreaterThan(3);
    await context.close();
  });
});
