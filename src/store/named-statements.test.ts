import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { POSTGRES_TEST_URL } from './test-backends.js';
import { withNamedStatements } from './named-statements.js';

const NEEDS = '(needs CONVEY_TEST_POSTGRES_URL)';

describe.skipIf(!POSTGRES_TEST_URL)(`named statements on PostgreSQL ${NEEDS}`, () => {
  const schema = `convey_test_${randomBytes(6).toString('hex')}`;
  let client: pg.Client;
  let admin: pg.Client;

  const prepared = async () => (await client.query('select name, statement from pg_prepared_statements order by name')).rows as { name: string; statement: string }[];

  beforeEach(async () => {
    admin = new pg.Client({ connectionString: POSTGRES_TEST_URL! });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.query(`create table ${schema}.items (id integer primary key, label text)`);
    await admin.query(`insert into ${schema}.items values (1, 'one'), (2, 'two')`);
    const Client = withNamedStatements(pg.Client, 3);
    client = new Client({ connectionString: POSTGRES_TEST_URL!, options: `-c search_path=${schema}` });
    await client.connect();
  });

  afterEach(async () => {
    await client.end();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  });

  it('prepares a statement with parameters once per connection and runs it again by name', async () => {
    for (const id of [1, 2, 1]) expect((await client.query('select label from items where id = $1', [id])).rows).toHaveLength(1);
    const statements = await prepared();
    expect(statements).toHaveLength(1);
    expect(statements[0].statement).toBe('select label from items where id = $1');
    expect((await client.query('select label from items where id = $1', [2])).rows).toEqual([{ label: 'two' }]);
  });

  it('sends statements without parameters as they are, and keeps no more names than its limit', async () => {
    await client.query('select 1');
    await client.query('select count(*) from items', []);
    expect(await prepared()).toHaveLength(0);
    for (let n = 1; n <= 5; n++) expect((await client.query(`select ${n} as n, label from items where id = $1`, [1])).rows).toEqual([{ n, label: 'one' }]);
    expect(await prepared()).toHaveLength(3);
  });

  it('sends a statement again under a new name when a change of the table made it stale', async () => {
    expect((await client.query('select * from items where id = $1', [1])).rows).toEqual([{ id: 1, label: 'one' }]);
    await admin.query(`alter table ${schema}.items add column note text`);
    await client.query('begin; select 1; commit'); // a transaction in one text (as pg-boss sends) is over after it
    expect((await client.query('select * from items where id = $1', [1])).rows).toEqual([{ id: 1, label: 'one', note: null }]);
    expect((await prepared()).map((s) => s.name)).toHaveLength(2);
  });

  it('inside a transaction, gives the stale statement error to the caller, and the next use works', async () => {
    await client.query('select * from items where id = $1', [1]);
    await admin.query(`alter table ${schema}.items add column note text`);
    await client.query('begin');
    await expect(client.query('select * from items where id = $1', [1])).rejects.toMatchObject({ code: '0A000' });
    await client.query('rollback');
    expect((await client.query('select * from items where id = $1', [2])).rows).toEqual([{ id: 2, label: 'two', note: null }]);
  });

  it('answers through a callback too, as a pool asks', async () => {
    const pool = new pg.Pool({ connectionString: POSTGRES_TEST_URL!, options: `-c search_path=${schema}`, max: 1, Client: withNamedStatements(pg.Client) });
    try {
      for (const id of [1, 2]) expect((await pool.query('select * from items where id = $1', [id])).rows).toHaveLength(1);
      await admin.query(`alter table ${schema}.items add column note text`);
      expect((await pool.query('select * from items where id = $1', [1])).rows).toEqual([{ id: 1, label: 'one', note: null }]);
      expect((await pool.query('select * from items where id = $1', [1])).rows).toEqual([{ id: 1, label: 'one', note: null }]);
      await expect(pool.query('select * from missing where id = $1', [1])).rejects.toMatchObject({ code: '42P01' });
    } finally {
      await pool.end();
    }
  });
});
