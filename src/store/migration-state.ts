// Which of this version's migrations a store has applied: read by /readyz, and by tools that must not run
// against a store at another schema version (store copy, backup).
import { sql } from 'kysely';
import type { Store } from './database.js';
import { MIGRATIONS } from './migrations.js';

export interface MigrationState {
  applied: number;
  expected: number;
}

/**
 * Counts the applied migrations that this version knows (a name it does not know is not counted). A store
 * without the migration table has applied none; a store that does not answer throws.
 */
export async function migrationState(store: Store): Promise<MigrationState> {
  const known = new Set(MIGRATIONS.map((m) => m.name));
  let names: string[];
  try {
    names = (await sql<{ name: string }>`select name from kysely_migration`.execute(store.db)).rows.map((r) => r.name);
  } catch {
    // A missing table, or a store that does not answer: a trivial query tells them apart (and throws for the latter).
    await sql`select 1`.execute(store.db);
    names = [];
  }
  return { applied: names.filter((n) => known.has(n)).length, expected: MIGRATIONS.length };
}
