// What changed from one version of an article to the next, word by word (jsdiff's word diff over the headline
// and the visible text, paragraphs kept as line breaks). Markup never reaches the diff: the parts are plain text,
// escaped when the page renders them inside <ins> and <del>.
import { diffWordsWithSpace } from 'diff';
import { htmlToText } from '../clean/sanitize.js';

export interface DiffPart {
  value: string;
  added?: true;
  removed?: true;
}

export interface VersionTextInput {
  headline: string;
  bodyHtml: string;
}

/** The headline, a blank line, then the paragraphs of the text, one per line. */
export function versionText(version: VersionTextInput): string {
  const body = htmlToText(version.bodyHtml)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
  return `${version.headline.trim()}\n\n${body}`;
}

/** The word diff from `before` to `after`; with no version before, the whole text is new. */
export function versionDiff(before: VersionTextInput | null, after: VersionTextInput): DiffPart[] {
  const to = versionText(after);
  if (!before) return [{ value: to, added: true }];
  return diffWordsWithSpace(versionText(before), to).map((part) =>
    part.added ? { value: part.value, added: true } : part.removed ? { value: part.value, removed: true } : { value: part.value },
  );
}

export function countChanges(parts: readonly DiffPart[]): { added: number; removed: number } {
  const words = (text: string) => (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
  return {
    added: parts.filter((p) => p.added).reduce((n, p) => n + words(p.value), 0),
    removed: parts.filter((p) => p.removed).reduce((n, p) => n + words(p.value), 0),
  };
}
