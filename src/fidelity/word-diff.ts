// The words that changed inside an altered sentence (jsdiff's word diff), on text whose quote marks are
// folded so that typography does not show as a change.
import { diffWords } from 'diff';
import { foldQuotes } from './normalise.js';

export interface WordPart {
  value: string;
  added?: true;
  removed?: true;
}

/** One run of changed words: what the source said there and what the copy says ("" for none). */
export interface Hunk {
  removed: string;
  added: string;
  /** The unchanged word just before the hunk, for naming an inserted "not" ("is → is not"). */
  before: string;
}

export function wordDiff(from: string, to: string): WordPart[] {
  return diffWords(foldQuotes(from), foldQuotes(to)).map((part) =>
    part.added ? { value: part.value, added: true } : part.removed ? { value: part.value, removed: true } : { value: part.value },
  );
}

export function hunksOf(parts: readonly WordPart[]): Hunk[] {
  const hunks: Hunk[] = [];
  let current: Hunk | null = null;
  let lastSame = '';
  for (const part of parts) {
    if (!part.added && !part.removed) {
      if (current) hunks.push(current);
      current = null;
      lastSame = part.value;
      continue;
    }
    current ??= { removed: '', added: '', before: lastWord(lastSame) };
    if (part.added) current.added += part.value;
    else current.removed += part.value;
  }
  if (current) hunks.push(current);
  return hunks.map((h) => ({ removed: h.removed.trim(), added: h.added.trim(), before: h.before }));
}

function lastWord(text: string): string {
  return /([\p{L}\p{N}'’]+)\s*$/u.exec(text)?.[1] ?? '';
}

/** "said → claimed", "− in Cairo", "+ not". */
export function describeHunk(hunk: Hunk): string {
  if (hunk.removed && hunk.added) return `${hunk.removed} → ${hunk.added}`;
  return hunk.removed ? `− ${hunk.removed}` : `+ ${hunk.added}`;
}
