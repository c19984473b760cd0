// What the source served for each version: the response as fetched (gzip), its URL, time, status and
// validators, a SHA-256 of the bytes, and the text extracted from it before any editing. Never altered.
import type { Kysely, Transaction } from 'kysely';
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

export async function insertSnapshot(db: Db, input: SnapshotInput): Promise<number> {
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
  return row.id;
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
