// The longest common subsequence of two sequences of integers (sentence hashes): the sentences that stayed in
// place. The common prefix and suffix are taken first. A small middle is a dynamic programme in one typed array
// (exact, and cheapest for an article); a large one goes to jsdiff's Myers diff, whose cost grows with the number
// of edits rather than the product of the lengths; past an edit budget it is matched greedily in order instead.
import { diffArrays } from 'diff';

const MAX_TABLE_CELLS = 250_000;
const MAX_EDITS = 2_000;

/** Pairs [a index, b index] of one longest common subsequence, in increasing order. */
export function longestCommonSubsequence(a: ArrayLike<number>, b: ArrayLike<number>): [number, number][] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const pairs: [number, number][] = [];
  for (let i = 0; i < start; i++) pairs.push([i, i]);
  const n = endA - start;
  const m = endB - start;
  const middle = n > 0 && m > 0 ? (n * m <= MAX_TABLE_CELLS ? tableLcs(a, b, start, n, m) : myersLcs(a, b, start, n, m)) : [];
  for (const pair of middle) pairs.push(pair);
  for (let k = 0; endA + k < a.length; k++) pairs.push([endA + k, endB + k]);
  return pairs;
}

function tableLcs(a: ArrayLike<number>, b: ArrayLike<number>, offset: number, n: number, m: number): [number, number][] {
  // lengths[(i * (m + 1)) + j] = LCS length of a[i..] and b[j..]
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    const ai = a[offset + i];
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] =
        ai === b[offset + j] ? lengths[(i + 1) * width + j + 1] + 1 : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[offset + i] === b[offset + j]) {
      pairs.push([offset + i, offset + j]);
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) i++;
    else j++;
  }
  return pairs;
}

function myersLcs(a: ArrayLike<number>, b: ArrayLike<number>, offset: number, n: number, m: number): [number, number][] {
  const changes = diffArrays(Array.from({ length: n }, (_, k) => a[offset + k]), Array.from({ length: m }, (_, k) => b[offset + k]), {
    maxEditLength: MAX_EDITS,
  });
  if (!changes) return greedyInOrder(a, b, offset, n, m);
  const pairs: [number, number][] = [];
  let i = offset;
  let j = offset;
  for (const change of changes) {
    const count = change.value.length;
    if (change.added) j += count;
    else if (change.removed) i += count;
    else for (let k = 0; k < count; k++) pairs.push([i++, j++]);
  }
  return pairs;
}

function greedyInOrder(a: ArrayLike<number>, b: ArrayLike<number>, offset: number, n: number, m: number): [number, number][] {
  const positions = new Map<number, number[]>();
  for (let j = m - 1; j >= 0; j--) {
    const list = positions.get(b[offset + j]);
    if (list) list.push(offset + j);
    else positions.set(b[offset + j], [offset + j]);
  }
  const pairs: [number, number][] = [];
  let last = offset - 1;
  for (let i = 0; i < n; i++) {
    const list = positions.get(a[offset + i]);
    while (list && list.length && list[list.length - 1] <= last) list.pop();
    if (list && list.length) {
      last = list.pop()!;
      pairs.push([offset + i, last]);
    }
  }
  return pairs;
}
