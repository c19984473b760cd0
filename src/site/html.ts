// A tiny tagged template for HTML: every interpolated value is escaped unless it is already `SafeHtml`
// (made by `html` itself or by `raw`), so the safe path is the short one. Arrays are rendered item by item
// and joined; null, undefined and false render nothing. No runtime compilation, no regexes over the output.
import { escapeHtml } from '../clean/escape.js';

/** HTML that is known to be safe to insert as is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

/** Marks a string as already-safe HTML (sanitised article bodies, pre-rendered comments, trusted markup). */
export function raw(value: string): SafeHtml {
  return new SafeHtml(value);
}


function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof SafeHtml) return value.value;
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number') return String(value);
  let out = '';
  for (const item of value) out += render(item);
  return out;
}

/** `html\`<p>${text}</p>\`` → SafeHtml with `text` escaped. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Joins rendered items with a separator (the separator is trusted markup). */
export function join(items: readonly HtmlValue[], separator = ''): SafeHtml {
  const parts: string[] = [];
  for (const item of items) parts.push(render(item));
  return new SafeHtml(parts.join(separator));
}

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

/**
 * A URL that is safe in `href`/`src`: http(s), mailto, or a path on this site; anything else (javascript:,
 * data:, vbscript:, a scheme hidden behind control characters) becomes "#". Escaping alone does not stop
 * `javascript:` links, so every URL that comes from data passes here.
 */
export function safeUrl(value: string | null | undefined): string {
  if (!value) return '#';
  const url = value.trim();
  if (url === '') return '#';
  const first = url[0];
  if (first === '#' || first === '?') return url;
  // "/\evil.example" is read by browsers as a protocol-relative URL: only plain paths count as local.
  if (first === '/') return url[1] === '\\' ? '#' : url;
  const colon = url.indexOf(':');
  if (colon === -1) return url; // a relative path: no scheme at all
  const slash = url.search(/[/?#]/);
  if (slash !== -1 && slash < colon) return url; // "a/b:c" is a relative path whose segment holds a colon.
  return SAFE_SCHEMES.has(url.slice(0, colon).toLowerCase()) ? url : '#';
}
