import { parseDocument } from 'htmlparser2';
import { isTag, type Element } from 'domhandler';
import { toHtml } from '../../src/extract/dom.js';

/** Parses `html` inside an <article>, runs `pass` on that element, and gives back its inner HTML. */
export function afterPass(html: string, pass: (body: Element) => void): string {
  const body = parseDocument(`<article>${html}</article>`, { lowerCaseTags: true }).children.find(isTag) as Element;
  pass(body);
  return body.children.map((c) => toHtml(c)).join('');
}
