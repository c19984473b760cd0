// Numbers and negations are the changes that turn a sentence into its opposite, so an altered sentence names
// them: "12 → 19", "is → is not".
import type { Hunk } from './word-diff.js';

const NUMBER = /\p{N}+(?:[.,]\p{N}+)*(?:\s?%)?/gu;
// Whole words that negate, in the languages of the fixtures and their neighbours; "n't" is matched as a suffix.
const NEGATIONS = new Set([
  'not', 'no', 'never', 'none', 'nobody', 'nothing', 'neither', 'nor', 'without', 'cannot',
  'nicht', 'kein', 'keine', 'keinen', 'keinem', 'keiner', 'nie', 'niemals',
  'ne', 'pas', 'jamais', 'aucun', 'aucune', 'non', 'sans',
  'не', 'нет', 'ни', 'никогда', 'без',
  'لا', 'لم', 'لن', 'ليس', 'ليست', 'غير', 'ما',
]);

export function numbersIn(text: string): string[] {
  return text.match(NUMBER) ?? [];
}

function negationsIn(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}']+/gu) ?? []).filter((w) => NEGATIONS.has(w) || /n't$/.test(w));
}

/** "12 → 19" for each number the copy changed, in order; a number only removed or only added reads "12 → ∅". */
export function numberChanges(from: string, to: string): string[] {
  const a = numbersIn(from);
  const b = numbersIn(to);
  const left = [...a];
  const right = [...b];
  // Numbers present on both sides are not changes, wherever they stand.
  for (let k = left.length - 1; k >= 0; k--) {
    const at = right.indexOf(left[k]);
    if (at !== -1) {
      right.splice(at, 1);
      left.splice(k, 1);
    }
  }
  const out: string[] = [];
  for (let k = 0; k < Math.max(left.length, right.length); k++) out.push(`${left[k] ?? '∅'} → ${right[k] ?? '∅'}`);
  return out;
}

/** "is → is not" for each hunk that adds or removes a negation (the negation alone, after the word before it). */
export function negationChanges(hunks: readonly Hunk[]): string[] {
  const out: string[] = [];
  for (const hunk of hunks) {
    const removed = negationsIn(hunk.removed);
    const added = negationsIn(hunk.added);
    if (removed.length === added.length) continue;
    const from = [hunk.before, ...removed].filter(Boolean).join(' ');
    const to = [hunk.before, ...added].filter(Boolean).join(' ');
    out.push(`${from || '∅'} → ${to || '∅'}`);
  }
  return out;
}

/** The hunk without its negation words, to tell whether anything else changed in it. */
export function withoutNegations(hunk: Hunk): Hunk {
  const strip = (text: string) =>
    text
      .split(/\s+/)
      .filter((w) => !(NEGATIONS.has(w.toLowerCase()) || /n't$/i.test(w)))
      .join(' ');
  return { removed: strip(hunk.removed), added: strip(hunk.added), before: hunk.before };
}
