// Loads the view-model fixtures as fresh copies, so a test may change one without touching another.
import { readFileSync } from 'node:fs';
import type { ArticlePageData, ArticleSummary } from '../view-models.js';
import type { Article, Source } from '../../model/types.js';
import type { FeedEntry } from '../feeds-out.js';
import { escapeHtml } from '../../clean/escape.js';
import { hasSharedData, sharedPath } from '../../../test/support/shared-data.js';

const seedJson = readFileSync(new URL('./seed-article-page.json', import.meta.url), 'utf8');

/**
 * The story's paragraphs, read from the seed page in the shared test data (not copied into the project):
 * the lines between the headline and the byline, the first without its dateline.
 */
function seedBodyHtml(): string {
  // Without the shared data the suites that read the body are skipped; the rest only need the page's fields.
  if (!hasSharedData) return '<p>The story.</p>';
  const lines = readFileSync(sharedPath('seed', 'republished-article.txt'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  const paragraphs = lines.slice(1, lines.findIndex((l) => l.startsWith('By ')));
  paragraphs[0] = paragraphs[0].replace(/^[^–]*\)\s*–\s*/, '');
  return paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
}
let seedBody: string | null = null;

/** The seed page (a wire story republished by "The 21st Century"), as the route would hand it over. */
export function seedArticlePage(): ArticlePageData {
  const page = JSON.parse(seedJson) as ArticlePageData;
  seedBody ??= seedBodyHtml();
  page.article.bodyHtml = seedBody;
  return page;
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

/**
 * The seed article and its related items as the site's feeds take them: each an article with its source
 * (the related items' articles are rebuilt from their summaries, with no body of their own).
 */
export function seedFeedEntries(): FeedEntry[] {
  const page = seedArticlePage();
  const entries: FeedEntry[] = [{ article: page.article, source: page.source }];
  for (const summary of [...page.relatedSameSource, ...page.relatedOtherSources]) {
    const slug = summary.url.replace('/articles/', '');
    const sourceSlug = summary.sourceUrl.replace('/sources/', '');
    const source: Source =
      summary.sourceName === page.source.name
        ? page.source
        : { ...page.source, id: page.source.id + 1, slug: sourceSlug, name: summary.sourceName, homeUrl: new URL(summary.originalUrl).origin + '/' };
    const article: Article = {
      ...page.article,
      id: Number(summary.guid.replace('convey:article:', '')),
      sourceId: source.id,
      slug,
      originalUrl: summary.originalUrl,
      headline: summary.headline,
      subheadline: null,
      dateline: null,
      bodyHtml: '',
      excerpt: summary.excerpt,
      byline: null,
      lead: summary.lead,
      firstCreated: summary.firstCreated,
      republishedAt: summary.republishedAt,
      versionCreated: summary.versionCreated,
    };
    entries.push({ article, source });
  }
  return entries;
}
