// How many elements each extraction selector matches on a page, in the order extraction applies them (removals
// first, then the body selectors on what is left): what an editor needs to see a selector that matches nothing.
import { selectAll } from 'css-select';
import type { Element } from 'domhandler';
import type { ExtractRules } from '../model/types.js';
import { decodeHtmlBytes } from './decode-html.js';
import { Deadline } from './deadline.js';
import { parseHtml, removeNodes } from './dom.js';

export interface RuleMatch {
  kind: 'body' | 'drop';
  selector: string;
  matches: number;
}

/** Counts each rule's matches; the selectors must have passed validateExtractRules. */
export function countRuleMatches(input: Uint8Array | string, contentType: string | null, rules: ExtractRules, budgetMs = 2000): RuleMatch[] {
  const html = typeof input === 'string' ? input : decodeHtmlBytes(input, contentType).text;
  const doc = parseHtml(html, new Deadline(budgetMs));
  const counts: RuleMatch[] = [];
  const doomed: Element[] = [];
  for (const selector of rules.drop ?? []) {
    const found = selectAll(selector, doc) as unknown as Element[];
    counts.push({ kind: 'drop', selector, matches: found.length });
    doomed.push(...found);
  }
  removeNodes(doomed);
  for (const selector of rules.body ?? []) counts.push({ kind: 'body', selector, matches: selectAll(selector, doc).length });
  return counts;
}
