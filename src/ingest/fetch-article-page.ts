// Fetching and extracting one article page through the guarded client. A timeout, a network error, 408, 429
// or 5xx is transient (retried as a job, honouring Retry-After); 404/410 means the story is gone; any other
// answer, or a page with no article, is a lasting failure that holds the article with its reason. `fetchPage`
// stops at the page's bytes, for a caller that reads them itself (taking an entry reads them on a thread).
import type { Source } from '../model/types.js';
import type { ExtractedArticle, ExtractOptions } from '../extract/extract-article.js';
import { extractInProcess } from '../extract/extract-pool.js';
import { isFetchError } from '../fetch/fetch-error.js';
import type { FetchResponse } from '../fetch/http-client.js';
import { retryAfterMinutes } from './poll-schedule.js';
import type { IngestContext } from './context.js';
import { fetchErrorKindOf, recordFetchError } from '../metrics/metrics.js';

type NoPage =
  | { kind: 'gone'; status: number }
  | { kind: 'transient'; reason: string; retryAfterMs: number | null }
  | { kind: 'failed'; reason: string };

export type FetchedPage = { kind: 'page'; response: FetchResponse } | NoPage;
export type PageResult = { kind: 'article'; article: ExtractedArticle; url: string; response: FetchResponse } | NoPage;

const TRANSIENT_STATUS = (status: number) => status === 408 || status === 429 || status >= 500;
const TRANSIENT_ERRORS = new Set(['timeout', 'network']);

/** The reason given when a page has no article (extraction threw). */
export const extractionFailed = (error: unknown) => `extraction failed: ${(error as Error).message}`;

export async function fetchPage(ctx: IngestContext, url: string): Promise<FetchedPage> {
  let response: FetchResponse;
  try {
    response = await ctx.client.fetch(url, { accept: 'html' });
  } catch (error) {
    recordFetchError(fetchErrorKindOf(error));
    const reason = `fetch failed: ${(error as Error).message}`;
    if (isFetchError(error) && TRANSIENT_ERRORS.has(error.code)) return { kind: 'transient', reason, retryAfterMs: null };
    return { kind: 'failed', reason };
  }
  if (response.status === 404 || response.status === 410) return { kind: 'gone', status: response.status };
  if (response.status >= 400) recordFetchError(fetchErrorKindOf(null, response.status));
  if (TRANSIENT_STATUS(response.status)) {
    const minutes = retryAfterMinutes(response.headers, ctx.now());
    return { kind: 'transient', reason: `fetch failed: HTTP ${response.status} for ${url}`, retryAfterMs: minutes === null ? null : minutes * 60_000 };
  }
  if (response.status < 200 || response.status >= 300) return { kind: 'failed', reason: `fetch failed: HTTP ${response.status} for ${url}` };
  return { kind: 'page', response };
}

/** How a source's page is extracted: its rules, the page's declared type, the ingest's time budget. */
export function extractOptionsOf(ctx: IngestContext, source: Source, response: FetchResponse): ExtractOptions {
  return { rules: source.extractRules, contentType: response.headers['content-type'] ?? null, timeBudgetMs: ctx.extractBudgetMs };
}

export async function fetchArticlePage(ctx: IngestContext, url: string, source: Source): Promise<PageResult> {
  const page = await fetchPage(ctx, url);
  if (page.kind !== 'page') return page;
  const { response } = page;
  try {
    const article = await (ctx.extract ?? extractInProcess)(response.body, response.url, extractOptionsOf(ctx, source, response));
    return { kind: 'article', article, url: response.url, response };
  } catch (error) {
    return { kind: 'failed', reason: extractionFailed(error) };
  }
}
