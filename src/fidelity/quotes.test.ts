import { describe, it, expect } from 'vitest';
import { findQuotations } from './quotes.js';
import { compareQuotations } from './quote-changes.js';

const quotes = (...texts: string[]) => findQuotations(texts.map((text) => ({ text, blockQuote: false })));

describe('findQuotations', () => {
  it.each([
    ['“We are ready,” Ana Ruiz said.', 'We are ready', 'Ana Ruiz'],
    ['"We are ready," said the minister.', 'We are ready', 'the minister'],
    ['Ana Ruiz told reporters: “We are ready.”', 'We are ready.', 'Ana Ruiz'],
    ['„Wir sind bereit“, sagte Greta Lühr.', 'Wir sind bereit', 'Greta Lühr'],
    ['« Nous sommes prêts », a déclaré M. Duval.', 'Nous sommes prêts', 'M. Duval'],
    ['«Мы готовы», — заявил Иван Петров.', 'Мы готовы', 'Иван Петров'],
    ['According to Ana Ruiz, the plan is “ready to go”.', 'ready to go', 'Ana Ruiz'],
    ['The plan is “ready to go”.', 'ready to go', null],
    ['“We are ready,” said Jonas Lind. The crossing is short.', 'We are ready', 'Jonas Lind'],
    ['“We are ready,” said John F. Kennedy.', 'We are ready', 'John F. Kennedy'],
  ])('%s', (text, quoted, speaker) => {
    expect(quotes(text).map((q) => [q.text, q.speaker])).toEqual([[quoted, speaker]]);
  });

  it('gives a pronoun the last named speaker and runs an open quotation to the end of its paragraph', () => {
    const found = quotes('“First,” Ana Ruiz said.', '“Second,” she added.', '“Third and it goes on');
    expect(found.map((q) => [q.text, q.speaker])).toEqual([
      ['First', 'Ana Ruiz'],
      ['Second', 'Ana Ruiz'],
      ['Third and it goes on', null],
    ]);
  });

  it('compares quotations by their words, not their punctuation', () => {
    const [a] = quotes('“We are ready.” she said.');
    const [b] = quotes('"We are ready," she said.');
    expect(a.key).toBe(b.key);
    expect(compareQuotations([a], [b])).toEqual([]);
  });

  it('gives a quotation that runs into the next paragraph the speaker named there', () => {
    const found = quotes('“The first part goes on', '“and the second ends it,” said Ana Ruiz.');
    expect(found.map((q) => q.speaker)).toEqual(['Ana Ruiz', 'Ana Ruiz']);
  });

  it('reads a block quote and its attribution line', () => {
    const found = findQuotations([
      { text: 'Ferries are roads.', blockQuote: true },
      { text: '— Ingrid Holm', blockQuote: true },
    ]);
    expect(found.map((q) => [q.text, q.speaker])).toEqual([['Ferries are roads.', 'Ingrid Holm']]);
  });
});

describe('compareQuotations', () => {
  const source = quotes('“One two three four five,” Ana said.', '“Six seven eight,” Bo said.');
  it.each([
    [['“One two three,” Ana said.', '“Six seven eight,” Bo said.'], ['shortened']],
    [['“Zero one two three four five,” Ana said.', '“Six seven eight,” Bo said.'], ['extended']],
    [['“One two three four six,” Ana said.', '“Six seven eight,” Bo said.'], ['changed']],
    [['“Six seven eight,” Bo said.'], ['omitted']],
    [['“One two three four five,” Ana said.', '“Six seven eight,” Bo said.', '“Nine ten,” Cy said.'], ['added']],
    [['“Six seven eight,” Bo said.', '“One two three four five,” Ana said.'], []],
  ])('%j', (copy, kinds) => {
    expect(compareQuotations(source, quotes(...copy)).map((c) => c.kind)).toEqual(kinds);
  });
});
