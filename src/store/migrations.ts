// Every schema change, in order. The schema version is the length of this list; a migration is never edited
// once released, only followed by another.
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from './database.js';
import { rewriteTimestampsAsUtc } from './utc-timestamps-migration.js';
import { replyNotifications } from './mail-migration.js';
import { createPageChangeTriggers, watchTableForPages } from './page-changes.js';
import { deskAccounts } from './desk-accounts-migration.js';
import { correctionsAndCommentBlocks } from './corrections-and-blocks-migration.js';

type Step = (db: Kysely<unknown>, dialect: Dialect) => Promise<void>;

const idColumn = (dialect: Dialect) => (dialect === 'postgres' ? 'serial' : 'integer');

const initial: Step = async (db, dialect) => {
  await db.schema
    .createTable('sources')
    .addColumn('id', idColumn(dialect), (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('home_url', 'text', (c) => c.notNull())
    .addColumn('logo_url', 'text')
    .addColumn('license', 'text')
    .addColumn('license_url', 'text')
    .addColumn('usage_terms', 'text')
    .addColumn('copyright_holder', 'text')
    .addColumn('indexing_policy', 'text', (c) => c.notNull())
    .addColumn('update_policy', 'text', (c) => c.notNull())
    .addColumn('attribution_template', 'text')
    .addColumn('disclaimer_template', 'text')
    .addColumn('extract_rules', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('feeds')
    .addColumn('id', idColumn(dialect), (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text')
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('last_fetched_at', 'text')
    .addColumn('next_poll_at', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('consecutive_errors', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('disabled_reason', 'text')
    .addColumn('fetch_full_text', 'text', (c) => c.notNull().defaultTo('auto'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('feeds_due').on('feeds').columns(['next_poll_at']).execute();

  await db.schema
    .createTable('articles')
    .addColumn('id', idColumn(dialect), (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('feed_id', 'integer', (c) => c.references('feeds.id').onDelete('set null'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('entry_key', 'text', (c) => c.notNull())
    .addColumn('original_url', 'text', (c) => c.notNull())
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('subheadline', 'text')
    .addColumn('dateline', 'text')
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('body_origin', 'text', (c) => c.notNull().defaultTo('feed'))
    .addColumn('excerpt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('byline', 'text')
    .addColumn('language', 'text')
    .addColumn('lead', 'text')
    .addColumn('topics', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('first_created', 'text')
    .addColumn('republished_at', 'text')
    .addColumn('version_created', 'text')
    .addColumn('pub_status', 'text', (c) => c.notNull())
    .addColumn('hold_reason', 'text')
    .addColumn('provenance', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('rights', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('published_version_id', 'integer')
    .addColumn('fingerprint', 'text')
    .addColumn('next_check_at', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('articles_source_entry', ['source_id', 'entry_key'])
    .execute();
  await db.schema.createIndex('articles_listing').on('articles').columns(['pub_status', 'republished_at']).execute();
  await db.schema.createIndex('articles_by_source').on('articles').columns(['source_id', 'republished_at']).execute();
  await db.schema.createIndex('articles_due').on('articles').columns(['next_check_at']).execute();
  await db.schema.createIndex('articles_original').on('articles').columns(['original_url']).execute();

  await db.schema
    .createTable('article_versions')
    .addColumn('id', idColumn(dialect), (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('versions_by_article').on('article_versions').columns(['article_id', 'id']).execute();

  // Pairs of articles that tell the same story from different sources, found by fingerprint at publish time.
  await db.schema
    .createTable('story_links')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('other_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('similarity', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('story_links_pk', ['article_id', 'other_id'])
    .execute();

  await db.schema
    .createTable('tombstones')
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('entry_key', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tombstones_pk', ['source_id', 'entry_key'])
    .execute();

  await db.schema
    .createTable('comments')
    .addColumn('id', idColumn(dialect), (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('set null'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_email', 'text')
    .addColumn('author_url', 'text')
    .addColumn('body_source', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('ip_bucket', 'text')
    .addColumn('hold_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('comments_by_article').on('comments').columns(['article_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('comments_by_email').on('comments').columns(['author_email', 'status']).execute();
};

/**
 * SQLite's FTS5 index of the articles (diacritics folded), kept in step with the table by triggers, and filled
 * from what is stored. `options` are extra FTS5 options (migration 0050 adds prefix indexes); the SQL is
 * otherwise the same for every migration that builds the index.
 */
async function createSqliteArticleIndex(db: Kysely<unknown>, options: string): Promise<void> {
  await sql`create virtual table articles_fts using fts5(
    headline, body_text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'${sql.raw(options ? `, ${options}` : '')}
  )`.execute(db);
  await sql`create trigger articles_fts_insert after insert on articles begin
    insert into articles_fts(rowid, headline, body_text) values (new.id, new.headline, new.body_text);
  end`.execute(db);
  await sql`create trigger articles_fts_delete after delete on articles begin
    insert into articles_fts(articles_fts, rowid, headline, body_text) values ('delete', old.id, old.headline, old.body_text);
  end`.execute(db);
  await sql`create trigger articles_fts_update after update of headline, body_text on articles begin
    insert into articles_fts(articles_fts, rowid, headline, body_text) values ('delete', old.id, old.headline, old.body_text);
    insert into articles_fts(rowid, headline, body_text) values (new.id, new.headline, new.body_text);
  end`.execute(db);
  await sql`insert into articles_fts(articles_fts) values ('rebuild')`.execute(db);
}

/**
 * Full-text search over headline and text. SQLite: an FTS5 index kept in step with the table by triggers
 * (diacritics folded). PostgreSQL: a generated tsvector (headline weighted above the text) with a GIN index.
 * The 'simple' configuration on both: no stemming, the same words match on both backends.
 */
const search: Step = async (db, dialect) => {
  if (dialect === 'postgres') {
    await sql`alter table articles add column search tsvector generated always as (
      setweight(to_tsvector('simple', coalesce(headline, '')), 'A') || setweight(to_tsvector('simple', coalesce(body_text, '')), 'B')
    ) stored`.execute(db);
    await sql`create index articles_search on articles using gin (search)`.execute(db);
    return;
  }
  await createSqliteArticleIndex(db, '');
};

/**
 * Never lose a story. The jobs table (the embedded queue on SQLite; PostgreSQL uses pg-boss in its own schema),
 * owned feed leases (fencing), what an article is held for, and what the source served for each version.
 */
const jobsAndLeases: Step = async (db, dialect) => {
  if (dialect === 'sqlite') {
    await db.schema
      .createTable('jobs')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('queue', 'text', (c) => c.notNull())
      .addColumn('job_key', 'text')
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('run_at', 'text', (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .execute();
    // One waiting or running job per key: enqueueing the same work twice is a no-op.
    await sql`create unique index jobs_by_key on jobs (queue, job_key) where state in ('queued', 'running') and job_key is not null`.execute(db);
    await db.schema.createIndex('jobs_due').on('jobs').columns(['state', 'run_at', 'priority']).execute();
  }
  await db.schema.alterTable('feeds').addColumn('lease_owner', 'text').execute();
  await db.schema.alterTable('articles').addColumn('hold_kind', 'text').execute();
  await db.schema.alterTable('articles').addColumn('summary_only', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema
    .createTable('source_snapshots')
    .addColumn('id', idColumn(dialect), (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('version_id', 'integer', (c) => c.references('article_versions.id').onDelete('set null'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('content_type', 'text')
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('body_gzip', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('source_text', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('source_snapshots_by_article').on('source_snapshots').columns(['article_id', 'id']).execute();
};

/** State of the comment defences that every web process must share: rate-limit logs and spent form tokens. */
const commentDefences: Step = async (db) => {
  await db.schema
    .createTable('rate_limits')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('hits', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limits_pk', ['scope', 'key'])
    .execute();
  await db.schema.createIndex('rate_limits_expiry').on('rate_limits').columns(['expires_at']).execute();
  await db.schema
    .createTable('used_form_tokens')
    .addColumn('token_id', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('used_form_tokens_expiry').on('used_form_tokens').columns(['expires_at']).execute();
};

/** Each article's latest fidelity report, and the per-source switch that forbids edited copies. */
const fidelityReports: Step = async (db) => {
  await db.schema
    .createTable('fidelity_reports')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('source_version_id', 'integer', (c) => c.references('article_versions.id').onDelete('set null'))
    .addColumn('report', 'text', (c) => c.notNull())
    .addColumn('faithful', 'integer', (c) => c.notNull())
    .addColumn('omitted', 'integer', (c) => c.notNull())
    .addColumn('altered', 'integer', (c) => c.notNull())
    .addColumn('added', 'integer', (c) => c.notNull())
    .addColumn('moved', 'integer', (c) => c.notNull())
    .addColumn('quotes_changed', 'integer', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .execute();
  // 1 (the default) lets editors change a copy; 0 forbids it whatever the license says.
  await db.schema.alterTable('sources').addColumn('allow_edits', 'integer', (c) => c.notNull().defaultTo(1)).execute();
};

const snapshotRetention: Step = async (db) => {
  // NULL keeps every snapshot (the default); N keeps the newest N of each article.
  await db.schema.alterTable('sources').addColumn('keep_snapshots', 'integer').execute();
};

/** The per-source comment window: comments close this many days after an article is published (null: never). */
const commentWindow: Step = async (db) => {
  await db.schema.alterTable('sources').addColumn('comments_close_after_days', 'integer').execute();
};

/**
 * Images served from the site. Each source's image policy (null: the default its rights give), the images
 * Convey knows (one row per source URL; the SHA-256 of the bytes names the stored files, so the same image is
 * processed and stored once), and which articles show which image.
 */
const media: Step = async (db, dialect) => {
  await db.schema.alterTable('sources').addColumn('image_policy', 'text').execute();
  await db.schema
    .createTable('media')
    .addColumn('id', idColumn(dialect), (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('source_url', 'text', (c) => c.notNull().unique())
    .addColumn('source_id', 'integer', (c) => c.references('sources.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text')
    .addColumn('content_type', 'text')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('variants', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('refusal_reason', 'text')
    .addColumn('credit', 'text')
    .addColumn('copyright', 'text')
    .addColumn('fetched_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('media_by_sha256').on('media').columns(['sha256']).execute();
  await db.schema
    .createTable('article_media')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('version_id', 'integer', (c) => c.references('article_versions.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_media_pk', ['article_id', 'media_id'])
    .execute();
  await db.schema.createIndex('article_media_by_media').on('article_media').columns(['media_id']).execute();
};

/**
 * SQLite's full-text index again, with prefix indexes of 2 to 4 characters: the last search word is matched as
 * a prefix, and without them FTS5 merged the lists of every word starting so (hundreds of ms on a large site).
 */
async function searchPrefixIndex(db: Kysely<unknown>): Promise<void> {
  for (const trigger of ['articles_fts_insert', 'articles_fts_delete', 'articles_fts_update']) await sql`drop trigger if exists ${sql.raw(trigger)}`.execute(db);
  await sql`drop table if exists articles_fts`.execute(db);
  await createSqliteArticleIndex(db, "prefix='2 3 4'");
}

/**
 * Related news cached per article (refreshed by the refresh-related job when stories arrive): the same story
 * from other sources ('story'), topical neighbours ('topic') and near-duplicate copies ('copy', listed as
 * "also published by"). related_refreshes marks an article computed, even when every tier came out empty.
 */
const relatedArticles: Step = async (db, dialect) => {
  if (dialect === 'sqlite') await searchPrefixIndex(db);
  await db.schema
    .createTable('related_articles')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('related_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('related_articles_pk', ['article_id', 'tier', 'related_id'])
    .execute();
  // The articles that list a given one: re-ranked when it changes or goes.
  await db.schema.createIndex('related_articles_by_related').on('related_articles').columns(['related_id']).execute();
  await db.schema
    .createTable('related_refreshes')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('refreshed_at', 'text', (c) => c.notNull())
    .execute();
};

/**
 * Pages also show the site's copies of images and the related news cached per article: a stored image or a
 * refreshed ranking empties the page caches like any other change a reader sees.
 */
const watchImagesAndRelated: Step = async (db, dialect) => {
  await watchTableForPages(db, dialect, { table: 'media', ignoreColumns: ['updated_at'] });
  await watchTableForPages(db, dialect, { table: 'article_media' });
  await watchTableForPages(db, dialect, { table: 'related_articles' });
};

/**
 * The related-news refresh lists the published stories around a date, newest first, once per arriving story.
 * Without this index each list sorted every published article; and it holds every column the list reads (the
 * sizes of the texts included), so that the rows, whose texts make their later columns slow to reach, are not read.
 */
const storyDateIndex: Step = async (db) => {
  await sql`create index articles_story_date on articles (pub_status, (coalesce(first_created, republished_at)), id, republished_at, source_id, updated_at, (octet_length(body_text)), (octet_length(headline)))`.execute(db);
};

/**
 * The review queue: who wrote an editor's version (the account's id and address, the address kept should the
 * account go), and when an article held for review is to be published by the scheduled job (null: not scheduled).
 */
const reviewQueue: Step = async (db) => {
  await db.schema.alterTable('article_versions').addColumn('author_id', 'integer').execute();
  await db.schema.alterTable('article_versions').addColumn('author', 'text').execute();
  await db.schema.alterTable('articles').addColumn('publish_at', 'text').execute();
};

/**
 * The search's way to the newest matches under its filters. SQLite: every column the filters read, by article
 * id, so that the matches of the full-text index are checked without reading each article's row (a page of its
 * own, with the texts). PostgreSQL: a source's articles newest first, for walking them when most match; and a
 * short pending list for the GIN index. New articles wait in that list until it is merged into the index, and
 * every search reads all of it: at the default 4 MB that was some 500 pages, most of a rare word's search (and
 * the planner, counting them, shunned the index). 256 kB still merges new entries in batches.
 */
const searchFilterIndex: Step = async (db, dialect) => {
  if (dialect === 'postgres') {
    await db.schema.createIndex('articles_by_source_id').on('articles').columns(['source_id', 'id']).execute();
    await sql`alter index articles_search set (gin_pending_list_limit = 256)`.execute(db);
    await sql`select gin_clean_pending_list('articles_search'::regclass)`.execute(db);
    return;
  }
  await db.schema
    .createIndex('articles_search_filter')
    .on('articles')
    .columns(['id', 'source_id', 'pub_status', 'republished_at', 'first_created'])
    .execute();
};

/**
 * Site settings an owner changes on the desk (name, address, templates, comment rules, share buttons), one row
 * per setting with its value as JSON. Pages show them, so a change empties every process's page cache.
 */
const settings: Step = async (db, dialect) => {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await watchTableForPages(db, dialect, { table: 'settings' });
};

/**
 * PostgreSQL's search vector kept in the article's row when it fits, and estimated closely. A row longer than
 * 2 kB has its largest columns moved out first: that was the vector, so the search's walk through the newest
 * articles read each one from TOAST storage (some 3 µs an article, against 1 µs in the row); `main` moves the
 * texts out before it. The longer list of common words (1,000 statistics, 10,000 words) brings the planner's
 * estimate of a word's matches, which picks the search's way, within a fifth instead of half. Rows stored before
 * keep their layout until rewritten (`VACUUM FULL articles`, docs/operations.md).
 */
const searchVectorInRow: Step = async (db, dialect) => {
  if (dialect !== 'postgres') return;
  await sql`alter table articles alter column search set storage main`.execute(db);
  await sql`alter table articles alter column search set statistics 1000`.execute(db);
};

/**
 * SQLite's job claims read the waiting jobs of one queue in claim order (priority, due time, id), so a claim stops
 * after the jobs it takes instead of sorting every job that waits.
 */
const jobClaimIndex: Step = async (db, dialect) => {
  if (dialect !== 'sqlite') return;
  await sql`create index jobs_claim on jobs (queue, state, priority desc, run_at, id)`.execute(db);
};

/**
 * The same-story links made at publish time read the fingerprints of the newest published articles of other
 * sources. SQLite keeps a row's columns in order and the fingerprint comes after the body and its text, so each
 * candidate read walked the overflow pages of both: 724 candidates took 2.1 ms. From this index, which holds
 * every column the query reads, they take 0.5 ms. (PostgreSQL reads a row's columns without walking its others.)
 */
const fingerprintIndex: Step = async (db, dialect) => {
  if (dialect !== 'sqlite') return;
  await sql`create index articles_fingerprints on articles (pub_status, id, source_id, republished_at, first_created, fingerprint) where fingerprint is not null`.execute(db);
};

/**
 * PostgreSQL recomputes a stored generated column on every UPDATE of its row, whichever columns it sets: each
 * change of an article's state (publishing sets it twice) analysed its whole text again, about as long as the
 * insert itself. The search vector is now an ordinary column, which keeps its values, set by a trigger only
 * when the headline or the text is written. (SQLite's FTS5 triggers already fire on those columns only.)
 */
const searchVectorByTrigger: Step = async (db, dialect) => {
  if (dialect !== 'postgres') return;
  await sql`alter table articles alter column search drop expression`.execute(db);
  await sql.raw(`create or replace function convey_article_search() returns trigger language plpgsql as $$
    begin
      new.search := setweight(to_tsvector('simple', coalesce(new.headline, '')), 'A') || setweight(to_tsvector('simple', coalesce(new.body_text, '')), 'B');
      return new;
    end $$`).execute(db);
  await sql`create trigger articles_search before insert or update of headline, body_text on articles
    for each row execute function convey_article_search()`.execute(db);
};

/** The ordered list. Names sort in order; never reorder or edit a released entry. */
export const MIGRATIONS: { name: string; up: Step }[] = [
  { name: '0001-initial', up: initial },
  { name: '0002-search', up: search },
  { name: '0003-jobs-and-leases', up: jobsAndLeases },
  { name: '0010-utc-timestamps', up: async (db) => void (await rewriteTimestampsAsUtc(db)) },
  { name: '0011-comment-defences', up: commentDefences },
  { name: '0020-fidelity-reports', up: fidelityReports },
  { name: '0025-snapshot-retention', up: snapshotRetention },
  { name: '0030-media', up: media },
  { name: '0040-comment-window', up: commentWindow },
  { name: '0045-reply-notifications', up: (db) => replyNotifications(db) },
  { name: '0050-related-articles', up: relatedArticles }, // and SQLite's search index with prefix indexes
  { name: '0055-page-changes', up: createPageChangeTriggers },
  { name: '0060-desk-accounts', up: deskAccounts },
  { name: '0065-page-changes-of-images-and-related', up: watchImagesAndRelated },
  { name: '0070-corrections-and-comment-blocks', up: correctionsAndCommentBlocks },
  { name: '0075-settings', up: settings },
  { name: '0080-review-queue', up: reviewQueue },
  { name: '0090-search-filter-index', up: searchFilterIndex },
  { name: '0095-story-date-index', up: storyDateIndex },
  { name: '0100-search-vector-in-row', up: searchVectorInRow }, // PostgreSQL only
  { name: '0105-job-claim-index', up: jobClaimIndex }, // SQLite only: PostgreSQL's jobs are pg-boss's
  { name: '0110-fingerprint-index', up: fingerprintIndex }, // SQLite only
  { name: '0115-search-vector-by-trigger', up: searchVectorByTrigger }, // PostgreSQL only
];

export function migrationProvider(dialect: Dialect) {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return Object.fromEntries(
        MIGRATIONS.map((m) => [m.name, { up: (db: Kysely<unknown>) => m.up(db, dialect) } satisfies Migration]),
      );
    },
  };
}

export { sql };
