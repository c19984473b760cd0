// Publishing an article: fail closed on attribution, then stamp it republished and schedule its re-checks.
import type { Transaction, Kysely } from 'kysely';
import type { Schema } from '../store/schema.js';
import type { Article, SiteInfo, Source } from '../model/types.js';
import { checkPublishable, buildProvenanceChain, publishRefusalMessage } from '../provenance/index.js';
import { setArticleState } from '../store/articles.js';
import { nextArticleCheckAt } from './poll-schedule.js';
import { linkSameStories } from '../related/same-story.js';

type Db = Kysely<Schema> | Transaction<Schema>;

export type PublishOutcome = { published: true } | { published: false; reason: string };

/** The reason an article cannot go out, or null. Names what the operator sets for every missing field. */
export function publishRefusal(article: Article, source: Source, site: SiteInfo): string | null {
  const check = checkPublishable({ site, source, article });
  return check.ok ? null : publishRefusalMessage(check.missing, source.slug);
}

/** Publishes (or re-publishes) an article, or holds it with the reason. */
export async function publishArticle(db: Db, article: Article, source: Source, site: SiteInfo, now: Date): Promise<PublishOutcome> {
  const refusal = publishRefusal(article, source, site);
  if (refusal) {
    await setArticleState(db, article.id, { pubStatus: 'withheld', holdReason: refusal }, now);
    return { published: false, reason: refusal };
  }
  const republishedAt = article.republishedAt ?? now.toISOString();
  const chain = buildProvenanceChain(article, source, site, republishedAt);
  await db.updateTable('articles').set({ provenance: JSON.stringify(chain) }).where('id', '=', article.id).execute();
  const firstCheck = nextArticleCheckAt(new Date(article.firstCreated ?? republishedAt), now);
  await setArticleState(
    db,
    article.id,
    {
      pubStatus: 'usable',
      holdReason: null,
      republishedAt,
      versionCreated: article.versionCreated ?? republishedAt,
      nextCheckAt: firstCheck ? firstCheck.toISOString() : null,
    },
    now,
  );
  await linkSameStories(db, article, now);
  return { published: true };
}
