// Which sentence of the copy conveys which sentence of the source. In four passes:
//  1. the longest common subsequence of sentence keys: sentences that stayed, in order;
//  2. equal keys among the rest: sentences that moved;
//  3. between two sentences that stayed, a small alignment by similarity that also pairs two sentences with one
//     (a sentence split in two, or two merged into one): altered sentences;
//  4. the rest paired by similarity across the whole text: altered (and moved) sentences.
// What remains is omitted (source) or added (copy).
import type { Sentence } from './document.js';
import { longestCommonSubsequence } from './lcs.js';
import { bagSize, dice, mergeBags, type WordBag } from './similarity.js';

export type AlignedRow =
  | { kind: 'same'; source: number; copy: number }
  | { kind: 'moved'; source: number; copy: number }
  | { kind: 'altered'; source: number[]; copy: number[] }
  | { kind: 'omitted'; source: number }
  | { kind: 'added'; copy: number };

/** Below this similarity two sentences are different sentences, not one altered. */
export const SIMILARITY_THRESHOLD = 0.5;
// Past these sizes the similarity passes would be quadratic in a long text: what is left stays omitted/added.
const MERGE_COVERAGE = 0.7;
const MAX_GAP_CELLS = 40_000;
const MAX_GLOBAL_CELLS = 250_000;

export function alignSentences(source: readonly Sentence[], copy: readonly Sentence[]): AlignedRow[] {
  const ids = new Map<string, number>();
  const idOf = (key: string) => {
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  };
  const a = Int32Array.from(source, (s) => idOf(s.key));
  const b = Int32Array.from(copy, (s) => idOf(s.key));
  const sourceRow: (AlignedRow | undefined)[] = new Array(source.length);
  const copyRow: (AlignedRow | undefined)[] = new Array(copy.length);
  const rows: AlignedRow[] = [];
  const add = (row: AlignedRow, sources: number[], copies: number[]) => {
    rows.push(row);
    for (const i of sources) sourceRow[i] = row;
    for (const j of copies) copyRow[j] = row;
  };

  const anchors = longestCommonSubsequence(a, b);
  for (const [i, j] of anchors) add({ kind: 'same', source: i, copy: j }, [i], [j]);

  // 2. moved: the same sentence elsewhere.
  const waiting = new Map<number, number[]>();
  for (let j = 0; j < copy.length; j++) if (!copyRow[j]) (waiting.get(b[j]) ?? waiting.set(b[j], []).get(b[j])!).push(j);
  for (let i = 0; i < source.length; i++) {
    if (sourceRow[i]) continue;
    const j = waiting.get(a[i])?.shift();
    if (j !== undefined) add({ kind: 'moved', source: i, copy: j }, [i], [j]);
  }

  // 3. between anchors.
  let previous: [number, number] = [-1, -1];
  for (const anchor of [...anchors, [source.length, copy.length] as [number, number]]) {
    const gapSource = range(previous[0] + 1, anchor[0]).filter((i) => !sourceRow[i]);
    const gapCopy = range(previous[1] + 1, anchor[1]).filter((j) => !copyRow[j]);
    if (gapSource.length && gapCopy.length && gapSource.length * gapCopy.length <= MAX_GAP_CELLS) {
      for (const pair of alignGap(source, copy, gapSource, gapCopy)) add({ kind: 'altered', source: pair[0], copy: pair[1] }, pair[0], pair[1]);
    }
    previous = anchor;
  }

  // 4. across the text, most similar first.
  const leftSource = range(0, source.length).filter((i) => !sourceRow[i]);
  const leftCopy = range(0, copy.length).filter((j) => !copyRow[j]);
  if (leftSource.length * leftCopy.length <= MAX_GLOBAL_CELLS) {
    const candidates: [number, number, number][] = [];
    for (const i of leftSource) {
      for (const j of leftCopy) {
        const score = dice(source[i].bag, copy[j].bag, source[i].size, copy[j].size);
        if (score >= SIMILARITY_THRESHOLD) candidates.push([score, i, j]);
      }
    }
    candidates.sort((x, y) => y[0] - x[0] || x[1] - y[1] || x[2] - y[2]);
    for (const [, i, j] of candidates) if (!sourceRow[i] && !copyRow[j]) add({ kind: 'altered', source: [i], copy: [j] }, [i], [j]);
  }

  for (let i = 0; i < source.length; i++) if (!sourceRow[i]) add({ kind: 'omitted', source: i }, [i], []);
  for (let j = 0; j < copy.length; j++) if (!copyRow[j]) add({ kind: 'added', copy: j }, [], [j]);
  return orderRows(rows, sourceRow);
}

/** The share of `part`'s words that `whole` has. */
function coverage(part: WordBag, whole: WordBag): number {
  let shared = 0;
  let total = 0;
  for (const [word, count] of part) {
    total += count;
    shared += Math.min(count, whole.get(word) ?? 0);
  }
  return total === 0 ? 1 : shared / total;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let k = from; k < to; k++) out.push(k);
  return out;
}

// An order-keeping alignment of one gap: each step skips a sentence, pairs one with one, two with one or one
// with two; the score is the sum of the pairs' similarities, so a merge wins only where it explains more words.
function alignGap(source: readonly Sentence[], copy: readonly Sentence[], gs: number[], gc: number[]): [number[], number[]][] {
  const n = gs.length;
  const m = gc.length;
  const width = m + 1;
  const best = new Float64Array((n + 1) * width);
  const step = new Uint8Array((n + 1) * width); // 1 skip source, 2 skip copy, 3 one:one, 4 two:one, 5 one:two
  const pairScore = (sources: number[], copies: number[]): number => {
    const bagA = sources.length === 1 ? source[sources[0]].bag : mergeBags(source[sources[0]].bag, source[sources[1]].bag);
    const bagB = copies.length === 1 ? copy[copies[0]].bag : mergeBags(copy[copies[0]].bag, copy[copies[1]].bag);
    const score = dice(bagA, bagB, bagSize(bagA), bagSize(bagB));
    if (score < SIMILARITY_THRESHOLD) return -1;
    // Two sentences join one only when each of them lives on in it; otherwise one of them was dropped.
    if (sources.length === 2 && !sources.every((i) => coverage(source[i].bag, bagB) >= MERGE_COVERAGE)) return -1;
    if (copies.length === 2 && !copies.every((j) => coverage(copy[j].bag, bagA) >= MERGE_COVERAGE)) return -1;
    return score;
  };
  for (let i = n; i >= 0; i--) {
    for (let j = m; j >= 0; j--) {
      if (i === n && j === m) continue;
      let value = -Infinity;
      let choice = 0;
      const consider = (score: number, next: number, kind: number) => {
        if (score < 0) return;
        const total = score + best[next];
        if (total > value + 1e-9) {
          value = total;
          choice = kind;
        }
      };
      if (i < n && j < m) consider(pairScore([gs[i]], [gc[j]]), (i + 1) * width + j + 1, 3);
      if (i + 1 < n && j < m) consider(pairScore([gs[i], gs[i + 1]], [gc[j]]) - 0.05, (i + 2) * width + j + 1, 4);
      if (i < n && j + 1 < m) consider(pairScore([gs[i]], [gc[j], gc[j + 1]]) - 0.05, (i + 1) * width + j + 2, 5);
      if (i < n) consider(0, (i + 1) * width + j, 1);
      if (j < m) consider(0, i * width + j + 1, 2);
      best[i * width + j] = value;
      step[i * width + j] = choice;
    }
  }
  const pairs: [number[], number[]][] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    const choice = step[i * width + j];
    if (choice === 1) i++;
    else if (choice === 2) j++;
    else if (choice === 3) pairs.push([[gs[i++]], [gc[j++]]]);
    else if (choice === 4) {
      pairs.push([[gs[i], gs[i + 1]], [gc[j++]]]);
      i += 2;
    } else {
      pairs.push([[gs[i++]], [gc[j], gc[j + 1]]]);
      j += 2;
    }
  }
  return pairs;
}

// Rows in reading order of the copy; an omitted sentence goes where the source had it, after the row of the
// source sentence before it.
function orderRows(rows: AlignedRow[], sourceRow: (AlignedRow | undefined)[]): AlignedRow[] {
  const position = new Map<AlignedRow, number>();
  const copyPosition = (row: AlignedRow): number | undefined =>
    row.kind === 'omitted' ? undefined : row.kind === 'altered' ? row.copy[0] : row.copy;
  for (const row of rows) {
    const at = copyPosition(row);
    if (at !== undefined) position.set(row, at);
  }
  for (const row of rows) {
    if (row.kind !== 'omitted') continue;
    let before = -1;
    for (let i = row.source - 1; i >= 0; i--) {
      const other = sourceRow[i];
      const at = other && copyPosition(other);
      if (at !== undefined && other!.kind !== 'moved') {
        before = at;
        break;
      }
    }
    position.set(row, before + 0.5 + row.source / 1e7);
  }
  return [...rows].sort((x, y) => position.get(x)! - position.get(y)!);
}
