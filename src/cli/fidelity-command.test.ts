// `convey fidelity` as a user runs it: two files or two stored versions in, a report out; exit 0 either way.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../store/database.js';
import { createSource } from '../store/sources.js';
import { insertArticle, insertVersion } from '../store/articles.js';

const bin = fileURLToPath(new URL('../../bin/convey.js', import.meta.url));
let dir: string;

function convey(args: string[]) {
  const result = spawnSync(process.execPath, [bin, 'fidelity', ...args], {
    env: { ...process.env, CONVEY_FROM_SOURCE: '1', DATABASE_URL: `sqlite:${join(dir, 'cli.db')}`, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const SOURCE = 'Ferries will sail in 2027.\n\n“We are ready,” said harbour master Jonas Lind. The crossing takes 35 minutes.\n';
const versionIds: number[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'convey-fidelity-'));
  writeFileSync(join(dir, 'source.txt'), SOURCE);
  writeFileSync(join(dir, 'same.html'), '<p>Ferries will sail in 2027.</p><p>"We are ready," said harbour master Jonas Lind. The crossing takes 35 minutes.</p>');
  writeFileSync(join(dir, 'edited.txt'), 'Ferries will not sail in 2028.\n\nThe crossing takes 35 minutes.\n');
  const store = await openStore(`sqlite:${join(dir, 'cli.db')}`);
  try {
    const now = new Date('2026-11-20T12:00:00Z');
    const source = await createSource(store.db, { slug: 's', name: 'S', homeUrl: 'https://s.test/' });
    const article = await insertArticle(
      store.db,
      {
        originalUrl: 'https://s.test/a', headline: 'Ferry', subheadline: null, dateline: null, bodyHtml: '<p>x</p>', bodyText: 'x', bodyOrigin: 'feed',
        byline: null, language: 'en', lead: null, topics: [], firstCreated: null, provenance: [],
        rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
        sourceId: source.id, feedId: null, entryKey: 'k', slug: 'ferry', pubStatus: 'usable', holdReason: null,
      },
      now,
    );
    for (const body of ['<p>The boats are ready. Tickets cost 4 euros.</p>', '<p>The boats are ready. Tickets cost 6 euros.</p>']) {
      const v = await insertVersion(store.db, { articleId: article.id, kind: 'original', headline: 'Ferry & boats', bodyHtml: body, contentHash: body, note: null, state: 'published' }, now);
      versionIds.push(v.id);
    }
  } finally {
    await store.close();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('convey fidelity', { timeout: 60_000 }, () => {
  it('finds an HTML copy with straight quotes faithful to a plain-text source', () => {
    const run = convey([join(dir, 'source.txt'), join(dir, 'same.html'), '--json']);
    expect(run.code).toBe(0);
    const last = JSON.parse(run.stdout.trim().split('\n').pop()!);
    expect(last).toEqual({ faithful: true, counts: { omitted: 0, altered: 0, added: 0, moved: 0 }, omitted: [], altered: [], added: [], moved: [], quotesChanged: [] });
  });

  it('reports omissions, alterations with their numbers and negations, and quotations; still exits 0', () => {
    const run = convey([join(dir, 'source.txt'), join(dir, 'edited.txt'), '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout.trim().split('\n').pop()!);
    expect(report.faithful).toBe(false);
    expect(report.counts).toEqual({ omitted: 1, altered: 1, added: 0, moved: 0 });
    expect(report.altered[0].changes).toEqual(expect.arrayContaining(['2027 → 2028', 'will → will not']));
    expect(report.quotesChanged).toEqual([{ source: 'We are ready', copy: null, speaker: 'Jonas Lind', kind: 'omitted' }]);
    const text = convey([join(dir, 'source.txt'), join(dir, 'edited.txt')]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('edited: 1 omitted, 1 altered, 0 added, 0 moved, 1 quotation(s) changed');
  });

  it('compares two stored versions', () => {
    const run = convey(['--versions', String(versionIds[0]), String(versionIds[1]), '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout.trim().split('\n').pop()!);
    expect(report.altered).toEqual([{ from: 'Tickets cost 4 euros.', to: 'Tickets cost 6 euros.', changes: ['4 → 6'] }]);
    const missing = convey(['--versions', String(versionIds[1]), '999']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('convey fidelity: no version 999');
  });

  it('fails with one line on unreadable input, and with usage on missing arguments', () => {
    const run = convey([join(dir, 'source.txt'), join(dir, 'missing.txt')]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('cannot read');
    expect(run.stderr).toContain('missing.txt (ENOENT)');
    expect(convey([join(dir, 'source.txt')]).code).toBe(2);
  });
});
