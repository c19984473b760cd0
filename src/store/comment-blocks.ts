// The comment block lists as stored: one row per entry, in the matching form comments/block-list.ts gives it.
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from './schema.js';
import type { BlockEntry, BlockKind } from '../comments/block-list.js';

type Db = Kysely<Schema> | Transaction<Schema>;

export interface StoredBlock extends BlockEntry {
  id: number;
  note: string | null;
  addedBy: string;
  createdAt: string;
}

export async function listCommentBlocks(db: Db): Promise<StoredBlock[]> {
  const rows = await db.selectFrom('comment_blocks').selectAll().orderBy('kind').orderBy('value').execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind as BlockKind, value: r.value, note: r.note, addedBy: r.added_by, createdAt: r.created_at }));
}

/** Adds an entry; false when the same entry is on the list already (nothing changes). */
export async function addCommentBlock(db: Db, input: { kind: BlockKind; value: string; note: string | null; addedBy: string }, now: Date): Promise<boolean> {
  const result = await db
    .insertInto('comment_blocks')
    .values({ kind: input.kind, value: input.value, note: input.note, added_by: input.addedBy, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['kind', 'value']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return result !== undefined;
}

/** Removes an entry; the removed entry, or null when there was none with this id. */
export async function removeCommentBlock(db: Db, id: number): Promise<StoredBlock | null> {
  const row = await db.deleteFrom('comment_blocks').where('id', '=', id).returningAll().executeTakeFirst();
  return row ? { id: row.id, kind: row.kind as BlockKind, value: row.value, note: row.note, addedBy: row.added_by, createdAt: row.created_at } : null;
}
