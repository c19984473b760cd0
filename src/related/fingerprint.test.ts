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
  it('keeps the value stored articles were fingerprinted with (old and new fingerprints must compare)', () => {
    expect(fingerprint(original)).toBe(
      '04e2f19e00fbecf6025b44d40792cc6d04028a5800b12ff302b947330067622d0c3eb1410c8492ba037972170048cb3802245b630016404c077afbdf064ac1af0213b7c7025763c90fa4930200358dda05fa498f000da0680b1c77ce01e45b25011fd91e042ca3af00f91ab80166579902b43708051269ff0139e46802521b3301a7792104bfce3d00c247380444018101caf577052c230900ecee9a0154d6ad04c38140018af01700ed5e6701444a1b1ad75e2d016cc617017280f802ee8cfa',
    );
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
