import { describe, it, expect } from 'vitest';
import { validateCommentInput, normaliseEmail, normaliseWebsite } from './validate.js';

const good = { name: 'Ada Lovelace', email: 'ada@example.org', url: 'https://ada.example/', body: 'A fine article.' };

function errorsOf(form: Record<string, string | undefined>, limits = {}) {
  const result = validateCommentInput(form, limits);
  return result.ok ? {} : result.errors;
}

describe('validateCommentInput', () => {
  it('accepts a complete form and returns clean values', () => {
    expect(validateCommentInput({ ...good, parent_id: '12' })).toEqual({
      ok: true,
      value: { name: 'Ada Lovelace', email: 'ada@example.org', url: 'https://ada.example/', body: 'A fine article.', parentId: 12 },
    });
  });

  it('accepts a form with only name and body', () => {
    const result = validateCommentInput({ name: 'Ada', body: 'Hi' });
    expect(result).toEqual({ ok: true, value: { name: 'Ada', email: null, url: null, body: 'Hi', parentId: null } });
  });

  it.each([
    ['missing name', { ...good, name: undefined }, 'name', 'Please enter your name.'],
    ['blank name', { ...good, name: ' \t ' }, 'name', 'Please enter your name.'],
    ['name of control characters only', { ...good, name: '\u0000\u0007' }, 'name', 'Please enter your name.'],
    ['name too long', { ...good, name: 'a'.repeat(101) }, 'name', 'Your name is too long: at most 100 characters.'],
    ['missing body', { ...good, body: undefined }, 'body', 'Please write a comment.'],
    ['blank body', { ...good, body: '\n\n  \n' }, 'body', 'Please write a comment.'],
    ['body too long', { ...good, body: 'x'.repeat(10_001) }, 'body', 'Your comment is too long: 10,001 characters, at most 10,000.'],
    ['email without @', { ...good, email: 'ada.example.org' }, 'email', 'Please enter a valid email address, like name@example.org.'],
    ['email with two @', { ...good, email: 'a@b@example.org' }, 'email', 'Please enter a valid email address, like name@example.org.'],
    ['email header injection', { ...good, email: 'a@example.org\nBcc: victim@example.org' }, 'email', 'Please enter a valid email address, like name@example.org.'],
    ['email too long', { ...good, email: `${'a'.repeat(250)}@example.org` }, 'email', 'That email address is too long: at most 254 characters.'],
    ['javascript: website', { ...good, url: 'javascript:alert(1)' }, 'url', 'Please enter a website address starting with http:// or https://.'],
    ['data: website', { ...good, url: 'data:text/html,<script>alert(1)</script>' }, 'url', 'Please enter a website address starting with http:// or https://.'],
    ['ftp website', { ...good, url: 'ftp://files.example.org/' }, 'url', 'Please enter a website address starting with http:// or https://.'],
    ['website with credentials', { ...good, url: 'https://bank.example@evil.example/' }, 'url', 'Please enter a website address starting with http:// or https://.'],
    ['website too long', { ...good, url: `https://e.org/${'a'.repeat(2000)}` }, 'url', 'That website address is too long: at most 2000 characters.'],
    ['non-numeric parent', { ...good, parent_id: '1 OR 1=1' }, 'parent_id', 'The comment you are replying to could not be found.'],
    ['negative parent', { ...good, parent_id: '-3' }, 'parent_id', 'The comment you are replying to could not be found.'],
    ['huge parent', { ...good, parent_id: '9'.repeat(30) }, 'parent_id', 'The comment you are replying to could not be found.'],
  ])('%s', (_name, form, field, message) => {
    expect(errorsOf(form)).toEqual({ [field]: message });
  });

  it('reports every bad field at once', () => {
    expect(Object.keys(errorsOf({ name: '', body: '', email: 'nope', url: 'javascript:x' })).sort()).toEqual(['body', 'email', 'name', 'url']);
  });

  it('requires an email when configured', () => {
    expect(errorsOf({ name: 'Ada', body: 'Hi' }, { requireEmail: true })).toEqual({ email: 'Please enter your email address (it is not published).' });
  });

  it('applies custom size limits', () => {
    expect(errorsOf({ name: 'Ada', body: 'x'.repeat(11) }, { maxBodyChars: 10 })).toHaveProperty('body');
    expect(errorsOf({ name: 'Ada', body: 'x'.repeat(10) }, { maxBodyChars: 10 })).toEqual({});
  });

  it('counts characters, not UTF-16 units (an emoji is one character)', () => {
    expect(errorsOf({ name: 'Ada', body: '😀'.repeat(10_000) })).toEqual({});
    expect(errorsOf({ name: '😀'.repeat(100), body: 'x' })).toEqual({});
  });

  it('strips control characters and bidi overrides from the name and folds its whitespace', () => {
    const r = validateCommentInput({ name: ' Ada\u0000 \u202ELove\u0007lace\r\n ', body: 'x' });
    expect(r.ok && r.value.name).toBe('Ada Lovelace');
  });

  it.each([
    ['zero-width characters', '\u200B\u200C\u200D\u2060\uFEFF'],
    ['Hangul fillers', '\u3164\u3164\u3164'],
    ['blank Braille and bidi isolates', '\u2800\u2066\u2069'],
  ])('refuses a name and a body made only of %s', (_kind, invisible) => {
    const errors = errorsOf({ name: invisible, body: invisible });
    expect(errors.name).toMatch(/name/);
    expect(errors.body).toMatch(/comment/);
  });

  it('removes zero-width and bidi controls from name and body, keeps joiners that join', () => {
    const r = validateCommentInput({ name: 'A\u200Bda\u200F', body: 'fr\u200Bee \u202Emoney\u202C 👨\u200D👩' });
    expect(r.ok && r.value.name).toBe('Ada');
    expect(r.ok && r.value.body).toBe('free money 👨\u200D👩');
  });

  it('keeps line breaks and tabs in the body, removes other controls, folds CRLF', () => {
    const r = validateCommentInput({ name: 'Ada', body: '\n\nline one\r\n\tline\u0000 two\u001B\u009B\r\n\n  ' });
    expect(r.ok && r.value.body).toBe('line one\n\tline two');
  });

  it('replaces lone surrogates so a half character cannot be stored', () => {
    const r = validateCommentInput({ name: 'A\uD83D', body: 'b\uDE00c' });
    expect(r.ok && r.value.name).toBe('A\uFFFD');
    expect(r.ok && r.value.body).toBe('b\uFFFDc');
  });

  it('keeps hostile markup as text: escaping is the renderer\'s job, the source is stored as typed', () => {
    const r = validateCommentInput({ name: '<script>alert(1)</script>', body: '<img src=x onerror=alert(1)>' });
    expect(r.ok && r.value).toMatchObject({ name: '<script>alert(1)</script>', body: '<img src=x onerror=alert(1)>' });
  });

  it('treats parent 0 and an empty parent as top level', () => {
    expect(validateCommentInput({ ...good, parent_id: '0' })).toMatchObject({ ok: true, value: { parentId: null } });
    expect(validateCommentInput({ ...good, parent_id: '' })).toMatchObject({ ok: true, value: { parentId: null } });
  });
});

describe('normaliseEmail', () => {
  it.each([
    ['ada@example.org', 'ada@example.org'],
    ['Ada.L+news@Example.ORG', 'Ada.L+news@example.org'],
    ['user@bücher.example', 'user@xn--bcher-kva.example'],
    ['ada@localhost', null],
    ['ada@example', null],
    ['ada@example.123', null],
    ['ada@-example.org', null],
    ['.ada@example.org', null],
    ['a..b@example.org', null],
    ['"a b"@example.org', null],
    ['ada@[127.0.0.1]', null],
    ['ada@example.org:25', null],
    ['ada@exa mple.org', null],
    ['@example.org', null],
    ['ada@', null],
  ])('%s → %s', (input, expected) => {
    expect(normaliseEmail(input)).toBe(expected);
  });
});

describe('normaliseWebsite', () => {
  it.each([
    ['https://example.org', 'https://example.org/'],
    ['HTTP://Example.org/Me', 'http://example.org/Me'],
    ['example.org/me', 'https://example.org/me'],
    ['example.org:8080/me', 'https://example.org:8080/me'],
    ['//example.org', 'https://example.org/'],
    ['JaVaScRiPt:alert(1)', null],
    ['java\tscript:alert(1)', null],
    ['vbscript:x', null],
    ['mailto:a@example.org', null],
    ['https://user:pw@example.org/', null],
    ['localhost', null],
    ['http://', null],
  ])('%s → %s', (input, expected) => {
    expect(normaliseWebsite(input)).toBe(expected);
  });
});
