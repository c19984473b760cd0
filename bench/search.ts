// Search benchmark: 100,000 generated articles (words drawn from a Zipf distribution over a made-up vocabulary,
// so that some words are in half the articles and most in a handful), then 200 varied queries through the
// search page's path (the words read once, the query on the engine, the snippets of the page's results), timed
// on SQLite and on PostgreSQL.
//   npx tsx bench/search.ts                                   (SQLite only)
//   CONVEY_TEST_POSTGRES_URL=postgres://… npx tsx bench/search.ts   (both; a scratch schema, dropped afterwards)
//   BENCH_ARTICLES overrides 100,000.
// The last line is JSON: {"articles","sqlite":{"p50ms","p95ms"},"postgres":{"p50ms","p95ms"}}.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { testBackends } from '../src/store/test-backends.js';
import { createSource } from '../src/store/sources.js';
import { searchArticles, searchTerms } from '../src/related/search.js';
import { searchPublished } from '../src/store/search.js';
import { topicalSearch } from '../src/related/related-refresh.js';
import { highlightSnippet } from '../src/related/snippet.js';
import type { Store } from '../src/store/database.js';

const ARTICLES = Number(process.env.BENCH_ARTICLES) || 100_000;
const QUERIES = 200;
const PAGE = 20;
const VOCABULARY = 30_000;

/** A small seeded generator (mulberry32): the same corpus and queries on every run and backend. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'sa', 'tor', 'vel', 'du', 'an', 'bri', 'cho', 'es', 'fa', 'gon', 'hil', 'is', 'ju', 'kel', 'mar', 'nor', 'ost', 'pa', 'qui', 'ros', 'sun', 'ta', 'ul', 'vin', 'wes', 'yor'];
function vocabulary(): string[] {
  const rnd = random(7);
  const words = new Set<string>();
  while (words.size < VOCABULARY) {
    const n = 1 + Math.floor(rnd() * 4); // 30 syllables, up to four: enough distinct words
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
    if (w.length > 2) words.add(w);
  }
  return [...words];
}

/** Zipf(1): word i drawn with weight 1/(i+1), by inverting the cumulative weights. */
function zipfSampler(words: string[], rnd: () => number): () => string {
  const cumulative = new Float64Array(words.length);
  let total = 0;
  for (let i = 0; i < words.length; i++) cumulative[i] = total += 1 / (i + 1);
  return () => {
    const x = rnd() * total;
    let lo = 0;
    let hi = words.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo];
  };
}

const sentence = (draw: () => string, n: number) => {
  const ws = Array.from({ length: n }, draw);
  ws[0] = ws[0][0].toUpperCase() + ws[0].slice(1);
  return `${ws.join(' ')}.`;
};

async function fill(store: Store, words: string[]): Promise<number[]> {
  const rnd = random(11);
  const draw = zipfSampler(words, rnd);
  const sources: number[] = [];
  for (let s = 0; s < 20; s++) sources.push((await createSource(store.db, { slug: `source-${s}`, name: `Source ${s}`, homeUrl: `https://s${s}.test/` })).id);
  const start = Date.UTC(2025, 0, 1);
  const span = 365 * 86_400_000;
  const BATCH = 500;
  for (let i = 0; i < ARTICLES; i += BATCH) {
    const rows = [];
    for (let j = i; j < Math.min(ARTICLES, i + BATCH); j++) {
      const text = Array.from({ length: 8 + Math.floor(rnd() * 8) }, () => sentence(draw, 6 + Math.floor(rnd() * 10))).join(' ');
      const headline = sentence(draw, 5 + Math.floor(rnd() * 5)).slice(0, -1);
      const date = new Date(start + Math.floor(rnd() * span)).toISOString();
      rows.push({
        source_id: sources[j % sources.length], slug: `a-${j}`, entry_key: `e-${j}`, original_url: `https://s.test/${j}`, headline,
        body_html: `<p>${text}</p>`, body_text: text, excerpt: text.slice(0, 240), pub_status: 'usable', first_created: date, republished_at: date,
        created_at: date, updated_at: date, provenance: '[]', body_origin: 'feed', topics: '[]', rights: '{}',
      });
    }
    await store.db.insertInto('articles').values(rows).execute();
  }
  return sources;
}

interface Query {
  q: string;
  sourceId?: number;
  since?: string;
  until?: string;
  page: number;
}

/** 200 queries of every kind a reader types: common and rare words, phrases, prefixes, filters, later pages, junk. */
function queries(words: string[], sources: number[]): Query[] {
  const rnd = random(23);
  const pick = (from: number, to: number) => words[from + Math.floor(rnd() * (to - from))];
  const out: Query[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const kind = i % 10;
    const q =
      kind === 0 ? pick(0, 20) // a word in a large share of the articles
      : kind === 1 ? pick(20, 500)
      : kind === 2 ? pick(500, 30_000) // rare
      : kind === 3 ? `${pick(0, 200)} ${pick(200, 5_000)}`
      : kind === 4 ? `"${pick(0, 100)} ${pick(0, 100)}" ${pick(100, 2_000)}`
      : kind === 5 ? pick(0, 3_000).slice(0, 3) + '*' // a prefix
      : kind === 6 ? `${pick(0, 50)} OR ${pick(0, 50)} NOT (${pick(0, 50)}`
      : kind === 7 ? `${pick(0, 1_000)} ${pick(0, 1_000)} ${pick(0, 1_000)}`
      : kind === 8 ? `${pick(0, 30)} 😀`
      : `${pick(0, 100)} `.repeat(40);
    const filtered = i % 4 === 1;
    const dated = i % 5 === 2;
    out.push({
      q,
      sourceId: filtered ? sources[Math.floor(rnd() * sources.length)] : undefined,
      since: dated ? '2025-03-01T00:00:00.000Z' : undefined,
      until: dated ? '2025-06-01T00:00:00.000Z' : undefined,
      page: i % 7 === 3 ? 2 + Math.floor(rnd() * 3) : 1,
    });
  }
  return out;
}

async function run(store: Store, list: Query[]): Promise<{ p50ms: number; p95ms: number; hits: number }> {
  const once = async (query: Query) => {
    const hits = await searchArticles(store.db, query.q, { limit: PAGE + 1, offset: (query.page - 1) * PAGE, sourceId: query.sourceId, since: query.since, until: query.until });
    const terms = searchTerms(query.q);
    for (const hit of hits.slice(0, PAGE)) highlightSnippet(hit.text, terms);
    return hits.length;
  };
  for (const query of list.slice(0, 20)) await once(query); // warm the caches
  const times: number[] = [];
  const byKind: number[][] = Array.from({ length: 10 }, () => []);
  let hits = 0;
  for (const [i, query] of list.entries()) {
    const t = performance.now();
    hits += await once(query);
    times.push(performance.now() - t);
    byKind[i % 10].push(times[times.length - 1]);
  }
  // Which kind of query costs what: the median of each (the kinds are listed in `queries`).
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`  median ms by kind (common, mid, rare, two words, quoted, prefix, operators, three words, emoji, repeated): ${byKind.map((k) => median(k).toFixed(1)).join(' ')}`);
  times.sort((a, b) => a - b);
  const at = (p: number) => Math.round(times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)] * 100) / 100;
  return { p50ms: at(0.5), p95ms: at(0.95), hits };
}

/**
 * The related-news refresh's topical look-up (`topicalSearch` in related/related-refresh.ts), timed apart from the
 * reader's queries: 20 articles spread over the corpus, their headline's words (eight at most) as their strongest.
 */
async function topical(store: Store): Promise<{ p50ms: number; maxms: number }> {
  const rows = (await sql<{ id: number; headline: string; at: string }>`select id, headline, first_created as at from articles where id % ${Math.max(1, Math.floor(ARTICLES / 20))} = 0 order by id limit 20`.execute(store.db)).rows;
  const times: number[] = [];
  for (const row of rows) {
    const t = performance.now();
    await searchPublished(store.db, topicalSearch(searchTerms(row.headline), { id: row.id, publishedAt: row.at }, []));
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50ms: Math.round(times[Math.floor(times.length / 2)] * 100) / 100, maxms: Math.round(times[times.length - 1] * 100) / 100 };
}

const words = vocabulary();
const result: Record<string, unknown> = { articles: ARTICLES };
for (const backend of testBackends()) {
  const { store, dispose } = await backend.open();
  try {
    const t = performance.now();
    const sources = await fill(store, words);
    if (backend.name === 'postgres') await sql`analyze articles`.execute(store.db);
    console.log(`${backend.name}: ${ARTICLES} articles stored and indexed in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const timing = await run(store, queries(words, sources));
    console.log(`${backend.name}: ${QUERIES} queries, median ${timing.p50ms} ms, p95 ${timing.p95ms} ms (${timing.hits} results in all)`);
    result[backend.name] = { p50ms: timing.p50ms, p95ms: timing.p95ms };
    const look = await topical(store);
    console.log(`${backend.name}: 20 topical look-ups of the related-news refresh, median ${look.p50ms} ms, slowest ${look.maxms} ms`);
  } finally {
    await dispose();
  }
}
console.log(JSON.stringify(result));
