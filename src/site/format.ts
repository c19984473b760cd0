// Small formatting helpers shared by the views and the feeds: dates for readers and machines, site URLs,
// and a cheap plain-text excerpt of an HTML body (a single scan of its first few kilobytes, no regex over it).
import { excerptOf } from '../clean/excerpt.js';

interface SiteDateFormat {
  date: Intl.DateTimeFormat;
  /** Gives the zone's short name at a moment ("CET", "EDT": it changes with summer time). */
  zone: Intl.DateTimeFormat;
}
const formatters = new Map<string, SiteDateFormat>();

/** The site's date format for one language and time zone (an unknown language tag falls back to English). */
function formatterFor(language: string, timeZone: string): SiteDateFormat {
  const key = `${language}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    let locale = language;
    try {
      new Intl.DateTimeFormat(locale);
    } catch {
      locale = 'en';
    }
    formatter = {
      date: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone }),
      zone: new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }),
    };
    formatters.set(key, formatter);
  }
  return formatter;
}

function zoneName(formatter: SiteDateFormat, timeZone: string, date: Date): string {
  if (timeZone === 'UTC') return 'UTC';
  return formatter.zone.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

// Formatting a date through Intl costs about 2 µs and a page shows several; the same dates come back on every
// request, so results are kept (bounded: the map is emptied when full rather than growing without end).
const formatted = new Map<string, string>();
const FORMATTED_LIMIT = 10_000;

/**
 * "October 24, 2022 at 2:05 PM UTC": one format per site language, always naming the site's time zone;
 * the input as is when it is not a date.
 */
export function formatDate(iso: string, language = 'en', timeZone = 'UTC'): string {
  const key = `${language}|${timeZone}|${iso}`;
  const known = formatted.get(key);
  if (known !== undefined) return known;
  const date = parse(iso);
  let text = iso;
  if (date) {
    const formatter = formatterFor(language, timeZone);
    text = `${formatter.date.format(date)} ${zoneName(formatter, timeZone, date)}`;
  }
  if (formatted.size >= FORMATTED_LIMIT) formatted.clear();
  formatted.set(key, text);
  return text;
}

/** ISO 8601 in UTC, or null when the input is not a date. */
export function isoDate(iso: string | null | undefined): string | null {
  return parse(iso)?.toISOString() ?? null;
}

/** RFC 822 date for RSS, or null when the input is not a date. */
export function rfc822Date(iso: string | null | undefined): string | null {
  return parse(iso)?.toUTCString() ?? null;
}

/** Milliseconds since the epoch, or NaN. */
export function timeOf(iso: string | null | undefined): number {
  return parse(iso)?.getTime() ?? Number.NaN;
}

/** An absolute URL on this site from a path ('/articles/x'); absolute URLs pass through. */
export function siteUrl(base: string, path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  const root = base.endsWith('/') ? base.slice(0, -1) : base;
  return root + (path.startsWith('/') ? path : `/${path}`);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'", '#039': "'" };

/**
 * At most `max` characters of the text of an HTML fragment, cut at a word boundary, with "…" when cut.
 * Reads only as much of the fragment as it needs, so a long body costs no more than a short one.
 */
export function textExcerpt(fragment: string, max = 200): string {
  const out: string[] = [];
  let length = 0;
  let inTag = false;
  let space = false;
  const limit = Math.min(fragment.length, max * 8 + 2000);
  for (let i = 0; i < limit && length <= max; i++) {
    const c = fragment[i];
    if (inTag) {
      if (c === '>') inTag = false;
      continue;
    }
    if (c === '<') {
      inTag = true;
      space = length > 0;
      continue;
    }
    let ch = c;
    if (c === '&') {
      const end = fragment.indexOf(';', i);
      if (end !== -1 && end - i <= 8) {
        const name = fragment.slice(i + 1, end);
        let decoded = ENTITIES[name];
        if (decoded === undefined && name[0] === '#') {
          const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
          if (Number.isFinite(code) && code > 0 && code <= 0x10ffff) decoded = String.fromCodePoint(code);
        }
        if (decoded !== undefined) {
          ch = decoded;
          i = end;
        }
      }
    }
    if (ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\u00a0') {
      space = length > 0;
      continue;
    }
    if (space) {
      out.push(' ');
      length++;
      space = false;
    }
    out.push(ch);
    length += ch.length;
  }
  // The scan stops one character past `max`, so a longer text is seen to be longer and is cut.
  return excerptOf(out.join(''), max);
}
