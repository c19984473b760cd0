// Related news benchmark: the same-story tier on the written fixture set (src/related/testdata/articles.json,
// fictional stories with near-duplicate variants), and the time to rank every article of the set.
//   tsx bench/related.ts
// The last line is JSON: {"stories","precisionAt3","nearDuplicatesShown"}.
import { evaluateRelated, loadLabelledArticles } from '../src/related/evaluate-related.js';

const articles = loadLabelledArticles();
const start = process.cpuUsage();
const result = evaluateRelated(articles);
const used = process.cpuUsage(start);
console.log(
  `${result.articles} articles in ${result.stories} stories: precision@3 ${result.precisionAt3}, recall@3 ${result.recallAt3}, ` +
    `near-duplicates shown ${result.nearDuplicatesShown}, copies listed as "also published by" ${result.copiesFound}/${result.copiesExpected}, ` +
    `${((used.user + used.system) / 1000).toFixed(1)} ms of CPU for fingerprints, vectors and every ranking`,
);
console.log(JSON.stringify({ stories: result.stories, precisionAt3: result.precisionAt3, nearDuplicatesShown: result.nearDuplicatesShown }));
