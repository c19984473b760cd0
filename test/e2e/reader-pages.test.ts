// The reader's pages in a real browser against the real server: axe-core finds no serious or critical
// violation on the home, article, source, search, fidelity and comment-form pages; the article page weighs
// under 60 KB before images; it reads without JavaScript; a hostile search query never runs. Screenshots at
// 375 px and 1280 px are written to test/artifacts/ (ignored by git) for a person to look at.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { browserAvailable, launchBrowser } from '../support/browser.js';
import { testBackends } from '../../src/store/test-backends.js';
import type { Store } from '../../src/store/database.js';
import { loadConfig } from '../../src/config/config.js';
import { createSource } from '../../src/store/sources.js';
import { insertArticle, setArticleState } from '../../src/store/articles.js';
import { insertComment } from '../../src/store/comments.js';
import { saveFidelityReport } from '../../src/store/fidelity-reports.js';
import { compareTexts } from '../../src/fidelity/index.js';
import { siteDepsOf } from '../../src/cli/serve-command.js';
import { startSite, type RunningSite } from '../../src/site/server.js';

const available = browserAvailable();
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PAGE_WEIGHT_LIMIT = 60 * 1024;
const T0 = new Date('2026-11-27T12:00:00Z');

const STORY = [
  'The harbour board voted on Tuesday to dredge the main channel, ending a delay of several years that had kept larger ships away.',
  'Work will begin in the spring and last about four months, the board said, with the channel closed at night while the dredger works.',
  'Fishermen welcomed the decision but asked that the works avoid the autumn season, when most of the catch is landed.',
  'Correction: an earlier version of this story gave the wrong month for the start of the works.',
];

describe.runIf(available)('the reader’s pages in a browser', { timeout: 120_000 }, () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let site: RunningSite;
  let browser: Browser;

  beforeAll(async () => {
    ({ store, dispose } = await testBackends()[0].open());
    const source = await createSource(store.db, { slug: 'harbour-gazette', name: 'Harbour Gazette', homeUrl: 'https://gazette.test/', license: 'CC BY 4.0' });
    const bodyHtml = STORY.map((p) => `<p>${p}</p>`).join('\n');
    const article = await insertArticle(store.db, {
      originalUrl: 'https://gazette.test/dredging', headline: 'Harbour board backs dredging of the main channel', subheadline: 'Work starts in the spring',
      dateline: null, bodyHtml, bodyText: STORY.join('\n'), bodyOrigin: 'page', byline: 'Mira Holt', language: 'en', lead: null, topics: [],
      firstCreated: T0.toISOString(), provenance: [], rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
      sourceId: source.id, feedId: null, entryKey: 'dredging', slug: 'harbour-dredging', pubStatus: 'usable', holdReason: null,
    }, T0);
    await setArticleState(store.db, article.id, { republishedAt: T0.toISOString() }, T0);
    await saveFidelityReport(store.db, article.id, null, compareTexts(STORY.join('\n\n'), STORY.join('\n\n')), T0);
    for (let i = 0; i < 3; i++) {
      await insertComment(store.db, {
        articleId: article.id, parentId: null, authorName: `Reader ${i + 1}`, authorEmail: null, authorUrl: null,
        bodySource: `A thought on the dredging, number ${i + 1}.`, bodyHtml: `<p>A thought on the dredging, number ${i + 1}.</p>`,
        status: 'approved', ipBucket: null, holdReason: null,
      });
    }
    const config = loadConfig({ CONVEY_SITE_NAME: 'Reader Desk', CONVEY_SITE_URL: 'http://127.0.0.1', CONVEY_SITE_DESCRIPTION: 'News from the coast.' });
    site = await startSite(siteDepsOf(config, store), { host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await dispose?.();
  });

  async function open(path: string, width = 1280, javaScript = true): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: javaScript });
    const page = await context.newPage();
    const res = await page.goto(`${site.url}${path}`);
    expect(res?.status(), path).toBe(200);
    return page;
  }

  async function seriousViolations(page: Page): Promise<string[]> {
    // Evaluated by the browser's devtools protocol: the site's CSP (script-src 'self') rightly refuses inline tags.
    await page.evaluate(AXE);
    const results = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as {
      violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
    };
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  }

  const pages: [string, string][] = [
    ['home', '/'],
    ['article', '/articles/harbour-dredging'],
    ['source', '/sources/harbour-gazette'],
    ['search', '/search?q=dredging'],
    ['fidelity', '/articles/harbour-dredging/fidelity'],
    ['comment-form', '/articles/harbour-dredging?replyto=1#respond'],
  ];

  for (const [name, path] of pages) {
    it(`${name}: no serious or critical axe violation, at 375 px and 1280 px`, async () => {
      for (const width of [375, 1280]) {
        const page = await open(path, width);
        try {
          expect(await seriousViolations(page), `${name} at ${width}px`).toEqual([]);
          // Nothing overflows sideways, even on a phone.
          const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
          expect(overflow, `${name} at ${width}px`).toBeLessThanOrEqual(0);
          await page.screenshot({ path: `${ARTIFACTS}${name}-${width}.png`, fullPage: true });
        } finally {
          await page.context().close();
        }
      }
    });
  }

  it('the article page: one h1, headings in order, the byline and source under the headline, under 60 KB before images', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    let bytes = 0;
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'image') return;
      bytes += (await response.body().catch(() => Buffer.alloc(0))).byteLength;
    });
    await page.goto(`${site.url}/articles/harbour-dredging`, { waitUntil: 'networkidle' });
    const levels = (await page.evaluate(`[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => Number(h.tagName[1]))`)) as number[];
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i] - levels[i - 1]).toBeLessThanOrEqual(1);
    expect(await page.locator('.article-header .article-meta').textContent()).toMatch(/By Mira Holt · Harbour Gazette · /);
    expect(await page.locator('main').count()).toBe(1);
    expect(await page.locator('a.skip-link[href="#content"]').count()).toBe(1);
    expect(bytes).toBeGreaterThan(1000);
    expect(bytes).toBeLessThan(PAGE_WEIGHT_LIMIT);
    await context.close();
  });

  it('is reachable from the keyboard: the first Tab shows the skip link, focus is outlined', async () => {
    const page = await open('/articles/harbour-dredging', 375);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.className')).toBe('skip-link');
    const box = await page.locator('.skip-link').boundingBox();
    expect(box && box.x >= 0 && box.y >= 0).toBe(true);
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');
    await page.keyboard.press('Enter');
    // Following the link is a navigation of its own, done after the key press returns: wait for it.
    await page.waitForURL(/#content$/, { timeout: 5000 });
    expect(page.url()).toMatch(/#content$/);
    await page.context().close();
  });

  it('reads without JavaScript: the story, its byline and the comments are all there', async () => {
    const page = await open('/articles/harbour-dredging', 375, false);
    expect(await page.locator('.article-body').textContent()).toContain('dredge the main channel');
    expect(await page.locator('#comments').textContent()).toContain('A thought on the dredging, number 3.');
    await page.context().close();
  });

  it('follows the reader’s dark mode, and prints the story without the site’s furniture', async () => {
    const dark = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark' });
    const page = await dark.newPage();
    await page.goto(`${site.url}/articles/harbour-dredging`);
    const background = (await page.evaluate('getComputedStyle(document.body).backgroundColor')) as string;
    expect(background).toBe('rgb(20, 20, 20)');
    await page.screenshot({ path: `${ARTIFACTS}article-dark-1280.png` });
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    expect(await page.locator('.share').isVisible()).toBe(false);
    expect(await page.locator('#comments').isVisible()).toBe(false);
    expect(await page.locator('.site-search').isVisible()).toBe(false);
    expect(await page.locator('.article-body').isVisible()).toBe(true);
    expect(await page.locator('.provenance').isVisible()).toBe(true);
    await dark.close();
  });

  it('never runs a hostile search query', async () => {
    const payload = '"><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const page = await open(`/search?q=${encodeURIComponent(payload)}`);
    expect(await page.evaluate('window.__pwned ?? null')).toBeNull();
    expect(await page.locator('#site-search-q').inputValue()).toBe(payload);
    await page.context().close();
  });
});
