import { describe, expect, it } from 'vitest';
import { conditionalRequestHeaders, validatorsFromResponse } from './conditional-get.js';

describe('conditionalRequestHeaders', () => {
  it('sends the validators it has', () => {
    expect(conditionalRequestHeaders({ etag: 'W/"abc"', lastModified: 'Tue, 03 Nov 2026 10:00:00 GMT' })).toEqual({
      'if-none-match': 'W/"abc"',
      'if-modified-since': 'Tue, 03 Nov 2026 10:00:00 GMT',
    });
    expect(conditionalRequestHeaders({ etag: null, lastModified: '  ' })).toEqual({});
    expect(conditionalRequestHeaders({})).toEqual({});
  });
});

describe('validatorsFromResponse', () => {
  it('keeps what a 200 sends, and nothing it does not', () => {
    expect(validatorsFromResponse(200, { etag: '"b"' }, { etag: '"a"', lastModified: 'x' })).toEqual({
      etag: '"b"',
      lastModified: null,
    });
  });

  it('keeps the sent validators when a 304 omits them', () => {
    expect(validatorsFromResponse(304, {}, { etag: '"a"', lastModified: 'x' })).toEqual({ etag: '"a"', lastModified: 'x' });
    expect(validatorsFromResponse(304, { etag: '"c"' }, { etag: '"a"' })).toEqual({ etag: '"c"', lastModified: null });
  });
});
