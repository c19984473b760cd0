// A real browser on the real server: hostile source content and hostile comments must not run, share links
// must load nothing from third parties, and the comment form must work end to end (held, then approved).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserAvailable, launchBrowser } from '../support/browser.js';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server.js';
import { waitFor } from '../support/processes.js';
import { loadConfig } from '../../src/config/config.js';
import { openStore, type Store } from '../../src/store/database.js';
import { createSource } from '../../src/store/sources.js';
import { addFeed } from '../../src/store/feeds.js';
import { listPendingComments } from '../../src/store/comments.js';
import { runIngestRound } from '../../src/ingest/scheduler.js';
import { createClient, ingestContextOf } from '../../src/cli/runtime.js';
import { silentLog } from '../../src/ingest/context.js';
import { siteDepsOf } from '../../src/cli/serve-command.js';
import { startSite, type RunningSite } from '../../src/site/server.js';
import { moderateComment } from '../../src/admin/actions.js';
import { FORM_NEEDS_CONFIRMING_MESSAGE } from '../../src/site/routes/comments.routes.js';

const XSS_BODY = `<p>Ordinary opening paragraph of the story, long enough to be the article body and read as such by anyone.</p>
<p>Second paragraph <img src="x" onerror="window.__pwned = 'img'"> with <a href="javascript:window.__pwned='link'">a bad link</a>.</p>
<script>window.__pwned = 'script'</script><iframe src="javascript:parent.__pwned='iframe'"></iframe>
<p onclick="window.__pwned='click'">Third paragraph <svg onload="window.__pwned='svg'"></svg> closes it.</p>
<p>Fourth paragraph says more about the council vote and the harbour budget, so that the body is long.</p>`;

const available = browserAvailable();

describe.runIf(available)('in a real browser', () => {
  let source: LoopbackServer;
  let store: Store;
  let site: RunningSite;
  let browser: Browser;
  let dir: string;
  let articleUrl: string;
  const dialogs: string[] = [];
  const thirdPartyRequests: string[] = [];

  async function open(url: string): Promise<Page> {
    const page = await browser.newPage();
    page.setDefaultTimeout(8000);
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => {
      const host = new URL(r.url()).hostname;
      if (host !== '127.0.0.1') thirdPartyRequests.push(r.url());
    });
    await page.goto(url);
    return page;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'convey-browser-'));
    source = await startLoopbackServer();
    const feedBody = (title: string, body: string) => `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Hostile Wire</title><link>${source.origin}/</link>
<item><title>${title}</title><link>${source.origin}/story</link><guid>story-1</guid><pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate><author>x@example.test (Reporter &lt;script&gt;alert(1)&lt;/script&gt;)</author>
<content:encoded><![CDATA[${body}]]></content:encoded></item></channel></rss>`;
    source.routes.set('/feed.xml', { type: 'application/rss+xml', body: feedBody('Council &lt;script&gt;alert(1)&lt;/script&gt; votes on harbour budget', XSS_BODY.repeat(3)) });
    const config = loadConfig({
      CONVEY_SITE_NAME: 'Browser Test Desk', DATABASE_URL: `sqlite:${join(dir, 'b.db')}`, PORT: '0', CONVEY_COMMENT_MIN_SECONDS: '1',
    });
    store = await openStore(config.databaseUrl);
    const s = await createSource(store.db, { slug: 'hostile', name: 'Hostile "Wire" <b>', homeUrl: `${source.origin}/`, license: 'CC BY 4.0' });
    await addFeed(store.db, { sourceId: s.id, url: `${source.origin}/feed.xml`, fetchFullText: 'never' });
    const round = await runIngestRound(ingestContextOf(config, store, createClient(config, [`127.0.0.1:${source.port}`]), silentLog));
    expect(round.feeds[0].published).toBe(1);
    site = await startSite(siteDepsOf({ ...config, site: { ...config.site, url: 'http://127.0.0.1' } }, store), { host: '127.0.0.1', port: 0 });
    const slug = (await store.db.selectFrom('articles').select('slug').executeTakeFirstOrThrow()).slug;
    articleUrl = `${site.url}/articles/${slug}`;
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await store?.close();
    await source?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs nothing from hostile source content', async () => {
    const page = await open(articleUrl);
    await page.waitForLoadState('load');
    const links = page.locator('.article-body a');
    for (let i = 0; i < (await links.count()); i++) await links.nth(i).click({ trial: false, noWaitAfter: true }).catch(() => undefined);
    await page.locator('.article-body p').first().click();
    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned ?? null)).toBeNull();
    expect(dialogs).toEqual([]);
    // The feed's title is text: the tags in it are dropped, never run and never shown as markup.
    expect(await page.locator('h1').textContent()).toContain('votes on harbour budget');
    expect(await page.locator('script:not([type="application/ld+json"])').evaluateAll((els) => els.map((e) => e.getAttribute('src')))).toEqual(['/assets/share.js']);
    await page.close();
  });

  it('loads nothing from third parties and shows the native share button only where it exists', async () => {
    const page = await open(articleUrl);
    await page.waitForLoadState('networkidle');
    expect(thirdPartyRequests).toEqual([]);
    const hasShare = await page.evaluate(() => typeof (globalThis as { navigator?: { share?: unknown } }).navigator?.share === 'function');
    expect(await page.locator('[data-share-native]').isVisible()).toBe(hasShare);
    expect(await page.locator('a.share-x').getAttribute('href')).toMatch(/^https:\/\/x\.com\/intent\/tweet\?/);
    await page.close();
  });

  it('takes a comment through the form, holds it, and shows it once approved — escaped', async () => {
    const page = await open(articleUrl);
    await page.fill('input[name="name"]', '<img src=x onerror="window.__pwned=1">Ann');
    await page.fill('input[name="email"]', 'ann@example.test');
    await page.fill('textarea[name="body"]', 'Good report. <script>window.__pwned = "comment"</script> [see](javascript:window.__pwned=2)');
    await page.waitForTimeout(1200); // the minimum time to submit
    await page.click('form[action$="/comments"] [type="submit"]');
    await page.waitForLoadState('load');
    expect(page.url()).toMatch(/comment=pending/);
    expect(await page.content()).toContain('awaiting moderation');
    const [pending] = await listPendingComments(store.db);
    expect(pending.holdReason).toMatch(/first/i);
    await moderateComment(store, pending.id, 'approve');
    await page.goto(articleUrl);
    const comment = page.locator(`#comment-${pending.id}`);
    expect(await comment.textContent()).toContain('<img src=x onerror="window.__pwned=1">Ann');
    expect(await comment.textContent()).toContain('<script>');
    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned ?? null)).toBeNull();
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('refuses a comment posted without the form token, or from another origin', async () => {
    const withoutToken = await fetch(`${articleUrl}/comments`, { method: 'POST', body: new URLSearchParams({ name: 'A', body: 'Hi' }) });
    // Refused: nothing is stored; the form comes back with a token, for a person to send again.
    const before = (await listPendingComments(store.db)).length;
    expect(withoutToken.status).toBe(409);
    expect(await withoutToken.text()).toContain(FORM_NEEDS_CONFIRMING_MESSAGE);
    expect(await listPendingComments(store.db)).toHaveLength(before);
    const page = await open(articleUrl);
    // The page's script fetches the token when the reader starts writing.
    await page.locator('textarea[name="body"]').focus();
    const tokenInput = page.locator('input[name="form_token"]');
    await waitFor('the fetched form token', async () => (await tokenInput.inputValue()).startsWith('f1.'), 10_000, 50);
    const token = await tokenInput.inputValue();
    await page.close();
    const crossOrigin = await fetch(`${articleUrl}/comments`, {
      method: 'POST', headers: { origin: 'https://evil.example' }, body: new URLSearchParams({ name: 'A', body: 'Hi', form_token: token }),
    });
    expect(crossOrigin.status).toBe(403);
  });
});
