import { describe, expect, it } from 'vitest';
import { PyDict, PyError, PyTuple, Unmapped, evaluate, parseExpression, tokenize } from './python-expr.js';

const scope = () => ({
  bozo: false,
  encoding: 'utf-8',
  feed: new PyDict({ title: 'Café', links: [new PyDict({ href: 'http://x/', rel: 'alternate' })] }, new Set(['title', 'links', 'subtitle'])),
  entries: [new PyDict({ title: 'One', tags: [new PyDict({ term: 't' })] }, new Set(['title', 'tags', 'summary']))],
});

describe('python subset evaluator', () => {
  it('reads string literals with Python escapes and prefixes', () => {
    expect(evaluate("'caf\\xe9 \\u2019 \\U0001F600 \\n'", {})).toBe('café ’ 😀 \n');
    expect(evaluate('u"a" \'b\'', {})).toBe('ab');
    expect(evaluate("r'a\\nb'", {})).toBe('a\\nb');
  });

  it('evaluates the shapes used by Expect lines', () => {
    expect(evaluate("not bozo and feed['title'] == 'Caf\\xe9'", scope())).toBe(true);
    expect(evaluate("feed['links'][0]['href'] == 'http://x/'", scope())).toBe(true);
    expect(evaluate("entries[0].title == 'One' and len(entries) == 1", scope())).toBe(true);
    expect(evaluate("entries[0]['tags'][0]['term'] == 't'", scope())).toBe(true);
    expect(evaluate("encoding in ('utf-8', 'us-ascii')", scope())).toBe(true);
    expect(evaluate("'summary' not in entries[0]", scope())).toBe(true);
    expect(evaluate("entries[0].get('summary') is None", scope())).toBe(true);
    expect(evaluate("entries[0].get('summary', 'x') == 'x'", scope())).toBe(true);
    expect(evaluate('ord(feed.title[3]) == 233', scope())).toBe(true);
    expect(evaluate('(1, 2) == (1, 2) and [1] != [2] and {"a": 1} == {"a": 1}', {})).toBe(true);
    expect(evaluate('-1 < 0 <= 0', {})).toBe(true);
    expect(evaluate("'a -' + '- b' == 'a -- b' and 2 - 1 == 1 and [1] + [2] == [1, 2]", {})).toBe(true);
    expect(() => evaluate("'a' + 1", {})).toThrow(PyError);
  });

  it('short-circuits like Python', () => {
    expect(evaluate("bozo and feed['nothing']", scope())).toBe(false);
    expect(evaluate("not bozo or feed['nothing']", scope())).toBe(true);
  });

  it('raises Unmapped for what the view does not model', () => {
    expect(() => evaluate("feed['title_detail']['type'] == 'text/plain'", scope())).toThrow(Unmapped);
    expect(() => evaluate("isinstance(bozo_exception, feedparser.CharacterEncodingOverride)", scope())).toThrow(Unmapped);
    expect(() => evaluate("'info' in feed", scope())).toThrow(Unmapped);
  });

  it('raises PyError for Python errors (a failed expectation)', () => {
    expect(() => evaluate("feed['subtitle'] == 'x'", scope())).toThrow(PyError);
    expect(() => evaluate('entries[3]', scope())).toThrow(PyError);
  });

  it('rejects syntax it does not know', () => {
    expect(() => parseExpression('feed[')).toThrow(SyntaxError);
    expect(() => tokenize("'unterminated")).toThrow(SyntaxError);
  });

  it('builds tuples and compares them element-wise', () => {
    const value = evaluate('(2003, 12, 31)', {});
    expect(value).toBeInstanceOf(PyTuple);
    expect(evaluate('t == (2003, 12, 31)', { t: new PyTuple([2003, 12, 31]) })).toBe(true);
    expect(evaluate('t == (2003, 12, 30)', { t: new PyTuple([2003, 12, 31]) })).toBe(false);
  });
});
