// The images Convey knows (one row per source URL) and which articles show them. The files themselves live in
// the media storage (src/media/storage/), named by the SHA-256 of the source's bytes.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { MediaTable, Schema } from './schema.js';
import type { ImageVariant } from '../media/process-image.js';

type Db = Kysely<Schema> | Transaction<Schema>;

/** Images linked per statement: six values each, far below SQLite's limit on a statement's parameters. */
const IMAGES_PER_STATEMENT = 200;

export type MediaStatus = 'pending' | 'stored' | 'refused' | 'failed' | 'proxy';
export type MediaRole = 'lead' | 'body';

export interface MediaRecord {
  id: number;
  sourceUrl: string;
  sourceId: number | null;
  status: MediaStatus;
  sha256: string | null;
  contentType: string | null;
  width: number | null;
  height: number | null;
  variants: ImageVariant[];
  refusalReason: string | null;
  credit: string | null;
  copyright: string | null;
  fetchedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

function toMedia(row: Selectable<MediaTable>): MediaRecord {
  return {
    id: row.id,
    sourceUrl: row.source_url,
    sourceId: row.source_id,
    status: row.status as MediaStatus,
    sha256: row.sha256,
    contentType: row.content_type,
    width: row.width,
    height: row.height,
    variants: JSON.parse(row.variants) as ImageVariant[],
    refusalReason: row.refusal_reason,
    credit: row.credit,
    copyright: row.copyright,
    fetchedAt: row.fetched_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Makes sure a row exists for each URL (new ones in `status`) and links it to the article; returns the rows.
 * A URL already known keeps its row, so an image many articles show is fetched once.
 */
export async function linkArticleImages(
  db: Db,
  input: { articleId: number; versionId: number | null; sourceId: number; images: { url: string; role: MediaRole }[]; status: MediaStatus },
  now: Date,
): Promise<MediaRecord[]> {
  const stamp = now.toISOString();
  const rows = new Map<string, Selectable<MediaTable>>();
  // Three statements per batch of images, not three per image: a page with many images is one round trip each.
  for (let start = 0; start < input.images.length; start += IMAGES_PER_STATEMENT) {
    const batch = input.images.slice(start, start + IMAGES_PER_STATEMENT);
    const urls = [...new Set(batch.map((image) => image.url))];
    await db
      .insertInto('media')
      .values(urls.map((url) => ({ source_url: url, source_id: input.sourceId, status: input.status, variants: '[]', created_at: stamp, updated_at: stamp })))
      .onConflict((oc) => oc.column('source_url').doNothing())
      .execute();
    for (const row of await db.selectFrom('media').selectAll().where('source_url', 'in', urls).execute()) rows.set(row.source_url, row);
    // An image listed twice keeps the role it was first listed with, as one insert after another would.
    await db
      .insertInto('article_media')
      .values(batch.map((image) => ({ article_id: input.articleId, media_id: rows.get(image.url)!.id, role: image.role, version_id: input.versionId, created_at: stamp })))
      .onConflict((oc) => oc.columns(['article_id', 'media_id']).doNothing())
      .execute();
  }
  return input.images.map((image) => toMedia(rows.get(image.url)!));
}

export async function getMediaById(db: Db, id: number): Promise<MediaRecord | null> {
  const row = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toMedia(row) : null;
}

/** The rows of these source URLs, by URL (unknown URLs are absent). */
export async function getMediaByUrls(db: Db, urls: string[]): Promise<Map<string, MediaRecord>> {
  const unique = [...new Set(urls)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('media').selectAll().where('source_url', 'in', unique).execute();
  return new Map(rows.map((row) => [row.source_url, toMedia(row)]));
}

/** Another URL that served the same bytes and was processed already: its variants serve this one too. */
export async function findStoredBySha256(db: Db, sha256: string): Promise<MediaRecord | null> {
  const row = await db.selectFrom('media').selectAll().where('sha256', '=', sha256).where('status', '=', 'stored').executeTakeFirst();
  return row ? toMedia(row) : null;
}

export async function markMediaStored(
  db: Db,
  id: number,
  image: { sha256: string; contentType: string; width: number; height: number; variants: ImageVariant[]; credit: string | null; copyright: string | null },
  now: Date,
): Promise<void> {
  await db
    .updateTable('media')
    .set({
      status: 'stored',
      sha256: image.sha256,
      content_type: image.contentType,
      width: image.width,
      height: image.height,
      variants: JSON.stringify(image.variants),
      credit: image.credit,
      copyright: image.copyright,
      refusal_reason: null,
      fetched_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

/** Refused (not an image, SVG, a bomb…) or failed for good (fetches gave up): kept with the reason for the desk. */
export async function markMediaUnusable(db: Db, id: number, status: 'refused' | 'failed', reason: string, sha256: string | null, now: Date): Promise<void> {
  await db
    .updateTable('media')
    .set({ status, refusal_reason: reason, sha256, fetched_at: now.toISOString(), updated_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
}

/** A proxied image's size, learnt on its first view, so that later pages give width and height. */
export async function setMediaSize(db: Db, id: number, width: number, height: number, now: Date): Promise<void> {
  await db.updateTable('media').set({ width, height, updated_at: now.toISOString() }).where('id', '=', id).execute();
}

export interface ArticleImage extends MediaRecord {
  role: MediaRole;
}

/** The images an article shows, lead first (for `convey articles show` and the admin API). */
export async function listArticleImages(db: Db, articleId: number): Promise<ArticleImage[]> {
  const rows = await db
    .selectFrom('article_media')
    .innerJoin('media', 'media.id', 'article_media.media_id')
    .selectAll('media')
    .select('article_media.role')
    .where('article_media.article_id', '=', articleId)
    .orderBy('article_media.role', 'desc')
    .orderBy('media.id')
    .execute();
  return rows.map((row) => ({ ...toMedia(row), role: row.role as MediaRole }));
}

/**
 * The SHA-256 of every image some article still shows (whatever its state: one being processed has its hash
 * recorded before its files are written, so `media gc` never removes files a running job is storing).
 */
export async function referencedMediaHashes(db: Db): Promise<Set<string>> {
  const rows = await db
    .selectFrom('media')
    .select('sha256')
    .where('sha256', 'is not', null)
    .where((eb) => eb.exists(eb.selectFrom('article_media').select('article_media.media_id').whereRef('article_media.media_id', '=', 'media.id')))
    .execute();
  return new Set(rows.map((row) => row.sha256!));
}

/** Records the hash of the bytes being processed, before their files are written (see referencedMediaHashes). */
export async function setMediaHash(db: Db, id: number, sha256: string, now: Date): Promise<void> {
  await db.updateTable('media').set({ sha256, updated_at: now.toISOString() }).where('id', '=', id).execute();
}

/** Forgets images no article shows any more (their files go with `convey media gc`). Returns how many. */
export async function deleteUnlinkedMedia(db: Db): Promise<number> {
  const result = await db
    .deleteFrom('media')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('article_media').select('article_media.media_id').whereRef('article_media.media_id', '=', 'media.id'))))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A source's images in these states (for fetching them all once the source is set to `rehost`). */
export async function listMediaOfSource(db: Db, sourceId: number, statuses: MediaStatus[]): Promise<MediaRecord[]> {
  const rows = await db.selectFrom('media').selectAll().where('source_id', '=', sourceId).where('status', 'in', statuses).orderBy('id').execute();
  return rows.map(toMedia);
}

/** Back to `pending`: a fetch of it is queued again. */
export async function markMediaPending(db: Db, id: number, now: Date): Promise<void> {
  await db.updateTable('media').set({ status: 'pending', refusal_reason: null, updated_at: now.toISOString() }).where('id', '=', id).execute();
}
