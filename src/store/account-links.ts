// One-time links that set a password. The link carries a random token; the store keeps its SHA-256, when it
// expires and when it was used. Using a link is one conditional UPDATE, so of two uses exactly one wins.
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from './schema.js';

type Db = Kysely<Schema> | Transaction<Schema>;

/** `first-owner`: makes the first account of an empty store; `setup`: a new account's first password; `reset`. */
export type LinkPurpose = 'first-owner' | 'setup' | 'reset';

export interface AccountLink {
  id: string;
  purpose: LinkPurpose;
  userId: number | null;
  expiresAt: string;
}

export async function insertAccountLink(db: Db, input: { id: string; purpose: LinkPurpose; userId: number | null; expiresAt: Date }, now: Date): Promise<void> {
  await db
    .insertInto('account_links')
    .values({ id: input.id, purpose: input.purpose, user_id: input.userId, created_at: now.toISOString(), expires_at: input.expiresAt.toISOString(), used_at: null })
    .execute();
}

/** The link if it is unused and unexpired. */
export async function findUsableLink(db: Db, id: string, now: Date): Promise<AccountLink | null> {
  const row = await db
    .selectFrom('account_links')
    .selectAll()
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  if (!row) return null;
  return { id: row.id, purpose: row.purpose as LinkPurpose, userId: row.user_id, expiresAt: row.expires_at };
}

/** Marks the link used; false when it was already used or has expired (the other use won). */
export async function spendLink(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('account_links')
    .set({ used_at: now.toISOString() })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Voids a user's unused links of one purpose (a newer link replaces them; a reset voids older resets). */
export async function voidLinks(db: Db, purpose: LinkPurpose, userId: number | null, now: Date): Promise<void> {
  let query = db.updateTable('account_links').set({ used_at: now.toISOString() }).where('purpose', '=', purpose).where('used_at', 'is', null);
  query = userId === null ? query.where('user_id', 'is', null) : query.where('user_id', '=', userId);
  await query.execute();
}
