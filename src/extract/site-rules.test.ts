import { describe, expect, it } from 'vitest';
import { extractArticle } from './extract-article.js';
import { InvalidRuleError, validateExtractRules } from './site-rules.js';

const page = `<html><body>
<div class="teaser"><p>A teaser paragraph for another story, long enough that the general algorithm would take it as text.</p></div>
<div class="story-text">
<p>The first paragraph of the real story, which the general algorithm might or might not find on its own.</p>
<div class="promo-box"><p>Promotional text placed inside the story container by the publisher's templates.</p></div>
<p>The second paragraph of the real story, again with enough words to look like an ordinary paragraph.</p>
</div>
<div class="story-footnote"><p>A footnote that belongs to the story even though it sits outside its container.</p></div>
</body></html>`;

describe('per-source rules', () => {
  it('builds the body from the body selectors, in document order, after removing the drop selectors', () => {
    const result = extractArticle(page, 'https://site.example/a', {
      rules: { body: ['.story-footnote', '.story-text'], drop: ['.promo-box'] },
    });
    expect(result.text.split('\n')).toEqual([
      'The first paragraph of the real story, which the general algorithm might or might not find on its own.',
      'The second paragraph of the real story, again with enough words to look like an ordinary paragraph.',
      'A footnote that belongs to the story even though it sits outside its container.',
    ]);
  });

  it('applies drop selectors before the general algorithm when no body selector is given', () => {
    const result = extractArticle(page, 'https://site.example/a', { rules: { drop: ['.teaser', '.promo-box', '.story-footnote'] } });
    expect(result.text).toContain('The first paragraph of the real story');
    expect(result.text).not.toContain('teaser paragraph');
    expect(result.text).not.toContain('Promotional text');
  });

  it('falls back to the general algorithm when the body selectors match nothing', () => {
    const result = extractArticle(page, 'https://site.example/a', { rules: { body: ['.does-not-exist'] } });
    expect(result.text).toContain('The second paragraph of the real story');
  });

  it('rejects an invalid selector with a clear error naming it', () => {
    expect(() => extractArticle(page, 'https://site.example/a', { rules: { drop: ['div[class='] } })).toThrow(InvalidRuleError);
    expect(() => extractArticle(page, 'https://site.example/a', { rules: { body: ['::nonsense('] } })).toThrow(/invalid extraction rule selector "::nonsense\("/);
  });

  it('validates rule sets without extracting', () => {
    expect(validateExtractRules({ body: ['article .text'], drop: ['.ad', 'aside'] })).toEqual([]);
    const problems = validateExtractRules({ body: ['p[lang'], drop: ['', '.ok'] });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/"p\[lang"/);
    expect(problems[1]).toMatch(/empty selector/);
  });
});
