// The `convey` command as a user runs it: bad input gets one clear line and a non-zero exit, never a stack trace.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLoopbackServer, type LoopbackServer } from '../../test/support/loopback-server.js';

const bin = fileURLToPath(new URL('../../bin/convey.js', import.meta.url));
let dir: string;
let server: LoopbackServer;

// Asynchronous on purpose: the loopback server below lives in this process and must answer while the command runs.
function convey(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, CONVEY_FROM_SOURCE: '1', DATABASE_URL: `sqlite:${join(dir, 'cli.db')}`, LOG_LEVEL: 'warn', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs a long-lived command until its output matches `until`, then stops it as Ctrl-C would. */
function conveyUntil(args: string[], until: RegExp, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, CONVEY_FROM_SOURCE: '1', DATABASE_URL: `sqlite:${join(dir, 'cli.db')}`, LOG_LEVEL: 'warn', ...env },
    });
    let stdout = '';
    let stderr = '';
    const check = () => until.test(stdout + stderr) && child.kill('SIGTERM');
    child.stdout.on('data', (d) => ((stdout += d), check()));
    child.stderr.on('data', (d) => ((stderr += d), check()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'convey-cli-'));
  server = await startLoopbackServer({
    '/feed.xml': { type: 'application/rss+xml', body: '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>One</title><link>http://x.test/1</link></item></channel></rss>' },
  });
  // Commands other than serve, demo and migrate refuse a database that does not exist yet.
  expect((await convey(['migrate'])).code).toBe(0);
}, 60_000);
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

// Each case starts the command several times; on a loaded two-core machine that takes a while.
describe('convey', { timeout: 120_000 }, () => {
  it('prints usage and exits 2 without a command, and names an unknown one in one line with the hint', async () => {
    expect((await convey([])).code).toBe(2);
    const unknown = await convey(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('convey: unknown command "frobnicate"\nRun "convey help" for the list of commands.\n');
  });

  it('refuses a missing SQLite database instead of creating it and its directory', async () => {
    const missingDir = join(dir, 'nonexistent', 'dir');
    const result = await convey(['feeds', 'list'], { DATABASE_URL: `sqlite:${join(missingDir, 'x.db')}` });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`convey feeds: no database at ${join(missingDir, 'x.db')}: check DATABASE_URL, or create it with "convey migrate"\n`);
    expect(existsSync(join(dir, 'nonexistent'))).toBe(false);
    const created = await convey(['migrate'], { DATABASE_URL: `sqlite:${join(missingDir, 'x.db')}` });
    expect(created.code).toBe(0);
    expect(existsSync(join(missingDir, 'x.db'))).toBe(true);
  });

  it('names the host and port of a PostgreSQL it cannot reach', async () => {
    const port = await freePort(); // nothing listens there
    const result = await convey(['sources', 'list'], { DATABASE_URL: `postgres://convey:secret@127.0.0.1:${port}/news` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`cannot reach PostgreSQL at 127.0.0.1:${port} (database news): ECONNREFUSED`);
    expect(result.stderr).not.toContain('secret');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('logs readable lines by default and pino JSON only when asked', async () => {
    const env = { PORT: String(await freePort()), CONVEY_SITE_NAME: '', DATABASE_URL: `sqlite:${join(dir, 'serve.db')}` };
    const human = await conveyUntil(['serve', '--no-ingest'], /CONVEY_SITE_NAME is not set/, env);
    expect(human.stderr).toMatch(/^\d\d:\d\d:\d\d {2}warn {3}CONVEY_SITE_NAME is not set/m);
    expect(human.stdout + human.stderr).not.toContain('{"level"');
    const json = await conveyUntil(['serve', '--no-ingest', '--json'], /CONVEY_SITE_NAME is not set/, { ...env, PORT: String(await freePort()) });
    expect(JSON.parse(json.stdout.trim().split('\n')[0])).toMatchObject({ level: 40, msg: expect.stringContaining('CONVEY_SITE_NAME is not set') });
    const fromEnv = await conveyUntil(['serve', '--no-ingest'], /CONVEY_SITE_NAME is not set/, { ...env, PORT: String(await freePort()), LOG_FORMAT: 'json' });
    expect(fromEnv.stdout).toContain('"level":40');
  });

  it('adds and lists sources and feeds, refusing bad input clearly', async () => {
    const unlicensed = await convey(['sources', 'add', '--slug', 'wire', '--name', 'Wire', '--home', 'https://wire.test/']);
    expect(unlicensed.code).toBe(2);
    expect(unlicensed.stderr).toContain('--license is required');
    expect((await convey(['sources', 'add', '--slug', 'wire', '--name', 'Wire', '--home', 'https://wire.test/', '--indexing', 'noindex-news', '--license', 'permission on file'])).code).toBe(0);
    const again = await convey(['sources', 'add', '--slug', 'wire', '--name', 'Wire', '--home', 'https://wire.test/', '--license', 'CC BY 4.0']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('a source "wire" exists already');
    const badPolicy = await convey(['sources', 'add', '--slug', 'x', '--name', 'X', '--home', 'https://x.test/', '--license', 'CC BY 4.0', '--indexing', 'sometimes']);
    expect(badPolicy.code).toBe(2);
    expect(badPolicy.stderr).toContain('--indexing must be one of canonical-to-source, noindex-news, index-self');
    const badOption = await convey(['sources', 'add', '--bogus']);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).not.toMatch(/\n\s+at /);
    expect((await convey(['feeds', 'add', 'wire', 'not a url'])).stderr).toContain('absolute http(s) URL');
    expect((await convey(['feeds', 'add', 'nobody', 'https://wire.test/feed'])).stderr).toContain('no source "nobody"');
    expect((await convey(['feeds', 'add', 'wire', 'https://wire.test/feed'])).code).toBe(0);
    const list = await convey(['feeds', 'list']);
    expect(list.stdout).toContain('https://wire.test/feed');
    expect((await convey(['sources', 'list'])).stdout).toContain('indexing: noindex-news');
  });

  it('imports feeds from OPML and exports them again', async () => {
    expect((await convey(['sources', 'add', '--slug', 'opml', '--name', 'OPML Source', '--home', 'https://opml.test/', '--license', 'CC BY 4.0'])).code).toBe(0);
    const file = join(dir, 'subs.opml');
    writeFileSync(file, `<?xml version="1.0"?><opml version="2.0"><head><title>Subs</title></head><body>
<outline text="News"><outline type="rss" text="One" xmlUrl="https://one.test/feed.xml" htmlUrl="https://one.test/"/>
<outline type="rss" text="Two" xmlUrl="https://two.test/atom"/></outline><outline type="rss" text="Bad" xmlUrl="javascript:alert(1)"/></body></opml>`);
    const imported = await convey(['feeds', 'import', file, '--source', 'opml']);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('imported 2 feed(s) of 3');
    expect(imported.stdout).toContain('skipped javascript:alert(1)');
    const exported = await convey(['feeds', 'export']);
    expect(exported.stdout).toMatch(/<opml[^>]*version="2\.0"/);
    expect(exported.stdout).toContain('xmlUrl="https://one.test/feed.xml"');
    expect(exported.stdout).toContain('xmlUrl="https://two.test/atom"');
  });

  it('refuses a loopback address by default and says why', async () => {
    const refused = await convey(['fetch', `${server.origin}/feed.xml`]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/blocked|refused|loopback/i);
    const allowed = await convey(['fetch', `${server.origin}/feed.xml`], { CONVEY_FETCH_ALLOW: `127.0.0.1:${server.port}` });
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('HTTP 200');
    expect(allowed.stdout).toMatch(/content-type: application\/rss\+xml/);
  });

  it('exits non-zero from ingest --once when a feed was refused, naming it, and 0 when every feed was read', async () => {
    expect((await convey(['sources', 'add', '--slug', 'ingest-check', '--name', 'Checked', '--home', `${server.origin}/`, '--license', 'CC BY 4.0'])).code).toBe(0);
    expect((await convey(['feeds', 'add', 'ingest-check', `${server.origin}/feed.xml`])).code).toBe(0);
    // Loopback is refused unless allowed: the poll fails, and the command says so.
    const refused = await convey(['ingest', '--once'], { CONVEY_SITE_NAME: 'Desk' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`feed ${server.origin}/feed.xml failed`);
    const allowed = await convey(['ingest', '--once'], { CONVEY_SITE_NAME: 'Desk', CONVEY_FETCH_ALLOW: `127.0.0.1:${server.port}` });
    // Other tests' feeds of this shared store point at hosts that do not exist; this one is read now.
    expect(allowed.stderr).not.toContain(`feed ${server.origin}/feed.xml failed`);
    expect(allowed.stdout).toContain(`feed ${server.origin}/feed.xml: 1 entries`);
  });

  it('parses a feed file and reports a broken one', async () => {
    const good = join(dir, 'feed.xml');
    writeFileSync(good, '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>First</title><link>https://wire.test/1</link></item></channel></rss>');
    const parsed = await convey(['feeds', 'parse', good, '--json']);
    expect(parsed.code).toBe(0);
    expect(JSON.parse(parsed.stdout)).toMatchObject({ format: 'rss', title: 'Wire', entries: [{ title: 'First', link: 'https://wire.test/1' }] });
    const broken = join(dir, 'page.html');
    writeFileSync(broken, '<!doctype html><html><body><p>Not a feed</p></body></html>');
    const failed = await convey(['feeds', 'parse', broken]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).not.toMatch(/\n\s+at /);
    expect((await convey(['feeds', 'parse', join(dir, 'missing.xml')])).stderr).toContain('cannot read');
  });

  it('moderates by id and refuses ids that are not numbers', async () => {
    expect((await convey(['comments', 'approve', 'abc'])).code).toBe(2);
    const noId = await convey(['comments', 'approve']);
    expect(noId.code).toBe(2);
    expect(noId.stderr).toContain('convey comments: missing the comment id');
    expect((await convey(['comments', 'approve', '0x6c'])).stderr).toContain('must be a positive whole number');
    const missing = await convey(['comments', 'approve', '999']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no comment with id 999');
    expect((await convey(['comments', 'pending'])).stdout).toContain('no comments waiting');
  });

  it('lists comments by status, spam included', async () => {
    const { openStore } = await import('../store/database.js');
    const { createSource } = await import('../store/sources.js');
    const { insertArticle } = await import('../store/articles.js');
    const { insertComment } = await import('../store/comments.js');
    const store = await openStore(`sqlite:${join(dir, 'cli.db')}`);
    try {
      const source = await createSource(store.db, { slug: 'cli-s', name: 'Source', homeUrl: 'https://s.test/' });
      const article = await insertArticle(store.db, {
        originalUrl: 'https://s.test/a', headline: 'Story', subheadline: null, dateline: null, bodyHtml: '<p>T.</p>', bodyText: 'T.',
        bodyOrigin: 'page', byline: null, language: 'en', lead: null, topics: [], firstCreated: null, provenance: [],
        rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
        sourceId: source.id, feedId: null, entryKey: 'k', slug: 'cli-story', pubStatus: 'usable', holdReason: null,
      }, new Date());
      await insertComment(store.db, { articleId: article.id, parentId: null, authorName: 'Spam\u200Bmer\u202E', authorEmail: null, authorUrl: null, bodySource: 'Buy\u2066 now\uFEFF', bodyHtml: '<p>Buy now</p>', status: 'spam', ipBucket: null, holdReason: 'honeypot field filled' });
    } finally {
      await store.close();
    }
    const spam = await convey(['comments', 'list', '--status', 'spam']);
    expect(spam.code).toBe(0);
    expect(spam.stdout).toContain('Spammer');
    expect(spam.stdout).toContain('Buy now');
    expect(spam.stdout).not.toMatch(/[\u200B\u202E\u2066\uFEFF]/);
    expect(spam.stdout).toContain('honeypot field filled');
    expect((await convey(['comments', 'list'])).stdout).toContain('no comments waiting');
    expect((await convey(['comments', 'list', '--status', 'trash'])).stdout).toContain('no trash comments');
    const bad = await convey(['comments', 'list', '--status', 'bogus']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('pending|approved|spam|trash');
  });
});
