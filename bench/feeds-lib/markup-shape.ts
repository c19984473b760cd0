// The shape of a fragment of HTML, for comparing two fragments on what a reader gets rather than on how they
// are written: the elements and their nesting, each link with its href, each image with its src, and the text
// with its whitespace folded. Attribute order, quoting, entity spelling, self-closing syntax, whitespace
// between blocks and presentational attributes do not count.
import { Parser } from 'htmlparser2';

const VOID = new Set(['br', 'hr', 'img', 'wbr', 'area', 'base', 'col', 'embed', 'input', 'link', 'meta', 'source', 'track', 'param']);
const BLOCK = new Set([
  'p', 'div', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'table', 'caption',
  'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'figure', 'figcaption', 'section', 'article', 'header', 'footer', 'br', 'hr',
]);

type Token = { kind: 'text'; text: string } | { kind: 'tag'; name: string; markup: string };

export function markupShape(html: string): string {
  const tokens: Token[] = [];
  let text = '';
  const flush = (): void => {
    if (text) tokens.push({ kind: 'text', text: text.replace(/\s+/g, ' ') });
    text = '';
  };
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        flush();
        let markup = `<${name}`;
        if (name === 'a') markup += ` href="${attribs.href ?? ''}"`;
        if (name === 'img') markup += ` src="${attribs.src ?? ''}"`;
        tokens.push({ kind: 'tag', name, markup: `${markup}>` });
      },
      onclosetag(name) {
        flush();
        if (!VOID.has(name)) tokens.push({ kind: 'tag', name, markup: `</${name}>` });
      },
      ontext(data) {
        text += data;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  flush();
  // Whitespace next to a block boundary (or at either end) is layout, not text.
  const atBoundary = (token: Token | undefined): boolean => !token || (token.kind === 'tag' && BLOCK.has(token.name));
  const out: string[] = [];
  tokens.forEach((token, i) => {
    if (token.kind === 'tag') {
      out.push(token.markup);
      return;
    }
    let value = token.text;
    if (atBoundary(tokens[i - 1])) value = value.trimStart();
    if (atBoundary(tokens[i + 1])) value = value.trimEnd();
    if (value) out.push(value);
  });
  return out.join('');
}
