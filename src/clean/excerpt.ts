// The one way Convey shortens a text: stored excerpts, page descriptions, share texts.

/**
 * At most `max` characters (code points, the "…" included) of a plain text, whitespace folded, cut at a
 * word boundary when one is near the end, without trailing punctuation, with "…" when cut.
 */
export function excerptOf(text: string, max: number): string {
  // Only the start is read: a long body costs no more than a short one.
  const head = text.slice(0, max * 4 + 8);
  const more = head.length < text.length;
  const chars = Array.from(head.replace(/\s+/g, ' ').trim());
  if (chars.length <= max && !more) return chars.join('');
  const cut = chars.slice(0, Math.max(1, max - 1)).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 && chars.length >= max ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}
