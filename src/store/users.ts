// The desk's accounts. An address is stored lower-cased and trimmed, so one person is one account.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Schema, UsersTable } from './schema.js';

type Db = Kysely<Schema> | Transaction<Schema>;

export const ROLES = ['owner', 'editor', 'moderator'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: number;
  email: string;
  role: Role;
  /** False until a password was set from a one-time link. */
  hasPassword: boolean;
  createdAt: string;
}

/** With the stored hash: only the login reads it. */
export interface UserWithHash extends User {
  passwordHash: string | null;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function toUser(row: Selectable<UsersTable>): UserWithHash {
  // A role the code no longer knows reads as the least one, never as more.
  const role = isRole(row.role) ? row.role : 'moderator';
  return { id: row.id, email: row.email, role, hasPassword: row.password_hash !== null, createdAt: row.created_at, passwordHash: row.password_hash };
}

const withoutHash = ({ passwordHash: _hash, ...user }: UserWithHash): User => user;

export class DuplicateUserError extends Error {}

export async function createUser(db: Db, input: { email: string; role: Role; passwordHash?: string | null }, now: Date): Promise<User> {
  const email = normaliseEmail(input.email);
  const existing = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (existing) throw new DuplicateUserError(`there is already an account for ${email}`);
  const row = await db
    .insertInto('users')
    .values({ email, role: input.role, password_hash: input.passwordHash ?? null, created_at: now.toISOString(), updated_at: now.toISOString() })
    .returningAll()
    .executeTakeFirstOrThrow();
  return withoutHash(toUser(row));
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function getUser(db: Db, id: number): Promise<User | null> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? withoutHash(toUser(row)) : null;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserWithHash | null> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('id').execute();
  return rows.map((r) => withoutHash(toUser(r)));
}

export async function setPasswordHash(db: Db, id: number, passwordHash: string, now: Date): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, updated_at: now.toISOString() }).where('id', '=', id).execute();
}

export async function setRole(db: Db, id: number, role: Role, now: Date): Promise<boolean> {
  const result = await db.updateTable('users').set({ role, updated_at: now.toISOString() }).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countOwners(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).where('role', '=', 'owner').executeTakeFirstOrThrow();
  return Number(row.n);
}
