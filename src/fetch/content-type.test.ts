import { describe, expect, it } from 'vitest';
import { acceptHeaderFor, isAcceptedContentType, parseContentType } from './content-type.js';

describe('parseContentType', () => {
  it('splits media type and charset, lower-cased and unquoted', () => {
    expect(parseContentType('Text/HTML; Charset="UTF-8"')).toEqual({ mediaType: 'text/html', charset: 'utf-8' });
    expect(parseContentType('application/rss+xml;charset=ISO-8859-1; q=1')).toEqual({
      mediaType: 'application/rss+xml',
      charset: 'iso-8859-1',
    });
    expect(parseContentType('application/json')).toEqual({ mediaType: 'application/json', charset: null });
  });

  it.each([
    ['text/xml; charset="us-ascii"', 'text/xml', 'us-ascii'],
    ["application/atom+xml;charset='UTF-8'", 'application/atom+xml', 'utf-8'],
    ['text/xml;charset = us-ascii', 'text/xml', 'us-ascii'],
    ['text/xml;charset= "us-ascii"', 'text/xml', 'us-ascii'],
    ['text/xml; charset:iso-8859-1', 'text/xml', null],
    ['text/xml;', 'text/xml', null],
    ['text/html; charset=utf-8; charset=iso-8859-1', 'text/html', 'utf-8'],
  ])('reads what servers send: %s', (input, mediaType, charset) => {
    expect(parseContentType(input)).toEqual({ mediaType, charset });
  });

  it('returns nulls for a missing or unreadable header', () => {
    expect(parseContentType(undefined)).toEqual({ mediaType: null, charset: null });
    expect(parseContentType('')).toEqual({ mediaType: null, charset: null });
    expect(parseContentType('garbage; charset=utf-8')).toEqual({ mediaType: null, charset: null });
    expect(parseContentType('text/html; charset=')).toEqual({ mediaType: 'text/html', charset: null });
  });
});

describe('isAcceptedContentType', () => {
  const table: [Parameters<typeof isAcceptedContentType>[0], string | null, boolean][] = [
    ['feed', 'application/rss+xml', true],
    ['feed', 'application/atom+xml', true],
    ['feed', 'application/rdf+xml', true],
    ['feed', 'application/xml', true],
    ['feed', 'text/xml', true],
    ['feed', 'application/feed+json', true],
    ['feed', 'application/json', true],
    ['feed', 'text/plain', true],
    ['feed', 'text/html', true],
    ['feed', 'application/vnd.custom+xml', true],
    ['feed', null, true],
    ['feed', 'image/svg+xml', false],
    ['feed', 'image/png', false],
    ['feed', 'video/mp4', false],
    ['feed', 'application/pdf', false],
    ['html', 'text/html', true],
    ['html', 'application/xhtml+xml', true],
    ['html', 'application/xml', false],
    ['html', 'application/pdf', false],
    ['html', null, true],
    ['image', 'image/jpeg', true],
    ['image', 'image/svg+xml', true],
    ['image', 'text/html', false],
    ['any', 'application/zip', true],
  ];
  it.each(table)('%s accepts %s: %s', (kind, type, expected) => {
    expect(isAcceptedContentType(kind, type)).toBe(expected);
  });

  it('asks for what it accepts', () => {
    expect(acceptHeaderFor('feed')).toContain('application/rss+xml');
    expect(acceptHeaderFor('html')).toMatch(/^text\/html/);
    expect(acceptHeaderFor('image')).toContain('image/*');
    expect(acceptHeaderFor('any')).toBe('*/*');
  });
});
