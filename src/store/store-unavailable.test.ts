import { describe, it, expect } from 'vitest';
import { isStoreUnavailable } from './store-unavailable.js';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('isStoreUnavailable', () => {
  it('recognises a refused, reset or timed-out connection', () => {
    expect(isStoreUnavailable(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(true);
    expect(isStoreUnavailable(withCode('read ECONNRESET', 'ECONNRESET'))).toBe(true);
    expect(isStoreUnavailable(withCode('getaddrinfo EAI_AGAIN db', 'EAI_AGAIN'))).toBe(true);
  });

  it('recognises what node-postgres says when a connection cannot be had or is lost', () => {
    expect(isStoreUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isStoreUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isStoreUnavailable(new Error('Connection terminated due to connection timeout', { cause: new Error('timeout expired') }))).toBe(true);
    expect(isStoreUnavailable(new Error('Query read timeout'))).toBe(true);
  });

  it('recognises a server shutting down, refusing connections, or full', () => {
    expect(isStoreUnavailable(withCode('terminating connection due to administrator command', '57P01'))).toBe(true);
    expect(isStoreUnavailable(withCode('the database system is starting up', '57P03'))).toBe(true);
    expect(isStoreUnavailable(withCode('sorry, too many clients already', '53300'))).toBe(true);
    expect(isStoreUnavailable(withCode('connection failure', '08006'))).toBe(true);
  });

  it('recognises a busy SQLite file', () => {
    expect(isStoreUnavailable(withCode('database is locked', 'SQLITE_BUSY'))).toBe(true);
  });

  it('looks through the causes of a wrapping error', () => {
    const wrapped = new Error('could not load the article', { cause: withCode('read ECONNRESET', 'ECONNRESET') });
    expect(isStoreUnavailable(wrapped)).toBe(true);
  });

  it('leaves bugs and bad data to be 500s', () => {
    expect(isStoreUnavailable(new TypeError("Cannot read properties of undefined (reading 'slug')"))).toBe(false);
    expect(isStoreUnavailable(withCode('duplicate key value violates unique constraint', '23505'))).toBe(false);
    expect(isStoreUnavailable(withCode('syntax error at or near "selec"', '42601'))).toBe(false);
    expect(isStoreUnavailable(withCode('UNIQUE constraint failed: articles.slug', 'SQLITE_CONSTRAINT_UNIQUE'))).toBe(false);
    expect(isStoreUnavailable(new Error('Connection terminated unexpectedly while parsing the feed, see log'))).toBe(false);
    expect(isStoreUnavailable('ECONNREFUSED')).toBe(false);
    expect(isStoreUnavailable(null)).toBe(false);
  });

  it('ends on a cycle of causes', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(isStoreUnavailable(a)).toBe(false);
  });
});
