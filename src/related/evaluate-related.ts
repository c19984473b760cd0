// Measuring the same-story tier against a labelled set of articles (testdata/articles.json): precision of the
// first three shown, and how many near-duplicates were shown as related. Used by bench/related.ts and by the
// test that holds the target.
import { readFileSync } from 'node:fs';
import { fingerprint } from './fingerprint.js';
import { StoryWindow, type StoryDoc } from './story-cluster.js';

export interface LabelledArticle {
  id: string;
  story: string;
  source: string;
  publishedAt: string;
  headline: string;
  text: string;
  /** Set on a near-duplicate variant: the article whose text it copies. */
  copyOf?: string;
}

export interface RelatedEvaluation {
  articles: number;
  stories: number;
  /** Mean over articles that show any, of the share of the first three shown that are the same story. */
  precisionAt3: number;
  /** Mean over articles with another telling available, of the share of those (up to three) that were shown. */
  recallAt3: number;
  /** Related items shown that are near-duplicates of the article or of another item shown with it. */
  nearDuplicatesShown: number;
  /** Near-duplicates of an article listed as "also published by", of those that exist. */
  copiesFound: number;
  copiesExpected: number;
}

export const FIXTURE_URL = new URL('./testdata/articles.json', import.meta.url);

export function loadLabelledArticles(url: URL = FIXTURE_URL): LabelledArticle[] {
  return JSON.parse(readFileSync(url, 'utf8')) as LabelledArticle[];
}

/** The original text an article stands for: itself, or what it copies. */
const rootOf = (a: LabelledArticle) => a.copyOf ?? a.id;

export function evaluateRelated(articles: LabelledArticle[], shown = 3): RelatedEvaluation {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const docs: StoryDoc<string>[] = articles.map((a) => ({
    id: a.id,
    sourceKey: a.source,
    publishedAt: a.publishedAt,
    headline: a.headline,
    text: a.text,
    fingerprint: fingerprint(`${a.headline}\n${a.text}`),
  }));
  const window = new StoryWindow(docs);
  let precisionSum = 0;
  let precisionCount = 0;
  let recallSum = 0;
  let recallCount = 0;
  let nearDuplicatesShown = 0;
  let copiesFound = 0;
  let copiesExpected = 0;
  for (const article of articles) {
    const result = window.rank(article.id, shown);
    const items = result.sameStory.map((s) => byId.get(s.id)!);
    const roots = new Set([rootOf(article)]);
    for (const item of items) {
      if (roots.has(rootOf(item))) nearDuplicatesShown++;
      roots.add(rootOf(item));
    }
    if (items.length) {
      precisionSum += items.filter((i) => i.story === article.story).length / items.length;
      precisionCount++;
    }
    // Other tellings available: same story, other source, not a copy of this text; distinct texts only.
    const tellings = new Set(
      articles.filter((o) => o.story === article.story && o.source !== article.source && rootOf(o) !== rootOf(article)).map(rootOf),
    );
    if (tellings.size) {
      const found = new Set(items.filter((i) => i.story === article.story).map(rootOf));
      recallSum += found.size / Math.min(shown, tellings.size);
      recallCount++;
    }
    const copies = articles.filter((o) => o.id !== article.id && o.source !== article.source && rootOf(o) === rootOf(article));
    copiesExpected += copies.length;
    copiesFound += result.copies.filter((c) => copies.some((o) => o.id === c.id)).length;
  }
  return {
    articles: articles.length,
    stories: new Set(articles.map((a) => a.story)).size,
    precisionAt3: round(precisionCount ? precisionSum / precisionCount : 0),
    recallAt3: round(recallCount ? recallSum / recallCount : 0),
    nearDuplicatesShown,
    copiesFound,
    copiesExpected,
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
