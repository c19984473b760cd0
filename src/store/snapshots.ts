// What the source served for each version: the response as fetched (gzip), its URL, time, status and
// validators, a SHA-256 of the bytes, and the text extracted from it before any editing. Never altered.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from './schema.js';

type Db = Kysely<Schema> | Transaction<Schema>;

export interface SnapshotInput {
  articleId: number;
  versionId: number | null;
  url: string;
  fetchedAt: string;
  status: number;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  bodyGzip: Uint8Array;
  sha256: string;
  sourceText: string;
}

export interface Snapshot extends SnapshotInput {
  id: number;
}

/**
 * Stores a snapshot. With `keep` (the source's retention), the article's older snapshots beyond the newest `keep`
 * are removed in the same statement sequence, so a caller's transaction keeps both or neither.
 */
export async function insertSnapshot(db: Db, input: SnapshotInput, keep: number | null = null): Promise<number> {
  const row = await db
    .insertInto('source_snapshots')
    .values({
      article_id: input.articleId,
      version_id: input.versionId,
      url: input.url,
      fetched_at: input.fetchedAt,
      status: input.status,
      content_type: input.contentType,
      etag: input.etag,
      last_modified: input.lastModified,
      body_gzip: input.bodyGzip,
      sha256: input.sha256,
      source_text: input.sourceText,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (keep !== null) await pruneSnapshots(db, input.articleId, keep);
  return row.id;
}

/** Removes the article's snapshots beyond its newest `keep`; returns how many were removed. */
export async function pruneSnapshots(db: Db, articleId: number, keep: number): Promise<number> {
  const newest = db.selectFrom('source_snapshots').select('id').where('article_id', '=', articleId).orderBy('id', 'desc').limit(keep);
  const result = await db.deleteFrom('source_snapshots').where('article_id', '=', articleId).where('id', 'not in', newest).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Applies a source's retention to every article of it (when an operator lowers it); returns how many went. */
export async function pruneSourceSnapshots(db: Db, sourceId: number, keep: number): Promise<number> {
  // One statement for the whole source: rank each article's snapshots newest first, remove the ranks past `keep`.
  const result = await sql`
    DELETE FROM source_snapshots WHERE id IN (
      SELECT id FROM (
        SELECT s.id, ROW_NUMBER() OVER (PARTITION BY s.article_id ORDER BY s.id DESC) AS newest_first
        FROM source_snapshots s JOIN articles a ON a.id = s.article_id
        WHERE a.source_id = ${sourceId}
      ) ranked WHERE newest_first > ${keep}
    )`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

const toSnapshot = (row: Awaited<ReturnType<typeof selectSnapshots>>[number]): Snapshot => ({
  id: row.id,
  articleId: row.article_id,
  versionId: row.version_id,
  url: row.url,
  fetchedAt: row.fetched_at,
  status: row.status,
  contentType: row.content_type,
  etag: row.etag,
  lastModified: row.last_modified,
  bodyGzip: row.body_gzip,
  sha256: row.sha256,
  sourceText: row.source_text,
});

const selectSnapshots = (db: Db, where: { articleId?: number; versionId?: number }) => {
  let query = db.selectFrom('source_snapshots').selectAll();
  if (where.articleId !== undefined) query = query.where('article_id', '=', where.articleId);
  if (where.versionId !== undefined) query = query.where('version_id', '=', where.versionId);
  return query.orderBy('id', 'desc').execute();
};

export async function listSnapshots(db: Db, articleId: number): Promise<Snapshot[]> {
  return (await selectSnapshots(db, { articleId })).map(toSnapshot);
}

export async function getSnapshotOfVersion(db: Db, versionId: number): Promise<Snapshot | null> {
  const [row] = await selectSnapshots(db, { versionId });
  return row ? toSnapshot(row) : null;
}

/**
 * The newest snapshot of one page of a source: a page fetched at `url`, or the article whose original is `url`.
 * The desk previews extraction rules on it rather than fetch the page again.
 */
export async function latestSnapshotOfPage(db: Db, sourceId: number, url: string): Promise<Snapshot | null> {
  const row = await db
    .selectFrom('source_snapshots as s')
    .innerJoin('articles as a', 'a.id', 's.article_id')
    .selectAll('s')
    .where('a.source_id', '=', sourceId)
    .where((eb) => eb.or([eb('s.url', '=', url), eb('a.original_url', '=', url)]))
    .orderBy('s.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toSnapshot(row) : null;
}
