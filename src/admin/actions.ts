// What editors and moderators do, shared by the CLI and the admin API so both behave the same.
import type { Store } from '../store/database.js';
import type { SiteInfo, CommentStatus } from '../model/types.js';
import { getComment, setCommentStatus } from '../store/comments.js';
import { getArticleById, getArticleBySlug, getBodyOrigin, getVersion, isTombstoned, setArticleState, setVersionState, updateArticleContent } from '../store/articles.js';
import { getSourceById } from '../store/sources.js';
import { publishArticle } from '../ingest/publish.js';
import { htmlToText } from '../clean/sanitize.js';
import { fingerprint } from '../related/fingerprint.js';

export class ActionError extends Error {
  constructor(message: string, readonly status: 400 | 404 | 409 = 400) {
    super(message);
    this.name = 'ActionError';
  }
}

export const COMMENT_ACTIONS: Record<string, CommentStatus> = { approve: 'approved', spam: 'spam', trash: 'trash', unapprove: 'pending' };

export async function moderateComment(store: Store, id: number, action: string): Promise<CommentStatus> {
  const status = COMMENT_ACTIONS[action];
  if (!status) throw new ActionError(`unknown action "${action}": use ${Object.keys(COMMENT_ACTIONS).join(', ')}`);
  if (!(await getComment(store.db, id))) throw new ActionError(`no comment with id ${id}`, 404);
  await setCommentStatus(store.db, id, status);
  return status;
}

/** Tries to publish a held article again (after the editor fixed the site's or the source's fields). */
export async function republishHeld(store: Store, site: SiteInfo, slug: string, now = new Date()): Promise<void> {
  const article = await getArticleBySlug(store.db, slug);
  if (!article) throw new ActionError(`no article "${slug}"`, 404);
  if (article.pubStatus === 'usable') throw new ActionError(`"${slug}" is already published`, 409);
  if (article.pubStatus === 'canceled') throw new ActionError(`"${slug}" was withdrawn (${article.holdReason ?? 'by its source'}); "articles restore" brings it back`, 409);
  if (await isTombstoned(store.db, article.sourceId, article.entryKey)) {
    throw new ActionError(`"${slug}" was rejected (${article.holdReason ?? 'by an editor'}); "articles restore" brings it back`, 409);
  }
  if (article.holdReason?.startsWith('extraction failed')) {
    throw new ActionError(`"${slug}" has no whole text (${article.holdReason}); fix the source's extraction rules and ingest again`, 409);
  }
  const source = await getSourceById(store.db, article.sourceId);
  if (!source) throw new ActionError(`"${slug}" has no source`, 409);
  const outcome = await publishArticle(store.db, article, source, site, now);
  if (!outcome.published) throw new ActionError(outcome.reason, 409);
}

/** Applies (approve) or rejects a version waiting for review. */
export async function reviewVersion(store: Store, id: number, decision: 'approve' | 'reject', now = new Date()): Promise<void> {
  const version = await getVersion(store.db, id);
  if (!version) throw new ActionError(`no version with id ${id}`, 404);
  if (version.state !== 'pending') throw new ActionError(`version ${id} is ${version.state}, not pending`, 409);
  const article = await getArticleById(store.db, version.articleId);
  if (!article) throw new ActionError(`version ${id} has no article`, 404);
  const bodyOrigin = await getBodyOrigin(store.db, article.id);
  await store.db.transaction().execute(async (tx) => {
    if (decision === 'reject') return setVersionState(tx, id, 'rejected');
    await setVersionState(tx, id, 'published');
    if (version.kind === 'withdrawal') {
      await setArticleState(tx, article.id, { pubStatus: 'canceled', withdrawnAt: now.toISOString(), nextCheckAt: null, holdReason: version.note }, now);
      return;
    }
    const bodyText = htmlToText(version.bodyHtml);
    await updateArticleContent(
      tx,
      article.id,
      {
        originalUrl: article.originalUrl, headline: version.headline, subheadline: article.subheadline, dateline: article.dateline,
        bodyHtml: version.bodyHtml, bodyText, bodyOrigin, byline: article.byline, language: article.language, lead: article.lead,
        topics: article.topics, firstCreated: article.firstCreated, provenance: article.provenance, rights: article.rights,
        fingerprint: fingerprint(`${version.headline}\n${bodyText}`),
      },
      now,
    );
    await setArticleState(tx, article.id, { versionCreated: now.toISOString(), publishedVersionId: id }, now);
  });
}
