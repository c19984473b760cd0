// The audit log: who did what on the desk, newest first when read. Written by the actions themselves.
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from './schema.js';

type Db = Kysely<Schema> | Transaction<Schema>;

export interface AuditEntry {
  id: number;
  userId: number | null;
  actor: string;
  action: string;
  target: string | null;
  detail: string | null;
  ip: string | null;
  createdAt: string;
}

export interface AuditInput {
  userId: number | null;
  /** The account's address, or `cli` for the command line, or `anonymous` for a failed login. */
  actor: string;
  action: string;
  target?: string | null;
  detail?: string | null;
  ip?: string | null;
}

export async function recordAudit(db: Db, entry: AuditInput, now: Date): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      user_id: entry.userId,
      actor: entry.actor,
      action: entry.action,
      target: entry.target ?? null,
      detail: entry.detail ?? null,
      ip: entry.ip ?? null,
      created_at: now.toISOString(),
    })
    .execute();
}

export async function listAudit(db: Db, options: { limit: number; offset?: number }): Promise<AuditEntry[]> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(options.limit).offset(options.offset ?? 0).execute();
  return rows.map((r) => ({ id: r.id, userId: r.user_id, actor: r.actor, action: r.action, target: r.target, detail: r.detail, ip: r.ip, createdAt: r.created_at }));
}
