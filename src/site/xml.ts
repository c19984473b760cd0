// Escaping for XML text and attribute values. Characters XML 1.0 forbids (C0 controls but tab, LF and CR;
// U+FFFE/U+FFFF) are dropped: one stray byte from a source must not make a whole feed unreadable.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const FORBIDDEN_ALL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const SPECIAL = /[&<>"']/;
const SPECIAL_ALL = /[&<>"']/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string | null | undefined): string {
  if (!text) return '';
  let out = FORBIDDEN.test(text) ? text.replace(FORBIDDEN_ALL, '') : text;
  if (SPECIAL.test(out)) out = out.replace(SPECIAL_ALL, (c) => ENTITY[c]);
  return out;
}

/** An element with escaped text, or nothing when the text is empty. */
export function element(name: string, text: string | null | undefined, attributes = ''): string {
  if (text === null || text === undefined || text === '') return '';
  return `<${name}${attributes}>${escapeXml(text)}</${name}>`;
}
