// The site settings changed on the desk: one row per setting, its value as JSON text. A setting without a row
// keeps its default (the environment or the config file), so removing a row is how a setting goes back to it.
// Rows rather than one document: two owners changing different settings at once do not undo each other, and
// a new setting needs no migration. What a value may be is checked in code (src/config/site-settings.ts).
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from './schema.js';

type Db = Kysely<Schema> | Transaction<Schema>;

export class StoredSettingError extends Error {
  constructor(readonly key: string, message: string) {
    super(message);
    this.name = 'StoredSettingError';
  }
}

/** Every stored setting, by key; a row whose JSON does not parse is left out and reported through `onBadRow`. */
export async function readStoredSettings(db: Db, onBadRow: (error: StoredSettingError) => void = () => undefined): Promise<Record<string, unknown>> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute();
  const values: Record<string, unknown> = {};
  for (const row of rows) {
    try {
      values[row.key] = JSON.parse(row.value);
    } catch {
      onBadRow(new StoredSettingError(row.key, `the stored setting ${row.key} is not valid JSON; its default applies`));
    }
  }
  return values;
}

/**
 * Writes settings in one transaction: a value is stored as JSON, `null` removes the row (the default applies
 * again). A value equal to the stored one is not written, so saving an unchanged form empties no page cache.
 * Returns the keys that changed.
 */
export async function writeSettings(db: Kysely<Schema>, changes: Record<string, unknown>, now: Date): Promise<string[]> {
  return db.transaction().execute(async (tx) => {
    const stored = new Map((await tx.selectFrom('settings').select(['key', 'value']).execute()).map((r) => [r.key, r.value]));
    const changed: string[] = [];
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      if (value === null) {
        if (!stored.has(key)) continue;
        await tx.deleteFrom('settings').where('key', '=', key).execute();
      } else {
        const json = JSON.stringify(value);
        if (stored.get(key) === json) continue;
        await tx
          .insertInto('settings')
          .values({ key, value: json, updated_at: now.toISOString() })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: now.toISOString() }))
          .execute();
      }
      changed.push(key);
    }
    return changed;
  });
}
