// How alike two sentences are: the Dice coefficient over their word multisets (1 = same words, 0 = none shared).
// Word order does not count here; the word diff shows it.

export type WordBag = Map<string, number>;

export function bagOf(words: readonly string[]): WordBag {
  const bag: WordBag = new Map();
  for (const word of words) bag.set(word, (bag.get(word) ?? 0) + 1);
  return bag;
}

export function bagSize(bag: WordBag): number {
  let n = 0;
  for (const count of bag.values()) n += count;
  return n;
}

export function mergeBags(a: WordBag, b: WordBag): WordBag {
  const out = new Map(a);
  for (const [word, count] of b) out.set(word, (out.get(word) ?? 0) + count);
  return out;
}

export function dice(a: WordBag, b: WordBag, sizeA = bagSize(a), sizeB = bagSize(b)): number {
  if (sizeA + sizeB === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const [word, count] of small) {
    const other = large.get(word);
    if (other) shared += Math.min(count, other);
  }
  return (2 * shared) / (sizeA + sizeB);
}
