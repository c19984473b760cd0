import { describe, it, expect } from 'vitest';
import { contentHash, decideChange, decideWithdrawal, findCorrectionNote, holdUnfaithfulUpdate } from './versioning.js';

describe('contentHash', () => {
  it('ignores markup and whitespace but not words', () => {
    expect(contentHash('H', '<p>One  two</p>')).toBe(contentHash('H', '<p>One two</p>\n'));
    expect(contentHash('H', '<p>One two</p>')).not.toBe(contentHash('H', '<p>One three</p>'));
    expect(contentHash('H', '<p>x</p>')).not.toBe(contentHash('H2', '<p>x</p>'));
  });
});

describe('findCorrectionNote', () => {
  it.each([
    ['Correction: An earlier version misstated the count.', true],
    ["Editor's note — the headline was changed.", true],
    ['An earlier version of this story gave the wrong date.', true],
    ['The minister made a correction to the budget figures.', false],
  ])('%s → %s', (line, expected) => {
    expect(findCorrectionNote('Body.', `Body.\n${line}`) !== null).toBe(expected);
  });
  it('does not report a correction the old text already had', () => {
    expect(findCorrectionNote('Correction: old.', 'Correction: old.\nNew paragraph.')).toBeNull();
  });
});

describe('decideChange', () => {
  it('applies, queues or records per policy', () => {
    expect(decideChange('auto', '<p>a</p>', '<p>b</p>')).toMatchObject({ kind: 'update', state: 'published', applyNow: true });
    expect(decideChange('review', '<p>a</p>', '<p>b</p>')).toMatchObject({ state: 'pending', applyNow: false });
    expect(decideChange('notify', '<p>a</p>', '<p>b</p>')).toMatchObject({ state: 'recorded', applyNow: false });
    const corrected = decideChange('auto', '<p>a</p>', '<p>a</p><p>Correction: the count was 12, not 21.</p>');
    expect(corrected).toMatchObject({ kind: 'correction', note: 'the count was 12, not 21.' });
  });
  it('withdraws per policy', () => {
    expect(decideWithdrawal('auto').cancelNow).toBe(true);
    expect(decideWithdrawal('review')).toEqual({ cancelNow: false, state: 'pending' });
    expect(decideWithdrawal('notify')).toEqual({ cancelNow: false, state: 'recorded' });
  });
});

describe('holdUnfaithfulUpdate', () => {
  const auto = decideChange('auto', '<p>Old.</p>', '<p>New.</p>');
  const forbidden = { allowed: false as const, reason: 'the license of source "wire" forbids changes (CC BY-ND 4.0)' };

  it('holds an automatic update that would not be faithful to a source that allows no edits', () => {
    expect(holdUnfaithfulUpdate(auto, forbidden, () => false)).toEqual({
      kind: 'update', state: 'pending', applyNow: false, note: 'The source updated this story.',
      heldBecause: 'the copy would differ from the text the source served, and the license of source "wire" forbids changes (CC BY-ND 4.0)',
    });
  });

  it('applies a faithful one, any update of a source that allows edits, and leaves review and notify alone without comparing', () => {
    expect(holdUnfaithfulUpdate(auto, forbidden, () => true)).toBe(auto);
    const never = () => {
      throw new Error('compared for nothing');
    };
    expect(holdUnfaithfulUpdate(auto, { allowed: true }, never)).toBe(auto);
    const review = decideChange('review', '<p>Old.</p>', '<p>New.</p>');
    expect(holdUnfaithfulUpdate(review, forbidden, never)).toBe(review);
  });
});
