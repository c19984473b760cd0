import { describe, it, expect } from 'vitest';
import { etagOf, isNotModified } from './conditional-get.js';

describe('isNotModified', () => {
  const etag = etagOf('<rss/>');
  const modified = new Date('2026-11-20T10:00:00.500Z');

  it.each([
    ['no validators', {}, false],
    ['the same ETag', { ifNoneMatch: etag }, true],
    ['the ETag in a list, weak form', { ifNoneMatch: `"other", W/${etag}` }, true],
    ['a star', { ifNoneMatch: '*' }, true],
    ['another ETag', { ifNoneMatch: '"other"' }, false],
    ['a date equal to Last-Modified (to the second)', { ifModifiedSince: modified.toUTCString() }, true],
    ['a later date', { ifModifiedSince: 'Fri, 20 Nov 2026 11:00:00 GMT' }, true],
    ['an earlier date', { ifModifiedSince: 'Fri, 20 Nov 2026 09:59:59 GMT' }, false],
    ['a date that does not parse', { ifModifiedSince: 'yesterday' }, false],
    ['a stale ETag with a fresh date (the ETag wins)', { ifNoneMatch: '"old"', ifModifiedSince: 'Fri, 20 Nov 2026 11:00:00 GMT' }, false],
  ])('%s', (_name, validators, expected) => {
    expect(isNotModified(validators, etag, modified)).toBe(expected);
  });

  it('never answers 304 on a date when the resource has no Last-Modified', () => {
    expect(isNotModified({ ifModifiedSince: 'Fri, 20 Nov 2026 11:00:00 GMT' }, etag, null)).toBe(false);
  });

  it('gives different bodies different ETags', () => {
    expect(etagOf('a')).not.toBe(etagOf('b'));
    expect(etagOf(Buffer.from('a'))).toBe(etagOf('a'));
  });
});
