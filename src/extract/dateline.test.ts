import { describe, expect, it } from 'vitest';
import { parseDateline } from './dateline.js';

describe('parseDateline', () => {
  const positives: Array<[string, string, string | null, string | null, string]> = [
    ['MOSCOW (Sputnik) – Russian officials said on Monday…', 'MOSCOW (Sputnik)', 'MOSCOW', 'Sputnik', 'Russian officials said on Monday…'],
    ['WASHINGTON, Nov 3 (Reuters) - The U.S. Senate voted…', 'WASHINGTON, Nov 3 (Reuters)', 'WASHINGTON', 'Reuters', 'The U.S. Senate voted…'],
    ['PARIS — The mayor announced…', 'PARIS', 'PARIS', null, 'The mayor announced…'],
    ['LONDON, March 2 — Heavy rain fell…', 'LONDON, March 2', 'LONDON', null, 'Heavy rain fell…'],
    ['Kyiv, Ukraine (AP) — Drones struck…', 'Kyiv, Ukraine (AP)', 'Kyiv, Ukraine', 'AP', 'Drones struck…'],
    ['BERLIN (dpa) - Die Regierung hat…', 'BERLIN (dpa)', 'BERLIN', 'dpa', 'Die Regierung hat…'],
    ['SAN FRANCISCO, Calif. (AP) — Tech shares rose…', 'SAN FRANCISCO, Calif. (AP)', 'SAN FRANCISCO', 'AP', 'Tech shares rose…'],
    ['NEW YORK—Stocks rose on Friday.', 'NEW YORK', 'NEW YORK', null, 'Stocks rose on Friday.'],
    ['RIO DE JANEIRO, Jan. 5, 2025 (AFP) -- Carnival preparations…', 'RIO DE JANEIRO, Jan. 5, 2025 (AFP)', 'RIO DE JANEIRO', 'AFP', 'Carnival preparations…'],
  ];
  it.each(positives)('%s', (input, text, place, credit, rest) => {
    const parsed = parseDateline(input);
    expect(parsed).not.toBeNull();
    expect(parsed!.dateline).toMatchObject({ text, place, credit });
    expect(parsed!.rest).toBe(rest);
  });

  it.each([
    ['HOLLOW CREEK — The council met.', '—'],
    ['HOLLOW CREEK – The council met.', '–'],
    ['BERLIN (dpa) - Die Regierung hat…', '-'],
    ['RIO DE JANEIRO (AFP) -- Carnival preparations…', '--'],
  ])('keeps the source’s own separator: %s', (input, separator) => {
    expect(parseDateline(input)!.dateline.separator).toBe(separator);
  });

  const negatives = [
    'The president said – and nobody disagreed – that the plan would work.',
    'It was a long day - the longest of the year.',
    'In Paris (France) — a thing happened.',
    'UPDATE — this story has been corrected.',
    'BREAKING - markets fall',
    'We met (briefly) — and then parted.',
    'Hello world',
    '',
    'I — for one — disagree.',
    'Sales rose 5% - more than expected.',
    'My Sister (Anna) – she always knew.',
  ];
  it.each(negatives)('no dateline in %j', (input) => {
    expect(parseDateline(input)).toBeNull();
  });
});
