// Re-checking a published article at its source: a changed text becomes a version (and maybe the page), a
// story gone at the source withdraws the copy per policy. Runs on the decaying schedule of poll-schedule.ts.
import type { Article } from '../model/types.js';
import { getSourceById } from '../store/sources.js';
import { getBodyOrigin, setArticleState } from '../store/articles.js';
import { fetchArticlePage } from './fetch-article-page.js';
import { articleFromEntry } from './article-from-entry.js';
import { applySourceText, applyWithdrawal, type ChangeOutcome } from './apply-change.js';
import { nextArticleCheckAt } from './poll-schedule.js';
import type { IngestContext } from './context.js';
import type { FeedEntry } from '../feeds/parse-feed.js';

export interface RecheckReport {
  slug: string;
  outcome: ChangeOutcome | 'withdrawn' | 'failed';
  detail?: string;
}

export async function recheckArticle(ctx: IngestContext, article: Article): Promise<RecheckReport> {
  const db = ctx.store.db;
  const now = ctx.now();
  const source = await getSourceById(db, article.sourceId);
  const schedule = async () => {
    const next = nextArticleCheckAt(new Date(article.firstCreated ?? article.republishedAt ?? now.toISOString()), now);
    await setArticleState(db, article.id, { nextCheckAt: next ? next.toISOString() : null }, now);
  };
  if (!source) return { slug: article.slug, outcome: 'failed', detail: 'no source' };
  const page = await fetchArticlePage(ctx, article.originalUrl, source);
  if (page.kind === 'gone') {
    const outcome = await applyWithdrawal(ctx, article, source, `HTTP ${page.status}`);
    if (outcome !== 'applied') await schedule();
    return { slug: article.slug, outcome: outcome === 'applied' ? 'withdrawn' : outcome };
  }
  if (page.kind === 'failed') {
    await schedule();
    return { slug: article.slug, outcome: 'failed', detail: page.reason };
  }
  let outcome: ChangeOutcome = 'unchanged';
  // Only a body that came from the page can be compared with the page; a feed-borne body is compared at each poll.
  if ((await getBodyOrigin(db, article.id)) === 'page') {
    const entry: FeedEntry = {
      guid: null, key: article.entryKey, title: article.headline, link: article.originalUrl, summaryHtml: null, contentHtml: null,
      published: article.firstCreated, updated: null, authors: article.byline ? [{ name: article.byline, email: null, url: null }] : [],
      categories: article.topics, images: article.lead ? [article.lead] : [], enclosures: [], language: article.language,
      comments: null, source: null, rights: null,
    };
    const next = articleFromEntry({ ...entry, title: page.article.title ?? article.headline }, page.article, source);
    outcome = await applySourceText(ctx, article, source, { ...next, originalUrl: article.originalUrl });
  }
  await schedule();
  return { slug: article.slug, outcome };
}
