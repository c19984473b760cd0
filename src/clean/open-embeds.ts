// Embedding elements (iframe, object, embed) are never kept, and the sanitiser drops a closed iframe or object
// with everything inside it. Feeds often write them self-closed (`<iframe src="…"/>`, XHTML habits) or leave
// them open; an HTML parser reads both as an element that runs to the end of its parent, so the rest of the
// story would vanish with it. Before sanitising, such opening tags are removed, so what follows them survives.
// Removing text can only ever hand the sanitiser different input, never bypass it: its allow-list runs after.
import { Parser } from 'htmlparser2';

const EMBEDS = new Set(['iframe', 'object', 'embed']);
const MAYBE_EMBED = /<\s*(?:iframe|object|embed)\b/i;

interface OpenTag {
  start: number;
  end: number;
  selfClosed: boolean;
}

/** The HTML without the opening tags of self-closed or never-closed iframes, objects and embeds. */
export function releaseOpenEmbeds(html: string): string {
  if (!MAYBE_EMBED.test(html)) return html;
  const open = new Map<string, OpenTag[]>();
  const doomed: Array<[number, number]> = [];
  const parser = new Parser(
    {
      onopentag(name) {
        if (!EMBEDS.has(name)) return;
        const tag = { start: parser.startIndex, end: parser.endIndex, selfClosed: /\/\s*>$/.test(html.slice(parser.startIndex, parser.endIndex + 1)) };
        const stack = open.get(name) ?? [];
        stack.push(tag);
        open.set(name, stack);
      },
      onclosetag(name, isImplied) {
        if (!EMBEDS.has(name)) return;
        const tag = open.get(name)?.pop();
        if (tag && (isImplied || tag.selfClosed)) doomed.push([tag.start, tag.end]);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  if (!doomed.length) return html;
  doomed.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of doomed) {
    if (start < at) continue;
    out += html.slice(at, start);
    at = end + 1;
  }
  return out + html.slice(at);
}
