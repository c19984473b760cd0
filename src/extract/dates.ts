// Date normalisation: whatever a page writes (ISO 8601, RFC 2822, "March 5, 2024 10:30 AM EST", "5 March 2024")
// becomes ISO 8601 with an explicit offset. A date without a time zone is taken as UTC, and said so with "+00:00".

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
};

const ZONES: Record<string, number> = {
  utc: 0, gmt: 0, z: 0, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  bst: 60, cet: 60, cest: 120, eet: 120, eest: 180, msk: 180, ist: 330, jst: 540, kst: 540, aest: 600, aedt: 660,
};

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** Normalises a machine or human date to ISO 8601 with offset; null when it is not a plausible date. */
export function normalizeDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = value.trim();
  if (!text || text.length > 80) return null;

  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = iso;
    return build(+y, +mo, +d, +h, +mi, +s, zone ? parseOffset(zone) : 0);
  }
  if (/^\d{10}(\d{3})?$/.test(text)) {
    const ms = text.length === 13 ? Number(text) : Number(text) * 1000;
    return plausible(new Date(ms)) ? new Date(ms).toISOString().replace('.000Z', '+00:00') : null;
  }
  return parseHumanDate(text);
}

/** Finds the first human-written date in a line of visible text ("Published March 5, 2024"). */
export function findDateInText(text: string): string | null {
  const monthNames = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
  const time = '(?:,?\\s*(?:at\\s*)?\\d{1,2}[:.]\\d{2}(?::\\d{2})?\\s*(?:[ap]\\.?m\\.?)?(?:\\s*[A-Z]{2,4}\\b)?)?';
  const patterns = [
    new RegExp(`\\b(?:${monthNames})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}${time}`, 'i'),
    new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${monthNames})\\.?,?\\s+\\d{4}${time}`, 'i'),
    /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?\b/,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match) {
      const date = normalizeDate(match[0]);
      if (date) return date;
    }
  }
  return null;
}

function parseHumanDate(text: string): string | null {
  const lower = text.toLowerCase().replace(/(\d)(st|nd|rd|th)\b/g, '$1').replace(/\bat\b/g, ' ');
  let year = 0, month = 0, day = 0;
  let m = /\b([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b/.exec(lower);
  if (m && MONTHS[m[1]]) {
    [month, day, year] = [MONTHS[m[1]], +m[2], +m[3]];
  } else if ((m = /\b(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})\b/.exec(lower)) && MONTHS[m[2]]) {
    [day, month, year] = [+m[1], MONTHS[m[2]], +m[3]];
  } else if ((m = /\b(\d{4})\/(\d{1,2})\/(\d{1,2})\b/.exec(lower))) {
    [year, month, day] = [+m[1], +m[2], +m[3]];
  } else {
    // RFC 2822 and other forms the platform understands; the offset is kept as UTC.
    const ms = Date.parse(text);
    if (!Number.isFinite(ms) || !/\d{4}/.test(text)) return null;
    const date = new Date(ms);
    return plausible(date) ? date.toISOString().replace(/\.\d{3}Z$/, '+00:00') : null;
  }
  const rest = lower.slice((m.index ?? 0) + m[0].length);
  let hour = 0, minute = 0, second = 0, offset = 0;
  const t = /(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*([ap])?\.?m?\.?\s*([a-z]{1,4}|[+-]\d{2}:?\d{2})?/.exec(rest);
  if (t) {
    hour = +t[1];
    minute = +t[2];
    second = t[3] ? +t[3] : 0;
    if (t[4] === 'p' && hour < 12) hour += 12;
    if (t[4] === 'a' && hour === 12) hour = 0;
    if (t[5]) offset = /^[+-]/.test(t[5]) ? parseOffset(t[5]) : ZONES[t[5]] ?? 0;
  }
  return build(year, month, day, hour, minute, second, offset);
}

function parseOffset(zone: string): number {
  if (/^z$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return 0;
  const minutes = +m[2] * 60 + (m[3] ? +m[3] : 0);
  return m[1] === '-' ? -minutes : minutes;
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, offsetMinutes: number): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60 || y < 1990 || y > 2100) return null;
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCDate() !== d) return null;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(Math.min(s, 59))}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function plausible(date: Date): boolean {
  const y = date.getUTCFullYear();
  return Number.isFinite(date.getTime()) && y >= 1990 && y <= 2100;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
