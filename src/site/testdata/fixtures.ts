// Loads the view-model fixtures as fresh copies, so a test may change one without touching another.
import { readFileSync } from 'node:fs';
import type { ArticlePageData, ArticleSummary } from '../view-models.js';

const seedJson = readFileSync(new URL('./seed-article-page.json', import.meta.url), 'utf8');

/** The seed page (a wire story republished by "The 21st Century"), as the route would hand it over. */
export function seedArticlePage(): ArticlePageData {
  return JSON.parse(seedJson) as ArticlePageData;
}

/** Summaries for lists and feeds, built from the seed page and its related items. */
export function seedSummaries(): ArticleSummary[] {
  const page = seedArticlePage();
  const { article, source } = page;
  const main: ArticleSummary = {
    url: `/articles/${article.slug}`,
    headline: article.headline,
    excerpt: 'Russian Foreign Minister Sergey Lavrov said on Tuesday that he had received a “certain message”.',
    lead: article.lead,
    sourceName: source.name,
    sourceUrl: `/sources/${source.slug}`,
    firstCreated: article.firstCreated,
    republishedAt: article.republishedAt as string,
    versionCreated: article.versionCreated,
    guid: `convey:article:${article.id}`,
    originalUrl: article.originalUrl,
    bodyHtml: article.bodyHtml,
    byline: article.byline,
    indexingPolicy: source.indexingPolicy,
    sourceHomeUrl: source.homeUrl,
  };
  return [main, ...page.relatedSameSource, ...page.relatedOtherSources];
}
