// A content hash of a table that reads the same on SQLite and PostgreSQL: each backend hands back values in
// its own types (a float4 as 0.8333333, a bigint as a string, a blob as a Buffer), so every value is first
// written in one canonical form, then the rows are hashed in key order, columns by name.
import { createHash, type Hash } from 'node:crypto';

/**
 * The canonical form of one stored value. Integers as their digits; other numbers to 6 significant digits,
 * because a `real` column is a 4-byte float on PostgreSQL and an 8-byte one on SQLite; bytes as hex; dates
 * as ISO text; booleans as 1/0 (SQLite has no boolean). Text stays as it is.
 */
export function canonicalValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return String(value);
    return String(Number(value.toPrecision(6)));
  }
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `x${Buffer.from(value).toString('hex')}`;
  return JSON.stringify(value);
}

/** Hashes rows fed in key order; the column list is sorted so that column order on disk does not matter. */
export class TableHasher {
  private readonly hash: Hash = createHash('sha256');
  private readonly columns: string[];
  rows = 0;

  constructor(columns: string[]) {
    this.columns = [...columns].sort();
    this.hash.update(`${JSON.stringify(this.columns)}\n`);
  }

  add(row: Record<string, unknown>): void {
    this.hash.update(`${JSON.stringify(this.columns.map((c) => canonicalValue(row[c])))}\n`);
    this.rows++;
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}
