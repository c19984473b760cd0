import { describe, expect, it } from 'vitest';
import { describeFetchError, describeResponse } from './describe-response.js';
import { FetchError, type FetchResponse } from './http-client.js';

const response: FetchResponse = {
  url: 'https://example.org/feed.xml',
  status: 200,
  headers: { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"', age: '3' },
  body: Buffer.from('<rss/>'),
  contentType: 'application/rss+xml',
  charset: 'utf-8',
  notModified: false,
  etag: '"v1"',
  lastModified: null,
  permanentRedirectTo: 'https://example.org/feed.xml',
};

describe('describeResponse', () => {
  it('prints the status line, final URL, sorted headers and a body summary', () => {
    expect(describeResponse(response)).toBe(
      [
        'HTTP 200 OK',
        'URL: https://example.org/feed.xml',
        'Moved permanently: store https://example.org/feed.xml',
        '',
        'age: 3',
        'content-type: application/rss+xml; charset=utf-8',
        'etag: "v1"',
        '',
        'Body: 6 bytes (application/rss+xml, charset utf-8)',
      ].join('\n'),
    );
  });

  it('says so when the answer was not modified', () => {
    const text = describeResponse({ ...response, status: 304, notModified: true, body: Buffer.alloc(0), headers: {}, permanentRedirectTo: null, contentType: null, charset: null });
    expect(text.split('\n')[0]).toBe('HTTP 304 Not Modified');
    expect(text).toContain('Body: not modified (no content type)');
    expect(text).not.toContain('Moved permanently');
  });
});

describe('describeFetchError', () => {
  it('leads with the kind of failure', () => {
    const err = new FetchError('blocked-address', 'http://10.0.0.1/', 'Refused to fetch http://10.0.0.1/: 10.0.0.1 is a private address');
    expect(describeFetchError(err)).toBe(
      'Fetch failed (blocked address): Refused to fetch http://10.0.0.1/: 10.0.0.1 is a private address',
    );
  });

  it('handles other errors and non-errors', () => {
    expect(describeFetchError(new Error('boom'))).toBe('Fetch failed: boom');
    expect(describeFetchError('odd')).toBe('Fetch failed: odd');
  });
});
