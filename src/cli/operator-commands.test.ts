// The operator's commands (sources edit/delete, feeds edit/disable/remove, articles list/withdraw/restore/
// reject/delete/publish --all-held), run through `main` in this process so that a long session of commands
// stays quick; cli.test.ts runs the command as a separate process.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLoopbackServer, type LoopbackServer } from '../../test/support/loopback-server.js';
import { main } from './main.js';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { openStore } from '../store/database.js';
import { getArticleBySlug, listVersions } from '../store/articles.js';
import { insertSnapshot } from '../store/snapshots.js';

let dir: string;
let server: LoopbackServer;

/** Runs `convey <args>` in this process with `env` added to the environment, capturing what it prints. */
async function convey(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const saved = { env: process.env, out: process.stdout.write, err: process.stderr.write };
  let stdout = '';
  let stderr = '';
  process.env = { ...saved.env, DATABASE_URL: `sqlite:${join(dir, 'operator.db')}`, LOG_LEVEL: 'warn', LOG_FORMAT: 'human', ...env };
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    process.env = saved.env;
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
  }
}

/** A feed whose one item carries its whole text, so that ingest needs no article page. */
function deskFeed(origin: string, guid: string, title: string): string {
  const body = [
    'The harbour board agreed on Monday to replace every lamp along the old quay with brighter and cheaper lights.',
    'The work starts next month and should take about six weeks, with the quay open to walkers throughout the works.',
    'Fishing crews welcomed the plan, saying the present lamps leave the far end of the quay dark on winter evenings.',
  ].map((p) => `<p>${p}</p>`).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title><link>${origin}/</link><item><title>${title}</title>
<link>${origin}/${guid}</link><guid isPermaLink="false">${guid}</guid><pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate>
<description><![CDATA[${body}]]></description></item></channel></rss>`;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'convey-operator-'));
  server = await startLoopbackServer();
  for (const [path, guid, title] of [['/desk.xml', 'quay-1', 'Quay lights to be replaced'], ['/desk2.xml', 'quay-2', 'Quay reopens after the works'], ['/desk3.xml', 'quay-3', 'Quay lamps get a budget']]) {
    server.routes.set(path, { type: 'application/rss+xml', body: deskFeed(server.origin, guid, title) });
  }
  expect((await convey(['migrate'])).code).toBe(0);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the operator commands', { timeout: 60_000 }, () => {
  it('edits a source and refuses a bad edit', async () => {
    expect((await convey(['sources', 'add', '--slug', 'edit-me', '--name', 'Old Name', '--home', 'https://old.test/', '--license', 'permission on file'])).code).toBe(0);
    const edited = await convey(['sources', 'edit', 'edit-me', '--name', 'New Name', '--license', 'CC BY 4.0', '--indexing', 'noindex-news', '--update', 'review']);
    expect(edited.code).toBe(0);
    const line = (await convey(['sources', 'list'])).stdout.split('\n').find((l) => l.startsWith('edit-me\t'));
    expect(line).toBe('edit-me\tNew Name\thttps://old.test/\tlicense: CC BY 4.0\tindexing: noindex-news\tupdates: review');
    expect((await convey(['sources', 'edit', 'edit-me'])).stderr).toContain('nothing to change');
    expect((await convey(['sources', 'edit', 'edit-me', '--license', ''])).stderr).toContain('--license is required');
    expect((await convey(['sources', 'edit', 'edit-me', '--update', 'sometimes'])).code).toBe(2);
    // Extraction rules from a file, checked before they are stored.
    writeFileSync(join(dir, 'bad-rules.json'), JSON.stringify({ body: ['article[data-x'], drop: ['.ad'] }));
    const badRules = await convey(['sources', 'edit', 'edit-me', '--rules', join(dir, 'bad-rules.json')]);
    expect(badRules.code).toBe(1);
    expect(badRules.stderr).toContain('are not valid');
    writeFileSync(join(dir, 'rules.json'), JSON.stringify({ body: ['article .story'], drop: ['.ad', 'aside'] }));
    const goodRules = await convey(['sources', 'edit', 'edit-me', '--rules', join(dir, 'rules.json')]);
    expect(goodRules.code).toBe(0);
    expect(goodRules.stdout).toContain('extractRules');
    expect((await convey(['sources', 'edit', 'nobody', '--name', 'X'])).stderr).toContain('no source "nobody"');
    expect((await convey(['sources', 'delete', 'edit-me'])).stdout).toContain('deleted source edit-me');
    expect((await convey(['sources', 'list'])).stdout).not.toContain('edit-me');
  });

  it('runs an article through held, published, withdrawn, restored, rejected and deleted, and edits and removes its feed', async () => {
    const allow = { CONVEY_FETCH_ALLOW: `127.0.0.1:${server.port}` };
    const named = { ...allow, CONVEY_SITE_NAME: 'Quay Desk' };
    expect((await convey(['sources', 'add', '--slug', 'desk', '--name', 'Desk Wire', '--home', `${server.origin}/`, '--license', 'CC BY 4.0'])).code).toBe(0);
    const added = await convey(['feeds', 'add', 'desk', `${server.origin}/desk.xml`, '--full-text', 'never']);
    const feedId = /added feed (\d+)/.exec(added.stdout)![1];

    // Held while the site has no name; the reason names the setting, and --all-held publishes once it is set.
    expect((await convey(['ingest', '--once'], { ...allow, CONVEY_SITE_NAME: '' })).stdout).toContain('1 new, 0 published');
    expect((await convey(['articles', 'held'])).stdout).toContain('cannot publish: the site has no name (set CONVEY_SITE_NAME)');
    expect((await convey(['articles', 'publish', '--all-held'], { CONVEY_SITE_NAME: '' })).stdout).toMatch(/still held \S+: cannot publish: the site has no name[\s\S]*0 published, 1 still held/);
    expect((await convey(['articles', 'publish', '--all-held'], named)).stdout).toContain('1 published, 0 still held');

    const listed = await convey(['articles', 'list', '--source', 'desk']);
    const [slug, source, state, , headline] = listed.stdout.trim().split('\n')[0].split('\t');
    expect([source, state, headline]).toEqual(['desk', 'published', 'Quay lights to be replaced']);
    expect((await convey(['articles', 'list', '--state', 'canceled'])).stdout).toContain('no withdrawn articles');
    expect((await convey(['articles', 'list', '--state', 'gone'])).code).toBe(2);
    const refused = await convey(['sources', 'delete', 'desk']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('"desk" still has 1 published article(s)');

    expect((await convey(['articles', 'withdraw', slug])).stderr).toContain('missing --note');
    expect((await convey(['articles', 'withdraw', slug, '--note', 'legal review'])).stdout).toContain('answers 410');
    expect((await convey(['articles', 'list', '--state', 'canceled'])).stdout).toContain(`${slug}\tdesk\twithdrawn\twithdrawn by an editor: legal review`);
    expect((await convey(['articles', 'restore', slug], named)).code).toBe(0);
    expect((await convey(['articles', 'list'])).stdout).toContain(`${slug}\tdesk\tpublished`);

    // Rejected and deleted stories are tombstoned: the next poll of the same feed does not take them in again.
    expect((await convey(['articles', 'reject', slug, '--note', 'off topic'])).code).toBe(0);
    expect((await convey(['articles', 'publish', slug], named)).stderr).toContain('was rejected');
    expect((await convey(['ingest', '--once'], named)).stdout).toContain('1 entries, 0 new');
    expect((await convey(['articles', 'restore', slug], named)).code).toBe(0);
    expect((await convey(['articles', 'delete', slug])).code).toBe(0);
    expect((await convey(['ingest', '--once'], named)).stdout).toContain('1 entries, 0 new');
    expect((await convey(['articles', 'list', '--source', 'desk'])).stdout).toContain('no published articles from desk');

    expect((await convey(['feeds', 'edit', feedId, '--full-text', 'sometimes'])).code).toBe(2);
    expect((await convey(['feeds', 'edit', feedId, '--url', `${server.origin}/desk2.xml`, '--full-text', 'never'])).stdout).toContain(`${server.origin}/desk2.xml, full text never`);
    expect((await convey(['ingest', '--once'], named)).stdout).toContain('1 new, 1 published');
    expect((await convey(['feeds', 'disable', feedId])).code).toBe(0);
    expect((await convey(['feeds', 'list'])).stdout).toMatch(new RegExp(`^${feedId}\tdesk\t.*DISABLED: disabled by the operator`, 'm'));
    expect((await convey(['feeds', 'remove', feedId])).code).toBe(0);
    expect((await convey(['feeds', 'list'])).stdout).not.toContain('desk2.xml');
    expect((await convey(['articles', 'list', '--source', 'desk'])).stdout).toContain('Quay reopens after the works');
    expect((await convey(['sources', 'delete', 'desk', '--force'])).stdout).toContain('deleted source desk with 0 feed(s) and 1 article(s)');
  });

  it('edits an article (refused once the source forbids edits) and shows a version with what its source served', async () => {
    const named = { CONVEY_FETCH_ALLOW: `127.0.0.1:${server.port}`, CONVEY_SITE_NAME: 'Quay Desk' };
    expect((await convey(['sources', 'add', '--slug', 'lamps', '--name', 'Lamp Wire', '--home', `${server.origin}/`, '--license', 'CC BY 4.0', '--allow-edits', 'yes'])).code).toBe(0);
    expect((await convey(['feeds', 'add', 'lamps', `${server.origin}/desk3.xml`, '--full-text', 'never'])).code).toBe(0);
    expect((await convey(['ingest', '--once'], named)).stdout).toContain('1 new, 1 published');
    const slug = (await convey(['articles', 'list', '--source', 'lamps'])).stdout.split('\t')[0];

    const file = join(dir, 'edited.txt');
    writeFileSync(file, [
      'The harbour board agreed on Monday to replace every lamp along the old quay with brighter and cheaper lights.',
      'The work starts next month and should take about eight weeks, with the quay open to walkers throughout the works.',
      'Fishing crews welcomed the plan, saying the present lamps leave the far end of the quay dark on winter evenings.',
    ].join('\n\n'));
    expect((await convey(['articles', 'edit', slug, '--body-file', file])).stderr).toContain('missing --note');
    const edited = await convey(['articles', 'edit', slug, '--body-file', file, '--note', 'The board now says eight weeks.'], named);
    expect(edited.stdout).toBe(`edited ${slug}: 0 omitted, 1 altered, 0 added, 0 moved\n`);

    expect((await convey(['sources', 'edit', 'lamps', '--allow-edits', 'maybe'])).code).toBe(2);
    expect((await convey(['sources', 'edit', 'lamps', '--allow-edits', 'no'])).stdout).toContain('updates: auto\tedits: forbidden');
    const refused = await convey(['articles', 'edit', slug, '--body-file', file, '--note', 'Again.'], named);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('source "lamps" does not allow edited copies');

    const store = await openStore(`sqlite:${join(dir, 'operator.db')}`);
    let original: number;
    try {
      const versions = await listVersions(store.db, (await getArticleBySlug(store.db, slug))!.id);
      expect(versions.map((v) => v.kind)).toEqual(['edit', 'original']);
      original = versions[1].id;
      expect((await convey(['versions', 'show', String(versions[0].id)])).stdout).toContain('edit\tpublished');
      const none = await convey(['versions', 'show', String(original), '--raw']);
      expect([none.code, none.stderr]).toEqual([1, expect.stringContaining(`version ${original} has no snapshot of the source`)]);
      const served = '<html><body><p>As served, byte for byte: caf\u00e9.</p></body></html>';
      await insertSnapshot(store.db, {
        articleId: versions[1].articleId, versionId: original, url: `${server.origin}/quay-3`, fetchedAt: '2026-11-24T10:00:00.000Z', status: 200,
        contentType: 'text/html', etag: null, lastModified: null, bodyGzip: gzipSync(Buffer.from(served)), sha256: 'x', sourceText: 'As served.',
      });
      expect((await convey(['versions', 'show', String(original), '--raw'])).stdout).toBe(served);
      expect((await convey(['versions', 'show', String(original)])).stdout).toContain(`snapshot: ${server.origin}/quay-3\t200`);

      // Retention: a second snapshot, then the source keeps only the newest of each article.
      await insertSnapshot(store.db, {
        articleId: versions[1].articleId, versionId: versions[0].id, url: `${server.origin}/quay-3`, fetchedAt: '2026-11-25T10:00:00.000Z', status: 200,
        contentType: 'text/html', etag: null, lastModified: null, bodyGzip: gzipSync(Buffer.from(served)), sha256: 'y', sourceText: 'As served again.',
      });
      expect((await convey(['sources', 'edit', 'lamps', '--keep-snapshots', '0'])).stderr).toContain('--keep-snapshots must be "all" or a whole number from 1');
      const kept = await convey(['sources', 'edit', 'lamps', '--keep-snapshots', '1']);
      expect(kept.stdout).toContain('removed 1 older snapshot(s) beyond the newest 1 of each article');
      expect(kept.stdout).toContain('edits: forbidden\tsnapshots: newest 1');
      const pruned = await convey(['versions', 'show', String(original), '--raw']);
      expect(pruned.stderr).toContain('or is older than the newest 1 that source "lamps" keeps');
      expect((await convey(['sources', 'edit', 'lamps', '--keep-snapshots', 'all'])).stdout).not.toContain('snapshots:');
    } finally {
      await store.close();
    }
    expect((await convey(['versions', 'show', '999999'])).stderr).toContain('no version 999999');
  });

});
