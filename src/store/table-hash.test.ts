import { describe, it, expect } from 'vitest';
import { canonicalValue, TableHasher } from './table-hash.js';
import { dependencyOrder, type TableInfo } from './store-tables.js';

describe('canonicalValue', () => {
  it('reads a 4-byte float (PostgreSQL real) and an 8-byte one (SQLite) the same', () => {
    expect(canonicalValue(Math.fround(5 / 6))).toBe(canonicalValue(5 / 6));
    expect(canonicalValue(0.5)).toBe('0.5');
  });
  it('keeps integers, bigints, text, bytes, dates and null apart and exact', () => {
    expect(canonicalValue(42)).toBe('42');
    expect(canonicalValue(42n)).toBe('42');
    expect(canonicalValue('42')).toBe('42');
    expect(canonicalValue(null)).toBeNull();
    expect(canonicalValue('null')).toBe('null');
    expect(canonicalValue(Buffer.from([0, 255]))).toBe('x00ff');
    expect(canonicalValue(new Date('2026-01-02T03:04:05.000Z'))).toBe('2026-01-02T03:04:05.000Z');
    expect(canonicalValue(true)).toBe('1');
  });
});

describe('TableHasher', () => {
  const hash = (columns: string[], rows: Record<string, unknown>[]) => {
    const hasher = new TableHasher(columns);
    for (const row of rows) hasher.add(row);
    return hasher.digest();
  };
  it('ignores column order but not row order, values or nulls', () => {
    const rows = [{ id: 1, name: 'a' }, { id: 2, name: null }];
    expect(hash(['id', 'name'], rows)).toBe(hash(['name', 'id'], rows));
    expect(hash(['id', 'name'], rows)).not.toBe(hash(['id', 'name'], [...rows].reverse()));
    expect(hash(['id', 'name'], rows)).not.toBe(hash(['id', 'name'], [rows[0], { id: 2, name: 'null' }]));
    expect(hash(['id', 'name'], [])).not.toBe(hash(['id'], []));
  });
});

describe('dependencyOrder', () => {
  const table = (name: string, references: string[] = []): TableInfo => ({ name, columns: [], primaryKey: ['id'], references, sequenceColumns: [] });
  it('puts every table after the tables it references, ignoring self-references', () => {
    const order = dependencyOrder([table('comments', ['articles', 'comments']), table('articles', ['sources', 'feeds']), table('feeds', ['sources']), table('sources')]);
    expect(order.map((t) => t.name)).toEqual(['sources', 'feeds', 'articles', 'comments']);
  });
  it('refuses a cycle, naming the tables', () => {
    expect(() => dependencyOrder([table('a', ['b']), table('b', ['a']), table('c')])).toThrow('a cycle among a, b');
  });
});
