// Publishing an article: fail closed on attribution, then stamp it republished, build its provenance, schedule
// its re-checks and link the same story from other sources — all inside the caller's transaction, so that an
// article is either published whole or not at all.
import type { Transaction } from 'kysely';
import type { Schema } from '../store/schema.js';
import type { Article, SiteInfo, Source } from '../model/types.js';
import { alteredCopyRefusal, checkPublishable, buildProvenanceChain, editsAllowed, publishRefusalMessage } from '../provenance/index.js';
import { setArticleState, type ArticleStateChange } from '../store/articles.js';
import { nextArticleCheckAt } from './poll-schedule.js';
import { linkSameStories } from '../related/same-story.js';
import { faultPoint, type FaultHook } from './faults.js';
import { keepFidelity, refreshFidelity, type ComputedFidelity } from './refresh-fidelity.js';
import { queueRelatedRefresh } from '../related/related-refresh.js';
import type { JobQueue } from '../jobs/queue.js';

export type PublishOutcome = { published: true } | { published: false; reason: string };

/** The reason an article cannot go out, or null. Names what the operator sets for every missing field. */
export function publishRefusal(article: Article, source: Source, site: SiteInfo): string | null {
  const check = checkPublishable({ site, source, article });
  return check.ok ? null : publishRefusalMessage(check.missing, source.slug);
}

export interface PublishOptions {
  /** The editor's explicit choice for an article whose page could not be had: the summary, linking the story. */
  asSummary?: boolean;
  fault?: FaultHook;
  /** Where the refresh of its related news is queued (with the publication, in the same transaction). */
  jobs?: JobQueue;
  /** The fidelity report, made ahead from the texts being stored; else it is made here from the stored ones. */
  fidelity?: ComputedFidelity;
  /** More of the article's state (the version just stored), written in the same statement as the outcome. */
  state?: ArticleStateChange;
}

/** Publishes (or re-publishes) an article inside `tx`, or holds it with the reason. */
export async function publishArticle(
  tx: Transaction<Schema>,
  article: Article,
  source: Source,
  site: SiteInfo,
  now: Date,
  options: PublishOptions = {},
): Promise<PublishOutcome> {
  // The report is computed (and kept) first: a source that allows no edits gets no altered copy.
  const fidelity = options.fidelity ? await keepFidelity(tx, article.id, options.fidelity, now) : await refreshFidelity(tx, article.id, { site, now });
  const refusal = publishRefusal(article, source, site) ?? alteredCopyRefusal(editsAllowed(source, article.rights), fidelity?.faithful ?? true);
  if (refusal) {
    await setArticleState(tx, article.id, { ...options.state, pubStatus: 'withheld', holdReason: refusal, holdKind: 'configuration' }, now);
    return { published: false, reason: refusal };
  }
  const republishedAt = article.republishedAt ?? now.toISOString();
  const chain = buildProvenanceChain(article, source, site, republishedAt);
  const firstCheck = nextArticleCheckAt(new Date(article.firstCreated ?? republishedAt), now);
  await setArticleState(
    tx,
    article.id,
    {
      ...options.state,
      pubStatus: 'usable',
      holdReason: null,
      holdKind: null,
      provenance: chain,
      ...(options.asSummary ? { summaryOnly: true } : {}),
      republishedAt,
      versionCreated: article.versionCreated ?? republishedAt,
      nextCheckAt: firstCheck ? firstCheck.toISOString() : null,
    },
    now,
  );
  await faultPoint(options.fault, 'after-publish-state');
  await linkSameStories(tx, article, now);
  await faultPoint(options.fault, 'after-story-links');
  if (options.jobs) await queueRelatedRefresh(options.jobs, article.id, tx);
  return { published: true };
}
