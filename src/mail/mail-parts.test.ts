// The pure parts of mail: the recipient check, the signed links, the templates, the settings, the SMTP errors.
import { describe, it, expect } from 'vitest';
import { validateRecipient } from './recipient.js';
import { DATA_LINK_LIFETIME_MS, dataToken, unsubscribeToken, verifyDataToken, verifyUnsubscribeToken } from './mail-links.js';
import { dataLinkMail, headerText, plainText, replyNoticeMail } from './templates.js';
import { loadMailConfig, MailConfigError } from './mail-config.js';
import { classifySmtpError, MailRefusedError, PrintingMailer } from './mailer.js';
import { RetryLaterError } from '../jobs/errors.js';
import { loadConfig, ConfigError } from '../config/config.js';

const SECRET = 'a-test-secret-that-is-long-enough';

describe('validateRecipient', () => {
  it.each(['ann@example.test', 'a.b+tag@mail.example.org', "o'hara@example.ie"])('takes one plain address: %s', (address) => {
    expect(validateRecipient(address)).toEqual({ ok: true, address });
  });

  it('lower-cases the domain and trims spaces around the address', () => {
    expect(validateRecipient('  Ann@Example.TEST ')).toEqual({ ok: true, address: 'Ann@example.test' });
  });

  it.each([
    ['ann@example.test\r\nBcc: all@example.test', 'contains a line break'],
    ['ann@example.test\n', 'contains a line break'],
    ['ann@example.test\0', 'contains a line break'],
    ['ann@example.test, bob@example.test', 'not one address'],
    ['Ann <ann@example.test>', 'not one address'],
    ['"ann"@example.test', 'not one address'],
    ['ann@@example.test', 'not one address'],
    ['ann.@example.test', 'not one address'],
    ['ann@localhost', 'not a mail domain'],
    ['ann@-example.test', 'not a mail domain'],
    ['ann@example.test;bob@example.test', 'not one address'],
    ['ann@example.test;x', 'not a mail domain'],
    ['', 'empty'],
    [`${'a'.repeat(250)}@example.test`, 'too long'],
  ])('refuses %j (%s)', (value, reason) => {
    expect(validateRecipient(value)).toEqual({ ok: false, reason });
  });

  it('refuses what is not text', () => {
    expect(validateRecipient(['ann@example.test'])).toEqual({ ok: false, reason: 'not text' });
  });
});

describe('signed mail links', () => {
  it('an unsubscribe link names the comment, carries no address and checks its signature', () => {
    const token = unsubscribeToken(SECRET, 42);
    expect(token).toMatch(/^u1\.42\.[A-Za-z0-9_-]{43}$/);
    expect(verifyUnsubscribeToken(SECRET, token)).toEqual({ ok: true, commentId: 42 });
    expect(verifyUnsubscribeToken('another-secret-long-enough', token)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyUnsubscribeToken(SECRET, token.replace('u1.42.', 'u1.43.'))).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyUnsubscribeToken(SECRET, `${token}x`)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('a data link opens one address until it expires, and nothing else', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    const token = dataToken(SECRET, 'Ann@Example.test', new Date(now.getTime() + DATA_LINK_LIFETIME_MS));
    expect(verifyDataToken(SECRET, token, now)).toMatchObject({ ok: true, email: 'ann@example.test' });
    expect(verifyDataToken(SECRET, token, new Date(now.getTime() + DATA_LINK_LIFETIME_MS))).toEqual({ ok: false, reason: 'expired' });
    const [, expiry, , signature] = token.split('.');
    const otherAddress = `d1.${expiry}.${Buffer.from('bob@example.test').toString('base64url')}.${signature}`;
    expect(verifyDataToken(SECRET, otherAddress, now)).toEqual({ ok: false, reason: 'bad-signature' });
    const longer = token.replace(`d1.${expiry}.`, `d1.${Number(expiry) + 86_400}.`);
    expect(verifyDataToken(SECRET, longer, now)).toEqual({ ok: false, reason: 'bad-signature' });
    // One purpose per signature: an unsubscribe token is no data link.
    expect(verifyDataToken(SECRET, unsubscribeToken(SECRET, 1), now)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('mail templates', () => {
  const notice = replyNoticeMail({
    to: 'ann@example.test', siteName: 'Harbour\r\nBcc: x@example.test Desk', articleHeadline: 'Council <votes>', replierName: 'Bob\u202Etxt.exe',
    replyText: 'Line one <script>alert(1)</script>\r\nLine two & "three"', replyUrl: 'https://desk.test/articles/a#comment-2',
    unsubscribeUrl: 'https://desk.test/mail/unsubscribe/u1.1.sig', yourDataUrl: 'https://desk.test/mail/your-comments',
  });

  it('builds the subject from the site only, on one line', () => {
    expect(notice.subject).toBe('New reply to your comment on Harbour Bcc: x@example.test Desk');
    expect(notice.subject).not.toMatch(/[\r\n]/);
    expect(Object.values(notice.headers).join('\n')).not.toMatch(/Bob|Council|Line/);
  });

  it('escapes everything in the HTML body and strips direction controls from both bodies', () => {
    expect(notice.html).toContain('Line one &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(notice.html).toContain('Council &lt;votes&gt;');
    expect(notice.html).toContain('&amp; &quot;three&quot;');
    expect(notice.html).not.toContain('<script>');
    expect(notice.html + notice.text).not.toContain('\u202E');
    expect(notice.text).toContain('Bobtxt.exe replied to your comment on "Council <votes>":');
    expect(notice.text).toContain('> Line one <script>alert(1)</script>\n> Line two & "three"');
    expect(notice.text).toContain('Stop these e-mails: https://desk.test/mail/unsubscribe/u1.1.sig\nDownload or erase your comments: https://desk.test/mail/your-comments');
  });

  it('says in the data mail how long the link works', () => {
    const mail = dataLinkMail({ to: 'ann@example.test', siteName: 'Desk', dataUrl: 'https://desk.test/mail/your-comments/t', lifetimeHours: 2 });
    expect(mail.subject).toBe('Your comments on Desk');
    expect(mail.text).toContain('This link opens them for 2 hours: https://desk.test/mail/your-comments/t');
  });

  it('keeps line feeds, drops other controls', () => {
    expect(plainText('a\r\nb\u0007c\u200Bd')).toBe('a\nbcd');
    expect(headerText(' Desk\n\tNews ')).toBe('Desk News');
  });
});

describe('mail settings', () => {
  it('sends nothing without an SMTP URL, from an address on the site\'s domain', () => {
    expect(loadMailConfig({}, 'https://news.example.org')).toEqual({ smtpUrl: null, from: 'convey@news.example.org' });
    expect(loadMailConfig({}, 'http://127.0.0.1:8080').from).toBe('convey@localhost.localdomain');
  });

  it('takes smtp:// and smtps:// URLs and one plain From address', () => {
    expect(loadMailConfig({ CONVEY_SMTP_URL: 'smtps://u:p@mail.example.org:465', CONVEY_MAIL_FROM: 'news@example.org' }, 'https://x.test')).toEqual({
      smtpUrl: 'smtps://u:p@mail.example.org:465', from: 'news@example.org',
    });
  });

  it.each([
    [{ CONVEY_SMTP_URL: 'http://mail.example.org' }, /must start with smtp:\/\/ or smtps:\/\//],
    [{ CONVEY_SMTP_URL: 'not a url' }, /must be a URL/],
    [{ CONVEY_MAIL_FROM: 'News <news@example.org>' }, /CONVEY_MAIL_FROM must be one plain address/],
    [{ CONVEY_MAIL_FROM: 'news@example.org\r\nBcc: x@example.org' }, /CONVEY_MAIL_FROM must be one plain address/],
  ])('refuses %o', (env, message) => {
    expect(() => loadMailConfig(env, 'https://x.test')).toThrow(MailConfigError);
    expect(() => loadMailConfig(env, 'https://x.test')).toThrow(message);
  });

  it('needs CONVEY_SECRET with an SMTP server: mailed links must outlive the process', () => {
    expect(() => loadConfig({ CONVEY_SMTP_URL: 'smtp://mail.example.org' })).toThrow(ConfigError);
    expect(() => loadConfig({ CONVEY_SMTP_URL: 'smtp://mail.example.org' })).toThrow(/CONVEY_SECRET is required with CONVEY_SMTP_URL/);
    expect(loadConfig({ CONVEY_SMTP_URL: 'smtp://mail.example.org', CONVEY_SECRET: SECRET }).mail.smtpUrl).toBe('smtp://mail.example.org');
  });
});

describe('mail sending', () => {
  it('retries what may pass later and fails at once what the server refused for good', () => {
    expect(classifySmtpError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET' }))).toBeInstanceOf(RetryLaterError);
    expect(classifySmtpError(Object.assign(new Error('Mailbox busy'), { code: 'EENVELOPE', responseCode: 450 }))).toBeInstanceOf(RetryLaterError);
    expect(classifySmtpError(Object.assign(new Error('Invalid login'), { code: 'EAUTH', responseCode: 535 }))).toBeInstanceOf(RetryLaterError);
    const refused = classifySmtpError(Object.assign(new Error('No such user'), { code: 'EENVELOPE', responseCode: 550 }));
    expect(refused).toBeInstanceOf(MailRefusedError);
    expect(refused.message).toBe('the mail server refused the recipient: EENVELOPE No such user');
  });

  it('prints the recipient, the subject and the links when no SMTP server is configured', async () => {
    const lines: string[] = [];
    const mailer = new PrintingMailer((line) => lines.push(line));
    await mailer.send(dataLinkMail({ to: 'ann@example.test', siteName: 'Desk', dataUrl: 'https://desk.test/mail/your-comments/t', lifetimeHours: 2 }));
    expect(mailer.sends).toBe(false);
    expect(lines).toEqual(['mail not sent (CONVEY_SMTP_URL is not set): to ann@example.test, "Your comments on Desk"  data: https://desk.test/mail/your-comments/t']);
  });
});
