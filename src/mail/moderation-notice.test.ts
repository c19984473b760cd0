// Moderators are mailed about a held comment, with one-click links: through the HTTP app, the job queue and a
// real SMTP server on loopback. A mail per moderating account (owners and moderators, not editors), none about a
// comment moderated before its job ran; each link asks on GET and acts on POST, once, for its own action only.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from '../store/test-backends.js';
import { loadConfig } from '../config/config.js';
import { createSource } from '../store/sources.js';
import { insertArticle, setArticleState } from '../store/articles.js';
import { getComment } from '../store/comments.js';
import { createUser } from '../store/users.js';
import { listAudit } from '../store/audit-log.js';
import { siteDepsOf } from '../cli/serve-command.js';
import { createApp } from '../site/app.js';
import { issueFormToken } from '../comments/csrf.js';
import { moderateComment } from '../admin/actions.js';
import { drainJobs, type JobHandler } from '../jobs/worker.js';
import { silentLog } from '../ingest/context.js';
import type { Store } from '../store/database.js';
import type { SiteDeps } from '../http/deps.js';
import { createMailer } from './mailer.js';
import { mailContextOf, sendMailHandler, type MailContext } from './send-mail-job.js';
import { MODERATION_LINK_LIFETIME_MS } from './moderation-notice.js';
import { bodyPart, header, headerBlock, startSmtpSink, type SmtpSink } from './testdata/smtp-sink.js';

const SECRET = 'a-test-secret-that-is-long-enough';

for (const backend of testBackends()) {
  describe(`moderation notices by mail (${backend.name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let sink: SmtpSink;
    let deps: SiteDeps;
    let app: ReturnType<typeof createApp>;
    let mail: MailContext;
    let articleId: number;
    let clock: Date;

    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
      sink = await startSmtpSink();
      clock = new Date('2026-11-27T12:00:00Z');
      const config = loadConfig({ CONVEY_SITE_NAME: 'Harbour Desk', CONVEY_SECRET: SECRET, CONVEY_SITE_URL: 'http://desk.test', CONVEY_SMTP_URL: sink.url, CONVEY_MAIL_FROM: 'news@desk.test' });
      deps = { ...siteDepsOf(config, store), now: () => clock };
      app = createApp(deps);
      mail = { ...mailContextOf(config, store, deps.jobs, silentLog, createMailer(config.mail)), now: () => clock };
      const source = await createSource(store.db, { slug: 'wire', name: 'Wire', homeUrl: 'https://wire.test/', license: 'CC BY 4.0' });
      const article = await insertArticle(store.db, {
        originalUrl: 'https://wire.test/a', headline: 'Harbour news', subheadline: null, dateline: null, bodyHtml: '<p>Text of the story.</p>',
        bodyText: 'Text of the story.', bodyOrigin: 'feed', byline: 'A. Writer', language: 'en', lead: null, topics: [], firstCreated: null,
        provenance: [], rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
        sourceId: source.id, feedId: null, entryKey: 'a', slug: 'harbour-news', pubStatus: 'usable', holdReason: null,
      }, clock);
      await setArticleState(store.db, article.id, { republishedAt: clock.toISOString() }, clock);
      articleId = article.id;
      await createUser(store.db, { email: 'owner@desk.test', role: 'owner' }, clock);
      await createUser(store.db, { email: 'mod@desk.test', role: 'moderator' }, clock);
      await createUser(store.db, { email: 'editor@desk.test', role: 'editor' }, clock);
    });
    afterEach(async () => {
      mail.mailer.close();
      await sink.close();
      await dispose();
    });

    const drain = () => drainJobs(deps.jobs, [sendMailHandler(mail) as JobHandler], { now: () => clock });

    async function post(fields: Record<string, string>): Promise<number> {
      const token = issueFormToken(SECRET, { articleId, now: clock });
      clock = new Date(clock.getTime() + 20_000);
      const res = await app.request('/articles/harbour-news/comments', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ form_token: token, ...fields }).toString(),
      });
      expect(res.status).toBe(303);
      return Number(/[?&]c=(\d+)/.exec(res.headers.get('location')!)![1]);
    }

    /** The path of the mailed link for `action` in a received mail's text. */
    const linkOf = (raw: string, action: string) => new URL(new RegExp(`^${action}: (\\S+)$`, 'mi').exec(bodyPart(raw, 'text/plain'))![1]).pathname;

    it('mails each owner and moderator about a held comment, with no user input in the headers', async () => {
      const id = await post({ name: 'Mallory MARKER-NAME', email: 'first@example.test', body: 'A first comment MARKER-BODY <b>bold</b>.' });
      expect((await getComment(store.db, id))!.status).toBe('pending');
      expect((await drain()).done).toBe(2);
      await sink.waitForMail(2);
      expect(sink.received.map((m) => m.to[0]).sort()).toEqual(['mod@desk.test', 'owner@desk.test']);
      const raw = sink.received[0].raw;
      expect(header(raw, 'Subject')).toBe('A comment waits for moderation on Harbour Desk');
      expect(headerBlock(raw)).not.toMatch(/MARKER|Mallory|first@example/);
      const text = bodyPart(raw, 'text/plain');
      expect(text).toContain('Mallory MARKER-NAME commented on "Harbour news"');
      expect(text).toContain('> A first comment MARKER-BODY <b>bold</b>.');
      for (const action of ['Approve', 'Spam', 'Trash']) expect(linkOf(raw, action)).toMatch(/^\/mail\/moderate\/a1\./);
      expect(bodyPart(raw, 'text/html')).toContain('MARKER-BODY &lt;b&gt;bold&lt;/b&gt;');
    });

    it('asks on GET, acts on POST once, and writes the audit log; a later link of the same mail does nothing', async () => {
      const id = await post({ name: 'Ann', email: 'ann@example.test', body: 'Held first.' });
      await drain();
      const raw = (await sink.waitForMail(2)).raw;
      const approve = linkOf(raw, 'Approve');

      const asked = await app.request(approve);
      expect(asked.status).toBe(200);
      expect(asked.headers.get('cache-control')).toBe('no-store');
      expect(await asked.text()).toContain(`<form method="post" action="${approve}">`);
      expect((await getComment(store.db, id))!.status).toBe('pending');

      const done = await app.request(approve, { method: 'POST' });
      expect(done.status).toBe(200);
      expect(await done.text()).toContain('is approved');
      expect((await getComment(store.db, id))!.status).toBe('approved');
      expect((await listAudit(store.db, { limit: 5 }))[0]).toMatchObject({ actor: 'mailed link', action: 'comment.approve', target: `comment ${id}`, userId: null });

      const spam = await app.request(linkOf(raw, 'Spam'), { method: 'POST' });
      expect(await spam.text()).toContain('Already moderated');
      expect((await getComment(store.db, id))!.status).toBe('approved');
    });

    it('refuses a forged link, an expired one, and a link whose comment is gone; mails nothing about a comment moderated first', async () => {
      const id = await post({ name: 'Ann', email: 'ann@example.test', body: 'Held first.' });
      await drain();
      const trash = linkOf((await sink.waitForMail(2)).raw, 'Trash');
      const forged = trash.replace(/\.(\d+)\./, (_m, n) => `.${Number(n) + 1}.`);
      expect((await app.request(forged, { method: 'POST' })).status).toBe(400);
      expect((await app.request('/mail/moderate/not-a-token')).status).toBe(400);

      clock = new Date(clock.getTime() + MODERATION_LINK_LIFETIME_MS + 1000);
      expect((await app.request(trash, { method: 'POST' })).status).toBe(410);
      expect((await getComment(store.db, id))!.status).toBe('pending');

      const second = await post({ name: 'Bea', email: 'bea@example.test', body: 'Also held.' });
      await moderateComment(store, second, 'approve');
      const before = sink.received.length;
      expect(await drain()).toMatchObject({ done: 2, failed: 0 });
      expect(sink.received).toHaveLength(before);
    });
  });
}
