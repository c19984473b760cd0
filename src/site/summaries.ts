// Store rows → the summaries that lists, related boxes and feeds show.
import type { Article, Source } from '../model/types.js';
import type { ArticleSummary } from './view-models.js';

export const articlePath = (slug: string) => `/articles/${encodeURIComponent(slug)}`;
export const sourcePath = (slug: string) => `/sources/${encodeURIComponent(slug)}`;

export function toSummary(article: Article, source: Source, siteUrl: string, options: { withBody?: boolean } = {}): ArticleSummary {
  return {
    url: articlePath(article.slug),
    headline: article.headline,
    excerpt: article.excerpt,
    lead: article.lead,
    sourceName: source.name,
    sourceUrl: sourcePath(source.slug),
    firstCreated: article.firstCreated,
    republishedAt: article.republishedAt ?? article.createdAt,
    versionCreated: article.versionCreated,
    // The GUID names the article on this site, never its version: readers' feed readers must not see an
    // update as a new item.
    guid: `${siteUrl}/articles/id/${article.id}`,
    originalUrl: article.originalUrl,
    bodyHtml: options.withBody ? article.bodyHtml : undefined,
    byline: article.byline,
    indexingPolicy: source.indexingPolicy,
    sourceHomeUrl: source.homeUrl,
    language: article.language,
    summaryOnly: article.summaryOnly,
  };
}
