// Recomputes and stores an article's fidelity report: called wherever the source's text or the published text
// changes (publish, a new source version, an approved review, an editor's edit), inside that change's
// transaction when there is one, so the report never describes a text that is not the one stored.
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../store/schema.js';
import type { SiteInfo } from '../model/types.js';
import type { FidelityReport } from '../fidelity/index.js';
import { getArticleById } from '../store/articles.js';
import { getSourceById } from '../store/sources.js';
import { getLatestSourceText } from '../store/versions.js';
import { listArticlesWithoutReport, saveFidelityReport } from '../store/fidelity-reports.js';
import { compareWithSource } from './fidelity-inputs.js';

/**
 * A report made ahead of the transaction that stores the texts it compares (on the extraction threads, off the
 * event loop), with the source version it was made against, once the transaction has that version.
 */
export interface ComputedFidelity {
  report: FidelityReport;
  versionId: number;
}

/** Stores a report made ahead (`ComputedFidelity`) and answers it. */
export async function keepFidelity(db: Kysely<Schema> | Transaction<Schema>, articleId: number, computed: ComputedFidelity, now: Date): Promise<FidelityReport> {
  await saveFidelityReport(db, articleId, computed.versionId, computed.report, now);
  return computed.report;
}

export interface RefreshOptions {
  /** The site, so that its disclaimer line is recognised as its own; without it only the source's lines are. */
  site?: SiteInfo | null;
  now?: Date;
}

/** The article's report against the newest text from its source, stored; null when there is nothing to compare. */
export async function refreshFidelity(db: Kysely<Schema> | Transaction<Schema>, articleId: number, options: RefreshOptions = {}): Promise<FidelityReport | null> {
  const article = await getArticleById(db, articleId);
  const source = article ? await getSourceById(db, article.sourceId) : null;
  const sourceText = article ? await getLatestSourceText(db, articleId) : null;
  if (!article || !source || !sourceText) return null;
  const report = compareWithSource(sourceText, article, source, options.site ?? null);
  await saveFidelityReport(db, articleId, sourceText.versionId, report, options.now ?? new Date());
  return report;
}

/**
 * Gives every published article that has none its report (a store from before reports existed), `batch` at a
 * time; returns how many were made. An article that cannot be compared is skipped, not retried in a loop.
 */
export async function reportMissingFidelity(db: Kysely<Schema>, options: RefreshOptions & { batch?: number } = {}): Promise<number> {
  const batch = options.batch ?? 100;
  let made = 0;
  const seen = new Set<number>();
  for (;;) {
    const ids = (await listArticlesWithoutReport(db, batch + seen.size)).filter((id) => !seen.has(id)).slice(0, batch);
    if (ids.length === 0) return made;
    for (const id of ids) {
      seen.add(id);
      if (await refreshFidelity(db, id, options)) made++;
    }
  }
}
