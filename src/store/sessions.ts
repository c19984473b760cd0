// Desk sessions, kept server-side: the browser holds a random token, the store its SHA-256. Ending a row ends
// the session at once on every process, which is what "log out everywhere" and a role change need.
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from './schema.js';
import { isRole, type User } from './users.js';

type Db = Kysely<Schema> | Transaction<Schema>;

export interface Session {
  /** The token's hash (the row's key). */
  id: string;
  user: User;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

export async function insertSession(
  db: Db,
  input: { id: string; userId: number; csrfToken: string; expiresAt: Date; userAgent: string | null },
  now: Date,
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id: input.id, user_id: input.userId, csrf_token: input.csrfToken, created_at: now.toISOString(), expires_at: input.expiresAt.toISOString(), user_agent: input.userAgent })
    .execute();
}

/** The live session with this id and its user as they are now (the role read fresh on every request). */
export async function findLiveSession(db: Db, id: string, now: Date): Promise<Session | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id', 'sessions.csrf_token', 'sessions.created_at', 'sessions.expires_at', 'users.id as user_id', 'users.email', 'users.role', 'users.password_hash', 'users.created_at as user_created_at'])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', now.toISOString())
    .executeTakeFirst();
  if (!row || !isRole(row.role)) return null;
  return {
    id: row.id,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    user: { id: row.user_id, email: row.email, role: row.role, hasPassword: row.password_hash !== null, createdAt: row.user_created_at },
  };
}

export async function extendSession(db: Db, id: string, expiresAt: Date): Promise<void> {
  await db.updateTable('sessions').set({ expires_at: expiresAt.toISOString() }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of a user; returns how many there were. */
export async function deleteSessionsOfUser(db: Db, userId: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function countSessionsOfUser(db: Db, userId: number, now: Date): Promise<number> {
  const row = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function pruneSessions(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
