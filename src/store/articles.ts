// Articles, their versions and tombstones.
import { sql, type Kysely, type Selectable, type SelectQueryBuilder, type SqlBool, type Transaction } from 'kysely';
import type { ArticlesTable, ArticleVersionsTable, Schema } from './schema.js';
import { lockRowForUpdate } from './dialect.js';
import { excerptOf } from '../clean/excerpt.js';
import type { Article, ArticleVersion, Dateline, HoldKind, ImageRef, IndexingPolicy, ProvenanceHop, PubStatus, RightsInfo, VersionKind } from '../model/types.js';
import { toUtcTimestamp, toUtcTimestampOrNull } from '../dates/utc-timestamp.js';

type Db = Kysely<Schema> | Transaction<Schema>;

const parse = <T>(text: string | null, fallback: T): T => (text ? (JSON.parse(text) as T) : fallback);

export const LIST_COLUMNS = [
  'id', 'source_id', 'feed_id', 'slug', 'entry_key', 'original_url', 'headline', 'subheadline', 'dateline', 'body_origin', 'excerpt',
  'byline', 'language', 'lead', 'topics', 'first_created', 'republished_at', 'version_created', 'pub_status', 'hold_reason',
  'hold_kind', 'summary_only', 'provenance', 'rights', 'published_version_id', 'fingerprint', 'next_check_at', 'lease_until', 'withdrawn_at', 'created_at', 'updated_at',
] as const;

/** Every column an article is shown from: all but the plain text. */
const ARTICLE_COLUMNS = [...LIST_COLUMNS, 'body_html'] as const;
const selectArticles = (db: Db) => db.selectFrom('articles').select(ARTICLE_COLUMNS);

/** An article row as read: the plain text (kept for search and fingerprints) is never needed to show it. */
export type ArticleRow = Omit<Selectable<ArticlesTable>, 'body_text' | 'publish_at'>;

export function toArticle(row: ArticleRow): Article {
  return {
    id: row.id,
    sourceId: row.source_id,
    feedId: row.feed_id,
    slug: row.slug,
    entryKey: row.entry_key,
    originalUrl: row.original_url,
    headline: row.headline,
    subheadline: row.subheadline,
    dateline: parse<Dateline | null>(row.dateline, null),
    bodyHtml: row.body_html,
    excerpt: row.excerpt,
    byline: row.byline,
    language: row.language,
    lead: parse<ImageRef | null>(row.lead, null),
    topics: parse<string[]>(row.topics, []),
    firstCreated: row.first_created,
    republishedAt: row.republished_at,
    versionCreated: row.version_created,
    pubStatus: row.pub_status as PubStatus,
    holdReason: row.hold_reason,
    holdKind: (row.hold_kind as HoldKind | null) ?? null,
    summaryOnly: row.summary_only === 1,
    provenance: parse<ProvenanceHop[]>(row.provenance, []),
    rights: parse<RightsInfo>(row.rights, { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }),
    publishedVersionId: row.published_version_id,
    fingerprint: row.fingerprint,
    nextCheckAt: row.next_check_at,
    withdrawnAt: row.withdrawn_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toVersion(row: Selectable<ArticleVersionsTable>): ArticleVersion {
  return {
    id: row.id,
    articleId: row.article_id,
    kind: row.kind as VersionKind,
    headline: row.headline,
    bodyHtml: row.body_html,
    contentHash: row.content_hash,
    note: row.note,
    state: row.state as ArticleVersion['state'],
    author: row.author,
    createdAt: row.created_at,
  };
}

/** The article fields the pipeline writes. */
export interface ArticleContent {
  originalUrl: string;
  headline: string;
  subheadline: string | null;
  dateline: Dateline | null;
  bodyHtml: string;
  bodyText: string;
  bodyOrigin: 'feed' | 'page';
  byline: string | null;
  language: string | null;
  lead: ImageRef | null;
  topics: string[];
  firstCreated: string | null;
  provenance: ProvenanceHop[];
  rights: RightsInfo;
  fingerprint: string | null;
}

const EXCERPT_CHARS = 240;

function contentColumns(c: ArticleContent) {
  return {
    original_url: c.originalUrl,
    headline: c.headline,
    subheadline: c.subheadline,
    dateline: c.dateline ? JSON.stringify(c.dateline) : null,
    body_html: c.bodyHtml,
    body_text: c.bodyText,
    body_origin: c.bodyOrigin,
    excerpt: excerptOf(c.bodyText, EXCERPT_CHARS),
    byline: c.byline,
    language: c.language,
    lead: c.lead ? JSON.stringify(c.lead) : null,
    topics: JSON.stringify(c.topics),
    // Every timestamp is written in one form (UTC, `Z`, milliseconds): the queries compare them as text.
    first_created: toUtcTimestampOrNull(c.firstCreated),
    provenance: JSON.stringify(c.provenance.map((hop) => (hop.date ? { ...hop, date: toUtcTimestamp(hop.date) } : hop))),
    rights: JSON.stringify(c.rights),
    fingerprint: c.fingerprint,
  };
}

export async function findArticleByEntry(db: Db, sourceId: number, entryKey: string): Promise<Article | null> {
  const row = await selectArticles(db).where('source_id', '=', sourceId).where('entry_key', '=', entryKey).executeTakeFirst();
  return row ? toArticle(row) : null;
}

export async function findArticleByOriginalUrl(db: Db, sourceId: number, url: string): Promise<Article | null> {
  const row = await selectArticles(db).where('source_id', '=', sourceId).where('original_url', '=', url).executeTakeFirst();
  return row ? toArticle(row) : null;
}

/** Where the stored body came from (decides how a re-check compares it). */
export async function getBodyOrigin(db: Db, id: number): Promise<'feed' | 'page'> {
  const row = await db.selectFrom('articles').select('body_origin').where('id', '=', id).executeTakeFirst();
  return row?.body_origin === 'page' ? 'page' : 'feed';
}

export async function getArticleById(db: Db, id: number): Promise<Article | null> {
  const row = await selectArticles(db).where('id', '=', id).executeTakeFirst();
  return row ? toArticle(row) : null;
}

/** The slug of an article by its id (the site's feed GUIDs name articles by id). */
export async function getSlugById(db: Db, id: number): Promise<string | null> {
  const row = await db.selectFrom('articles').select('slug').where('id', '=', id).executeTakeFirst();
  return row?.slug ?? null;
}

export async function getArticleBySlug(db: Db, slug: string): Promise<Article | null> {
  const row = await selectArticles(db).where('slug', '=', slug).executeTakeFirst();
  return row ? toArticle(row) : null;
}

/** Slugs tried by exact look-up before all the slugs a headline's slug begins are read. */
const SLUGS_LOOKED_UP = 8;

/** A URL-safe slug from the headline, unique in the store ("-2", "-3" … on collision). */
export async function uniqueSlug(db: Db, headline: string): Promise<string> {
  const base =
    headline
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80)
      .replace(/-+$/, '') || 'article';
  // The first few candidates are looked up by the slug index; a LIKE would read every slug of the site, since
  // neither store can use an index for it as the columns are declared.
  const first = [base, ...Array.from({ length: SLUGS_LOOKED_UP - 1 }, (_, i) => `${base}-${i + 2}`)];
  const takenFirst = new Set((await db.selectFrom('articles').select('slug').where('slug', 'in', first).execute()).map((r) => r.slug));
  const free = first.find((slug) => !takenFirst.has(slug));
  if (free) return free;
  const taken = new Set(
    (await db.selectFrom('articles').select('slug').where('slug', 'like', `${base}-%`).execute()).map((r) => r.slug),
  );
  for (let n = SLUGS_LOOKED_UP + 1; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export async function insertArticle(
  db: Db,
  input: ArticleContent & {
    sourceId: number; feedId: number | null; entryKey: string; slug: string; pubStatus: PubStatus; holdReason: string | null; holdKind?: HoldKind | null;
  },
  now: Date,
): Promise<Article> {
  const row = await db
    .insertInto('articles')
    .values({
      ...contentColumns(input),
      source_id: input.sourceId,
      feed_id: input.feedId,
      entry_key: input.entryKey,
      slug: input.slug,
      pub_status: input.pubStatus,
      hold_reason: input.holdReason,
      hold_kind: input.holdKind ?? null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toArticle(row);
}

export async function updateArticleContent(db: Db, id: number, content: ArticleContent, now: Date): Promise<void> {
  await db.updateTable('articles').set({ ...contentColumns(content), updated_at: now.toISOString() }).where('id', '=', id).execute();
}

/** What `setArticleState` may change: only the fields given are written. */
export type ArticleStateChange = Partial<{
    pubStatus: PubStatus;
    holdReason: string | null;
    holdKind: HoldKind | null;
    summaryOnly: boolean;
    provenance: ProvenanceHop[];
    republishedAt: string | null;
    versionCreated: string | null;
    publishedVersionId: number | null;
    nextCheckAt: string | null;
    withdrawnAt: string | null;
  }>;

export async function setArticleState(db: Db, id: number, state: ArticleStateChange, now: Date): Promise<void> {
  const set: Record<string, unknown> = { updated_at: now.toISOString() };
  if (state.pubStatus !== undefined) set.pub_status = state.pubStatus;
  if (state.holdReason !== undefined) set.hold_reason = state.holdReason;
  if (state.holdKind !== undefined) set.hold_kind = state.holdKind;
  if (state.summaryOnly !== undefined) set.summary_only = state.summaryOnly ? 1 : 0;
  if (state.provenance !== undefined) set.provenance = JSON.stringify(state.provenance);
  if (state.republishedAt !== undefined) set.republished_at = toUtcTimestampOrNull(state.republishedAt);
  if (state.versionCreated !== undefined) set.version_created = toUtcTimestampOrNull(state.versionCreated);
  if (state.publishedVersionId !== undefined) set.published_version_id = state.publishedVersionId;
  if (state.nextCheckAt !== undefined) set.next_check_at = toUtcTimestampOrNull(state.nextCheckAt);
  if (state.withdrawnAt !== undefined) set.withdrawn_at = toUtcTimestampOrNull(state.withdrawnAt);
  await db.updateTable('articles').set(set).where('id', '=', id).execute();
}

export async function insertVersion(
  db: Db,
  input: {
    articleId: number; kind: VersionKind; headline: string; bodyHtml: string; contentHash: string; note: string | null; state: ArticleVersion['state'];
    /** An editor's version: the account (its id when it has one) that wrote it. */
    author?: { id: number | null; email: string } | null;
  },
  now: Date,
): Promise<ArticleVersion> {
  const row = await db
    .insertInto('article_versions')
    .values({
      article_id: input.articleId,
      kind: input.kind,
      headline: input.headline,
      body_html: input.bodyHtml,
      content_hash: input.contentHash,
      note: input.note,
      state: input.state,
      author_id: input.author?.id ?? null,
      author: input.author?.email ?? null,
      created_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toVersion(row);
}

/** The readers' notes of an article's published updates and corrections, newest first (no bodies). */
export async function listVersionNotes(db: Db, articleId: number): Promise<{ kind: VersionKind; note: string | null; createdAt: string }[]> {
  const rows = await db
    .selectFrom('article_versions')
    .select(['kind', 'note', 'created_at'])
    .where('article_id', '=', articleId)
    .where('state', '=', 'published')
    .where('kind', 'in', ['update', 'correction'])
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ kind: r.kind as VersionKind, note: r.note, createdAt: r.created_at }));
}

export async function listVersions(db: Db, articleId: number): Promise<ArticleVersion[]> {
  const rows = await db.selectFrom('article_versions').selectAll().where('article_id', '=', articleId).orderBy('id', 'desc').execute();
  return rows.map(toVersion);
}

export async function getVersion(db: Db, id: number): Promise<ArticleVersion | null> {
  const row = await db.selectFrom('article_versions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toVersion(row) : null;
}

export async function setVersionState(db: Db, id: number, state: ArticleVersion['state']): Promise<void> {
  await db.updateTable('article_versions').set({ state }).where('id', '=', id).execute();
}

export async function listPendingVersions(db: Db): Promise<(ArticleVersion & { slug: string })[]> {
  const rows = await db
    .selectFrom('article_versions')
    .innerJoin('articles', 'articles.id', 'article_versions.article_id')
    .selectAll('article_versions')
    .select('articles.slug')
    .where('article_versions.state', '=', 'pending')
    .orderBy('article_versions.id')
    .execute();
  return rows.map((r) => ({ ...toVersion(r), slug: r.slug }));
}

export interface ListOptions {
  limit: number;
  offset?: number;
  sourceId?: number;
  since?: string;
  excludeId?: number;
  /** Only articles of sources with this indexing policy (the news sitemap lists `index-self` ones only). */
  indexingPolicy?: IndexingPolicy;
  /** Lists and related boxes show excerpts: leave the (large) body out unless asked (feeds need it). */
  withBody?: boolean;
}

/**
 * "Latest news" order, the same on every list, feed and sitemap: the source's publication time first
 * (republish time where the source gave none), then the republish time, then the id, newest first.
 * Two sources' stories interleave by when they happened, not by when this site took them in.
 */
function newestFirst<O>(query: SelectQueryBuilder<Schema, 'articles', O>): SelectQueryBuilder<Schema, 'articles', O> {
  return query
    .orderBy(sql`coalesce(first_created, republished_at)`, 'desc')
    .orderBy('republished_at', 'desc')
    .orderBy('id', 'desc');
}

/** Published, usable articles, newest first by the source's publication time (see `newestFirst`). */
export async function listPublished(db: Db, options: ListOptions): Promise<Article[]> {
  let query = (
    options.withBody
      ? selectArticles(db)
      : db.selectFrom('articles').select(LIST_COLUMNS).select(sql<string>`''`.as('body_html'))
  )
    .where('pub_status', '=', 'usable')
    .where('republished_at', 'is not', null);
  if (options.sourceId !== undefined) query = query.where('source_id', '=', options.sourceId);
  if (options.since) query = query.where('republished_at', '>=', toUtcTimestamp(options.since));
  if (options.excludeId !== undefined) query = query.where('id', '!=', options.excludeId);
  if (options.indexingPolicy !== undefined) {
    const policy = options.indexingPolicy;
    query = query.where('source_id', 'in', (eb) => eb.selectFrom('sources').select('id').where('indexing_policy', '=', policy));
  }
  const rows = await newestFirst(query).limit(options.limit).offset(options.offset ?? 0).execute();
  return rows.map(toArticle);
}

/** How many articles are published (sizes the sitemap). */
export async function countPublished(db: Db): Promise<number> {
  const row = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('pub_status', '=', 'usable')
    .where('republished_at', 'is not', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** One slice of the published articles for a sitemap: slug and dates only, in the lists' order. */
export async function listSitemapArticles(
  db: Db,
  options: { limit: number; offset: number },
): Promise<{ slug: string; versionCreated: string | null; republishedAt: string | null }[]> {
  const query = db
    .selectFrom('articles')
    .select(['slug', 'version_created', 'republished_at'])
    .where('pub_status', '=', 'usable')
    .where('republished_at', 'is not', null);
  const rows = await newestFirst(query).limit(options.limit).offset(options.offset).execute();
  return rows.map((r) => ({ slug: r.slug, versionCreated: r.version_created, republishedAt: r.republished_at }));
}

/** Articles held for an editor (attribution incomplete, extraction failed, awaiting review). */
export async function listHeld(db: Db): Promise<Article[]> {
  const rows = await selectArticles(db).where('pub_status', '=', 'withheld').orderBy('id').execute();
  return rows.map(toArticle);
}

/** Candidates for "the same story from other sources": recent usable articles of other sources with a fingerprint. */
export function fingerprintCandidatesQuery(db: Db, excludeSourceId: number, since: string, limit: number) {
  return db
    .selectFrom('articles')
    .select(['id', 'fingerprint'])
    .where('pub_status', '=', 'usable')
    .where('republished_at', 'is not', null)
    .where('source_id', '!=', excludeSourceId)
    .where('fingerprint', 'is not', null)
    .where((eb) => eb.or([eb('first_created', '>=', toUtcTimestamp(since)), eb('first_created', 'is', null)]))
    .orderBy('id', 'desc')
    .limit(limit);
}

/** The candidates, newest first. */
export async function listFingerprintCandidates(db: Db, excludeSourceId: number, since: string, limit: number) {
  return fingerprintCandidatesQuery(db, excludeSourceId, since, limit).execute();
}

/**
 * Published articles whose re-check at the source is due, oldest due first. Called inside the transaction that
 * enqueues their re-check jobs and moves `next_check_at` on, so that concurrent workers never both take one
 * (rows locked and skipped on PostgreSQL; SQLite has one writer).
 */
export async function listDueChecks(tx: Transaction<Schema>, now: Date, limit: number): Promise<Article[]> {
  const query = selectArticles(tx)
    .where('next_check_at', 'is not', null)
    .where('next_check_at', '<=', now.toISOString())
    .where('pub_status', '!=', 'canceled')
    .orderBy('next_check_at')
    .limit(limit);
  const rows = await lockRowForUpdate(tx, query, { skipLocked: true }).execute();
  return rows.map(toArticle);
}

/** Moves an article's next re-check (null: no more re-checks). */
export async function setNextCheck(db: Db, id: number, at: Date | null): Promise<void> {
  await db.updateTable('articles').set({ next_check_at: at ? at.toISOString() : null }).where('id', '=', id).execute();
}

/**
 * Reads an article inside a transaction and locks its row until the transaction ends (PostgreSQL), so that a
 * decision taken on its state (apply a version, approve a review, withdraw) cannot race another writer.
 */
export async function lockArticle(tx: Transaction<Schema>, id: number): Promise<Article | null> {
  const row = await lockRowForUpdate(tx, selectArticles(tx).where('id', '=', id)).executeTakeFirst();
  return row ? toArticle(row) : null;
}

/** Whether a version with this content hash (or kind) exists for the article. */
export async function hasVersion(db: Db, articleId: number, match: { contentHash?: string; kind?: VersionKind }): Promise<boolean> {
  let query = db.selectFrom('article_versions').select('id').where('article_id', '=', articleId);
  if (match.contentHash !== undefined) query = query.where('content_hash', '=', match.contentHash);
  if (match.kind !== undefined) query = query.where('kind', '=', match.kind);
  return (await query.executeTakeFirst()) !== undefined;
}

/** Held articles of one kind (e.g. `configuration`, retried once the operator completes it). */
export async function listHeldOfKind(db: Db, kind: HoldKind, limit = 500): Promise<Article[]> {
  const rows = await selectArticles(db).where('pub_status', '=', 'withheld').where('hold_kind', '=', kind).orderBy('id').limit(limit).execute();
  return rows.map(toArticle);
}

/** Held articles of one feed and kind (a feed's entries held for a fetch failure are tried again at its polls). */
export async function listHeldOfFeed(db: Db, feedId: number, kind: HoldKind, limit: number): Promise<Article[]> {
  const rows = await selectArticles(db).where('feed_id', '=', feedId).where('pub_status', '=', 'withheld').where('hold_kind', '=', kind).orderBy('id').limit(limit).execute();
  return rows.map(toArticle);
}

/** Stores the provenance chain built at publish time. */
export async function setProvenance(db: Db, id: number, chain: ProvenanceHop[]): Promise<void> {
  await db.updateTable('articles').set({ provenance: JSON.stringify(chain) }).where('id', '=', id).execute();
}

/** Bound parameters per statement stay well under SQLite's and PostgreSQL's limits. */
const KEYS_PER_QUERY = 500;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Which of these entries of a source are tombstoned: one query per few hundred keys, not one per entry. */
export async function tombstonedKeys(db: Db, sourceId: number, entryKeys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const keys of chunks([...new Set(entryKeys)], KEYS_PER_QUERY)) {
    const rows = await db.selectFrom('tombstones').select('entry_key').where('source_id', '=', sourceId).where('entry_key', 'in', keys).execute();
    for (const row of rows) found.add(row.entry_key);
  }
  return found;
}

/** The stored articles of these entries of a source, by entry key (what a poll compares its feed with). */
export async function findArticlesByEntries(db: Db, sourceId: number, entryKeys: string[]): Promise<Map<string, Article & { bodyOrigin: 'feed' | 'page' }>> {
  const found = new Map<string, Article & { bodyOrigin: 'feed' | 'page' }>();
  for (const keys of chunks([...new Set(entryKeys)], KEYS_PER_QUERY)) {
    const rows = await selectArticles(db).select('body_origin').where('source_id', '=', sourceId).where('entry_key', 'in', keys).execute();
    for (const row of rows) found.set(row.entry_key, { ...toArticle(row), bodyOrigin: row.body_origin === 'page' ? 'page' : 'feed' });
  }
  return found;
}

export async function isTombstoned(db: Db, sourceId: number, entryKey: string): Promise<boolean> {
  const row = await db.selectFrom('tombstones').select('reason').where('source_id', '=', sourceId).where('entry_key', '=', entryKey).executeTakeFirst();
  return row !== undefined;
}

export async function addTombstone(db: Db, sourceId: number, entryKey: string, reason: string, now: Date): Promise<void> {
  if (await isTombstoned(db, sourceId, entryKey)) return;
  await db.insertInto('tombstones').values({ source_id: sourceId, entry_key: entryKey, reason, created_at: now.toISOString() }).execute();
}

export async function countArticles(db: Db): Promise<{ usable: number; withheld: number; canceled: number }> {
  const rows = await db.selectFrom('articles').select(['pub_status']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('pub_status').execute();
  const out = { usable: 0, withheld: 0, canceled: 0 };
  for (const r of rows) out[r.pub_status as PubStatus] = Number(r.n);
  return out;
}

/** Records that two articles tell the same story (both directions). */
export async function linkSameStory(db: Db, a: number, b: number, similarity: number): Promise<void> {
  for (const [x, y] of [[a, b], [b, a]]) {
    const exists = await db.selectFrom('story_links').select('other_id').where('article_id', '=', x).where('other_id', '=', y).executeTakeFirst();
    if (!exists) await db.insertInto('story_links').values({ article_id: x, other_id: y, similarity }).execute();
  }
}

/** The same story from other sources, most similar first, published ones only. */
export async function listSameStory(db: Db, articleId: number, limit: number): Promise<Article[]> {
  const rows = await db
    .selectFrom('story_links')
    .innerJoin('articles', 'articles.id', 'story_links.other_id')
    .select(LIST_COLUMNS.map((c) => `articles.${c}` as const))
    .select(sql<string>`''`.as('body_html'))
    .where('story_links.article_id', '=', articleId)
    .where('articles.pub_status', '=', 'usable')
    .orderBy('story_links.similarity', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toArticle);
}

/** Articles in any state for the operator's list, newest first, without their bodies. */
export async function listArticles(db: Db, options: { limit: number; sourceId?: number; state?: PubStatus }): Promise<Article[]> {
  let query = db.selectFrom('articles').select(LIST_COLUMNS).select(sql<string>`''`.as('body_html'));
  if (options.sourceId !== undefined) query = query.where('source_id', '=', options.sourceId);
  if (options.state !== undefined) query = query.where('pub_status', '=', options.state);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
  return rows.map(toArticle);
}

/** How many articles of one source are in each state. */
export async function countArticlesOfSource(db: Db, sourceId: number): Promise<{ usable: number; withheld: number; canceled: number }> {
  const rows = await db
    .selectFrom('articles')
    .select(['pub_status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('source_id', '=', sourceId)
    .groupBy('pub_status')
    .execute();
  const out = { usable: 0, withheld: 0, canceled: 0 };
  for (const r of rows) out[r.pub_status as PubStatus] = Number(r.n);
  return out;
}

/** Deletes an article; its versions, comments and same-story links go with it. */
export async function deleteArticle(db: Db, id: number): Promise<void> {
  await db.deleteFrom('articles').where('id', '=', id).execute();
}

/** Lifts a tombstone, so that the entry may be taken in again. */
export async function removeTombstone(db: Db, sourceId: number, entryKey: string): Promise<void> {
  await db.deleteFrom('tombstones').where('source_id', '=', sourceId).where('entry_key', '=', entryKey).execute();
}
