// How long `convey store copy` takes for a site of a given size: a SQLite store filled with synthetic
// articles (each with two versions and a comment) is copied into a fresh schema of a PostgreSQL database and
// verified, as the command does.
//
//   CONVEY_TEST_POSTGRES_URL=postgres://… npx tsx bench/store-copy.ts      (BENCH_ARTICLES overrides 20,000)
//
// Last line: {"articles":…,"rows":…,"seconds":…,"rowsPerSecond":…}
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore } from '../src/store/database.js';
import { createSource } from '../src/store/sources.js';
import { addFeed } from '../src/store/feeds.js';
import { insertArticle, insertVersion } from '../src/store/articles.js';
import { insertComment } from '../src/store/comments.js';
import { copyStore } from '../src/store/copy-store.js';
import { testBackends } from '../src/store/test-backends.js';

const url = process.env.CONVEY_TEST_POSTGRES_URL;
if (!url) {
  console.error('set CONVEY_TEST_POSTGRES_URL=postgres://… (a database where a scratch schema may be created)');
  process.exit(2);
}
const articles = Number(process.env.BENCH_ARTICLES ?? 20_000);
const dir = mkdtempSync(join(tmpdir(), 'convey-bench-copy-'));

try {
  const source = await openStore(`sqlite:${join(dir, 'site.db')}`);
  const words = 'the council met on tuesday to vote on the harbour plan after months of debate among residents'.split(' ');
  const paragraph = (i: number) => Array.from({ length: 60 }, (_, k) => words[(i * 7 + k) % words.length]).join(' ');
  const src = await createSource(source.db, { slug: 'wire', name: 'Wire', homeUrl: 'https://wire.test/' });
  const feed = await addFeed(source.db, { sourceId: src.id, url: 'https://wire.test/feed.xml' });
  const filled = performance.now();
  await source.db.transaction().execute(async (tx) => {
    const now = new Date();
    for (let i = 0; i < articles; i++) {
      const body = `<p>${paragraph(i)}</p><p>${paragraph(i + 1)}</p>`;
      const article = await insertArticle(tx, {
        originalUrl: `https://wire.test/${i}`, headline: `Story ${i}: ${paragraph(i).slice(0, 60)}`, subheadline: null, dateline: null,
        bodyHtml: body, bodyText: body.replace(/<[^>]+>/g, ' '), bodyOrigin: 'page', byline: 'A. Writer', language: 'en', lead: null,
        topics: ['local'], firstCreated: now.toISOString(), provenance: [], rights: { license: 'CC BY 4.0', licenseUrl: null, usageTerms: null, copyrightHolder: null },
        fingerprint: null, sourceId: src.id, feedId: feed.id, entryKey: `guid:${i}`, slug: `story-${i}`, pubStatus: 'usable', holdReason: null,
      }, now);
      for (const kind of ['original', 'update'] as const) {
        await insertVersion(tx, { articleId: article.id, kind, headline: `Story ${i}`, bodyHtml: body, contentHash: `${kind}${i}`, note: null, state: 'published' }, now);
      }
      await insertComment(tx, { articleId: article.id, parentId: null, authorName: 'Reader', authorEmail: null, authorUrl: null, bodySource: 'Thanks.', bodyHtml: '<p>Thanks.</p>', status: 'approved', ipBucket: null, holdReason: null }, now);
    }
  });
  console.error(`filled ${articles} articles in ${((performance.now() - filled) / 1000).toFixed(1)} s`);

  // A fresh schema of its own, migrated and empty, dropped afterwards.
  const scratch = await testBackends().find((b) => b.name === 'postgres')!.open();
  const target = scratch.store;
  const started = performance.now();
  const report = await copyStore(source, target);
  const seconds = (performance.now() - started) / 1000;
  const rows = report.reduce((n, r) => n + r.targetRows, 0);
  for (const r of report) console.error(`${r.table.padEnd(18)} ${String(r.targetRows).padStart(8)}  ${r.matches ? 'ok' : 'DIFFERS'}`);
  await scratch.dispose();
  await source.close();
  console.log(JSON.stringify({ articles, rows, seconds: Number(seconds.toFixed(2)), rowsPerSecond: Math.round(rows / seconds) }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
