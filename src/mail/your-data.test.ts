// Export and erase by address through the mailed link: a real SMTP server on loopback gets the link, the link
// opens the JSON export and the erase; a forged or expired link is refused; requests are throttled.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from '../store/test-backends.js';
import { loadConfig } from '../config/config.js';
import { createSource } from '../store/sources.js';
import { insertArticle } from '../store/articles.js';
import { getComment, insertComment } from '../store/comments.js';
import { addReplySubscription, getReplySubscription } from '../store/mail.js';
import { siteDepsOf } from '../cli/serve-command.js';
import { createApp } from '../site/app.js';
import { drainJobs, type JobHandler } from '../jobs/worker.js';
import { silentLog } from '../ingest/context.js';
import type { Store } from '../store/database.js';
import type { SiteDeps } from '../http/deps.js';
import type { Comment } from '../model/types.js';
import { createMailer } from './mailer.js';
import { mailContextOf, sendMailHandler, type MailContext } from './send-mail-job.js';
import { DATA_LINK_LIFETIME_MS, dataToken } from './mail-links.js';
import type { CommentExport } from './your-data.js';
import { header, headerBlock, linkIn, startSmtpSink, type SmtpSink } from './testdata/smtp-sink.js';

const SECRET = 'a-test-secret-that-is-long-enough';
const ORIGIN = 'http://desk.test';

for (const backend of testBackends()) {
  describe(`a commenter's data by address (${backend.name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let sink: SmtpSink;
    let deps: SiteDeps;
    let app: ReturnType<typeof createApp>;
    let mail: MailContext;
    let clock: Date;
    let ann1: Comment;
    let ann2: Comment;
    let bobReply: Comment;

    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
      sink = await startSmtpSink();
      clock = new Date();
      const config = loadConfig({ CONVEY_SITE_NAME: 'Harbour Desk', CONVEY_SECRET: SECRET, CONVEY_SITE_URL: ORIGIN, CONVEY_SMTP_URL: sink.url, CONVEY_MAIL_FROM: 'news@desk.test' });
      deps = { ...siteDepsOf(config, store), now: () => clock };
      app = createApp(deps);
      mail = { ...mailContextOf(config, store, deps.jobs, silentLog, createMailer(config.mail)), now: () => clock };
      const source = await createSource(store.db, { slug: 'wire', name: 'Wire', homeUrl: 'https://wire.test/', license: 'CC BY 4.0' });
      const article = await insertArticle(store.db, {
        originalUrl: 'https://wire.test/a', headline: 'Harbour news', subheadline: null, dateline: null, bodyHtml: '<p>Text.</p>',
        bodyText: 'Text.', bodyOrigin: 'feed', byline: null, language: 'en', lead: null, topics: [], firstCreated: null,
        provenance: [], rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
        sourceId: source.id, feedId: null, entryKey: 'a', slug: 'harbour-news', pubStatus: 'usable', holdReason: null,
      }, clock);
      const comment = (authorName: string, authorEmail: string | null, bodySource: string, parentId: number | null, status: 'approved' | 'pending') =>
        insertComment(store.db, {
          articleId: article.id, parentId, authorName, authorEmail, authorUrl: authorEmail ? 'https://ann.example/' : null, bodySource, bodyHtml: `<p>${bodySource}</p>`,
          status, ipBucket: '203.0.113.0/24', holdReason: null,
        }, clock);
      ann1 = await comment('Ann', 'ann@example.test', 'Ann says one thing.', null, 'approved');
      bobReply = await comment('Bob', 'bob@example.test', 'Bob answers Ann.', ann1.id, 'approved');
      ann2 = await comment('Ann', 'ann@example.test', 'Ann says another, held.', bobReply.id, 'pending');
      await addReplySubscription(store.db, ann1.id, 'ann@example.test', clock);
    });
    afterEach(async () => {
      mail.mailer.close();
      await sink.close();
      await dispose();
    });

    const drain = () => drainJobs(deps.jobs, [sendMailHandler(mail) as JobHandler]);
    const ask = (email: string, headers: Record<string, string> = { origin: ORIGIN }) =>
      app.request('/mail/your-comments', {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams({ email }).toString(),
      });

    it('mails a link to the address; the link exports every comment of it as JSON and erases them, keeping the thread', async () => {
      const form = await app.request('/mail/your-comments');
      expect(form.status).toBe(200);
      expect(await form.text()).toContain('<form method="post" action="/mail/your-comments">');

      const asked = await ask('Ann@Example.test');
      expect(asked.status).toBe(200);
      expect(await asked.text()).toContain('If comments are stored with that address, a link to them is on its way');
      expect((await drain()).done).toBe(1);
      const message = await sink.waitForMail(1);
      expect(message.to).toEqual(['ann@example.test']);
      expect(header(message.raw, 'Subject')).toBe('Your comments on Harbour Desk');
      expect(headerBlock(message.raw)).not.toMatch(/Ann says|your-comments\//);
      const link = linkIn(message.raw, `${ORIGIN}/mail/your-comments/`);
      const path = new URL(link).pathname;

      const page = await app.request(path);
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-store');
      const pageText = await page.text();
      expect(pageText).toContain('2 comments are stored with <strong>ann@example.test</strong>');
      expect(pageText).toContain('<meta name="referrer" content="no-referrer">');

      const exported = await app.request(`${path}/export.json`);
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-disposition')).toBe('attachment; filename="comments.json"');
      const data = (await exported.json()) as CommentExport;
      expect(data.address).toBe('ann@example.test');
      expect(data.comments.map((c) => [c.id, c.text, c.status, c.url])).toEqual([
        [ann1.id, 'Ann says one thing.', 'approved', `${ORIGIN}/articles/harbour-news#comment-${ann1.id}`],
        [ann2.id, 'Ann says another, held.', 'pending', null],
      ]);
      expect(data.comments[0]).toMatchObject({ article: { headline: 'Harbour news', url: `${ORIGIN}/articles/harbour-news` }, name: 'Ann', website: 'https://ann.example/', inReplyTo: null });

      const erased = await app.request(`${path}/erase`, { method: 'POST', headers: { origin: ORIGIN } });
      expect(erased.status).toBe(200);
      expect(await erased.text()).toContain('2 comments were erased');
      const after = await getComment(store.db, ann1.id);
      expect(after).toMatchObject({ authorName: 'Erased', authorEmail: null, authorUrl: null, ipBucket: null, bodySource: 'This comment was erased by its author.', status: 'approved' });
      // The thread keeps its shape: Bob's reply still answers the (erased) comment, and Bob's words stay his.
      expect(await getComment(store.db, bobReply.id)).toMatchObject({ parentId: ann1.id, authorName: 'Bob', bodySource: 'Bob answers Ann.' });
      expect(await getComment(store.db, ann2.id)).toMatchObject({ parentId: bobReply.id, authorEmail: null });
      expect(await getReplySubscription(store.db, ann1.id)).toBeNull();
      const articlePage = await (await app.request('/articles/harbour-news')).text();
      expect(articlePage).not.toContain('Ann says one thing.');
      expect(articlePage).toContain('Bob answers Ann.');
      // The export now finds nothing under the address.
      expect(((await (await app.request(`${path}/export.json`)).json()) as CommentExport).comments).toEqual([]);
    });

    it('answers the same for an address without comments, and mails it nothing', async () => {
      const asked = await ask('nobody@example.test');
      expect(asked.status).toBe(200);
      expect(await asked.text()).toContain('If comments are stored with that address');
      await drain();
      expect(sink.received).toEqual([]);
    });

    it('refuses a forged, altered or expired link, and changes nothing', async () => {
      const valid = dataToken(SECRET, 'ann@example.test', new Date(clock.getTime() + DATA_LINK_LIFETIME_MS));
      const forged = dataToken('another-secret-that-is-long-enough', 'ann@example.test', new Date(clock.getTime() + DATA_LINK_LIFETIME_MS));
      const [, expiry, , signature] = valid.split('.');
      const otherAddress = `d1.${expiry}.${Buffer.from('bob@example.test').toString('base64url')}.${signature}`;
      for (const token of [forged, otherAddress, `${valid.slice(0, -2)}xx`, 'd1.x']) {
        expect((await app.request(`/mail/your-comments/${token}`)).status).toBe(403);
        expect((await app.request(`/mail/your-comments/${token}/export.json`)).status).toBe(403);
        expect((await app.request(`/mail/your-comments/${token}/erase`, { method: 'POST' })).status).toBe(403);
      }
      clock = new Date(clock.getTime() + DATA_LINK_LIFETIME_MS + 1000);
      const expired = await app.request(`/mail/your-comments/${valid}/erase`, { method: 'POST' });
      expect(expired.status).toBe(403);
      expect(await expired.text()).toContain('This link has expired');
      expect(await getComment(store.db, ann1.id)).toMatchObject({ authorName: 'Ann', authorEmail: 'ann@example.test' });
    });

    it('throttles requests per address and per network, refuses other sites and bad addresses', async () => {
      for (let i = 0; i < 3; i++) expect((await ask('ann@example.test')).status).toBe(200);
      const fourth = await ask('ann@example.test');
      expect(fourth.status).toBe(429);
      expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
      // One link waits in the queue for the address, however often it was asked for.
      expect((await drain()).done).toBe(1);
      for (let i = 0; i < 6; i++) expect((await ask(`reader${i}@example.test`)).status).toBe(200);
      expect((await ask('reader-late@example.test')).status).toBe(429);

      expect((await ask('ann@example.test', { origin: 'https://evil.example' })).status).toBe(403);
      const bad = await ask('ann@example.test\r\nBcc: all@example.test');
      expect(bad.status).toBe(422);
      expect(await bad.text()).toContain('Please enter one email address');
    });
  });
}
