// The block-list rules themselves: what an entry may be, the form it is kept in, and how words are matched
// (NFKC, case-folded, whole words in any script; scripts without spaces matched where they occur).
import { describe, it, expect } from 'vitest';
import { applyBlock, containsWord, describeBlock, findBlock, normaliseBlockValue } from './block-list.js';
import { foldForMatching } from './text-normalize.js';

const word = (typed: string) => {
  const normalised = normaliseBlockValue('word', typed);
  if (!normalised.ok) throw new Error(normalised.error);
  return normalised.value;
};
const has = (text: string, typed: string) => containsWord(foldForMatching(text), word(typed));

describe('block-list entries', () => {
  it('keeps addresses lower-cased, accepts a domain, refuses anything else with the reason', () => {
    expect(normaliseBlockValue('email', ' Ann@Example.TEST ')).toEqual({ ok: true, value: 'ann@example.test' });
    expect(normaliseBlockValue('email', '@Spam.Example')).toEqual({ ok: true, value: '@spam.example' });
    const bad = normaliseBlockValue('email', 'not an address');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toContain('neither an email address');
    expect(normaliseBlockValue('email', '@localhost').ok).toBe(false);
    expect(normaliseBlockValue('email', '   ')).toEqual({ ok: false, error: 'Give the address, network or word to block.' });
  });

  it('keeps an address as its network, accepts the network itself, refuses other prefixes', () => {
    expect(normaliseBlockValue('ip', '203.0.113.45')).toEqual({ ok: true, value: '203.0.113.0/24' });
    expect(normaliseBlockValue('ip', '203.0.113.0/24')).toEqual({ ok: true, value: '203.0.113.0/24' });
    expect(normaliseBlockValue('ip', '2001:DB8:1:2::7')).toEqual({ ok: true, value: '2001:db8:1::/48' });
    expect(normaliseBlockValue('ip', '2001:db8:1::/48')).toEqual({ ok: true, value: '2001:db8:1::/48' });
    expect(normaliseBlockValue('ip', '203.0.0.0/16').ok).toBe(false);
    expect(normaliseBlockValue('ip', '203.0.113.45/24').ok).toBe(false);
    expect(normaliseBlockValue('ip', '127.1').ok).toBe(false);
    expect(normaliseBlockValue('ip', 'unknown').ok).toBe(false);
  });

  it('folds words and collapses their spaces; a word needs a letter or digit', () => {
    expect(normaliseBlockValue('word', '  ＢＵＹ\u3000 Now ')).toEqual({ ok: true, value: 'buy now' });
    expect(normaliseBlockValue('word', 'Straße')).toEqual({ ok: true, value: 'strasse' });
    expect(normaliseBlockValue('word', '!!!').ok).toBe(false);
    expect(normaliseBlockValue('word', 'x'.repeat(101)).ok).toBe(false);
  });
});

describe('word matching', () => {
  it('matches whole words only, in Latin, Cyrillic and Greek', () => {
    expect(has('Buy CASINO chips', 'casino')).toBe(true);
    expect(has('casino.', 'casino')).toBe(true);
    expect(has('(casino)', 'casino')).toBe(true);
    expect(has('the casinos', 'casino')).toBe(false);
    expect(has('class and assess', 'ass')).toBe(false);
    expect(has('Это спам!', 'спам')).toBe(true);
    expect(has('Это спамер', 'спам')).toBe(false);
    expect(has('ΑΓΟΡΑΣΤΕ ΤΩΡΑ', 'αγοράστε')).toBe(false); // the accent is a different letter, as it is for readers
    expect(has('ΑΓΟΡΑΣΤΕ ΤΩΡΑ', 'αγοραστε')).toBe(true);
  });

  it('sees through full-width letters, case folding, invisible characters and extra spaces', () => {
    expect(has('ｃａｓｉｎｏ', 'casino')).toBe(true);
    expect(has('STRASSE', 'straße')).toBe(true);
    expect(has('ca\u00ADsi\u200Bno', 'casino')).toBe(true);
    expect(has('buy\n\n   now', 'buy now')).toBe(true);
    expect(has('buy nowhere', 'buy now')).toBe(false);
  });

  it('does not let a letter with a combining mark end a word early', () => {
    // "é" written as e + U+0301 is composed by NFKC; x + U+0301 has no composed form and stays a letter and a mark.
    expect(has('cafe\u0301', 'café')).toBe(true);
    expect(has('tax\u0301 rises', 'tax')).toBe(false);
    expect(has('tax rises', 'tax')).toBe(true);
  });

  it('matches an entry in a script written without spaces wherever it occurs', () => {
    expect(has('今すぐ激安カジノへ', 'カジノ')).toBe(true);
    expect(has('便宜药品在这里', '药品')).toBe(true);
  });

  it('treats regular-expression characters in an entry as plain text', () => {
    expect(has('I write c++ daily', 'c++')).toBe(true);
    expect(has('I write cxx daily', 'c.x')).toBe(false);
  });
});

describe('applying the lists', () => {
  const entries = [
    { kind: 'email' as const, value: '@spam.example' },
    { kind: 'ip' as const, value: '198.51.100.0/24' },
    { kind: 'word' as const, value: 'casino' },
  ];

  it('finds the first entry a comment matches, in any of its fields', () => {
    expect(findBlock({ email: 'x@spam.example', ipBucket: null, texts: ['Ann'] }, entries)?.value).toBe('@spam.example');
    expect(findBlock({ email: null, ipBucket: '198.51.100.0/24', texts: ['Ann'] }, entries)?.kind).toBe('ip');
    expect(findBlock({ email: null, ipBucket: null, texts: ['Ann', '', 'https://casino.example/', 'hello'] }, entries)?.kind).toBe('word');
    expect(findBlock({ email: 'ann@example.test', ipBucket: '203.0.113.0/24', texts: ['Ann', 'A fair point.'] }, entries)).toBeNull();
  });

  it('makes a blocked comment spam, the block named first, the other rules\' reasons kept', () => {
    const held = { status: 'pending' as const, reasons: ['first comment from this email address'] };
    expect(applyBlock(held, entries[2])).toEqual({ status: 'spam', reasons: ['block list: word "casino"', 'first comment from this email address'] });
    expect(applyBlock(held, null)).toBe(held);
    expect(describeBlock(entries[0])).toBe('block list: email domain "@spam.example"');
    expect(describeBlock(entries[1])).toBe('block list: network "198.51.100.0/24"');
  });
});
