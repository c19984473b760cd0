// What an editor does to an article's life, shared by the CLI and the admin API: delete or reject it for good
// (a tombstone keeps the next poll from taking the entry in again), withdraw it (410) and restore it.
import type { Store } from '../store/database.js';
import type { Article, SiteInfo } from '../model/types.js';
import {
  addTombstone, deleteArticle, getArticleBySlug, getBodyOrigin, insertVersion, isTombstoned, listHeld, lockArticle, removeTombstone, setArticleState,
  updateArticleContent,
} from '../store/articles.js';
import { getSourceById } from '../store/sources.js';
import { publishArticle } from '../ingest/publish.js';
import { ActionError, relatedJobsOf, republishHeld } from './actions.js';
import { queueRelatedRefresh } from '../related/related-refresh.js';
import { FETCH_IMAGE_QUEUE, queueArticleImages } from '../media/queue-images.js';
import { imagesOfArticle } from '../media/article-images.js';
import { setPublishAt } from '../store/review-queue.js';
import { editsAllowed } from '../provenance/index.js';
import { sanitizeArticleHtml, htmlToText } from '../clean/sanitize.js';
import { fingerprint } from '../related/fingerprint.js';
import { contentHash } from '../ingest/versioning.js';
import { refreshFidelity } from '../ingest/refresh-fidelity.js';
import type { FidelityReport } from '../fidelity/index.js';

async function articleOrThrow(store: Store, slug: string): Promise<Article> {
  const article = await getArticleBySlug(store.db, slug);
  if (!article) throw new ActionError(`no article "${slug}"`, 404);
  return article;
}

const withNote = (what: string, note: string | null | undefined) => (note?.trim() ? `${what}: ${note.trim()}` : what);

/** Deletes the article and tombstones its entry: the page answers 404 and the story never comes back. */
export async function deleteArticleForGood(store: Store, slug: string, note: string | null, now = new Date()): Promise<void> {
  const article = await articleOrThrow(store, slug);
  await store.db.transaction().execute(async (tx) => {
    await addTombstone(tx, article.sourceId, article.entryKey, withNote('deleted by an editor', note), now);
    await deleteArticle(tx, article.id);
  });
}

/** Withholds the article for good and tombstones its entry; it stays in the store (and `articles list`). */
export async function rejectArticle(store: Store, slug: string, note: string | null, now = new Date()): Promise<void> {
  const article = await articleOrThrow(store, slug);
  const reason = withNote('rejected by an editor', note);
  await store.db.transaction().execute(async (tx) => {
    await addTombstone(tx, article.sourceId, article.entryKey, reason, now);
    // No longer waiting for anything: it leaves the review queue, and a time it was scheduled for is void.
    await setArticleState(tx, article.id, { pubStatus: 'withheld', holdReason: reason, holdKind: null, nextCheckAt: null }, now);
    await setPublishAt(tx, article.id, null);
  });
}

/** Takes a published article down: its page answers 410, and it leaves the lists, feeds and sitemaps. */
export async function withdrawArticle(store: Store, slug: string, note: string, now = new Date()): Promise<void> {
  const article = await articleOrThrow(store, slug);
  if (article.pubStatus === 'canceled') throw new ActionError(`"${slug}" is withdrawn already`, 409);
  if (article.pubStatus !== 'usable') throw new ActionError(`"${slug}" is not published (${article.holdReason ?? 'held'})`, 409);
  const jobs = await relatedJobsOf(store);
  await store.db.transaction().execute(async (tx) => {
    await setArticleState(
      tx,
      article.id,
      { pubStatus: 'canceled', withdrawnAt: now.toISOString(), nextCheckAt: null, holdReason: withNote('withdrawn by an editor', note) },
      now,
    );
    // The stories that listed it re-rank without it.
    await queueRelatedRefresh(jobs, article.id, tx);
  });
}

/**
 * Brings back a withdrawn or rejected article: lifts its tombstone and publishes it again through the
 * fail-closed check (which may hold it, with the reason).
 */
export async function restoreArticle(store: Store, site: SiteInfo, slug: string, now = new Date()): Promise<void> {
  const article = await articleOrThrow(store, slug);
  const rejected = await isTombstoned(store.db, article.sourceId, article.entryKey);
  if (article.pubStatus === 'usable') throw new ActionError(`"${slug}" is published`, 409);
  if (article.pubStatus === 'withheld' && !rejected) throw new ActionError(`"${slug}" is held, not withdrawn: use "articles publish ${slug}"`, 409);
  const source = await getSourceById(store.db, article.sourceId);
  if (!source) throw new ActionError(`"${slug}" has no source`, 409);
  const jobs = await relatedJobsOf(store);
  // One transaction: a crash never leaves the tombstone lifted and the article neither published nor held.
  const outcome = await store.db.transaction().execute(async (tx) => {
    if (rejected) await removeTombstone(tx, article.sourceId, article.entryKey);
    await setArticleState(tx, article.id, { withdrawnAt: null }, now);
    return publishArticle(tx, article, source, site, now, { jobs });
  });
  if (!outcome.published) throw new ActionError(`"${slug}" is back but held: ${outcome.reason}`, 409);
}

export interface AllHeldReport {
  published: string[];
  stillHeld: { slug: string; reason: string }[];
}

/**
 * Tries every held article again (after a setting was fixed); rejected ones are left alone, and so are new stories
 * waiting for review: only an editor's approval (or the time they scheduled) publishes those.
 */
export async function publishAllHeld(store: Store, site: SiteInfo, now = new Date()): Promise<AllHeldReport> {
  const report: AllHeldReport = { published: [], stillHeld: [] };
  for (const article of await listHeld(store.db)) {
    if (article.holdKind === 'review') continue;
    if (await isTombstoned(store.db, article.sourceId, article.entryKey)) continue;
    try {
      await republishHeld(store, site, article.slug, now);
      report.published.push(article.slug);
    } catch (error) {
      if (!(error instanceof ActionError)) throw error;
      report.stillHeld.push({ slug: article.slug, reason: error.message });
    }
  }
  return report;
}

export interface ArticleEdit {
  bodyHtml: string;
  /** The new headline; the current one when absent. */
  headline?: string | null;
  /** Why the editor changed the text: shown to readers with the fidelity line. */
  note: string;
  /** The dek (subheadline); unchanged when absent, removed when empty. */
  subheadline?: string | null;
  /** The topics; unchanged when absent. */
  topics?: string[];
  /** The lead image: the URL of one of the article's images, null for none; unchanged when absent. */
  leadUrl?: string | null;
  /** The lead image's caption; unchanged when absent, removed when empty. */
  leadCaption?: string | null;
  /** Who made the edit (a desk account; the CLI and the API name their actor). */
  editor?: { id: number | null; email: string } | null;
}

export interface EditOptions {
  /** Queue fetches of images the new body brings (true where the site keeps copies of images). */
  queueImages?: boolean;
}

const MAX_TOPICS = 20;

/** The images an editor may choose as the lead: the current lead and every image of the body, old or new. */
export function leadChoices(article: Pick<Article, 'lead' | 'bodyHtml'>, newBodyHtml?: string): string[] {
  const urls = imagesOfArticle(article.lead, article.bodyHtml).map((i) => i.url);
  for (const use of imagesOfArticle(null, newBodyHtml ?? '')) if (!urls.includes(use.url)) urls.push(use.url);
  return urls;
}

/** Topics as typed: trimmed, one each, none empty. */
export function cleanTopics(topics: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of topics) {
    const topic = raw.replace(/\s+/g, ' ').trim();
    if (!topic || seen.has(topic.toLowerCase())) continue;
    seen.add(topic.toLowerCase());
    out.push(topic);
  }
  if (out.length > MAX_TOPICS) throw new ActionError(`an article takes at most ${MAX_TOPICS} topics`);
  return out;
}

/** An article an editor may edit: published, or a new story waiting in the review queue. */
const editable = (article: Article) => article.pubStatus === 'usable' || (article.pubStatus === 'withheld' && article.holdKind === 'review');

/**
 * An editor's change to a text, published or waiting for review: a version of kind `edit` with its author and
 * note, the article's fields replaced, images the new body brings queued, the fidelity report recomputed and the
 * related news refreshed, in one transaction. Refused for a source whose license or setting forbids edits.
 */
export async function editArticle(store: Store, site: SiteInfo, slug: string, edit: ArticleEdit, now = new Date(), options: EditOptions = {}): Promise<FidelityReport | null> {
  const found = await articleOrThrow(store, slug);
  const note = edit.note.trim();
  if (!note) throw new ActionError('an edit needs a note saying what was changed and why');
  if (!editable(found)) throw new ActionError(`"${slug}" is not published (${found.holdReason ?? found.pubStatus})`, 409);
  const source = await getSourceById(store.db, found.sourceId);
  if (!source) throw new ActionError(`"${slug}" has no source`, 409);
  const edits = editsAllowed(source, found.rights);
  if (!edits.allowed) throw new ActionError(`cannot edit "${slug}": ${edits.reason}`, 409);
  const headline = edit.headline?.trim() || found.headline;
  const bodyHtml = sanitizeArticleHtml(edit.bodyHtml, found.originalUrl);
  const bodyText = htmlToText(bodyHtml);
  if (!bodyText.trim()) throw new ActionError('the edited body has no text');
  const subheadline = edit.subheadline === undefined ? found.subheadline : edit.subheadline?.trim() || null;
  const topics = edit.topics === undefined ? found.topics : cleanTopics(edit.topics);
  let lead = found.lead;
  if (edit.leadUrl !== undefined) {
    if (edit.leadUrl === null || edit.leadUrl.trim() === '') lead = null;
    else {
      const url = edit.leadUrl.trim();
      if (!leadChoices(found, bodyHtml).includes(url)) throw new ActionError('the lead image must be one of the article\'s own images');
      lead = url === found.lead?.url ? found.lead : { url, caption: null, credit: null };
    }
  }
  if (lead && edit.leadCaption !== undefined) lead = { ...lead, caption: edit.leadCaption?.trim() || null };
  const jobs = await relatedJobsOf(store);
  await jobs.prepare([FETCH_IMAGE_QUEUE]);
  return store.db.transaction().execute(async (tx) => {
    const article = await lockArticle(tx, found.id);
    if (!article || !editable(article)) throw new ActionError(`"${slug}" is no longer published or waiting for review`, 409);
    const version = await insertVersion(
      tx,
      { articleId: article.id, kind: 'edit', headline, bodyHtml, contentHash: contentHash(headline, bodyHtml), note, state: 'published', author: edit.editor ?? null },
      now,
    );
    await updateArticleContent(
      tx,
      article.id,
      {
        originalUrl: article.originalUrl, headline, subheadline, dateline: article.dateline, bodyHtml, bodyText,
        bodyOrigin: await getBodyOrigin(tx, article.id), byline: article.byline, language: article.language, lead,
        topics, firstCreated: article.firstCreated, provenance: article.provenance, rights: article.rights,
        fingerprint: fingerprint(`${headline}\n${bodyText}`),
      },
      now,
    );
    // The images the edit brings are fetched like those of a story taken in (known ones are not fetched again).
    if (options.queueImages ?? true) await queueArticleImages(tx, jobs, { articleId: article.id, versionId: version.id, source, lead, bodyHtml }, now);
    // A story not yet published has no "updated" time: its first publication is its first version to readers.
    await setArticleState(tx, article.id, { ...(article.pubStatus === 'usable' ? { versionCreated: now.toISOString() } : {}), publishedVersionId: version.id }, now);
    const report = await refreshFidelity(tx, article.id, { site, now });
    await queueRelatedRefresh(jobs, article.id, tx);
    return report;
  });
}
