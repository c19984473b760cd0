// The related parts of the article page: topical neighbours as their own block, near-duplicate copies named in
// the provenance block ("also published by …") and never listed as related.
import { it, expect } from 'vitest';
import { describeWithSharedData } from '../../../test/support/shared-data.js';
import { renderArticlePage } from './article-page.js';
import { seedArticlePage } from '../testdata/fixtures.js';
import { parseHtml } from '../testdata/dom.js';
import type { ArticleSummary } from '../view-models.js';

describeWithSharedData('the article page: related news and "also published by"', () => {
  const data = seedArticlePage();
  const card = (slug: string, sourceName: string): ArticleSummary => ({ ...data.relatedOtherSources[0], url: `/articles/${slug}`, headline: `Story ${slug}`, sourceName });

  it('lists topical neighbours in their own block, with their sources', () => {
    const dom = parseHtml(renderArticlePage({ ...data, relatedTopical: [card('near-1', 'Wire <One>'), card('near-2', 'Paper')] }));
    const items = dom.all('.related-topical li');
    expect(items).toHaveLength(2);
    expect(dom.text('.related-topical h2')).toBe('Related stories');
    expect(dom.text('.related-topical .card-source')).toBe('Wire <One>');
  });

  it('names the copies by other sources in the provenance block, linking their pages, and not among related stories', () => {
    const out = renderArticlePage({ ...data, alsoPublishedBy: [card('copy-1', 'Daily <b>'), card('copy-2', 'Evening')] });
    const dom = parseHtml(out);
    expect(dom.text('footer.provenance .also-published')).toBe('Also published by Daily <b>, Evening.');
    expect(dom.all('footer.provenance .also-published a').map((a) => a.attribs.href)).toEqual(['/articles/copy-1', '/articles/copy-2']);
    expect(dom.all('.related a[href="/articles/copy-1"]')).toHaveLength(0);
    expect(out).not.toContain('<b>,');
  });

  it('leaves both out when there are none', () => {
    const dom = parseHtml(renderArticlePage({ ...data, relatedTopical: [], alsoPublishedBy: [] }));
    expect(dom.all('.related-topical')).toHaveLength(0);
    expect(dom.all('.also-published')).toHaveLength(0);
  });
});
