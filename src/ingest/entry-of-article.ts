// The feed entry an article was taken from, rebuilt from the stored article: what a re-check or a retried
// page fetch needs when the feed no longer lists the entry (or answered 304).
import type { FeedEntry } from '../feeds/parse-feed.js';
import type { Article } from '../model/types.js';

export function entryOfArticle(article: Article, summaryHtml: string | null = null): FeedEntry {
  return {
    guid: null,
    key: article.entryKey,
    title: article.headline,
    link: article.originalUrl,
    summaryHtml,
    contentHtml: null,
    published: article.firstCreated,
    updated: null,
    authors: article.byline ? [{ name: article.byline, email: null, url: null }] : [],
    categories: article.topics,
    images: article.lead ? [article.lead] : [],
    enclosures: [],
    language: article.language,
    comments: null,
    source: null,
    rights: null,
  };
}
