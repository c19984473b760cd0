// Applying a new text from the source to a stored article: a version always, the page per the update policy.
import type { Article, Source } from '../model/types.js';
import type { ArticleContent } from '../store/articles.js';
import { insertVersion, setArticleState, updateArticleContent } from '../store/articles.js';
import { contentHash, decideChange, decideWithdrawal } from './versioning.js';
import type { IngestContext } from './context.js';

export type ChangeOutcome = 'unchanged' | 'applied' | 'queued' | 'recorded';

/** Compares the source's current text with the stored one and records (and maybe applies) a new version. */
export async function applySourceText(ctx: IngestContext, article: Article, source: Source, next: ArticleContent): Promise<ChangeOutcome> {
  // The common case on every poll: the same text as stored. Compared as strings first, so that only a text that
  // differs in its markup pays for the two hashes below.
  if (next.headline === article.headline && next.bodyHtml === article.bodyHtml) return 'unchanged';
  const now = ctx.now();
  const hash = contentHash(next.headline, next.bodyHtml);
  if (hash === contentHash(article.headline, article.bodyHtml)) return 'unchanged';
  const db = ctx.store.db;
  // The same new text already waiting for an editor (or recorded) is not a new change.
  const known = await db.selectFrom('article_versions').select('id').where('article_id', '=', article.id).where('content_hash', '=', hash).executeTakeFirst();
  if (known) return 'unchanged';
  const decision = decideChange(source.updatePolicy, article.bodyHtml, next.bodyHtml);
  return db.transaction().execute(async (tx) => {
    const version = await insertVersion(
      tx,
      { articleId: article.id, kind: decision.kind, headline: next.headline, bodyHtml: next.bodyHtml, contentHash: hash, note: decision.note, state: decision.state },
      now,
    );
    if (!decision.applyNow) return decision.state === 'pending' ? 'queued' : 'recorded';
    // Provenance and rights stay as published: the chain is rebuilt from the article's own fields.
    await updateArticleContent(tx, article.id, { ...next, provenance: article.provenance, rights: article.rights }, now);
    await setArticleState(tx, article.id, { versionCreated: now.toISOString(), publishedVersionId: version.id }, now);
    ctx.log.info('article updated from its source', { slug: article.slug, kind: decision.kind });
    return 'applied';
  });
}

/** The source no longer has the story (404/410 or marked withdrawn): the copy follows per policy. */
export async function applyWithdrawal(ctx: IngestContext, article: Article, source: Source, reason: string): Promise<ChangeOutcome> {
  const now = ctx.now();
  const db = ctx.store.db;
  const already = await db
    .selectFrom('article_versions')
    .select('id')
    .where('article_id', '=', article.id)
    .where('kind', '=', 'withdrawal')
    .executeTakeFirst();
  if (already || article.pubStatus === 'canceled') return 'unchanged';
  const decision = decideWithdrawal(source.updatePolicy);
  const note = `${source.name} withdrew this story (${reason}).`;
  return db.transaction().execute(async (tx) => {
    await insertVersion(
      tx,
      { articleId: article.id, kind: 'withdrawal', headline: article.headline, bodyHtml: article.bodyHtml, contentHash: 'withdrawn', note, state: decision.state },
      now,
    );
    if (!decision.cancelNow) return decision.state === 'pending' ? 'queued' : 'recorded';
    await setArticleState(tx, article.id, { pubStatus: 'canceled', withdrawnAt: now.toISOString(), nextCheckAt: null, holdReason: note }, now);
    ctx.log.info('article withdrawn after its source', { slug: article.slug });
    return 'applied';
  });
}
