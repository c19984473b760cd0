// The one escape of Convey's markup, for HTML and XML alike: text nodes and quoted attribute values.
// `&#39;` is read the same by HTML and XML parsers, so one table serves both. Characters XML 1.0 forbids
// (C0 controls but tab, LF and CR; U+FFFE/U+FFFF) are dropped: one stray byte from a source must not make
// a whole feed unreadable, and HTML has no use for them either.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const ESCAPE_ALL = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text for a text node or a quoted attribute value. Fast path: most strings need nothing. */
export function escapeHtml(text: string | null | undefined): string {
  if (!text) return '';
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPE_ALL, (c) => ESCAPES[c] ?? '') : text;
}
