// A source's settings in a real browser on the real server, under the site's own CSP (not bypassed): typing a
// template that can render a blank shows the error naming the field before anything is submitted; the rules
// preview runs on a page of the source (a loopback server the server may fetch from) and is fetched into the
// page; the sources list and the settings page, with a preview and with refusals, fit a 375 px screen with no
// serious or critical axe violation.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserAvailable, launchBrowser } from '../support/browser.js';
import { freePort, startConvey, waitForSite, type ConveyProcess } from '../support/processes.js';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server.js';

const available = browserAvailable();
const PASSWORD = 'harbour lamps at dusk';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const LONG_WORD = 'a-very-long-feed-path-without-breaks'.repeat(3);

const STORY = `<!doctype html><html lang="en"><head><title>Harbour board agrees new lamps</title><meta name="author" content="Ann Reporter"></head><body>
<article><h1>Harbour board agrees new lamps</h1><div class="story">
<p>The harbour board agreed on Monday to replace forty lamps along the quay, after a winter of complaints from fishermen.</p>
<div class="share">Share this story on every network you know</div>
<p>Work starts in March and should take six weeks, the board's chair said, adding that the old lamps would be recycled.</p></div></article></body></html>`;

async function runConvey(args: string[], env: Record<string, string>): Promise<string> {
  const run = startConvey(args, env);
  const code = await run.exited;
  if (code !== 0) throw new Error(`convey ${args.join(' ')} exited ${code}: ${run.output()}`);
  return run.output();
}

describe.runIf(available)('a source\'s settings in a real browser', () => {
  let dir: string;
  let server: ConveyProcess;
  let publisher: LoopbackServer;
  let origin: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    publisher = await startLoopbackServer({
      '/stories/lamps': { body: STORY },
      '/stories/other': { body: STORY.replace('forty lamps', 'fifty lamps') },
    });
    // The feed links the story on the publisher's own address, known once it listens.
    const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title><link>${publisher.origin}/</link>
<item><title>Harbour board agrees new lamps</title><link>${publisher.origin}/stories/lamps</link><guid>lamps</guid><description>Lamps.</description></item></channel></rss>`;
    publisher.routes.set(`/feeds/${LONG_WORD}.xml`, { type: 'application/rss+xml', body: feed });
    dir = mkdtempSync(join(tmpdir(), 'convey-desk-sources-'));
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    const env = {
      DATABASE_URL: `sqlite:${join(dir, 'desk.db')}`, PORT: String(port), HOST: '127.0.0.1', CONVEY_SITE_URL: origin, CONVEY_SITE_NAME: 'Desk E2E', LOG_FORMAT: 'human',
      // The publisher is on loopback, which the guard refuses unless the operator allows it.
      CONVEY_FETCH_ALLOW: `127.0.0.1:${publisher.port}`,
    };
    await runConvey(['migrate'], env);
    const added = await runConvey(['users', 'add', '--role', 'owner', '--email', 'owner@desk.test'], env);
    const setupLink = /(http:\/\/127\.0\.0\.1:\d+\/admin\/setup\/[A-Za-z0-9_-]{43})/.exec(added)![1];
    await runConvey(['sources', 'add', '--slug', 'gazette', '--name', 'Harbour Gazette', '--home', `${publisher.origin}/`, '--license', 'CC BY 4.0'], env);
    await runConvey(['feeds', 'add', 'gazette', `${publisher.origin}/feeds/${LONG_WORD}.xml`], env);
    // One round of ingest takes the story in, with a snapshot of its page for the preview to use.
    await runConvey(['ingest', '--once'], env);
    server = startConvey(['serve', '--no-ingest'], env);
    await waitForSite(origin, server);
    browser = await launchBrowser();
    // The site's CSP stays on: the form's script must work under it.
    page = await (await browser.newContext({ viewport: { width: 375, height: 800 } })).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(setupLink);
    await page.fill('#password', PASSWORD);
    await page.fill('#confirm', PASSWORD);
    await page.click('button[type="submit"]:has-text("Set the password")');
    await page.waitForURL(`${origin}/admin`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await publisher?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function fitsAndPassesAxe(label: string): Promise<void> {
    const widths = await page.evaluate(() => {
      const g = globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number };
      return { page: g.document.documentElement.scrollWidth, viewport: g.innerWidth };
    });
    expect(widths.page, `${label} scrolls sideways`).toBeLessThanOrEqual(widths.viewport);
    // Injected through the browser's debugging protocol, which the page's CSP does not govern.
    await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[] }> } }).axe;
      const result = await axe.run();
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.map((n) => n.target)).slice(0, 300)}`);
    });
    expect(violations, label).toEqual([]);
  }

  it('shows a template that can render a blank as an error naming the field while typing, before any submit', async () => {
    const scriptErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') scriptErrors.push(m.text());
    });
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(new URL(r.url()).pathname);
    });
    await page.goto(`${origin}/admin/sources/gazette`);
    await page.locator('#f-attribution').pressSequentially('By {author}', { delay: 20 });
    const error = page.locator('#f-attribution-error');
    await expect.poll(() => error.innerText()).toBe('Attribution line: {author} would be blank for every article without a byline: name the source with {source} instead.');
    expect(await page.locator('#f-attribution').getAttribute('aria-invalid')).toBe('true');
    // Only the check was asked: the form itself was not sent.
    expect(posts.every((p) => p === '/admin/sources/gazette/check-template')).toBe(true);
    expect(posts.length).toBeGreaterThan(0);
    expect(page.url()).toBe(`${origin}/admin/sources/gazette`);
    // Mended, the error goes.
    await page.locator('#f-attribution').fill('From {source}');
    await expect.poll(() => error.innerText()).toBe('');
    expect(await page.locator('#f-attribution').getAttribute('aria-invalid')).toBeNull();
    // The disclaimer is checked the same way, and clearing the license makes a {license} template wrong.
    await page.locator('#f-disclaimer').fill('Our own views.');
    await expect.poll(() => page.locator('#f-disclaimer-error').innerText()).toBe('Disclaimer: it must name the site: put {site} where the site’s name goes.');
    await page.locator('#f-attribution').fill('Under {license}');
    await page.locator('#f-license').fill('');
    await page.locator('#f-usage-terms').fill('permission on file');
    await expect.poll(() => error.innerText()).toMatch(/^Attribution line: \{license\} would be blank/);
    expect(scriptErrors).toEqual([]);
  }, 60_000);

  it('refuses the same on save, on the server, keeps what was typed, and passes axe at 375 px', async () => {
    // What the server renders after a refused save (the values typed above are still in the form).
    await page.click('button:has-text("Save the settings")');
    await page.waitForLoadState();
    expect(await page.locator('[role="alert"]').innerText()).toContain('Nothing was saved.');
    expect(await page.locator('#f-disclaimer-error').innerText()).toBe('Disclaimer: it must name the site: put {site} where the site’s name goes.');
    expect(await page.locator('#f-disclaimer').inputValue()).toBe('Our own views.');
    await fitsAndPassesAxe('a refused save');
  }, 60_000);

  it('previews unsaved rules on the stored copy of an article, following the rules as they are typed', async () => {
    await page.goto(`${origin}/admin/sources/gazette`);
    const loads: string[] = [];
    page.on('framenavigated', (frame) => loads.push(frame.url()));
    // The article ingest took in is offered first.
    expect(await page.locator('#preview-page option:checked').innerText()).toBe('Harbour board agrees new lamps');
    await page.fill('#f-rules-body', '.story');
    const requestsBefore = publisher.requests.length;
    await page.click('button:has-text("Preview with these rules")');
    const preview = page.locator('.preview');
    expect(await preview.locator('dd').first().innerText()).toBe('Harbour board agrees new lamps');
    expect(await preview.innerText()).toContain('the stored copy fetched');
    expect(await preview.innerText()).toContain('Share this story');
    // The script fetched the preview into the page: no reload, the typed rules untouched, focus on the preview.
    expect(loads).toEqual([]);
    expect(await page.locator('#f-rules-body').inputValue()).toBe('.story');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { className: string } | null } }).document.activeElement?.className)).toBe('preview');
    // Typing a rule updates the preview by itself, from the stored copy: the source is not asked.
    await page.locator('#f-rules-drop').pressSequentially('.share', { delay: 20 });
    await expect.poll(() => preview.innerText()).not.toContain('Share this story');
    expect(await page.locator('.preview').innerText()).toContain('removes .share: 1 match');
    expect(publisher.requests.length).toBe(requestsBefore);
    expect(loads).toEqual([]);
    await fitsAndPassesAxe('the settings with a preview');
  }, 60_000);

  it('previews on a page fetched from the source, and says when the rules have changed since', async () => {
    await page.goto(`${origin}/admin/sources/gazette`);
    await page.fill('#f-rules-body', '.story');
    await page.fill('#preview-url', `${publisher.origin}/stories/other`);
    await page.click('button:has-text("Preview with these rules")');
    const preview = page.locator('.preview');
    expect(await preview.innerText()).toContain('fetched just now');
    expect(await preview.innerText()).toContain('replace fifty lamps');
    // A page fetched from the source is not fetched again on every keystroke: the preview says it is out of date.
    const requestsBefore = publisher.requests.length;
    await page.locator('#f-rules-drop').pressSequentially('.share', { delay: 20 });
    expect(await preview.locator('.stale').innerText()).toBe('The rules or the page changed: preview again to see what they extract.');
    expect(publisher.requests.length).toBe(requestsBefore);
    await page.goto(`${origin}/admin/sources`);
    expect(await page.locator('main').innerText()).toContain('1 entry today');
    await fitsAndPassesAxe('/admin/sources');
  }, 60_000);
});
