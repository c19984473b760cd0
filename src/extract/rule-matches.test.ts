import { describe, it, expect } from 'vitest';
import { countRuleMatches } from './rule-matches.js';

const page = `<html><body><article><div class="story"><p>One.</p><aside class="ad">Buy.</aside><p>Two.</p></div></article>
<div class="story promo"><p>Elsewhere.</p></div><aside class="ad">Again.</aside></body></html>`;

describe('countRuleMatches', () => {
  it('counts removals on the whole page, then the body selectors on what is left', () => {
    expect(countRuleMatches(page, 'text/html', { drop: ['.ad', '.promo'], body: ['.story', 'article p', '.missing'] })).toEqual([
      { kind: 'drop', selector: '.ad', matches: 2 },
      { kind: 'drop', selector: '.promo', matches: 1 },
      { kind: 'body', selector: '.story', matches: 1 },
      { kind: 'body', selector: 'article p', matches: 2 },
      { kind: 'body', selector: '.missing', matches: 0 },
    ]);
  });

  it('decodes bytes with the charset of the content type', () => {
    const bytes = new Uint8Array(Buffer.from('<p class="caf\xe9">x</p>', 'latin1'));
    expect(countRuleMatches(bytes, 'text/html; charset=iso-8859-1', { body: ['p.café'] })).toEqual([{ kind: 'body', selector: 'p.café', matches: 1 }]);
  });
});
