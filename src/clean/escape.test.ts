import { describe, expect, it } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { escapeHtml } from './escape.js';

describe('escapeHtml (the one escape, for HTML and XML)', () => {
  it('escapes the five specials', () => {
    expect(escapeHtml(`a & b < c > d " e ' f`)).toBe('a &amp; b &lt; c &gt; d &quot; e &#39; f');
  });

  it('drops the characters XML 1.0 forbids, keeps tab, line feed and carriage return', () => {
    expect(escapeHtml('a\u0001b\u000bc\ufffed\tx\ny\rz')).toBe('abcd\tx\ny\rz');
    expect(XMLValidator.validate(`<t a="${escapeHtml('\u0002"\'<')}">${escapeHtml('\u0000&\uffff')}</t>`)).toBe(true);
  });

  it('returns clean text as is, and nothing for no text', () => {
    const text = 'plain text, nothing to escape';
    expect(escapeHtml(text)).toBe(text);
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(undefined)).toBe('');
  });
});
