// The review queue in a real browser on the real server, with its ingest running: an editor adds a source whose
// stories are reviewed from a homepage served on loopback; the source's story waits in the queue; the editor
// selects and approves it with the keyboard, edits one sentence with a note, and the public page's fidelity line
// turns from "faithful" to "edited" with the note. The queue, a story's review page and the edit form fit 375 px and pass axe-core.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserAvailable, launchBrowser } from '../support/browser.js';
import { freePort, startConvey, waitForSite, type ConveyProcess } from '../support/processes.js';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server.js';
import { renderIncomingPage, renderReviewQueue } from '../../src/desk/views/review-page.js';
import { renderEditPage } from '../../src/desk/views/edit-page.js';
import { DESK_CSS, DESK_STYLESHEET_PATH } from '../../src/desk/desk-css.js';
import { compareTexts } from '../../src/fidelity/index.js';

const available = browserAvailable();
const PASSWORD = 'lamps along the quay';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const SENTENCES = [
  'The harbour board agreed on Monday to replace forty lamps along the quay before the winter storms arrive.',
  'Work starts in March and the quay stays open to walkers while the crews move from one end to the other.',
  'The board said the new lamps use a third of the power of the old ones and should last for twenty years.',
];
const BODY = SENTENCES.map((s) => `<p>${s}</p>`).join('');

function feedOf(origin: string): string {
  return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Harbour Gazette</title><link>${origin}/</link>
<item><title>Board to replace forty quay lamps</title><link>${origin}/lamps</link><guid isPermaLink="false">lamps-1</guid>
<pubDate>${new Date(Date.now() - 3_600_000).toUTCString()}</pubDate><description>The board agreed to replace forty lamps.</description><content:encoded><![CDATA[${BODY}]]></content:encoded></item></channel></rss>`;
}

async function runConvey(args: string[], env: Record<string, string>): Promise<string> {
  const run = startConvey(args, env);
  const code = await run.exited;
  if (code !== 0) throw new Error(`convey ${args.join(' ')} exited ${code}: ${run.output()}`);
  return run.output();
}

describe.runIf(available)('the review queue in a real browser', () => {
  let dir: string;
  let server: ConveyProcess;
  let publisher: LoopbackServer;
  let origin: string;
  let browser: Browser;
  let setupLink: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'convey-desk-review-'));
    publisher = await startLoopbackServer();
    publisher.routes.set('/', {
      body: '<!doctype html><title>Front | Harbour Gazette</title><meta property="og:site_name" content="Harbour Gazette"><link rel="alternate" type="application/rss+xml" title="All stories" href="/rss.xml"><h1>Harbour Gazette</h1>',
    });
    publisher.routes.set('/rss.xml', { type: 'application/rss+xml', body: feedOf(publisher.origin) });
    // The story's own page, should the ingest read it rather than the feed's text.
    publisher.routes.set('/lamps', {
      body: `<!doctype html><html lang="en"><head><title>Board to replace forty quay lamps | Harbour Gazette</title></head><body><article><h1>Board to replace forty quay lamps</h1>${BODY}</article></body></html>`,
    });
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    const env = {
      DATABASE_URL: `sqlite:${join(dir, 'review.db')}`, PORT: String(port), HOST: '127.0.0.1', CONVEY_SITE_URL: origin, CONVEY_SITE_NAME: 'Review E2E', LOG_FORMAT: 'human',
      CONVEY_DATA_DIR: dir, CONVEY_FETCH_ALLOW: `127.0.0.1:${publisher.port}`, CONVEY_INGEST_INTERVAL_SECONDS: '1', LOG_LEVEL: 'info',
    };
    await runConvey(['migrate'], env);
    const added = await runConvey(['users', 'add', '--role', 'editor', '--email', 'editor@desk.test'], env);
    setupLink = /(http:\/\/127\.0\.0\.1:\d+\/admin\/setup\/[A-Za-z0-9_-]{43})/.exec(added)![1];
    server = startConvey(['serve'], env);
    await waitForSite(origin, server);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await publisher?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /**
   * No sideways scrolling at 375 px, and no serious or critical axe-core violation. axe is injected inline, which
   * the site's CSP forbids: it runs in a second browser context that bypasses the CSP, signed in with the same session.
   */
  async function checkPage(signedIn: Page, path: string): Promise<void> {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 }, bypassCSP: true, storageState: await signedIn.context().storageState() });
    const page = await context.newPage();
    await page.goto(`${origin}${path}`);
    expect(page.url()).toBe(`${origin}${path}`);
    await checkLayout(page, path);
    await context.close();
  }

  async function checkLayout(page: Page, name: string): Promise<void> {
    const widths = await page.evaluate(() => {
      const g = globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number };
      return { page: g.document.documentElement.scrollWidth, viewport: g.innerWidth };
    });
    expect(widths.page, `${name} scrolls sideways`).toBeLessThanOrEqual(widths.viewport);
    await page.addScriptTag({ content: AXE_SOURCE });
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[] }> } }).axe;
      const result = await axe.run();
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.map((n) => n.target)).slice(0, 300)}`);
    });
    expect(violations, name).toEqual([]);
  }

  it('adds a source under review, approves its story from the queue, edits a sentence, and the fidelity line changes', async () => {
    // Scripts run (the shortcuts are tested), so the site's own CSP applies: no bypass.
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(setupLink);
    await page.fill('#password', PASSWORD);
    await page.fill('#confirm', PASSWORD);
    await page.click('button[type="submit"]:has-text("Set the password")');
    await page.waitForURL(`${origin}/admin`);

    // The source, by its homepage: its feed discovered through the guarded client; stories reviewed.
    await page.goto(`${origin}/admin/sources/new`);
    await page.fill('#home', `${publisher.origin}/`);
    await page.click('button:has-text("Find its feeds")');
    await page.waitForSelector('#license');
    expect(await page.inputValue('#name')).toBe('Harbour Gazette');
    await page.fill('#license', 'CC BY 4.0');
    await page.selectOption('#update', 'review');
    await page.click('button:has-text("Add the source")');
    await page.waitForURL(`${origin}/admin/sources?done=added`);

    // The ingest polls the new feed; the story waits in the queue, not on the site.
    const deadline = Date.now() + 30_000;
    for (;;) {
      await page.goto(`${origin}/admin/reviews`);
      if ((await page.locator('.review-item').count()) > 0) break;
      if (Date.now() > deadline) throw new Error(`the story never reached the queue (the publisher served ${publisher.requests.join(", ")}): ${server.output().slice(-2000)}`);
      await page.waitForTimeout(500);
    }
    const main = page.locator('main');
    expect(await main.innerText()).toContain('Board to replace forty quay lamps');
    expect(await main.innerText()).toContain('Conveys its source whole.');
    for (const key of ['j', 'k', 'a', 'r', 'e']) expect(await page.locator('.shortcuts dt').allInnerTexts()).toContain(key);
    await checkPage(page, '/admin/reviews');
    const previewHref = await page.locator('a:has-text("Preview as readers will see it")').first().getAttribute('href');
    const slug = /\/admin\/incoming\/([^/]+)\/preview/.exec(previewHref!)![1];
    expect((await page.request.get(`${origin}/articles/${slug}`)).status()).toBe(404);
    // The story's own review page: its fidelity report and the schedule form.
    await checkPage(page, `/admin/incoming/${slug}`);

    // j selects the story, a approves it: the shortcut presses the row's own Approve button.
    await page.locator('h1').click();
    await page.keyboard.press('j');
    expect(await page.locator('.review-item.selected').count()).toBe(1);
    await page.keyboard.press('a');
    await page.waitForURL(/\/admin\/reviews\?done=approved/);
    expect(await main.innerText()).toContain('Approved and published');
    const before = await page.request.get(`${origin}/articles/${slug}`);
    expect(before.status()).toBe(200);
    const beforeHtml = await before.text();
    expect(beforeHtml).toContain('class="fidelity-line faithful"');
    expect(beforeHtml).not.toContain('editor-note');

    // One sentence edited, with a note.
    await page.click('a:has-text("Edit it")');
    await page.waitForURL(`${origin}/admin/edit/${slug}`);
    await checkPage(page, `/admin/edit/${slug}`);
    const body = await page.inputValue('#edit-body');
    expect(body).toContain('forty lamps');
    await page.fill('#edit-body', body.replace('forty lamps', 'forty old lamps'));
    await page.fill('#edit-note', 'Said the lamps are the old ones.');
    await page.click('button:has-text("Save the edit")');
    await page.waitForURL(`${origin}/admin/edit/${slug}?done=edited`);
    expect(await main.innerText()).toContain('The edit is saved.');

    await page.goto(`${origin}/articles/${slug}`);
    const line = page.locator('.fidelity-line');
    expect(await line.getAttribute('class')).toContain('edited');
    const said = await line.innerText();
    expect(said).toContain('Edited from the original: 0 omitted, 1 altered, 0 added');
    expect(said).toContain('Editor’s note: Said the lamps are the old ones.');
    expect(await page.locator('article').innerText()).toContain('forty old lamps');
    await context.close();
  }, 120_000);

  it('lays out a full queue, a story edited from its source and the edit form with long words on 375 px', async () => {
    const ctx = { siteName: 'Review E2E', user: { id: 1, email: 'editor@desk.test', role: 'editor' as const, hasPassword: true, createdAt: '2026-12-01T00:00:00Z' }, csrfToken: 'A'.repeat(43) };
    const longWord = 'Supercalifragilistic'.repeat(8);
    const queue = renderReviewQueue(ctx, {
      incoming: [1, 2, 3].map((id) => ({
        id, slug: `story-${id}`, headline: `Story ${id} about ${longWord}`, sourceName: `The ${longWord} Gazette`, holdReason: 'waiting for review', createdAt: '2026-12-02T09:00:00.000Z',
        publishAt: id === 2 ? '2026-12-03T08:00:00.000Z' : null, fidelity: id === 3 ? { faithful: false, omitted: 1, altered: 2, added: 0, quotesChanged: 1 } : { faithful: true, omitted: 0, altered: 0, added: 0, quotesChanged: 0 },
      })),
      updates: [{ id: 9, kind: 'update', headline: `An update on ${longWord}`, note: 'The source updated this story.', createdAt: '2026-12-02T09:30:00.000Z', articleSlug: 'story-0', sourceName: 'The Wire' }],
      approved: { slug: 'story-0', headline: `Story 0 about ${longWord}` },
    });
    const incoming = renderIncomingPage(ctx, {
      article: { id: 3, slug: 'story-3', headline: `Story 3 about ${longWord}`, subheadline: `A dek with ${longWord}`, holdReason: 'waiting for review', createdAt: '2026-12-02T09:00:00.000Z' },
      sourceName: 'The Wire',
      report: compareTexts(`<p>It agreed to replace forty lamps on the quay at ${longWord}.</p><p>Work starts in March.</p>`, '<p>It agreed to replace twelve lamps on the quay.</p><p>The board met on Monday.</p>'),
      publishAt: '2026-12-03T08:00:00.000Z',
      editRefusal: null,
      error: 'the time to publish at (2020-01-01T08:00:00.000Z) has passed: choose a later one, or approve it now',
      scheduleValue: '2020-01-01T08:00',
    });
    const edit = renderEditPage(ctx, {
      slug: 'story-3', published: true,
      values: { headline: `Story 3 about ${longWord}`, subheadline: '', topics: `Harbour, ${longWord}`, leadUrl: `https://news.example/${longWord}.jpg`, leadCaption: 'The quay at dusk.', bodyHtml: `<p>${longWord} ${BODY}</p>`, note: '' },
      leadChoices: [`https://news.example/${longWord}.jpg`, `https://news.example/images/${longWord}/second.png`],
      error: 'an edit needs a note saying what was changed and why',
    });
    const context = await browser.newContext({ viewport: { width: 375, height: 800 }, bypassCSP: true });
    const page = await context.newPage();
    for (const [name, markup] of [['review queue', queue], ['a story under review', incoming], ['edit form', edit]] as const) {
      await page.setContent(markup.replace(`<link rel="stylesheet" href="${DESK_STYLESHEET_PATH}">`, `<style>${DESK_CSS}</style>`).replace(/<script src="[^"]+" defer><\/script>/, ''));
      await checkLayout(page, name);
    }
    await context.close();
  }, 60_000);
});
