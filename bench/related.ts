// Related news benchmark: the same-story tier on the written fixture set (src/related/testdata/articles.json,
// fictional stories with near-duplicate variants), and the time to rank every article of the set. Then the cost
// of the refresh job in a burst: the 181 article texts of the shared extraction benchmark, each published by 4
// sources (724 stories, each with 3 copies), each refreshed as it is published, as the worker does, with the
// window kept between refreshes (related/story-pool.ts); and, side by side, the ranking alone with the window
// built anew each time.
//   tsx bench/related.ts
// The last line is JSON: {"stories","precisionAt3","nearDuplicatesShown"}.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateRelated, loadLabelledArticles } from '../src/related/evaluate-related.js';
import { openStore, type Store } from '../src/store/database.js';
import { createSource } from '../src/store/sources.js';
import { insertArticle, setArticleState } from '../src/store/articles.js';
import { fingerprint } from '../src/related/fingerprint.js';
import { refreshRelated, POOL_DAYS, POOL_LIMIT, STORY_KEPT } from '../src/related/related-refresh.js';
import { getStoryPoolRow, listStoryPool, loadStoryTexts } from '../src/store/related.js';
import { StoryWindow } from '../src/related/story-cluster.js';
import { hasSharedData, sharedPath } from '../test/support/shared-data.js';
import { median } from './support/load.js';

const articles = loadLabelledArticles();
const start = process.cpuUsage();
const result = evaluateRelated(articles);
const used = process.cpuUsage(start);
console.log(
  `${result.articles} articles in ${result.stories} stories: precision@3 ${result.precisionAt3}, recall@3 ${result.recallAt3}, ` +
    `near-duplicates shown ${result.nearDuplicatesShown}, copies listed as "also published by" ${result.copiesFound}/${result.copiesExpected}, ` +
    `${((used.user + used.system) / 1000).toFixed(1)} ms of CPU for fingerprints, vectors and every ranking`,
);

const cpuMs = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};

/** The burst: every text under 4 sources, a minute apart, in a fresh SQLite store; `published` runs after each. */
async function burst(dir: string, published: (store: Store, id: number) => Promise<void>): Promise<{ store: Store; ids: number[] }> {
  const truth = JSON.parse(readFileSync(sharedPath('extraction-bench', 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; title?: string }>;
  const store = await openStore(`sqlite:${join(dir, 'burst.db')}`);
  const sources = [];
  for (let s = 0; s < 4; s++) sources.push(await createSource(store.db, { slug: `wire-${s}`, name: `Wire ${s}`, homeUrl: `https://wire-${s}.test/` }));
  const ids: number[] = [];
  const t0 = Date.parse('2026-11-01T00:00:00Z');
  let n = 0;
  for (const source of sources) {
    for (const [key, { articleBody: text, title }] of Object.entries(truth)) {
      const headline = title ?? text.slice(0, 80);
      const at = new Date(t0 + n++ * 60_000);
      const row = await insertArticle(
        store.db,
        {
          originalUrl: `${source.homeUrl}${key}`, headline, subheadline: null, dateline: null, bodyHtml: `<p>${text}</p>`, bodyText: text, bodyOrigin: 'page',
          byline: null, language: 'en', lead: null, topics: [], firstCreated: at.toISOString(), provenance: [],
          rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: fingerprint(`${headline}\n${text}`),
          sourceId: source.id, feedId: null, entryKey: key, slug: `${source.slug}-${key.slice(0, 16)}`, pubStatus: 'usable', holdReason: null,
        },
        at,
      );
      await setArticleState(store.db, row.id, { republishedAt: at.toISOString() }, at);
      ids.push(row.id);
      await published(store, row.id);
    }
  }
  return { store, ids };
}

/** The same ranking with the window built from every text each time: what a refresh cost before the pool. */
async function rankFromScratch(store: Store, id: number): Promise<void> {
  const row = (await getStoryPoolRow(store.db, id))!;
  const entries = await listStoryPool(store.db, row.publishedAt, POOL_DAYS, POOL_LIMIT);
  const texts = await loadStoryTexts(store.db, entries.map((e) => e.id));
  // Fresh copies of the strings, so that no remembered words are found by their text.
  const docs = entries.map((e) => ({ id: e.id, sourceKey: e.sourceId, publishedAt: e.publishedAt, headline: ` ${texts.get(e.id)!.headline}`, text: ` ${texts.get(e.id)!.text} ${Math.random()}`, fingerprint: texts.get(e.id)!.fingerprint }));
  new StoryWindow(docs).rank(id, STORY_KEPT);
}

if (hasSharedData) {
  const dir = mkdtempSync(join(tmpdir(), 'convey-bench-related-'));
  try {
    const report = (label: string, times: number[], cpu: number) => {
      console.log(`${label}: ${times.length} refreshes, median ${median(times).toFixed(1)} ms, ${(cpu / times.length).toFixed(1)} ms of CPU each`);
      return cpu / times.length;
    };
    const times: number[] = [];
    let cpu = 0;
    const { store, ids } = await burst(dir, async (db, id) => {
      const [t, c] = [performance.now(), process.cpuUsage()];
      await refreshRelated(db.db, id, new Date());
      times.push(performance.now() - t);
      cpu += cpuMs(c);
    });
    const pooled = report('refresh with the window kept (the job)', times, cpu);
    // Ranking alone, without the writes the job makes, on every fourth story: the peer is slow.
    const [scratchTimes, scratchCpu] = [[] as number[], process.cpuUsage()];
    for (const id of ids.filter((_, i) => i % 4 === 0)) {
      const t = performance.now();
      await rankFromScratch(store, id);
      scratchTimes.push(performance.now() - t);
    }
    const scratch = report('ranking with the window built anew', scratchTimes, cpuMs(scratchCpu));
    console.log(`the kept window costs ${(pooled / scratch).toFixed(2)}× the CPU of building it anew, writes included`);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  console.log('the burst is skipped: the shared extraction benchmark is missing');
}
console.log(JSON.stringify({ stories: result.stories, precisionAt3: result.precisionAt3, nearDuplicatesShown: result.nearDuplicatesShown }));
