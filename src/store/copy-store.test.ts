// `store copy`: the demo site, ingested through the real pipeline on SQLite, copied whole into an empty store on
// every backend; counts and content hashes equal, a second copy refused, a failure mid-copy leaving nothing.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fillWithDemoContent } from '../../test/support/demo-store.js';
import { openStore, type Store } from './database.js';
import { testBackends } from './test-backends.js';
import { copyStore, storeFingerprint, CopyRefusedError, type TableCopyReport } from './copy-store.js';
import { jobsCopyHook } from '../jobs/copy-jobs.js';
import { createSource, listSources } from './sources.js';
import { insertComment } from './comments.js';
import { listPublished } from './articles.js';
import { MIGRATIONS } from './migrations.js';

// Every table the schema has today; a table a later migration adds is copied without being listed here.
const SCHEMA_TABLES = ['account_links', 'article_corrections', 'article_media', 'article_versions', 'articles', 'audit_log', 'comment_blocks', 'comments', 'feeds', 'fidelity_reports', 'jobs', 'media', 'rate_limits', 'related_articles', 'related_refreshes', 'reply_notices', 'reply_subscriptions', 'sessions', 'settings', 'source_snapshots', 'sources', 'story_links', 'tombstones', 'used_form_tokens', 'users'];
/** Tables copied row for row; the jobs go through their hook (on PostgreSQL, onto pg-boss's own tables). */
const ROW_TABLES = SCHEMA_TABLES.filter((t) => t !== 'jobs');
const withoutJobs = <V>(fingerprint: Map<string, V>) => new Map([...fingerprint].filter(([table]) => table !== 'jobs'));

describe('store copy', () => {
  let dir: string;
  let source: Store;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'convey-copy-'));
    source = await openStore(`sqlite:${join(dir, 'site.db')}`);
    await fillWithDemoContent(source);
  }, 60_000);
  afterAll(async () => {
    await source.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has demo content in every table of the schema', async () => {
    const counts = await storeFingerprint(source);
    expect([...counts.keys()].sort()).toEqual(SCHEMA_TABLES);
    for (const [table, { rows }] of counts) expect(rows, table).toBeGreaterThan(0);
  });

  for (const backend of testBackends()) {
    it(`copies SQLite to ${backend.name} whole, verified, and refuses a second copy`, async () => {
      const target = await backend.open();
      try {
        const hooks = [jobsCopyHook(target.store)];
        const report = await copyStore(source, target.store, { batchSize: 7, hooks }); // small batches: several per table
        const before = withoutJobs(await storeFingerprint(source));
        const after = withoutJobs(await storeFingerprint(target.store));
        expect(report.map((r) => r.table)).toEqual(expect.arrayContaining(SCHEMA_TABLES));
        expect(report.find((r) => r.table === 'jobs')).toMatchObject({ via: 'hook', matches: true });
        // Parents before children: the order foreign keys need.
        const at = (t: string) => report.findIndex((r) => r.table === t);
        expect(at('sources')).toBeLessThan(at('feeds'));
        expect(at('feeds')).toBeLessThan(at('articles'));
        expect(at('articles')).toBeLessThan(at('comments'));
        for (const row of report.filter((r) => ROW_TABLES.includes(r.table))) {
          expect(row, row.table).toMatchObject({ via: 'rows', matches: true, targetRows: row.sourceRows, targetHash: row.sourceHash });
          expect(after.get(row.table)).toEqual(before.get(row.table));
        }
        expect(after).toEqual(before);

        // Derived data is rebuilt by the target: search finds the copied articles.
        const [article] = await listPublished(target.store.db, { limit: 1 });
        expect(article.headline.length).toBeGreaterThan(0);

        // Sequences were moved past the copied ids: new rows get fresh ones.
        const maxId = Math.max(...(await listSources(source.db)).map((s) => s.id));
        const added = await createSource(target.store.db, { slug: 'after-copy', name: 'After', homeUrl: 'https://after.test/' });
        expect(added.id).toBeGreaterThan(maxId);
        await insertComment(target.store.db, { articleId: article.id, parentId: null, authorName: 'New', authorEmail: null, authorUrl: null, bodySource: 'x', bodyHtml: '<p>x</p>', status: 'pending', ipBucket: null, holdReason: null });

        await expect(copyStore(source, target.store, { hooks })).rejects.toThrow(CopyRefusedError);
        await expect(copyStore(source, target.store, { hooks })).rejects.toThrow(/the target is not empty \(table \w+ has \d+ rows?\)/);
      } finally {
        await target.dispose();
      }
    });
  }

  it('migrates an empty target first', async () => {
    const target = await openStore(`sqlite:${join(dir, 'unmigrated.db')}`, { migrate: false });
    try {
      await copyStore(source, target);
      expect(await storeFingerprint(target)).toEqual(await storeFingerprint(source));
      const { migrate } = await import('./database.js');
      expect(await migrate(target)).toBe(MIGRATIONS.length);
    } finally {
      await target.close();
    }
  });

  it('rolls the whole copy back when one table fails, and hands hooked tables to their hook', async () => {
    const target = await openStore(`sqlite:${join(dir, 'failing.db')}`);
    try {
      const failing = { table: 'comments', description: 'fails', copy: async () => { throw new Error('hook failed'); } };
      await expect(copyStore(source, target, { hooks: [failing] })).rejects.toThrow('hook failed');
      for (const [table, { rows }] of await storeFingerprint(target)) expect(rows, table).toBe(0);

      const seen: string[] = [];
      const counting = { table: 'comments', description: 'counted by the hook', copy: async ({ table }: { table: { name: string } }) => { seen.push(table.name); return { rows: 2 }; } };
      // The tables whose rows name comments cannot be copied without them: their hooks leave them out too.
      const commentChildren = ['reply_notices', 'reply_subscriptions'].map((table) => ({ table, description: 'left out with the comments', copy: async () => ({ rows: 0 }) }));
      const report: TableCopyReport[] = await copyStore(source, target, { hooks: [counting, ...commentChildren] });
      expect(seen).toEqual(['comments']);
      expect(report.find((r) => r.table === 'comments')).toMatchObject({ via: 'hook', sourceRows: 2, targetRows: 2, note: 'counted by the hook' });
      expect((await storeFingerprint(target)).get('comments')?.rows).toBe(0);
      expect((await storeFingerprint(target)).get('articles')).toEqual((await storeFingerprint(source)).get('articles'));
    } finally {
      await target.close();
    }
  });
});
