// The Akismet-compatible check against a loopback fake of the service, through the real guarded client.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient } from '../fetch/http-client.js';
import { parseAllowList } from '../fetch/ssrf-guard.js';
import { AkismetCheck, applySpamVerdict, commentCheckUrl, type SpamCheckInput } from './akismet.js';

const input: SpamCheckInput = {
  siteUrl: 'http://desk.test/', permalink: 'http://desk.test/articles/harbour', ip: '203.0.113.9', userAgent: 'Browser/1.0', referrer: null,
  name: 'Ann', email: 'ann@example.test', url: null, body: 'Nice story.', language: 'en',
};

describe('AkismetCheck', () => {
  let server: Server;
  let base: string;
  const received: { path: string; form: URLSearchParams }[] = [];
  let answer: { status: number; body: string; headers?: Record<string, string>; hang?: boolean } = { status: 200, body: 'false' };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ path: req.url ?? '', form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')) });
        if (answer.hang) return;
        res.writeHead(answer.status, { 'content-type': 'text/plain', ...(answer.headers ?? {}) });
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const client = () => new HttpClient({ allow: parseAllowList(new URL(base).host) });

  it('posts the comment to comment-check and reads "true" as spam', async () => {
    answer = { status: 200, body: 'true' };
    received.length = 0;
    expect(await new AkismetCheck(client(), { key: 'k123', url: base }).check(input)).toEqual({ verdict: 'spam' });
    expect(received[0].path).toBe('/1.1/comment-check');
    expect(Object.fromEntries(received[0].form)).toMatchObject({
      api_key: 'k123', blog: 'http://desk.test/', permalink: 'http://desk.test/articles/harbour', comment_type: 'comment',
      comment_author: 'Ann', comment_author_email: 'ann@example.test', comment_content: 'Nice story.', user_ip: '203.0.113.9', user_agent: 'Browser/1.0', blog_lang: 'en',
    });
    // Fields the commenter left empty are not sent as empty strings.
    expect(received[0].form.has('comment_author_url')).toBe(false);
  });

  it('reads "false" as not spam', async () => {
    answer = { status: 200, body: 'false' };
    expect(await new AkismetCheck(client(), { key: 'k', url: `${base}/` }).check(input)).toEqual({ verdict: 'ham' });
  });

  it('an invalid key, an error status or a timeout is "unknown", with a reason for the moderator', async () => {
    answer = { status: 200, body: 'invalid', headers: { 'x-akismet-debug-help': 'We were unable to verify your API key.' } };
    const invalid = await new AkismetCheck(client(), { key: 'bad', url: base }).check(input);
    expect(invalid).toEqual({ verdict: 'unknown', reason: 'HTTP 200, answer "invalid" (We were unable to verify your API key.)' });
    answer = { status: 503, body: 'down' };
    expect(await new AkismetCheck(client(), { key: 'k', url: base }).check(input)).toMatchObject({ verdict: 'unknown', reason: expect.stringContaining('HTTP 503') });
    answer = { status: 200, body: '', hang: true };
    const slow = await new AkismetCheck(client(), { key: 'k', url: base }, 300).check(input);
    expect(slow).toMatchObject({ verdict: 'unknown', reason: expect.stringMatching(/Timed out/) });
  });

  it('a POST never follows a redirect: the redirect is the answer, and its target is not asked', async () => {
    received.length = 0;
    answer = { status: 302, body: '', headers: { location: `${base}/elsewhere` } };
    expect(await new AkismetCheck(client(), { key: 'k', url: base }).check(input)).toMatchObject({ verdict: 'unknown', reason: expect.stringContaining('HTTP 302') });
    expect(received.map((r) => r.path)).toEqual(['/1.1/comment-check']);
  });

  it('goes through the guard: a loopback service not allowed is refused, never called', async () => {
    received.length = 0;
    answer = { status: 200, body: 'true' };
    const verdict = await new AkismetCheck(new HttpClient(), { key: 'k', url: base }).check(input);
    expect(verdict).toMatchObject({ verdict: 'unknown', reason: expect.stringContaining('Refused to fetch') });
    expect(received).toEqual([]);
  });

  it('builds the API address from a base with or without a slash', () => {
    expect(commentCheckUrl('https://rest.akismet.com')).toBe('https://rest.akismet.com/1.1/comment-check');
    expect(commentCheckUrl('https://spam.example/api/')).toBe('https://spam.example/api/1.1/comment-check');
  });
});

describe('applySpamVerdict', () => {
  const approved = { status: 'approved' as const, reasons: [] };
  it('on: "spam" marks an approved or held comment spam', () => {
    expect(applySpamVerdict(approved, { verdict: 'spam' })).toEqual({ status: 'spam', reasons: ['spam check: spam'] });
    expect(applySpamVerdict({ status: 'pending', reasons: ['first comment'] }, { verdict: 'spam' }).status).toBe('spam');
  });
  it('off: "ham" leaves the local decision as it was', () => {
    expect(applySpamVerdict(approved, { verdict: 'ham' })).toBe(approved);
    expect(applySpamVerdict({ status: 'pending', reasons: ['2 links'] }, { verdict: 'ham' }).status).toBe('pending');
  });
  it('an unanswered check holds what would have been published, and says why', () => {
    expect(applySpamVerdict(approved, { verdict: 'unknown', reason: 'timeout' })).toEqual({ status: 'pending', reasons: ['spam check unavailable: timeout'] });
  });
});
