import { describe, it, expect } from 'vitest';
import { fingerprint, similarity, isSameStory, COPY_THRESHOLD } from './fingerprint.js';

const original = `The harbour authority said on Monday that the northern quay will close for repairs from next month,
after inspectors found corrosion in the steel piles that support the older half of the structure. Ferries will move
to the southern terminal, and the authority expects the work to last about eight weeks. Fishermen asked for a
temporary landing place and the mayor promised an answer by Friday.`;
const retold = `Ferries will use the southern terminal from next month while the northern quay closes for repairs, the
harbour authority said on Monday. Inspectors found corrosion in the steel piles that support the older half of the
structure, and the authority expects the work to last about eight weeks. Local fishermen want a temporary landing place.`;
const unrelated = `The city orchestra announced its winter programme with three premieres by young composers and a
cycle of symphonies conducted by its new music director, who arrives from abroad in January after a long search.`;

describe('fingerprint', () => {
  it('is stable and null for texts too short to compare', () => {
    expect(fingerprint(original)).toBe(fingerprint(original));
    expect(fingerprint('Too short.')).toBeNull();
  });
  it('tells a copy, the same story and another story apart', () => {
    const a = fingerprint(original)!;
    const copy = fingerprint(original.replace('Monday', 'Monday,'))!;
    expect(similarity(a, copy)).toBeGreaterThanOrEqual(COPY_THRESHOLD);
    expect(isSameStory(a, copy)).toBe(false);
    expect(isSameStory(a, fingerprint(retold)!)).toBe(true);
    expect(isSameStory(a, fingerprint(unrelated)!)).toBe(false);
  });
});
