// Applying a new text from the source to a stored article: a version always, the page per the update policy.
// Each change is one transaction that re-reads (and on PostgreSQL locks) the article first, so that the decision
// is taken on the state it writes over, and a crash leaves all of the change or none of it.
import { queueRelatedRefresh } from '../related/related-refresh.js';
import type { Article, Source } from '../model/types.js';
import type { ArticleContent } from '../store/articles.js';
import { hasVersion, insertVersion, lockArticle, setArticleState, updateArticleContent } from '../store/articles.js';
import { insertSnapshot } from '../store/snapshots.js';
import { queueArticleImages } from '../media/queue-images.js';
import { contentHash, decideChange, decideWithdrawal, holdUnfaithfulUpdate } from './versioning.js';
import { editsAllowed } from '../provenance/index.js';
import { compareWithSource } from './fidelity-inputs.js';
import { refreshFidelity } from './refresh-fidelity.js';
import { faultPoint } from './faults.js';
import type { IngestContext } from './context.js';
import type { SnapshotData } from './snapshot.js';

export type ChangeOutcome = 'unchanged' | 'applied' | 'queued' | 'recorded';

/** Compares the source's current text with the stored one and records (and maybe applies) a new version. */
export async function applySourceText(
  ctx: IngestContext,
  article: Article,
  source: Source,
  next: ArticleContent,
  snapshot: SnapshotData | null = null,
): Promise<ChangeOutcome> {
  // The common case on every poll: the same text as stored. Compared as strings first, so that only a text that
  // differs in its markup pays for the hashes below.
  if (next.headline === article.headline && next.bodyHtml === article.bodyHtml) return 'unchanged';
  const hash = contentHash(next.headline, next.bodyHtml);
  if (hash === contentHash(article.headline, article.bodyHtml)) return 'unchanged';
  const now = ctx.now();
  return ctx.store.db.transaction().execute(async (tx) => {
    const current = await lockArticle(tx, article.id);
    if (!current || current.pubStatus === 'canceled') return 'unchanged';
    if (hash === contentHash(current.headline, current.bodyHtml)) return 'unchanged';
    // The same new text already waiting for an editor (or recorded) is not a new change.
    if (await hasVersion(tx, current.id, { contentHash: hash })) return 'unchanged';
    const sourceText = { versionId: 0, headline: next.headline, bodyHtml: next.bodyHtml, snapshotText: snapshot?.sourceText ?? null };
    const decision = holdUnfaithfulUpdate(decideChange(source.updatePolicy, current.bodyHtml, next.bodyHtml), editsAllowed(source, current.rights), () =>
      compareWithSource(sourceText, { ...next, rights: current.rights }, source, ctx.site).faithful);
    const version = await insertVersion(
      tx,
      { articleId: current.id, kind: decision.kind, headline: next.headline, bodyHtml: next.bodyHtml, contentHash: hash, note: decision.note, state: decision.state },
      now,
    );
    if (snapshot) await insertSnapshot(tx, { ...snapshot, articleId: current.id, versionId: version.id }, source.keepSnapshots);
    if (ctx.media) await queueArticleImages(tx, ctx.jobs, { articleId: current.id, versionId: version.id, source, lead: next.lead, bodyHtml: next.bodyHtml }, now);
    await faultPoint(ctx.fault, 'after-version-applied');
    if (!decision.applyNow) {
      if (decision.heldBecause) ctx.log.warn('source update held for review', { slug: current.slug, reason: decision.heldBecause });
      await refreshFidelity(tx, current.id, { site: ctx.site, now });
      return decision.state === 'pending' ? 'queued' : 'recorded';
    }
    // Provenance and rights stay as published: the chain is rebuilt from the article's own fields.
    await updateArticleContent(tx, current.id, { ...next, provenance: current.provenance, rights: current.rights }, now);
    await setArticleState(tx, current.id, { versionCreated: now.toISOString(), publishedVersionId: version.id }, now);
    await refreshFidelity(tx, current.id, { site: ctx.site, now });
    await queueRelatedRefresh(ctx.jobs, current.id, tx);
    ctx.log.info('article updated from its source', { slug: current.slug, kind: decision.kind });
    return 'applied';
  });
}

/** The source no longer has the story (404/410 or marked withdrawn): the copy follows per policy. */
export async function applyWithdrawal(ctx: IngestContext, article: Article, source: Source, reason: string): Promise<ChangeOutcome> {
  const now = ctx.now();
  const note = `${source.name} withdrew this story (${reason}).`;
  return ctx.store.db.transaction().execute(async (tx) => {
    const current = await lockArticle(tx, article.id);
    if (!current || current.pubStatus === 'canceled') return 'unchanged';
    if (await hasVersion(tx, current.id, { kind: 'withdrawal' })) return 'unchanged';
    const decision = decideWithdrawal(source.updatePolicy);
    await insertVersion(
      tx,
      { articleId: current.id, kind: 'withdrawal', headline: current.headline, bodyHtml: current.bodyHtml, contentHash: 'withdrawn', note, state: decision.state },
      now,
    );
    await faultPoint(ctx.fault, 'after-withdrawal-version');
    if (!decision.cancelNow) return decision.state === 'pending' ? 'queued' : 'recorded';
    await setArticleState(tx, current.id, { pubStatus: 'canceled', withdrawnAt: now.toISOString(), nextCheckAt: null, holdReason: note }, now);
    await queueRelatedRefresh(ctx.jobs, current.id, tx);
    ctx.log.info('article withdrawn after its source', { slug: current.slug });
    return 'applied';
  });
}
