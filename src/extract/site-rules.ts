// Per-source extraction rules as data: `drop` selectors are removed first; `body` selectors, when given,
// make the body (matches in document order) and the general algorithm is skipped.
import { selectAll } from 'css-select';
import type { Document, Element } from 'domhandler';
import type { ExtractRules } from '../model/types.js';
import { createElement, isAncestor, removeNodes } from './dom.js';

export class InvalidRuleError extends Error {
  constructor(readonly selector: string, reason: string) {
    super(`invalid extraction rule selector "${selector}": ${reason}`);
    this.name = 'InvalidRuleError';
  }
}

/** Problems with the selectors of a rule set, one message each; empty when all parse. */
export function validateExtractRules(rules: ExtractRules): string[] {
  const problems: string[] = [];
  for (const selector of [...(rules.body ?? []), ...(rules.drop ?? [])]) {
    try {
      compileCheck(selector);
    } catch (error) {
      problems.push(error instanceof InvalidRuleError ? error.message : String(error));
    }
  }
  return problems;
}

function compileCheck(selector: string): void {
  if (typeof selector !== 'string' || !selector.trim()) throw new InvalidRuleError(String(selector), 'empty selector');
  try {
    selectAll(selector, []);
  } catch (error) {
    throw new InvalidRuleError(selector, error instanceof Error ? error.message : String(error));
  }
}

function select(selector: string, doc: Document): Element[] {
  compileCheck(selector);
  return selectAll(selector, doc) as unknown as Element[];
}

/** Removes everything the `drop` selectors match. Throws InvalidRuleError on a bad selector. */
export function applyDropRules(doc: Document, rules: ExtractRules | null | undefined): void {
  if (!rules?.drop?.length) return;
  const doomed: Element[] = [];
  for (const selector of rules.drop) doomed.push(...select(selector, doc));
  removeNodes(doomed);
}

/** The body made of the `body` selectors' matches, or null when the rules name no body or nothing matched. */
export function bodyFromRules(doc: Document, rules: ExtractRules | null | undefined): Element | null {
  if (!rules?.body?.length) return null;
  const matches = new Set<Element>();
  for (const selector of rules.body) for (const el of select(selector, doc)) matches.add(el);
  if (!matches.size) return null;
  // Keep document order and drop matches nested in another match.
  const order = new Map<Element, number>();
  let index = 0;
  const stack: Element[] = [];
  for (let i = doc.children.length - 1; i >= 0; i--) if (doc.children[i].type === 'tag' || doc.children[i].type === 'script' || doc.children[i].type === 'style') stack.push(doc.children[i] as Element);
  while (stack.length) {
    const el = stack.pop()!;
    order.set(el, index++);
    for (let i = el.children.length - 1; i >= 0; i--) {
      const child = el.children[i];
      if (child.type === 'tag' || child.type === 'script' || child.type === 'style') stack.push(child as Element);
    }
  }
  const list = [...matches]
    .filter((el) => ![...matches].some((other) => other !== el && isAncestor(other, el)))
    .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  return createElement('div', list);
}
