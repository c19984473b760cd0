import { describe, it, expect } from 'vitest';
import { longestCommonSubsequence } from './lcs.js';

function lcsLength(a: number[], b: number[]): number {
  const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) t[i][j] = a[i] === b[j] ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
  return t[0][0];
}

describe('longestCommonSubsequence', () => {
  it('returns increasing pairs of equal items, as many as the longest common subsequence has', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 50; round++) {
      const a = Array.from({ length: Math.floor(rand() * 30) }, () => Math.floor(rand() * 6));
      const b = Array.from({ length: Math.floor(rand() * 30) }, () => Math.floor(rand() * 6));
      const pairs = longestCommonSubsequence(a, b);
      expect(pairs.length).toBe(lcsLength(a, b));
      pairs.forEach(([i, j], k) => {
        expect(a[i]).toBe(b[j]);
        if (k > 0) expect(i > pairs[k - 1][0] && j > pairs[k - 1][1]).toBe(true);
      });
    }
  });

  it('uses the edit-based diff on long inputs and finds the same length', () => {
    const a = Array.from({ length: 1200 }, (_, k) => k);
    const b = a.filter((k) => k % 97 !== 0).concat([5000, 5001]);
    b.splice(600, 0, 7000);
    expect(longestCommonSubsequence(a, b).length).toBe(a.filter((k) => k % 97 !== 0).length);
  });
});
