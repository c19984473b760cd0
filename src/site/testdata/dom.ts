// Parses rendered HTML for assertions by selector, the way a browser would see the document.
import { parseDocument } from 'htmlparser2';
import { selectAll, selectOne } from 'css-select';
import { textContent, getAttributeValue } from 'domutils';
import type { Element, Document } from 'domhandler';

export interface Dom {
  doc: Document;
  all(selector: string): Element[];
  one(selector: string): Element;
  text(selector: string): string;
  attr(selector: string, name: string): string | undefined;
}

export function parseHtml(source: string): Dom {
  const doc = parseDocument(source);
  const one = (selector: string): Element => {
    const found = selectOne(selector, doc) as Element | null;
    if (!found) throw new Error(`no element matches ${selector}`);
    return found;
  };
  return {
    doc,
    all: (selector) => selectAll(selector, doc) as unknown as Element[],
    one,
    text: (selector) => textContent(one(selector)).replace(/\s+/g, ' ').trim(),
    attr: (selector, name) => getAttributeValue(one(selector), name),
  };
}

export { textContent, getAttributeValue };
