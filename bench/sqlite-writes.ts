// What storing a story costs on SQLite, statement by statement: the 181 pages of the shared extraction
// benchmark are extracted once, then each is written BENCH_COPIES times (4) as an ingest writes it (the article,
// its first version and its snapshot, one transaction each) into a fresh store of Convey's schema. Each variant
// is a fresh file: as migrated; without the full-text index's insert trigger (what that index costs); with the
// full-text index but not its prefix indexes of 2 to 4 characters (what they cost); with pages of 8 and 16 KiB
// (the store uses SQLite's default of 4 KiB). Variants run in turn BENCH_ROUNDS times (3)
// and the medians are reported; the machine's other load moves them, so compare them within one run.
//
//   npx tsx bench/sqlite-writes.ts
//
// Last line: {"default":{"msPerStory":…},"noFullText":{…},"noPrefixes":{…},"page8k":{…},"page16k":{…}}
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { openStore, sqliteHandleOf } from '../src/store/database.js';
import { createSource } from '../src/store/sources.js';
import { extractArticle } from '../src/extract/extract-article.js';
import { sharedPath } from '../test/support/shared-data.js';
import { median } from './support/load.js';

const COPIES = Number(process.env.BENCH_COPIES ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

interface Story {
  headline: string;
  html: string;
  text: string;
  pageGzip: Buffer;
}

interface Variant {
  name: string;
  pageSize?: number;
  withoutFullText?: boolean;
  withoutPrefixes?: boolean;
}

const VARIANTS: Variant[] = [
  { name: 'default' },
  { name: 'noFullText', withoutFullText: true },
  { name: 'noPrefixes', withoutPrefixes: true },
  { name: 'page8k', pageSize: 8192 },
  { name: 'page16k', pageSize: 16384 },
];

type Step = 'article' | 'version' | 'snapshot' | 'commit';

function loadStories(): Story[] {
  const dir = sharedPath('extraction-bench', 'html');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.html.gz'))
    .sort()
    .map((name, i) => {
      const page = gunzipSync(readFileSync(join(dir, name)));
      const extracted = extractArticle(page, `https://bench.test/${i}`);
      return { headline: extracted.title ?? `Story ${i}`, html: extracted.html, text: extracted.text, pageGzip: gzipSync(page) };
    });
}

async function writeAll(variant: Variant, stories: Story[]): Promise<Record<Step, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'convey-bench-writes-'));
  const file = join(dir, 'site.db');
  try {
    if (variant.pageSize) {
      // The page size holds from the first table written on.
      const empty = new Database(file);
      empty.pragma(`page_size = ${variant.pageSize}`);
      empty.exec('create table page_size_set (x); drop table page_size_set');
      empty.close();
    }
    const store = await openStore(`sqlite:${file}`);
    const source = await createSource(store.db, { slug: 'bench', name: 'Bench Wire', homeUrl: 'https://bench.test/', license: 'CC BY 4.0' });
    // The store's own connection, with its settings; its statements are run directly, so that each is timed
    // alone, without the query builder.
    const db = sqliteHandleOf(store)!;
    if (variant.withoutFullText) db.exec('drop trigger articles_fts_insert');
    if (variant.withoutPrefixes) {
      // The full-text table as it was before migration 0050 added the prefix indexes, for search.
      db.exec('drop table articles_fts');
      db.exec(`create virtual table articles_fts using fts5(headline, body_text, content='articles', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')`);
    }
    const insertArticle = db.prepare(`insert into articles (source_id, slug, entry_key, original_url, headline, body_html, body_text,
      pub_status, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, 'held', ?, ?) returning id`);
    const insertVersion = db.prepare(`insert into article_versions (article_id, kind, headline, body_html, content_hash, state, created_at)
      values (?, 'original', ?, ?, ?, 'applied', ?) returning id`);
    const insertSnapshot = db.prepare(`insert into source_snapshots (article_id, version_id, url, fetched_at, status, body_gzip, sha256, source_text)
      values (?, ?, ?, ?, 200, ?, ?, ?)`);
    const spent: Record<Step, number> = { article: 0, version: 0, snapshot: 0, commit: 0 };
    const timed = <T>(step: Step, run: () => T): T => {
      const started = process.hrtime.bigint();
      try {
        return run();
      } finally {
        spent[step] += Number(process.hrtime.bigint() - started) / 1e6;
      }
    };
    const now = new Date().toISOString();
    let n = 0;
    for (let copy = 0; copy < COPIES; copy++) {
      for (const story of stories) {
        const url = `https://bench.test/${copy}/${n}`;
        timed('commit', () => db.exec('begin'));
        const article = timed('article', () => insertArticle.get(source.id, `story-${n}`, url, url, story.headline, story.html, story.text, now, now)) as { id: number };
        const version = timed('version', () => insertVersion.get(article.id, story.headline, story.html, `hash-${n}`, now)) as { id: number };
        timed('snapshot', () => insertSnapshot.run(article.id, version.id, url, now, story.pageGzip, `sha-${n}`, story.text));
        timed('commit', () => db.exec('commit'));
        n++;
      }
    }
    await store.close();
    for (const step of Object.keys(spent) as Step[]) spent[step] /= n;
    return spent;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const stories = loadStories();
const textKb = stories.reduce((sum, s) => sum + s.text.length, 0) / stories.length / 1024;
const htmlKb = stories.reduce((sum, s) => sum + s.html.length, 0) / stories.length / 1024;
console.log(`${stories.length} pages, each written ${COPIES} times; a body of ${htmlKb.toFixed(1)} KiB of HTML and ${textKb.toFixed(1)} KiB of text on average`);

const totals = new Map<string, number[]>(VARIANTS.map((v) => [v.name, []]));
const steps = new Map<string, Record<Step, number>[]>(VARIANTS.map((v) => [v.name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const variant of VARIANTS) {
    const spent = await writeAll(variant, stories);
    const total = spent.article + spent.version + spent.snapshot + spent.commit;
    totals.get(variant.name)!.push(total);
    steps.get(variant.name)!.push(spent);
    console.log(`round ${round + 1}, ${variant.name}: ${total.toFixed(3)} ms per story (article ${spent.article.toFixed(3)}, version ${spent.version.toFixed(3)}, snapshot ${spent.snapshot.toFixed(3)}, begin and commit ${spent.commit.toFixed(3)})`);
  }
}

const result: Record<string, { msPerStory: number; article: number; version: number; snapshot: number; commit: number }> = {};
for (const variant of VARIANTS) {
  const runs = steps.get(variant.name)!;
  const pick = (step: Step) => Number(median(runs.map((r) => r[step])).toFixed(3));
  result[variant.name] = { msPerStory: Number(median(totals.get(variant.name)!).toFixed(3)), article: pick('article'), version: pick('version'), snapshot: pick('snapshot'), commit: pick('commit') };
  console.log(`${variant.name} median: ${result[variant.name].msPerStory} ms per story`);
}
console.log(JSON.stringify(result));
