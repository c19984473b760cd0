// The desk in a real browser on the real server: the first owner from the CLI sets a password from the link
// and logs in; five wrong passwords lock out with a clear message; a moderator has no way into source settings;
// a form without its CSRF token is refused; "log out everywhere" ends another browser's session; no page scrolls
// sideways at 375 px (the settings form included, also with its errors); axe-core finds no serious or critical
// violation.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserAvailable, launchBrowser } from '../support/browser.js';
import { freePort, startConvey, waitForSite, type ConveyProcess } from '../support/processes.js';
import { renderReviewPage } from '../../src/desk/views/review-page.js';
import { renderCommentsQueue } from '../../src/desk/views/comments-queue.js';
import { DESK_CSS, DESK_STYLESHEET_PATH } from '../../src/desk/desk-css.js';
import { compareTexts } from '../../src/fidelity/index.js';
import { renderConfirmSourcePage } from '../../src/desk/views/source-pages.js';
import { renderArticleListPage } from '../../src/desk/views/article-list-page.js';
import { renderDeskArticlePage, renderVersionDiffPage } from '../../src/desk/views/desk-article-page.js';
import { renderBlockListPage } from '../../src/desk/views/block-list-page.js';
import { versionDiff } from '../../src/desk/version-diff.js';
import type { Article, ArticleVersion } from '../../src/model/types.js';
import { renderSettingsPage } from '../../src/desk/views/settings-page.js';
import { checkSettingsForm } from '../../src/config/site-settings.js';

const available = browserAvailable();
const PASSWORD = 'harbour lamps at dusk';
const EDITOR_PASSWORD = 'quay works in winter';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs a one-off `convey` command to its end and returns what it printed. */
async function runConvey(args: string[], env: Record<string, string>): Promise<string> {
  const run = startConvey(args, env);
  const code = await run.exited;
  if (code !== 0) throw new Error(`convey ${args.join(' ')} exited ${code}: ${run.output()}`);
  return run.output();
}

describe.runIf(available)('the desk in a real browser', () => {
  let dir: string;
  let env: Record<string, string>;
  let server: ConveyProcess;
  let origin: string;
  let browser: Browser;
  let setupLink: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'convey-desk-'));
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    env = { DATABASE_URL: `sqlite:${join(dir, 'desk.db')}`, PORT: String(port), HOST: '127.0.0.1', CONVEY_SITE_URL: origin, CONVEY_SITE_NAME: 'Desk E2E', LOG_FORMAT: 'human' };
    await runConvey(['migrate'], env);
    const added = await runConvey(['users', 'add', '--role', 'owner', '--email', 'owner@desk.test'], env);
    setupLink = /(http:\/\/127\.0\.0\.1:\d+\/admin\/setup\/[A-Za-z0-9_-]{43})/.exec(added)![1];
    // A source whose feed URL is one long word, so that the narrow-screen check has something to wrap.
    await runConvey(['sources', 'add', '--slug', 'wire', '--name', 'The Wire', '--home', 'https://wire.example/', '--license', 'CC BY 4.0'], env);
    await runConvey(['feeds', 'add', 'wire', `https://wire.example/feeds/${'a-very-long-feed-path-without-breaks'.repeat(3)}.xml`], env);
    server = startConvey(['serve', '--no-ingest'], env);
    await waitForSite(origin, server);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function newPage(context?: BrowserContext, width = 1024): Promise<Page> {
    const ctx = context ?? (await browser.newContext({ viewport: { width, height: 800 }, bypassCSP: true }));
    const page = await ctx.newPage();
    page.setDefaultTimeout(10_000);
    return page;
  }

  async function logIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto(`${origin}/admin/login`);
    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.click('button[type="submit"]:has-text("Log in")');
  }

  const text = (page: Page) => page.locator('main').innerText();

  it('lets the first owner, created from the CLI, set a password from the link and log in', async () => {
    const page = await newPage();
    await page.goto(setupLink);
    expect(await text(page)).toContain('For owner@desk.test.');
    await page.fill('#password', PASSWORD);
    await page.fill('#confirm', PASSWORD);
    await page.click('button[type="submit"]:has-text("Set the password")');
    await page.waitForURL(`${origin}/admin`);
    expect(await page.locator('.desk-user').innerText()).toContain('owner@desk.test');
    await page.click('button:has-text("Log out")');
    await page.waitForURL(/\/admin\/login/);
    expect(await text(page)).toContain('You are logged out.');
    // The link served once.
    await page.goto(setupLink);
    expect(await text(page)).toContain('This link is not valid');
    await logIn(page, 'owner@desk.test', PASSWORD);
    await page.waitForURL(`${origin}/admin`);
    expect(await page.locator('h1').innerText()).toBe('Dashboard');
    await page.context().close();
  }, 60_000);

  it('locks an account out after five wrong passwords, saying until when', async () => {
    // The owner adds an editor from the Users page, who sets a password from the link shown there.
    const owner = await newPage();
    await logIn(owner, 'owner@desk.test', PASSWORD);
    await owner.waitForURL(`${origin}/admin`);
    await owner.goto(`${origin}/admin/users`);
    await owner.fill('#new-email', 'editor@desk.test');
    await owner.selectOption('#new-role', 'editor');
    await owner.click('button:has-text("Add and make a setup link")');
    const link = (await owner.locator('.link-box').innerText()).trim();
    await owner.context().close();
    const editor = await newPage();
    await editor.goto(link);
    await editor.fill('#password', EDITOR_PASSWORD);
    await editor.fill('#confirm', EDITOR_PASSWORD);
    await editor.click('button[type="submit"]');
    await editor.waitForURL(`${origin}/admin`);
    await editor.context().close();

    const page = await newPage();
    for (let i = 1; i <= 4; i++) {
      await logIn(page, 'editor@desk.test', `not the password ${i}`);
      expect(await page.locator('[role="alert"]').innerText()).toBe('Wrong email address or password.');
    }
    await logIn(page, 'editor@desk.test', 'not the password 5');
    const message = await page.locator('[role="alert"]').innerText();
    expect(message).toMatch(/^This account is locked after five wrong passwords\. Try again in 15 minutes \(at \d\d:\d\d UTC\)\.$/);
    // Even the right password waits for the lock to end.
    await logIn(page, 'editor@desk.test', EDITOR_PASSWORD);
    expect(await page.locator('[role="alert"]').innerText()).toContain('This account is locked');
    await page.context().close();
  }, 90_000);

  it('gives a moderator no way into source settings: no link to them, and 403 at their address', async () => {
    const owner = await newPage();
    await logIn(owner, 'owner@desk.test', PASSWORD);
    await owner.waitForURL(`${origin}/admin`);
    await owner.goto(`${origin}/admin/users`);
    await owner.fill('#new-email', 'moderator@desk.test');
    await owner.selectOption('#new-role', 'moderator');
    await owner.click('button:has-text("Add and make a setup link")');
    const link = (await owner.locator('.link-box').innerText()).trim();
    await owner.context().close();

    const page = await newPage();
    await page.goto(link);
    await page.fill('#password', 'gulls over the breakwater');
    await page.fill('#confirm', 'gulls over the breakwater');
    await page.click('button[type="submit"]');
    await page.waitForURL(`${origin}/admin`);
    expect(await page.locator('a[href^="/admin/sources"]').count()).toBe(0);
    expect(await page.locator('a[href^="/admin/comments"]').count()).toBeGreaterThan(0);
    for (const path of ['/admin/sources', '/admin/sources/wire', '/admin/sources/new']) {
      const response = await page.goto(`${origin}${path}`);
      expect(response!.status(), path).toBe(403);
      expect(await page.locator('a[href^="/admin/sources"]').count(), path).toBe(0);
    }
    await page.context().close();
  }, 60_000);

  it('refuses a form posted without its CSRF token', async () => {
    const page = await newPage();
    await logIn(page, 'owner@desk.test', PASSWORD);
    await page.waitForURL(`${origin}/admin`);
    await page.goto(`${origin}/admin/users`);
    await page.fill('#new-email', 'sneaky@desk.test');
    await page.locator('form[action="/admin/users"] input[name="_csrf"]').evaluate((input) => input.remove());
    const [response] = await Promise.all([page.waitForResponse((r) => r.url() === `${origin}/admin/users` && r.request().method() === 'POST'), page.click('button:has-text("Add and make a setup link")')]);
    expect(response.status()).toBe(403);
    expect(await page.locator('body').innerText()).toContain('security token is missing');
    await page.goto(`${origin}/admin/users`);
    expect(await text(page)).not.toContain('sneaky@desk.test');
    await page.context().close();
  }, 60_000);

  it('"log out everywhere" ends the session of another browser', async () => {
    const first = await newPage();
    const second = await newPage();
    await logIn(first, 'owner@desk.test', PASSWORD);
    await logIn(second, 'owner@desk.test', PASSWORD);
    await second.waitForURL(`${origin}/admin`);
    await first.goto(`${origin}/admin/account`);
    expect(await text(first)).toMatch(/logged in on [2-9] browsers/);
    await first.click('button:has-text("Log out everywhere")');
    await first.waitForURL(/\/admin\/login/);
    await second.goto(`${origin}/admin/users`);
    expect(second.url()).toMatch(/\/admin\/login\?next=%2Fadmin%2Fusers$/);
    await first.context().close();
    await second.context().close();
  }, 60_000);

  it('prints a one-time first-owner link when serve starts on a store without accounts', async () => {
    const port = await freePort();
    const fresh = { ...env, DATABASE_URL: `sqlite:${join(dir, 'fresh.db')}`, PORT: String(port), CONVEY_SITE_URL: `http://127.0.0.1:${port}` };
    const other = startConvey(['serve', '--no-ingest'], fresh);
    try {
      await waitForSite(`http://127.0.0.1:${port}`, other);
      const link = /(http:\/\/127\.0\.0\.1:\d+\/admin\/setup\/[A-Za-z0-9_-]{43})/.exec(other.output())?.[1];
      expect(link, other.output()).toBeDefined();
      const page = await newPage();
      await page.goto(link!);
      expect(await page.locator('h1').innerText()).toBe('Create the first owner');
      await page.fill('#email', 'first@desk.test');
      await page.fill('#password', PASSWORD);
      await page.fill('#confirm', PASSWORD);
      await page.click('button[type="submit"]');
      await page.waitForURL(`http://127.0.0.1:${port}/admin`);
      expect(await page.locator('.desk-user').innerText()).toMatch(/first@desk\.test\s+\(owner\)/);
      await page.context().close();
    } finally {
      await other.stop();
    }
  }, 90_000);

  const DESK_PAGES = ['/admin', '/admin/reviews', '/admin/held', '/admin/articles', '/admin/articles?q=harbour&state=published', '/admin/fidelity', '/admin/sources', '/admin/sources/new', '/admin/comments', '/admin/comments/blocks', '/admin/jobs', '/admin/users', '/admin/audit', '/admin/account', '/admin/settings'];

  it('fits a 375 px screen and has no serious or critical accessibility violation', async () => {
    const page = await newPage(undefined, 375);
    const check = async (path: string) => {
      const widths = await page.evaluate(() => {
        const g = globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number };
        return { page: g.document.documentElement.scrollWidth, viewport: g.innerWidth };
      });
      expect(widths.page, `${path} scrolls sideways`).toBeLessThanOrEqual(widths.viewport);
      await page.addScriptTag({ content: AXE_SOURCE });
      const violations = await page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[] }> } }).axe;
        const result = await axe.run();
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.map((n) => n.target)).slice(0, 300)}`);
      });
      expect(violations, path).toEqual([]);
    };
    await page.goto(`${origin}/admin/login`);
    await check('/admin/login');
    await logIn(page, 'owner@desk.test', PASSWORD);
    await page.waitForURL(`${origin}/admin`);
    for (const path of DESK_PAGES) {
      await page.goto(`${origin}${path}`);
      expect(page.url(), path).toBe(`${origin}${path}`);
      await check(path);
    }
    // The set-password page, from a fresh reset link.
    const reset = await runConvey(['users', 'reset', '--email', 'editor@desk.test'], env);
    await page.goto(/(http:\/\/\S+\/admin\/reset\/\S+)/.exec(reset)![1]);
    expect(await page.locator('h1').innerText()).toBe('Choose a new password');
    await check('/admin/reset/…');
    await page.context().close();
  }, 120_000);

  it('lays out a long review, a full comments queue and the articles desk on 375 px without serious accessibility violations', async () => {
    const ctx = { siteName: 'Desk E2E', user: { id: 1, email: 'owner@desk.test', role: 'owner' as const, hasPassword: true, createdAt: '2026-12-01T00:00:00Z' }, csrfToken: 'A'.repeat(43) };
    const longWord = 'Supercalifragilistic'.repeat(8);
    const review = renderReviewPage(ctx, {
      version: { id: 7, articleId: 3, kind: 'update', headline: `Board to replace the quay lamps ${longWord}`, bodyHtml: '', contentHash: 'h', note: 'The source updated this story.', state: 'pending', createdAt: '2026-12-02T09:00:00Z' },
      article: { slug: 'quay-lamps', headline: 'Board to replace quay lamps' },
      sourceName: 'The Wire',
      report: compareTexts(`<p>It agreed to replace forty lamps on the quay at ${longWord}.</p><p>Work starts in March.</p>`, '<p>It agreed to replace twelve lamps on the quay.</p><p>The board met on Monday.</p>'),
    });
    const queue = renderCommentsQueue(ctx, {
      filter: { status: 'pending', author: null, article: null },
      comments: [1, 2, 3].map((id) => ({
        id, articleSlug: `a-${id}`, articleHeadline: `Story ${id}`, authorName: `Reader ${id}`, authorEmail: `reader${id}@example.test`, bodySource: `A comment with ${longWord} in it.`,
        status: 'pending', holdReason: 'contains a link', ipBucket: '203.0.113.0/24', createdAt: '2026-12-02T09:00:00Z',
      })),
      history: new Map([['reader1@example.test', { pending: 1, approved: 4 }]]),
    });
    const confirm = renderConfirmSourcePage(ctx, {
      discovery: { homeUrl: 'https://news.example/', name: 'Harbour Gazette', logoUrl: `https://news.example/${longWord}.png`, feeds: [{ url: `https://news.example/${longWord}/rss.xml`, title: 'All stories', entries: 12 }], problems: [`https://news.example/${longWord}: HTTP 404`] },
      values: { name: 'Harbour Gazette', slug: 'harbour-gazette', license: '', updatePolicy: 'auto' },
      error: 'The license is required: a license, or a statement such as “permission on file”.',
    });
    // The articles desk with long words everywhere: the list, an article with every image state, a diff, the block lists.
    const article: Article = {
      id: 3, sourceId: 1, feedId: null, slug: 'quay-lamps', entryKey: 'k', originalUrl: `https://wire.example/${longWord}/quay-lamps`, headline: `Board to replace the quay lamps ${longWord}`,
      subheadline: null, dateline: null, bodyHtml: '<p>x</p>', excerpt: '', byline: 'Ann Reporter', language: 'en', lead: null, topics: [], firstCreated: '2026-12-01T08:00:00.000Z',
      republishedAt: '2026-12-01T08:05:00.000Z', versionCreated: null, pubStatus: 'usable', holdReason: null, holdKind: null, summaryOnly: false,
      provenance: [{ role: 'author', name: 'Ann Reporter' }, { role: 'publisher', name: 'The Wire', url: `https://wire.example/${longWord}` }],
      rights: { license: 'CC BY 4.0', licenseUrl: null, usageTerms: null, copyrightHolder: 'The Wire' }, publishedVersionId: 8, fingerprint: null, nextCheckAt: null,
      withdrawnAt: null, createdAt: '2026-12-01T08:05:00.000Z', updatedAt: '2026-12-01T08:05:00.000Z',
    };
    const versions: ArticleVersion[] = [
      { id: 8, articleId: 3, kind: 'update', headline: article.headline, bodyHtml: `<p>It agreed to replace forty lamps at ${longWord}.</p>`, contentHash: 'b', note: 'The source updated this story.', state: 'published', createdAt: '2026-12-02T09:00:00.000Z' },
      { id: 7, articleId: 3, kind: 'original', headline: article.headline, bodyHtml: '<p>It agreed to replace twelve lamps.</p>', contentHash: 'a', note: null, state: 'published', createdAt: '2026-12-01T08:00:00.000Z' },
    ];
    const image = (id: number, status: 'stored' | 'refused' | 'pending', reason: string | null) => ({
      id, sourceUrl: `https://wire.example/img/${longWord}-${id}.png`, sourceId: 1, status, sha256: null, contentType: null, width: status === 'stored' ? 1200 : null, height: status === 'stored' ? 800 : null,
      variants: status === 'stored' ? [{ key: 'k', width: 640, height: 427, format: 'webp' as const, contentType: 'image/webp', bytes: 100 }] : [], refusalReason: reason, credit: null, copyright: null,
      fetchedAt: null, createdAt: '2026-12-01T08:05:00.000Z', updatedAt: '2026-12-01T08:05:00.000Z', role: id === 1 ? ('lead' as const) : ('body' as const),
    });
    const articlePage = renderDeskArticlePage(ctx, {
      article, sourceName: 'The Wire', rejected: false, versions,
      corrections: [{ id: 1, articleId: 3, note: `An earlier version misnamed ${longWord}.`, addedBy: 'owner@desk.test', createdAt: '2026-12-02T09:30:00.000Z' }],
      fidelity: null,
      images: [image(1, 'stored', null), image(2, 'refused', 'too many pixels: 40000×40000 (the limit is 40000000)'), image(3, 'refused', 'an SVG is never served from a source'), image(4, 'pending', null)],
      error: 'Say why the article is withdrawn: the note is kept with it and in the audit log.',
    });
    const articleList = renderArticleListPage(ctx, {
      query: { q: longWord, source: 'wire', state: 'published', from: '2026-11-01', to: '2026-12-02', fidelity: '', page: 2 },
      sources: [{ slug: 'wire', name: `The Wire ${longWord}` }],
      rows: [1, 2, 3].map((id) => ({ id, slug: `story-${id}`, headline: `Story ${id} ${longWord}`, sourceName: 'The Wire', pubStatus: id === 2 ? 'withheld' : 'usable', holdReason: id === 2 ? `cannot publish: ${longWord}` : null, date: '2026-12-01T08:00:00.000Z', faithful: id === 3 ? false : null, pendingVersions: id === 1 ? 1 : 0 })),
      hasMore: true,
    });
    const diff = renderVersionDiffPage(ctx, { article, version: versions[0], previous: versions[1], parts: versionDiff(versions[1], versions[0]) });
    const blocks = renderBlockListPage(ctx, {
      blocks: [{ id: 1, kind: 'word', value: longWord.toLowerCase(), note: 'the pier spam run', addedBy: 'owner@desk.test', createdAt: '2026-12-02T09:00:00.000Z' }, { id: 2, kind: 'ip', value: '2001:db8:abcd::/48', note: null, addedBy: 'owner@desk.test', createdAt: '2026-12-02T09:00:00.000Z' }],
      values: { kind: 'ip', value: '10.0.0.0/8', note: '' },
      error: '"10.0.0.0/8" is neither an IP address nor a network of one (203.0.113.0/24 for IPv4, 2001:db8:1::/48 for IPv6).',
    });
    // The settings form after a refused save: errors listed at the top and next to their fields.
    const refused = checkSettingsForm({ 'site.name': `Harbour ${longWord}`, 'site.url': 'not an address', 'site.disclaimerTemplate': 'Our own views.', 'comments.maxLinks': '0', 'share.targets': ['x', 'email'] });
    const settings = renderSettingsPage({ ...ctx, values: refused.values, storedKeys: ['site.name'], errors: refused.ok ? [] : refused.errors.map((e) => ({ key: e.key, message: e.message })) });
    expect(refused.ok).toBe(false);
    const page = await newPage(undefined, 375);
    for (const [name, markup] of [['review', review], ['comments queue', queue], ['source form', confirm], ['article list', articleList], ['article page', articlePage], ['version diff', diff], ['block lists', blocks], ['settings with errors', settings]] as const) {
      await page.setContent(markup.replace(`<link rel="stylesheet" href="${DESK_STYLESHEET_PATH}">`, `<style>${DESK_CSS}</style>`));
      const widths = await page.evaluate(() => {
        const g = globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number };
        return { page: g.document.documentElement.scrollWidth, viewport: g.innerWidth };
      });
      expect(widths.page, `${name} scrolls sideways`).toBeLessThanOrEqual(widths.viewport);
      await page.addScriptTag({ content: AXE_SOURCE });
      const violations = await page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
        return (await axe.run()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      });
      expect(violations, name).toEqual([]);
    }
    await page.context().close();
  }, 60_000);

  it('lets the owner rename the site and pick share buttons from the settings form, in force on the next page', async () => {
    const page = await newPage(undefined, 375);
    await logIn(page, 'owner@desk.test', PASSWORD);
    await page.waitForURL(`${origin}/admin`);
    await page.click('.desk-nav a:has-text("Settings")');
    await page.waitForURL(`${origin}/admin/settings`);
    await page.fill('#setting-site-name', 'Desk E2E Daily');
    await page.uncheck('#setting-share-targets-x');
    await page.click('button:has-text("Save the settings")');
    await page.waitForURL(`${origin}/admin/settings?done=saved`);
    expect(await page.locator('[role="status"]').innerText()).toBe('The settings are saved and in force.');
    expect(await page.locator('#setting-share-targets-x').isChecked()).toBe(false);
    expect(await page.locator('#setting-share-targets-email').isChecked()).toBe(true);
    // A refused save says which setting and where.
    await page.fill('#setting-site-disclaimerTemplate', 'Our own views.');
    await page.click('button:has-text("Save the settings")');
    expect(await page.locator('[role="alert"]').innerText()).toContain('site.disclaimerTemplate must contain {site}');
    expect(await page.locator('#setting-site-disclaimerTemplate').getAttribute('aria-invalid')).toBe('true');
    await page.goto(`${origin}/`);
    expect(await page.locator('.site-name').innerText()).toBe('Desk E2E Daily');
    await page.context().close();
  }, 60_000);
});
