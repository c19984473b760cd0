// One poll of one feed: fetch (conditional), parse, and take in every entry. A broken entry is recorded and
// skipped; a broken feed is recorded with its error and backs off; neither stops the other feeds.
import type { Feed, Source } from '../model/types.js';
import { parseFeed, type FeedEntry } from '../feeds/parse-feed.js';
import { getSourceById } from '../store/sources.js';
import { recordFeedError, recordFeedSuccess } from '../store/feeds.js';
import { findArticleByEntry, getBodyOrigin, insertArticle, insertVersion, isTombstoned, uniqueSlug, setArticleState } from '../store/articles.js';
import { nextPollAt, shouldDisable } from './poll-schedule.js';
import { articleFromEntry, needsFullText } from './article-from-entry.js';
import { fetchArticlePage } from './fetch-article-page.js';
import { publishArticle } from './publish.js';
import { applySourceText } from './apply-change.js';
import { contentHash } from './versioning.js';
import type { IngestContext } from './context.js';

export interface PollReport {
  feedId: number;
  url: string;
  status: 'ok' | 'not-modified' | 'error';
  error?: string;
  entries: number;
  added: number;
  published: number;
  updated: number;
  held: { slug: string; reason: string }[];
  failedEntries: { key: string; error: string }[];
}

export async function pollFeed(ctx: IngestContext, feed: Feed): Promise<PollReport> {
  const report: PollReport = { feedId: feed.id, url: feed.url, status: 'ok', entries: 0, added: 0, published: 0, updated: 0, held: [], failedEntries: [] };
  const db = ctx.store.db;
  const started = ctx.now();
  let headers: Record<string, string> | undefined;
  try {
    const source = await getSourceById(db, feed.sourceId);
    if (!source) throw new Error(`feed ${feed.id} has no source`);
    const response = await ctx.client.fetch(feed.url, { accept: 'feed', etag: feed.etag, lastModified: feed.lastModified });
    headers = response.headers;
    if (response.notModified) {
      report.status = 'not-modified';
      await recordFeedSuccess(db, feed.id, {
        etag: response.etag ?? feed.etag,
        lastModified: response.lastModified ?? feed.lastModified,
        fetchedAt: started,
        nextPollAt: nextPollAt({ now: started, baseIntervalMinutes: ctx.pollMinutes, headers, consecutiveErrors: 0 }),
      });
      return report;
    }
    if (response.status < 200 || response.status >= 300) throw new Error(`HTTP ${response.status} from ${response.url}`);
    const parsed = parseFeed(response.body, response.headers['content-type'] ?? null, response.url, response.headers);
    report.entries = parsed.entries.length;
    // Oldest first, so that a story's identity and slug follow publication order.
    for (const entry of [...parsed.entries].reverse()) {
      try {
        await takeEntry(ctx, feed, source, entry, report);
      } catch (error) {
        report.failedEntries.push({ key: entry.key, error: (error as Error).message });
        ctx.log.warn('entry failed', { feed: feed.url, entry: entry.key, error: (error as Error).message });
      }
    }
    await recordFeedSuccess(db, feed.id, {
      title: parsed.title,
      etag: response.etag,
      lastModified: response.lastModified,
      fetchedAt: started,
      url: response.permanentRedirectTo && response.permanentRedirectTo !== feed.url ? response.permanentRedirectTo : undefined,
      nextPollAt: nextPollAt({
        now: started,
        baseIntervalMinutes: ctx.pollMinutes,
        ttlMinutes: parsed.ttlMinutes,
        updatePeriodMinutes: parsed.updatePeriodMinutes,
        headers,
        consecutiveErrors: 0,
      }),
    });
  } catch (error) {
    const message = (error as Error).message;
    const errors = feed.consecutiveErrors + 1;
    report.status = 'error';
    report.error = message;
    await recordFeedError(db, feed.id, {
      error: message,
      fetchedAt: started,
      disable: shouldDisable(errors, ctx.disableAfterErrors),
      nextPollAt: nextPollAt({ now: started, baseIntervalMinutes: ctx.pollMinutes, headers, consecutiveErrors: errors }),
    });
    ctx.log.warn('feed failed', { feed: feed.url, error: message, consecutiveErrors: errors });
  }
  return report;
}

async function takeEntry(ctx: IngestContext, feed: Feed, source: Source, entry: FeedEntry, report: PollReport): Promise<void> {
  const db = ctx.store.db;
  if (await isTombstoned(db, source.id, entry.key)) return;
  const existing = await findArticleByEntry(db, source.id, entry.key);
  if (existing) {
    // A story whose body came from the feed is compared with the feed's text on every poll (cheap); one whose
    // body came from its page is re-checked at the page on its own schedule, not on every poll.
    if ((await getBodyOrigin(db, existing.id)) === 'feed' && !needsFullText(entry, feed)) {
      const next = articleFromEntry(entry, null, source);
      if ((await applySourceText(ctx, existing, source, next)) === 'applied') report.updated++;
    }
    return;
  }

  let extracted = null;
  let holdReason: string | null = null;
  if (needsFullText(entry, feed) && entry.link) {
    const page = await fetchArticlePage(ctx, entry.link, source);
    if (page.kind === 'article') extracted = page.article;
    else if (page.kind === 'gone') return; // listed in the feed but already gone at the source: nothing to republish
    else holdReason = page.reason;
  }
  const content = articleFromEntry(entry, extracted, source);
  if (!content.originalUrl) holdReason ??= 'the entry has no link to the original';
  if (!content.bodyText) holdReason ??= 'extraction failed: the entry has no text';
  if (holdReason && !extracted && content.bodyText) holdReason = `${holdReason} (only the feed's summary is available)`;

  const now = ctx.now();
  const article = await db.transaction().execute(async (tx) => {
    const slug = await uniqueSlug(tx, content.headline || entry.key);
    const inserted = await insertArticle(
      tx,
      { ...content, sourceId: source.id, feedId: feed.id, entryKey: entry.key, slug, pubStatus: 'withheld', holdReason },
      now,
    );
    const version = await insertVersion(
      tx,
      { articleId: inserted.id, kind: 'original', headline: content.headline, bodyHtml: content.bodyHtml, contentHash: contentHash(content.headline, content.bodyHtml), note: null, state: 'published' },
      now,
    );
    await setArticleState(tx, inserted.id, { publishedVersionId: version.id }, now);
    return inserted;
  });
  report.added++;
  if (holdReason) {
    report.held.push({ slug: article.slug, reason: holdReason });
    ctx.log.warn('article held', { slug: article.slug, reason: holdReason });
    return;
  }
  const outcome = await publishArticle(db, article, source, ctx.site, now);
  if (outcome.published) report.published++;
  else {
    report.held.push({ slug: article.slug, reason: outcome.reason });
    ctx.log.warn('article held', { slug: article.slug, reason: outcome.reason });
  }
}
