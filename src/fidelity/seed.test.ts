// The seed story: a message relayed through an intermediary whose second part "was not conveyed". A copy that
// drops Lavrov's quotation about it must say so, even though the rest of the republished page matches.
import { it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { describeWithSharedData, hasSharedData, sharedPath } from '../../test/support/shared-data.js';
import { compareTexts } from './index.js';

// Read only where the shared data is (a user's clone has none, and the suite is skipped there).
const page = hasSharedData ? readFileSync(sharedPath('seed', 'republished-article.txt'), 'utf8') : '';
const paragraphs = page.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
const storyEnd = paragraphs.findIndex((p) => p.startsWith('By '));
// The source is the story alone; the republished page adds credit lines, a disclaimer and the site's furniture.
const source = paragraphs.slice(0, storyEnd).join('\n\n');
const siteLines = {
  ignoreCreditLines: true,
  ignoreLines: ['The views expressed in this article are solely those of the author', 'A related news from', 'Sharing is caring!', 'Leave a Reply', ...paragraphs.slice(-4, -2)],
};
const SECOND_PART = 'Tony Blinken did not convey the second part of this appeal';

describeWithSharedData('the seed story', () => {
  it('finds the republished page faithful once the site lines are set aside', () => {
    const report = compareTexts(source, page, siteLines);
    expect(report.counts).toEqual({ omitted: 0, altered: 0, added: 0, moved: 0 });
    expect(report.faithful).toBe(true);
  });

  it('reports the dropped "second part" quotation as omitted, spoken by Lavrov', () => {
    const copy = paragraphs.filter((p) => !p.includes(SECOND_PART)).join('\n\n');
    const report = compareTexts(source, copy, siteLines);
    expect(report.faithful).toBe(false);
    expect(report.counts.omitted).toBe(4);
    expect(report.omitted[0].text).toContain(SECOND_PART);
    expect(report.quotesChanged).toHaveLength(1);
    expect(report.quotesChanged[0]).toMatchObject({ kind: 'omitted', speaker: 'Lavrov', copy: null });
    expect(report.quotesChanged[0].source).toMatch(/^Tony Blinken did not convey the second part of this appeal\. But/);
  });

  it('reports the quotation as shortened when only its first sentence is cut', () => {
    const copy = paragraphs.map((p) => p.replace(`“${SECOND_PART}. `, '“')).join('\n\n');
    const report = compareTexts(source, copy, siteLines);
    expect(report.counts).toEqual({ omitted: 1, altered: 1, added: 0, moved: 0 });
    expect(report.quotesChanged).toEqual([expect.objectContaining({ kind: 'shortened', speaker: 'Lavrov' })]);
  });
});
