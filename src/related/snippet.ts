// The snippet of a search result: the stretch of text around the first match, escaped, each matching word in
// <mark>. Words match as the engines match them: whole words, the last search word also as the start of a
// word, case and diacritics aside.
import { escapeHtml } from '../clean/escape.js';

const WORD = /[\p{L}\p{N}]+/gu;

/** A word as compared: lower case, compatibility forms and diacritics folded. */
export function foldWord(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

function matcher(terms: string[]): (word: string) => boolean {
  const whole = new Set(terms.map(foldWord));
  const prefix = terms.length ? foldWord(terms[terms.length - 1]) : '';
  return (word) => {
    const folded = foldWord(word);
    return whole.has(folded) || (prefix !== '' && folded.startsWith(prefix));
  };
}

/**
 * HTML for the snippet: at most about `maxChars` characters of `text` around the first match (the start of
 * the text when nothing matches), cut at word boundaries, with … where text was left out.
 */
export function highlightSnippet(text: string, terms: string[], maxChars = 240): string {
  const isMatch = matcher(terms);
  const words = [...text.matchAll(WORD)];
  const first = words.find((w) => isMatch(w[0]));
  let start = 0;
  if (first && first.index! > maxChars / 3) {
    // Some context before the match, starting on a word.
    const from = first.index! - Math.floor(maxChars / 3);
    start = words.find((w) => w.index! >= from)?.index ?? first.index!;
  }
  let end = Math.min(text.length, start + maxChars);
  if (end < text.length) {
    const cut = words.filter((w) => w.index! + w[0].length <= end).pop();
    if (cut && cut.index! > start) end = cut.index! + cut[0].length;
  }
  let out = start > 0 ? '… ' : '';
  let at = start;
  for (const w of words) {
    const from = w.index!;
    const to = from + w[0].length;
    if (to <= start) continue;
    if (from >= end) break;
    if (!isMatch(w[0])) continue;
    out += escapeHtml(text.slice(at, from)) + '<mark>' + escapeHtml(w[0]) + '</mark>';
    at = to;
  }
  out += escapeHtml(text.slice(at, end)).replace(/\s+$/u, '');
  if (end < text.length) out += ' …';
  return out.replace(/\s+/gu, ' ');
}
