// The word diff between two versions of an article: over the visible text (markup never compared), paragraphs
// kept, and the first version shown as wholly new.
import { describe, it, expect } from 'vitest';
import { countChanges, versionDiff, versionText } from './version-diff.js';

describe('version diff', () => {
  it('compares the headline and the visible text, one paragraph a line', () => {
    expect(versionText({ headline: ' Quay lamps ', bodyHtml: '<p>The board  met.</p>\n<p>It <em>agreed</em>.</p><script>x()</script>' })).toBe('Quay lamps\n\nThe board met.\nIt agreed.');
  });

  it('marks the words inserted and deleted, and nothing else', () => {
    const parts = versionDiff(
      { headline: 'Board to replace quay lamps', bodyHtml: '<p>It agreed to replace twelve lamps.</p>' },
      { headline: 'Board to replace quay lamps', bodyHtml: '<p>It agreed to replace forty lamps.</p><p>Work starts in March.</p>' },
    );
    expect(parts.filter((p) => p.removed).map((p) => p.value.trim())).toEqual(['twelve']);
    expect(parts.filter((p) => p.added).map((p) => p.value).join('')).toContain('forty');
    expect(parts.filter((p) => p.added).map((p) => p.value).join('')).toContain('Work starts in March.');
    expect(parts.filter((p) => !p.added && !p.removed).map((p) => p.value).join('')).toContain('Board to replace quay lamps');
    expect(countChanges(parts)).toEqual({ added: 5, removed: 1 });
  });

  it('does not count a change of markup alone', () => {
    const parts = versionDiff({ headline: 'H', bodyHtml: '<p>Same <b>words</b>.</p>' }, { headline: 'H', bodyHtml: '<p>Same <i>words</i>.</p>' });
    expect(countChanges(parts)).toEqual({ added: 0, removed: 0 });
  });

  it('shows the first version as wholly new', () => {
    expect(versionDiff(null, { headline: 'H', bodyHtml: '<p>Text.</p>' })).toEqual([{ value: 'H\n\nText.', added: true }]);
  });
});
