// Alignment and the report built on it: kinds, positions, and the side-by-side order of the rows.
import { describe, it, expect } from 'vitest';
import { compareTexts } from './index.js';

describe('alignment and positions', () => {
  it('places an omitted sentence where the source had it and gives positions in both texts', () => {
    const report = compareTexts('One is here. Two is gone.\n\nThree stays.', 'One is here.\n\nThree stays. Four is new.');
    expect(report.rows.map((r) => r.kind)).toEqual(['same', 'omitted', 'same', 'added']);
    expect(report.omitted).toEqual([{ text: 'Two is gone.', at: { paragraph: 0, sentence: 1 } }]);
    expect(report.added).toEqual([{ text: 'Four is new.', at: { paragraph: 1, sentence: 2 } }]);
  });

  it('reports a moved sentence with where it was and where it is', () => {
    const report = compareTexts('Alpha leads. Beta follows. Gamma ends.', 'Beta follows. Alpha leads. Gamma ends.');
    expect(report.counts).toEqual({ omitted: 0, altered: 0, added: 0, moved: 1 });
    expect(report.moved[0].from.sentence).not.toBe(report.moved[0].to.sentence);
  });

  it('pairs a split sentence with both its halves, and keeps a dropped clause apart from a merge', () => {
    const split = compareTexts(
      'The ferry, which was built in Norway, carries 300 passengers across the bay.',
      'The ferry was built in Norway. It carries 300 passengers across the bay.',
    );
    expect(split.counts).toEqual({ omitted: 0, altered: 1, added: 0, moved: 0 });
    expect(split.altered[0].toAt.map((p) => p.sentence)).toEqual([0, 1]);
    const dropped = compareTexts('The ferry sails at dawn. Nobody knows who paid for the new engines.', 'The ferry sails at dawn, officials said.');
    expect(dropped.counts).toEqual({ omitted: 1, altered: 1, added: 0, moved: 0 });
  });

  it('treats an altered sentence far from its place as altered, not as omitted and added', () => {
    const source = 'First line here. Second line here. The crossing takes 35 minutes in calm weather. Last line here.';
    const copy = 'The crossing takes 53 minutes in calm weather. First line here. Second line here. Last line here.';
    const report = compareTexts(source, copy);
    expect(report.counts).toEqual({ omitted: 0, altered: 1, added: 0, moved: 0 });
    expect(report.altered[0].numbers).toEqual(['35 → 53']);
  });

  it('is faithful for empty texts and reports everything against an empty copy', () => {
    expect(compareTexts('', '').faithful).toBe(true);
    expect(compareTexts('One. Two.', '').counts.omitted).toBe(2);
  });
});
