// Reply mail in a real browser against a real `convey serve` process: a reader posts with "e-mail me replies",
// a moderator approves it and a reply through the admin API, the mail reaches a loopback SMTP server, and its
// unsubscribe link, opened in the browser, stops the next mail.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserAvailable, launchBrowser } from '../support/browser.js';
import { freePort, startConvey, waitFor, waitForSite, type ConveyProcess } from '../support/processes.js';
import { openStore } from '../../src/store/database.js';
import { createSource } from '../../src/store/sources.js';
import { insertArticle, setArticleState } from '../../src/store/articles.js';
import { bodyPart, header, startSmtpSink, type SmtpSink } from '../../src/mail/testdata/smtp-sink.js';

const ADMIN_TOKEN = 'an-admin-token-for-the-mail-test';
const available = browserAvailable();

describe.runIf(available)('reply mail in a real browser', () => {
  let dir: string;
  let sink: SmtpSink;
  let serve: ConveyProcess;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'convey-mail-'));
    const databaseUrl = `sqlite:${join(dir, 'mail.db')}`;
    const store = await openStore(databaseUrl);
    const now = new Date();
    const source = await createSource(store.db, { slug: 'wire', name: 'Harbour Wire', homeUrl: 'https://wire.test/', license: 'CC BY 4.0' });
    const article = await insertArticle(store.db, {
      originalUrl: 'https://wire.test/budget', headline: 'Council votes on the harbour budget', subheadline: null, dateline: null,
      bodyHtml: '<p>The council voted on the harbour budget late on Tuesday.</p>', bodyText: 'The council voted on the harbour budget late on Tuesday.',
      bodyOrigin: 'feed', byline: 'A. Writer', language: 'en', lead: null, topics: [], firstCreated: null, provenance: [],
      rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
      sourceId: source.id, feedId: null, entryKey: 'budget', slug: 'harbour-budget', pubStatus: 'usable', holdReason: null,
    }, now);
    await setArticleState(store.db, article.id, { republishedAt: now.toISOString() }, now);
    await store.close();

    sink = await startSmtpSink();
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    serve = startConvey(['serve', '--no-ingest'], {
      DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', CONVEY_SITE_URL: origin, CONVEY_SITE_NAME: 'Mail Test Desk',
      CONVEY_SECRET: 'a-secret-for-the-mail-browser-test', CONVEY_ADMIN_TOKEN: ADMIN_TOKEN, CONVEY_COMMENT_MIN_SECONDS: '1',
      CONVEY_SMTP_URL: sink.url, CONVEY_MAIL_FROM: 'news@desk.test',
    });
    await waitForSite(origin, serve);
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await sink?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function approve(id: number): Promise<void> {
    const res = await fetch(`${origin}/api/admin/comments/${id}/approve`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.status, await res.text()).toBe(200);
  }

  /** Fills and sends the comment form of the page; returns the stored comment's id (from the address it lands on). */
  async function postComment(page: Page, fields: { name: string; email: string; body: string; notify?: boolean }): Promise<number> {
    await page.fill('input[name="name"]', fields.name);
    await page.fill('input[name="email"]', fields.email);
    await page.fill('textarea[name="body"]', fields.body);
    if (fields.notify) await page.getByLabel('E-mail me replies to my comment').check();
    await page.waitForTimeout(1200); // the minimum time to submit
    await page.click('#commentform [type="submit"]');
    await page.waitForLoadState('load');
    const id = /[?&]c=(\d+)/.exec(page.url());
    expect(id, page.url()).not.toBeNull();
    return Number(id![1]);
  }

  it('mails an approved reply to a commenter who asked, and its unsubscribe link stops the next mail', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${origin}/articles/harbour-budget`);
    const ann = await postComment(page, { name: 'Ann', email: 'ann@example.test', body: 'Will the ferry keep running?', notify: true });
    expect(page.url()).toMatch(/comment=pending/);
    await approve(ann);

    await page.goto(`${origin}/articles/harbour-budget?replyto=${ann}#respond`);
    expect(await page.locator('#reply-title').textContent()).toContain('Reply to Ann');
    const bob = await postComment(page, { name: 'Bob', email: 'bob@example.test', body: 'It will, says the council.' });
    // Held as Bob's first comment: no mail while it waits.
    await page.waitForTimeout(1500);
    expect(sink.received).toEqual([]);
    await approve(bob);

    const message = await sink.waitForMail(1, 20_000);
    expect(message.to).toEqual(['ann@example.test']);
    expect(header(message.raw, 'Subject')).toBe('New reply to your comment on Mail Test Desk');
    const text = bodyPart(message.raw, 'text/plain');
    expect(text).toContain('> It will, says the council.');
    expect(text).toContain(`${origin}/articles/harbour-budget#comment-${bob}`);
    const unsubscribe = /Stop these e-mails: (\S+)/.exec(text)![1];
    expect(header(message.raw, 'List-Unsubscribe')).toBe(`<${unsubscribe}>`);

    // The reply's link opens the reply.
    await page.goto(`${origin}/articles/harbour-budget#comment-${bob}`);
    expect(await page.locator(`#comment-${bob}`).textContent()).toContain('It will, says the council.');

    await page.goto(unsubscribe);
    expect(await page.locator('h1').textContent()).toBe('Stop e-mails about replies');
    await page.click('.mail-page form button[type="submit"]');
    await page.waitForLoadState('load');
    expect(await page.locator('h1').textContent()).toBe('No more e-mails about replies');

    await page.goto(`${origin}/articles/harbour-budget?replyto=${ann}#respond`);
    const carl = await postComment(page, { name: 'Carl', email: 'carl@example.test', body: 'The timetable changes in May.' });
    await approve(carl);
    // The worker polls every second: give it several rounds, then check nothing was queued or sent.
    await page.waitForTimeout(3000);
    expect(sink.received).toHaveLength(1);
    const jobs = await (await fetch(`${origin}/api/admin/jobs`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json() as { counts: { queued: number; failed: number } };
    expect(jobs.counts).toMatchObject({ queued: 0, failed: 0 });
    await page.close();
  }, 90_000);
});

// A server without SMTP prints the mail's links instead of sending it (what an operator passes on by hand), and
// `convey mail link` prints the link to an address's comments.
describe('reply mail without an SMTP server', () => {
  it('prints the links on the output of `convey serve`', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convey-mail-print-'));
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const serve = startConvey(['serve', '--no-ingest'], {
      DATABASE_URL: `sqlite:${join(dir, 'print.db')}`, PORT: String(port), HOST: '127.0.0.1', CONVEY_SITE_URL: origin, CONVEY_SITE_NAME: 'Print Desk',
      CONVEY_SECRET: 'a-secret-for-the-mail-print-test', CONVEY_COMMENT_MIN_SECONDS: '0',
    });
    try {
      await waitForSite(origin, serve);
      const store = await openStore(`sqlite:${join(dir, 'print.db')}`);
      const source = await createSource(store.db, { slug: 'wire', name: 'Wire', homeUrl: 'https://wire.test/', license: 'CC BY 4.0' });
      const now = new Date();
      const article = await insertArticle(store.db, {
        originalUrl: 'https://wire.test/a', headline: 'A story', subheadline: null, dateline: null, bodyHtml: '<p>Text.</p>', bodyText: 'Text.',
        bodyOrigin: 'feed', byline: null, language: 'en', lead: null, topics: [], firstCreated: null, provenance: [],
        rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
        sourceId: source.id, feedId: null, entryKey: 'a', slug: 'a-story', pubStatus: 'usable', holdReason: null,
      }, now);
      const { insertComment } = await import('../../src/store/comments.js');
      await insertComment(store.db, {
        articleId: article.id, parentId: null, authorName: 'Ann', authorEmail: 'ann@example.test', authorUrl: null, bodySource: 'Hello.', bodyHtml: '<p>Hello.</p>',
        status: 'approved', ipBucket: null, holdReason: null,
      });
      await store.close();
      const asked = await fetch(`${origin}/mail/your-comments`, { method: 'POST', headers: { origin }, body: new URLSearchParams({ email: 'ann@example.test' }) });
      expect(asked.status).toBe(200);
      await waitFor('the printed link', () => serve.output().includes('mail not sent (CONVEY_SMTP_URL is not set): to ann@example.test'), 20_000);
      const link = new RegExp(`data: (${origin}/mail/your-comments/\\S+)`).exec(serve.output())![1];
      const page = await fetch(link);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('1 comment is stored with');
      expect(serve.output()).toContain('CONVEY_SMTP_URL is not set: mail is not sent; its links are printed instead');

      // The operator's way to the same page, for a request that came another way.
      const env = { DATABASE_URL: `sqlite:${join(dir, 'print.db')}`, CONVEY_SITE_URL: origin, CONVEY_SECRET: 'a-secret-for-the-mail-print-test' };
      const cli = startConvey(['mail', 'link', 'Ann@Example.test'], env);
      expect(await cli.exited).toBe(0);
      expect(cli.output()).toContain('1 comment stored with ann@example.test; the link works until ');
      const printed = new RegExp(`^${origin}/mail/your-comments/\\S+$`, 'm').exec(cli.output())![0];
      expect((await fetch(`${printed}/export.json`)).status).toBe(200);
      const bad = startConvey(['mail', 'link', 'ann@example.test, bob@example.test'], env);
      expect(await bad.exited).toBe(1);
      expect(bad.output()).toContain('is not one email address (not one address)');
      const unsigned = startConvey(['mail', 'link', 'ann@example.test'], { ...env, CONVEY_SECRET: '' });
      expect(await unsigned.exited).toBe(1);
      expect(unsigned.output()).toContain('CONVEY_SECRET must be set');
    } finally {
      await serve.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
