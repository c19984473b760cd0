// Each article's latest fidelity report: the whole report (what the fidelity page renders) and its verdict and
// counts in columns of their own, so lists and checks need not parse it. One row an article, replaced each time.
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from './schema.js';
import type { FidelityReport } from '../fidelity/index.js';

type Db = Kysely<Schema> | Transaction<Schema>;

export interface StoredFidelityReport {
  articleId: number;
  sourceVersionId: number | null;
  report: FidelityReport;
  faithful: boolean;
  counts: { omitted: number; altered: number; added: number; moved: number; quotesChanged: number };
  computedAt: string;
  /** The source text compared with is an update still waiting for an editor: the copy lags it, unedited. */
  sourceUpdatePending: boolean;
}

export async function saveFidelityReport(db: Db, articleId: number, sourceVersionId: number | null, report: FidelityReport, now: Date): Promise<void> {
  const columns = {
    source_version_id: sourceVersionId,
    report: JSON.stringify(report),
    faithful: report.faithful ? 1 : 0,
    omitted: report.counts.omitted,
    altered: report.counts.altered,
    added: report.counts.added,
    moved: report.counts.moved,
    quotes_changed: report.quotesChanged.length,
    computed_at: now.toISOString(),
  };
  await db
    .insertInto('fidelity_reports')
    .values({ article_id: articleId, ...columns })
    .onConflict((oc) => oc.column('article_id').doUpdateSet(columns))
    .execute();
}

export async function getFidelityReport(db: Db, articleId: number): Promise<StoredFidelityReport | null> {
  const row = await db
    .selectFrom('fidelity_reports')
    .leftJoin('article_versions', 'article_versions.id', 'fidelity_reports.source_version_id')
    .selectAll('fidelity_reports')
    .select('article_versions.state as source_version_state')
    .where('fidelity_reports.article_id', '=', articleId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    articleId: row.article_id,
    sourceVersionId: row.source_version_id,
    report: JSON.parse(row.report) as FidelityReport,
    faithful: row.faithful === 1,
    counts: { omitted: row.omitted, altered: row.altered, added: row.added, moved: row.moved, quotesChanged: row.quotes_changed },
    computedAt: row.computed_at,
    sourceUpdatePending: row.source_version_state === 'pending',
  };
}

/**
 * Published articles that have no report yet (stored before reports existed), oldest first: `limit` of them.
 * Only articles with a version from their source can be compared.
 */
export async function listArticlesWithoutReport(db: Db, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('articles')
    .select('articles.id')
    .where('articles.pub_status', '=', 'usable')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('fidelity_reports').select('fidelity_reports.article_id').whereRef('fidelity_reports.article_id', '=', 'articles.id'))))
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('article_versions').select('article_versions.id').whereRef('article_versions.article_id', '=', 'articles.id').where('article_versions.kind', 'in', ['original', 'update', 'correction'])),
    )
    .orderBy('articles.id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}
