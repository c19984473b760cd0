// XML elements for the site's feeds and sitemaps. Text goes through the one escape (clean/escape.ts), which
// also drops the characters XML 1.0 forbids.
import { escapeHtml } from '../clean/escape.js';

/** An element with escaped text, or nothing when the text is empty. */
export function element(name: string, text: string | null | undefined, attributes = ''): string {
  if (text === null || text === undefined || text === '') return '';
  return `<${name}${attributes}>${escapeHtml(text)}</${name}>`;
}
