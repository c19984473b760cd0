// The text as it is compared: paragraphs normalised, the dateline dropped, and the lines the republishing site
// adds itself (its attribution, its disclaimer, credit lines) removed, so that only the story remains.
import { comparisonKey, normaliseText, stripDateline } from './normalise.js';
import { paragraphsOf, type Paragraph } from './paragraphs.js';

export interface PrepareOptions {
  /** Lines the site adds itself (attribution, disclaimer): a line equal to one, or starting with one, is dropped. */
  ignoreLines?: readonly string[];
  /** Drop short credit lines: "By …", "Published by …", "Republished by …", "Originally published by/in/on …". */
  ignoreCreditLines?: boolean;
}

const CREDIT_LINE = /^(?:by|published by|republished by|originally published (?:by|in|on|at))\s+\S/i;
const MAX_CREDIT_WORDS = 10;

function isCreditLine(line: string): boolean {
  return CREDIT_LINE.test(line) && line.split(' ').length <= MAX_CREDIT_WORDS && !/[?!]$/.test(line);
}

export function prepareParagraphs(input: string, options: PrepareOptions = {}): Paragraph[] {
  const ignored = (options.ignoreLines ?? []).map(comparisonKey).filter((key) => key.length > 0);
  const keep = (line: string): boolean => {
    if (options.ignoreCreditLines && isCreditLine(line)) return false;
    if (ignored.length === 0) return true;
    const key = comparisonKey(line);
    return !ignored.some((entry) => key === entry || key.startsWith(entry));
  };
  const out: Paragraph[] = [];
  for (const paragraph of paragraphsOf(input)) {
    const lines = paragraph.text.split('\n').map(normaliseText).filter((line) => line && keep(line));
    const text = stripDateline(lines.join(' '));
    if (text) out.push({ text, blockQuote: paragraph.blockQuote });
  }
  return out;
}
