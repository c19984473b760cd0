// Every quotation of the source must reach the copy word for word. A quotation the copy lacks is omitted; one
// it cuts (a contiguous part of the source's words, like the seed's "second part not conveyed") is shortened;
// one it lengthens is extended; one with other words is changed; one the source lacks is added.
import type { Quotation } from './quotes.js';
import { bagOf, dice } from './similarity.js';

export type QuoteChangeKind = 'omitted' | 'shortened' | 'extended' | 'changed' | 'added';

export interface QuoteChange {
  source: string | null;
  copy: string | null;
  speaker: string | null;
  kind: QuoteChangeKind;
}

const CHANGED_THRESHOLD = 0.5;

function contains(outer: readonly string[], inner: readonly string[]): boolean {
  if (inner.length === 0 || inner.length > outer.length) return false;
  return ` ${outer.join(' ')} `.includes(` ${inner.join(' ')} `);
}

export function compareQuotations(source: readonly Quotation[], copy: readonly Quotation[]): QuoteChange[] {
  const usedSource = new Set<number>();
  const usedCopy = new Set<number>();
  // Unchanged quotations first (the same text, wherever it is).
  const byKey = new Map<string, number[]>();
  copy.forEach((q, j) => (byKey.get(q.key) ?? byKey.set(q.key, []).get(q.key)!).push(j));
  source.forEach((q, i) => {
    const j = byKey.get(q.key)?.shift();
    if (j !== undefined) {
      usedSource.add(i);
      usedCopy.add(j);
    }
  });

  const candidates: { score: number; i: number; j: number; kind: QuoteChangeKind }[] = [];
  source.forEach((s, i) => {
    if (usedSource.has(i)) return;
    const bag = bagOf(s.words);
    copy.forEach((c, j) => {
      if (usedCopy.has(j)) return;
      const similarity = dice(bag, bagOf(c.words));
      if (c.words.length < s.words.length && contains(s.words, c.words)) candidates.push({ score: 1 + similarity, i, j, kind: 'shortened' });
      else if (c.words.length > s.words.length && contains(c.words, s.words)) candidates.push({ score: 1 + similarity, i, j, kind: 'extended' });
      else if (similarity >= CHANGED_THRESHOLD) candidates.push({ score: similarity, i, j, kind: 'changed' });
    });
  });
  candidates.sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j);

  const changes: { order: number; change: QuoteChange }[] = [];
  for (const { i, j, kind } of candidates) {
    if (usedSource.has(i) || usedCopy.has(j)) continue;
    usedSource.add(i);
    usedCopy.add(j);
    changes.push({ order: i, change: { source: source[i].text, copy: copy[j].text, speaker: source[i].speaker ?? copy[j].speaker, kind } });
  }
  source.forEach((q, i) => {
    if (!usedSource.has(i)) changes.push({ order: i, change: { source: q.text, copy: null, speaker: q.speaker, kind: 'omitted' } });
  });
  copy.forEach((q, j) => {
    if (!usedCopy.has(j)) changes.push({ order: source.length + j, change: { source: null, copy: q.text, speaker: q.speaker, kind: 'added' } });
  });
  return changes.sort((x, y) => x.order - y.order).map((c) => c.change);
}
