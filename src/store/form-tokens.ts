// Spent comment form tokens: a token serves one accepted post. The claim is a single insert on the token's
// primary key, so of two posts with one token (in one process or two) exactly one wins.
import type { Kysely } from 'kysely';
import type { Schema } from './schema.js';

/** Marks the token as spent; false when it already was. */
export async function claimFormToken(db: Kysely<Schema>, tokenId: string, expiresAt: Date): Promise<boolean> {
  const row = await db
    .insertInto('used_form_tokens')
    .values({ token_id: tokenId, expires_at: expiresAt.toISOString() })
    .onConflict((oc) => oc.column('token_id').doNothing())
    .returning('token_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Forgets spent tokens that have expired anyway (an expired token is refused on its age). */
export async function pruneUsedFormTokens(db: Kysely<Schema>, now: Date): Promise<number> {
  const result = await db.deleteFrom('used_form_tokens').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
