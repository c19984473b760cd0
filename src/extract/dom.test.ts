import { describe, it, expect } from 'vitest';
import { foldSpace, parseHtml, textOf } from './dom.js';
import { Deadline } from './deadline.js';

describe('foldSpace', () => {
  it('turns every run of white space into one space and trims the ends', () => {
    expect(foldSpace('  Talks\n\n resume\tin\u00a0Geneva \u200b today  ')).toBe('Talks resume in Geneva today');
    expect(foldSpace('one two')).toBe('one two');
    expect(foldSpace('\u200b')).toBe('');
    expect(foldSpace('a\u2009\u3000b')).toBe('a b');
  });

  it('gives what replacing every white-space run with a space gives, on random text', () => {
    const alphabet = ['a', 'b', ' ', ' ', '\n', '\t', '\r', '\u00a0', '\u200b', '\u2009', '\ufeff', 'é'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: next() % 24 }, () => alphabet[next() % alphabet.length]).join('');
      expect(foldSpace(text)).toBe(text.replace(/[\s\u00a0\u200b]+/g, ' ').trim());
    }
  });
});

describe('parseHtml', () => {
  const deadline = () => new Deadline(5_000);

  it('parses a page of ordinary depth as it is', () => {
    const document = parseHtml('<div><section><p>First <b>bold</b> words.</p></section></div>', deadline());
    expect(textOf(document)).toBe('First bold words.');
  });

  it('parses a page nested past the limit again with its deepest tags dropped, keeping every word', () => {
    const depth = 400;
    const html = `${'<div class="wrap">'.repeat(depth)}<p>Deep story text.</p>${'</div>'.repeat(depth)}<p>Shallow tail.</p>`;
    const document = parseHtml(html, deadline());
    expect(textOf(document)).toBe('Deep story text.Shallow tail.');
    let deepest = 0;
    const walk: Array<{ node: { children?: unknown[] }; depth: number }> = [{ node: document, depth: 0 }];
    while (walk.length) {
      const { node, depth: at } = walk.pop()!;
      deepest = Math.max(deepest, at);
      for (const child of (node.children ?? []) as Array<{ children?: unknown[] }>) walk.push({ node: child, depth: at + 1 });
    }
    expect(deepest).toBeLessThan(200);
  });
});
