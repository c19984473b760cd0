// From the input (HTML or plain text) to paragraphs of plain text. HTML is read with htmlparser2: every block
// element closes a paragraph, `<blockquote>` marks its paragraphs as block quotes, scripts and styles are
// skipped. Plain text has blank lines between paragraphs; a line starting with `>` is a block quote.
import { Parser } from 'htmlparser2';

export interface Paragraph {
  text: string;
  /** Inside `<blockquote>` (or `>` lines): the whole paragraph is a quotation. */
  blockQuote: boolean;
}

const BLOCKS = new Set([
  'p', 'div', 'section', 'article', 'header', 'footer', 'aside', 'main', 'nav', 'blockquote', 'li', 'ul', 'ol', 'dl',
  'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'figure', 'figcaption', 'table', 'tr', 'td', 'th',
  'caption', 'hr', 'address', 'details', 'summary',
]);
const SKIPPED = new Set(['script', 'style', 'template', 'noscript', 'svg', 'head', 'title']);

/** True when the input is markup rather than plain text. */
export function looksLikeHtml(input: string): boolean {
  return /<(?:!doctype|html|body|p|div|br|h[1-6]|blockquote|li|article|section|span|a|em|strong)\b[^>]*>/i.test(input);
}

export function htmlParagraphs(input: string): Paragraph[] {
  const out: Paragraph[] = [];
  let text = '';
  let quoteDepth = 0;
  let skipDepth = 0;
  const flush = () => {
    if (text.trim()) out.push({ text: text.trim(), blockQuote: quoteDepth > 0 });
    text = '';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) skipDepth++;
        else if (name === 'br') text += '\n';
        else if (BLOCKS.has(name)) {
          flush();
          if (name === 'blockquote') quoteDepth++;
        }
      },
      ontext(chunk) {
        if (skipDepth === 0) text += chunk;
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        else if (BLOCKS.has(name)) {
          flush();
          if (name === 'blockquote') quoteDepth = Math.max(0, quoteDepth - 1);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(input);
  parser.end();
  flush();
  // A `<br>` inside a paragraph separates lines the way a newline does in plain text.
  return out.flatMap((p) => splitLines(p.text).map((line) => ({ text: line, blockQuote: p.blockQuote })));
}

// Lines of one block are one paragraph, unless a line stands alone as a credit or disclaimer: callers filter
// lines, so the block is kept as lines here and joined by `paragraphsOf`.
function splitLines(text: string): string[] {
  const lines = text.split(/\n/).map((l) => l.trim()).filter(Boolean);
  return lines.length ? [lines.join('\n')] : [];
}

export function plainParagraphs(input: string): Paragraph[] {
  return input
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u00A0]*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => {
      const lines = block.split('\n');
      const blockQuote = lines.every((l) => /^\s*>/.test(l));
      return { text: blockQuote ? lines.map((l) => l.replace(/^\s*>\s?/, '')).join('\n') : block, blockQuote };
    });
}

/** Paragraphs of either kind of input; lines inside a paragraph are kept (separated by `\n`). */
export function paragraphsOf(input: string): Paragraph[] {
  return looksLikeHtml(input) ? htmlParagraphs(input) : plainParagraphs(input);
}
