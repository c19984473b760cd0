// Migration 0070: the corrections editors add to articles (shown on the public page, so watched for the page
// caches) and the comment block lists (by email address, IP bucket and word), read when a comment is posted.
import type { Kysely } from 'kysely';
import type { Dialect } from './database.js';
import { watchTableForPages } from './page-changes.js';

const idColumn = (dialect: Dialect) => (dialect === 'postgres' ? 'serial' : 'integer');

export async function correctionsAndCommentBlocks(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('article_corrections')
    .addColumn('id', idColumn(dialect), (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    // The note readers see, as the editor wrote it (plain text, escaped when shown).
    .addColumn('note', 'text', (c) => c.notNull())
    // Who added it, as they were named at the time (the audit log has the account).
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('article_corrections_by_article').on('article_corrections').columns(['article_id', 'id']).execute();
  await watchTableForPages(db, dialect, { table: 'article_corrections' });

  await db.schema
    .createTable('comment_blocks')
    .addColumn('id', idColumn(dialect), (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    // `email`, `ip` (an IP bucket such as 203.0.113.0/24) or `word`.
    .addColumn('kind', 'text', (c) => c.notNull())
    // In its matching form (see comments/block-list.ts), so that one entry is one row however it was typed.
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('comment_blocks_kind_value', ['kind', 'value'])
    .execute();
}
