// Copies one store into another, whole (`convey store copy`): every table the source holds, found in the
// database itself and taken parents first, rows in key order and in batches, all inside one transaction on
// the target, then verified by counts and content hashes before that transaction commits. A copy that does
// not verify leaves the target as it was. Derived data (the FTS index, the tsvector) is rebuilt by the target.
import { migrate, type Dialect, type Store } from './database.js';
import { describeTables, dependencyOrder, countRows, readRowsInKeyOrder, resetSequences, type AnyDb, type TableInfo } from './store-tables.js';
import { TableHasher } from './table-hash.js';

/** What a hook for one table gets: both sides, the source in its read transaction, the target in its write one. */
export interface TableCopyContext {
  table: TableInfo;
  source: AnyDb;
  sourceDialect: Dialect;
  target: AnyDb;
  targetDialect: Dialect;
}

/**
 * The extension point for a table that is not copied row for row (the jobs table: pending jobs are enqueued
 * on the target's queue instead). The hook runs at the table's place in the dependency order, inside the
 * target's transaction; its table is counted on the source and reported, not hashed.
 */
export interface TableCopyHook {
  table: string;
  /** Said in the report instead of the hash, e.g. "re-enqueued on the target's queue". */
  description: string;
  copy(context: TableCopyContext): Promise<{ rows: number }>;
}

export interface TableCopyReport {
  table: string;
  /** `rows`: copied and verified; `hook`: handed to a TableCopyHook. */
  via: 'rows' | 'hook';
  sourceRows: number;
  targetRows: number;
  sourceHash: string | null;
  targetHash: string | null;
  /** For a hook, its description. */
  note: string | null;
  matches: boolean;
}

/** The copy was not attempted: the target holds rows, or its tables differ from the source's. */
export class CopyRefusedError extends Error {
  override name = 'CopyRefusedError';
}

/** The copy ran but the target did not read back the same: it was rolled back. */
export class CopyVerificationError extends Error {
  override name = 'CopyVerificationError';
  constructor(readonly report: TableCopyReport[]) {
    const failed = report.filter((r) => !r.matches).map((r) => r.table);
    super(`the copy did not verify (${failed.join(', ')}): the target was rolled back and holds nothing of it`);
  }
}

export interface CopyOptions {
  hooks?: TableCopyHook[];
  /** Rows per read and per insert; bounded below by the backends' limits on statement parameters. */
  batchSize?: number;
}

/** Refuses a target that holds any row in any table, naming the first one found. */
export async function assertEmptyTarget(target: Store): Promise<void> {
  for (const table of await describeTables(target.db, target.dialect)) {
    const rows = await countRows(target.db, table.name);
    if (rows > 0) {
      throw new CopyRefusedError(`the target is not empty (table ${table.name} has ${rows} row${rows === 1 ? '' : 's'}): copy into an empty database`);
    }
  }
}

function sameColumns(source: TableInfo, target: TableInfo | undefined): string | null {
  if (!target) return `table ${source.name} is missing on the target`;
  const names = (t: TableInfo) => new Set(t.columns.map((c) => c.name));
  const [s, t] = [names(source), names(target)];
  const onlySource = [...s].filter((c) => !t.has(c));
  const onlyTarget = [...t].filter((c) => !s.has(c));
  if (onlySource.length + onlyTarget.length === 0) return null;
  return `table ${source.name} differs: only on the source ${onlySource.join(', ') || '-'}; only on the target ${onlyTarget.join(', ') || '-'}`;
}

// SQLite takes at most 32,766 parameters in one statement, PostgreSQL 65,535.
const batchFor = (columns: number, wanted: number) => Math.max(1, Math.min(wanted, Math.floor(30_000 / Math.max(1, columns))));

async function hashTable(db: AnyDb, dialect: Dialect, table: TableInfo, batchSize: number): Promise<{ rows: number; hash: string }> {
  const hasher = new TableHasher(table.columns.map((c) => c.name));
  for await (const rows of readRowsInKeyOrder(db, dialect, table, batchSize)) for (const row of rows) hasher.add(row);
  return { rows: hasher.rows, hash: hasher.digest() };
}

async function copyTable(
  source: AnyDb, sourceDialect: Dialect, sourceTable: TableInfo,
  target: AnyDb, targetDialect: Dialect, targetTable: TableInfo, wanted: number,
): Promise<TableCopyReport> {
  const batchSize = batchFor(sourceTable.columns.length, wanted);
  const hasher = new TableHasher(sourceTable.columns.map((c) => c.name));
  for await (const rows of readRowsInKeyOrder(source, sourceDialect, sourceTable, batchSize)) {
    for (const row of rows) hasher.add(row);
    await target.insertInto(sourceTable.name).values(rows).execute();
  }
  if (targetDialect === 'postgres') await resetSequences(target, targetTable);
  // Read back through the target's own driver: what a reader of the target will see, not what was sent.
  const copied = await hashTable(target, targetDialect, targetTable, batchSize);
  const sourceHash = hasher.digest();
  return {
    table: sourceTable.name, via: 'rows', sourceRows: hasher.rows, targetRows: copied.rows, sourceHash, targetHash: copied.hash,
    note: null, matches: hasher.rows === copied.rows && sourceHash === copied.hash,
  };
}

/**
 * Copies `source` into `target`: refuses a non-empty target, migrates it, then copies every table in one
 * transaction (the source read in one transaction too, so the copy is one consistent moment of a running
 * site). Returns the per-table report; throws CopyVerificationError (after rolling back) when it differs.
 */
export async function copyStore(source: Store, target: Store, options: CopyOptions = {}): Promise<TableCopyReport[]> {
  const hooks = new Map((options.hooks ?? []).map((h) => [h.table, h]));
  const wanted = options.batchSize ?? 500;
  await assertEmptyTarget(target);
  await migrate(target);

  return source.db.transaction().execute((sourceTx) =>
    target.db.transaction().execute(async (targetTx) => {
      const sourceTables = dependencyOrder(await describeTables(sourceTx, source.dialect));
      const targetTables = new Map((await describeTables(targetTx, target.dialect)).map((t) => [t.name, t]));
      for (const table of sourceTables) {
        if (hooks.has(table.name)) continue;
        const mismatch = sameColumns(table, targetTables.get(table.name));
        if (mismatch) throw new CopyRefusedError(`the stores' schemas differ (${mismatch}): run the same version of Convey on both`);
      }

      const report: TableCopyReport[] = [];
      for (const table of sourceTables) {
        const hook = hooks.get(table.name);
        if (hook) {
          const sourceRows = await countRows(sourceTx, table.name);
          const { rows } = await hook.copy({ table, source: sourceTx, sourceDialect: source.dialect, target: targetTx, targetDialect: target.dialect });
          report.push({ table: table.name, via: 'hook', sourceRows, targetRows: rows, sourceHash: null, targetHash: null, note: hook.description, matches: true });
          continue;
        }
        report.push(await copyTable(sourceTx, source.dialect, table, targetTx, target.dialect, targetTables.get(table.name)!, wanted));
      }
      if (report.some((r) => !r.matches)) throw new CopyVerificationError(report);
      return report;
    }),
  );
}

/** Per-table counts and hashes of a store, read the same way the copy verifies (for checking a copy later). */
export async function storeFingerprint(store: Store, batchSize = 500): Promise<Map<string, { rows: number; hash: string }>> {
  const result = new Map<string, { rows: number; hash: string }>();
  for (const table of await describeTables(store.db, store.dialect)) {
    result.set(table.name, await hashTable(store.db, store.dialect, table, batchFor(table.columns.length, batchSize)));
  }
  return result;
}
