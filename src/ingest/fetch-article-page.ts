// Fetching and extracting one article page through the guarded client.
import type { Source } from '../model/types.js';
import { extractArticle, type ExtractedArticle } from '../extract/extract-article.js';
import type { IngestContext } from './context.js';

export type PageResult =
  | { kind: 'article'; article: ExtractedArticle; url: string }
  | { kind: 'gone'; status: number }
  | { kind: 'failed'; reason: string };

export async function fetchArticlePage(ctx: IngestContext, url: string, source: Source): Promise<PageResult> {
  let response;
  try {
    response = await ctx.client.fetch(url, { accept: 'html' });
  } catch (error) {
    return { kind: 'failed', reason: `fetch failed: ${(error as Error).message}` };
  }
  if (response.status === 404 || response.status === 410) return { kind: 'gone', status: response.status };
  if (response.status < 200 || response.status >= 300) return { kind: 'failed', reason: `fetch failed: HTTP ${response.status} for ${url}` };
  try {
    const article = extractArticle(response.body, response.url, {
      rules: source.extractRules,
      contentType: response.headers['content-type'] ?? null,
      timeBudgetMs: ctx.extractBudgetMs,
    });
    return { kind: 'article', article, url: response.url };
  } catch (error) {
    return { kind: 'failed', reason: `extraction failed: ${(error as Error).message}` };
  }
}
