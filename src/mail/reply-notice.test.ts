// Reply notifications end to end through the HTTP app, the job queue and a real SMTP server on loopback: a mail
// only after the reply is approved, no user input in its headers, a working one-click unsubscribe, retries
// while the server is down and a dead letter when it stays down.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from '../store/test-backends.js';
import { loadConfig, type Config } from '../config/config.js';
import { createSource } from '../store/sources.js';
import { insertArticle, setArticleState } from '../store/articles.js';
import { getComment, listCommentsByStatus } from '../store/comments.js';
import { siteDepsOf } from '../cli/serve-command.js';
import { createApp } from '../site/app.js';
import { issueFormToken } from '../comments/csrf.js';
import { moderateComment } from '../admin/actions.js';
import { drainJobs, type JobHandler } from '../jobs/worker.js';
import { silentLog } from '../ingest/context.js';
import { freePort } from '../../test/support/processes.js';
import type { Store } from '../store/database.js';
import type { SiteDeps } from '../http/deps.js';
import { createMailer } from './mailer.js';
import { mailContextOf, sendMailHandler, SEND_MAIL_QUEUE, type MailContext } from './send-mail-job.js';
import { unsubscribeToken } from './mail-links.js';
import { bodyPart, header, headerBlock, linkIn, startSmtpSink, type SmtpSink } from './testdata/smtp-sink.js';

const SECRET = 'a-test-secret-that-is-long-enough';
/** The replier's name, with what a header injection would try: it must reach no header. */
const BOB = 'Bob MARKER-NAME =?utf-8?q?x?=';

function configFor(smtpUrl: string): Config {
  return loadConfig({
    CONVEY_SITE_NAME: 'Harbour Desk', CONVEY_SECRET: SECRET, CONVEY_SITE_URL: 'http://desk.test', CONVEY_SMTP_URL: smtpUrl, CONVEY_MAIL_FROM: 'news@desk.test',
  });
}

for (const backend of testBackends()) {
  describe(`reply notifications (${backend.name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let sink: SmtpSink | null;
    let deps: SiteDeps;
    let app: ReturnType<typeof createApp>;
    let mail: MailContext;
    let articleId: number;
    let clock: Date;

    async function setUp(smtpUrl: string) {
      const config = configFor(smtpUrl);
      deps = { ...siteDepsOf(config, store), now: () => clock };
      app = createApp(deps);
      mail = mailContextOf(config, store, deps.jobs, silentLog, createMailer(config.mail));
    }

    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
      sink = await startSmtpSink();
      clock = new Date('2026-11-27T12:00:00Z');
      await setUp(sink.url);
      const source = await createSource(store.db, { slug: 'wire', name: 'Wire', homeUrl: 'https://wire.test/', license: 'CC BY 4.0' });
      const article = await insertArticle(store.db, {
        originalUrl: 'https://wire.test/a', headline: 'Harbour news', subheadline: null, dateline: null, bodyHtml: '<p>Text of the story.</p>',
        bodyText: 'Text of the story.', bodyOrigin: 'feed', byline: 'A. Writer', language: 'en', lead: null, topics: [], firstCreated: null,
        provenance: [], rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
        sourceId: source.id, feedId: null, entryKey: 'a', slug: 'harbour-news', pubStatus: 'usable', holdReason: null,
      }, clock);
      await setArticleState(store.db, article.id, { republishedAt: clock.toISOString() }, clock);
      articleId = article.id;
    });
    afterEach(async () => {
      mail.mailer.close();
      await sink?.close();
      await dispose();
    });

    /** The commenter cookie each posted comment set, by the comment's id. */
    const cookies = new Map<number, string>();

    async function post(fields: Record<string, string>) {
      const token = issueFormToken(SECRET, { articleId, now: clock });
      clock = new Date(clock.getTime() + 20_000);
      const res = await app.request('/articles/harbour-news/comments', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ form_token: token, ...fields }).toString(),
      });
      expect(res.status).toBe(303);
      const id = Number(/[?&]c=(\d+)/.exec(res.headers.get('location')!)![1]);
      const cookie = res.headers.get('set-cookie');
      if (cookie) cookies.set(id, cookie.split(';')[0]);
      return id;
    }

    const drain = (handler: Partial<Pick<JobHandler, 'backoff' | 'retryWindowMs'>> = {}) => drainJobs(deps.jobs, [sendMailHandler(mail, handler) as JobHandler]);

    /** Ann asks for replies, her comment is approved, Bob replies (held as a first comment). */
    async function annAndBobsReply() {
      const ann = await post({ name: 'Ann MARKER-PARENT', email: 'Ann@Example.test', body: 'First thought MARKER-PARENT-BODY.', notify_replies: 'on' });
      await moderateComment(store, ann, 'approve');
      const bob = await post({
        name: BOB, email: 'bob@example.test', url: 'https://bob.example/MARKER-URL',
        body: 'A reply MARKER-BODY with <b>markup</b>.', parent_id: String(ann),
      });
      expect((await getComment(store.db, bob))!.status).toBe('pending');
      return { ann, bob };
    }

    it('mails the parent only once the reply is approved, with no user input in its headers, once per reply', async () => {
      const { ann, bob } = await annAndBobsReply();
      expect(await drain()).toMatchObject({ done: 0, failed: 0 });
      expect(sink!.received).toEqual([]);

      await moderateComment(store, bob, 'approve');
      expect((await drain()).done).toBe(1);
      const message = await sink!.waitForMail(1);
      expect(message.to).toEqual(['ann@example.test']);
      expect(message.from).toBe('news@desk.test');

      const headers = headerBlock(message.raw);
      expect(headers).not.toMatch(/MARKER|Bob|Ann |bob\.example|Harbour news|markup|=\?utf-8\?q\?x/i);
      expect(header(message.raw, 'To')).toBe('ann@example.test');
      expect(header(message.raw, 'From')).toBe('news@desk.test');
      expect(header(message.raw, 'Subject')).toBe('New reply to your comment on Harbour Desk');
      expect(header(message.raw, 'List-Unsubscribe')).toBe(`<http://desk.test/mail/unsubscribe/${unsubscribeToken(SECRET, ann)}>`);
      expect(header(message.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');

      const text = bodyPart(message.raw, 'text/plain');
      expect(text).toContain('Bob MARKER-NAME');
      expect(text).toContain('> A reply MARKER-BODY with <b>markup</b>.');
      expect(linkIn(message.raw, 'http://desk.test/articles/')).toBe(`http://desk.test/articles/harbour-news#comment-${bob}`);
      const htmlBody = bodyPart(message.raw, 'text/html');
      expect(htmlBody).toContain('A reply MARKER-BODY with &lt;b&gt;markup&lt;/b&gt;.');
      expect(htmlBody).not.toContain('<b>markup');

      // Unapproved and approved again: the notice is not sent twice.
      await moderateComment(store, bob, 'unapprove');
      await moderateComment(store, bob, 'approve');
      expect((await drain()).done).toBe(0);
      expect(sink!.received).toHaveLength(1);
    });

    it('mails about a reply approved as it is posted (a returning commenter), in the transaction that stores it', async () => {
      const { ann, bob } = await annAndBobsReply();
      await moderateComment(store, bob, 'approve');
      await drain();
      await sink!.waitForMail(1);
      // Bob is back with the cookie his first (now approved) comment set: his next reply is approved at once.
      const cookie = cookies.get(bob)!;
      const token = issueFormToken(SECRET, { articleId, now: clock });
      clock = new Date(clock.getTime() + 20_000);
      const back = await app.request('/articles/harbour-news/comments', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({ form_token: token, name: BOB, email: 'bob@example.test', body: 'Approved at once.', parent_id: String(ann) }).toString(),
      });
      expect(back.headers.get('location')).toContain('comment=posted');
      expect((await drain()).done).toBe(1);
      expect(bodyPart((await sink!.waitForMail(2)).raw, 'text/plain')).toContain('> Approved at once.');
    });

    it('never mails about a reply held or marked as spam, nor a commenter about their own reply', async () => {
      const { ann, bob } = await annAndBobsReply();
      await moderateComment(store, bob, 'spam');
      const own = await post({ name: 'Ann MARKER-PARENT', email: 'ann@example.test', body: 'Answering myself.', parent_id: String(ann) });
      await moderateComment(store, own, 'approve');
      await drain();
      expect(sink!.received).toEqual([]);
    });

    it('stops the next mail after the one-click unsubscribe; GET only asks, a forged link is refused', async () => {
      const { ann, bob } = await annAndBobsReply();
      await moderateComment(store, bob, 'approve');
      await drain();
      const link = header((await sink!.waitForMail(1)).raw, 'List-Unsubscribe')!.slice(1, -1);
      const path = new URL(link).pathname;

      const asked = await app.request(path);
      expect(asked.status).toBe(200);
      expect(asked.headers.get('cache-control')).toBe('no-store');
      const page = await asked.text();
      expect(page).toContain(`<form method="post" action="${path}">`);
      expect(page).toContain('noindex');

      // Opening the link alone unsubscribes nobody: a second reply is still mailed.
      const carl = await post({ name: 'Carl', email: 'carl@example.test', body: 'Another reply.', parent_id: String(ann) });
      await moderateComment(store, carl, 'approve');
      await drain();
      await sink!.waitForMail(2);

      const forged = path.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A'));
      expect((await app.request(forged, { method: 'POST' })).status).toBe(400);
      expect((await app.request(`/mail/unsubscribe/u1.${ann}.${'x'.repeat(43)}`, { method: 'POST' })).status).toBe(400);

      // What a mail client sends for List-Unsubscribe-Post (RFC 8058).
      const oneClick = await app.request(path, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://mail.example' }, body: 'List-Unsubscribe=One-Click',
      });
      expect(oneClick.status).toBe(200);
      expect(await oneClick.text()).toContain('You will get no more e-mails about replies');

      const dora = await post({ name: 'Dora', email: 'dora@example.test', body: 'A third reply.', parent_id: String(ann) });
      await moderateComment(store, dora, 'approve');
      await drain();
      expect(sink!.received).toHaveLength(2);
    });

    it('asks for an address when "e-mail me replies" is ticked without one, and keeps the text', async () => {
      const token = issueFormToken(SECRET, { articleId, now: clock });
      clock = new Date(clock.getTime() + 20_000);
      const res = await app.request('/articles/harbour-news/comments', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ form_token: token, name: 'Eve', body: 'Tell me about replies.', notify_replies: 'on' }).toString(),
      });
      expect(res.status).toBe(422);
      const page = await res.text();
      expect(page).toContain('Please enter your email address to get replies by e-mail.');
      expect(page).toContain('Tell me about replies.</textarea>');
      expect(page).toMatch(/name="notify_replies" type="checkbox" value="on" checked/);
      expect(await listCommentsByStatus(store.db, articleId, 'pending')).toEqual([]);
    });

    it('retries while the mail server is down and delivers once it is back; dead-letters with the reason when it stays down', async () => {
      await sink!.close();
      sink = null;
      const port = await freePort();
      await setUp(`smtp://convey:sink-password@127.0.0.1:${port}`);
      const { bob } = await annAndBobsReply();
      await moderateComment(store, bob, 'approve');

      const fast = { backoff: { baseMs: 200, maxMs: 400 } };
      expect(await drain(fast)).toMatchObject({ done: 0, retry: 1, failed: 0 });
      expect((await deps.jobs.counts()).queued).toBe(1);

      sink = await startSmtpSink(port);
      await new Promise((r) => setTimeout(r, 500));
      expect(await drain(fast)).toMatchObject({ done: 1, failed: 0 });
      expect((await sink.waitForMail(1)).to).toEqual(['ann@example.test']);

      // A server that never comes back: past the retry window the job fails for good, with the reason kept.
      await sink.close();
      sink = null;
      const carl = await post({ name: 'Carl', email: 'carl@example.test', body: 'Another reply.', parent_id: String((await getComment(store.db, bob))!.parentId) });
      await moderateComment(store, carl, 'approve');
      expect(await drain({ ...fast, retryWindowMs: 0 })).toMatchObject({ done: 0, failed: 1 });
      const [dead] = (await deps.jobs.listFailed()).filter((j) => j.queue === SEND_MAIL_QUEUE);
      expect(dead.error).toMatch(/^mail not sent: .*ECONNREFUSED/);
      expect(dead.data).toMatchObject({ kind: 'reply-notice', replyId: carl });
    });
  });
}
