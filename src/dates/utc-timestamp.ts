// The one form in which Convey stores a moment: UTC ISO 8601 with milliseconds and `Z`, as
// `Date#toISOString()` writes it. Text in that form sorts as time on SQLite and PostgreSQL alike, so the store
// can compare and order timestamps as text; a second form (an offset, no milliseconds) would break that.

/** A moment in the stored form. Throws on something that is not a moment: a caller bug, not data to keep. */
export function toUtcTimestamp(value: Date | string): string {
  const converted = convertTimestamp(value);
  if (converted === null) throw new RangeError(`not a timestamp: ${String(value)}`);
  return converted;
}

/** Like toUtcTimestamp, with null passing through. */
export function toUtcTimestampOrNull(value: Date | string | null): string | null {
  return value === null ? null : toUtcTimestamp(value);
}

/**
 * An ISO 8601 timestamp (any offset, any precision) in the stored form, or null when it is not one. Only the
 * forms Convey has ever written are accepted (ISO 8601 with a time and an offset or `Z`, or a bare date);
 * a loose text is for the parser (parse-date.ts), not for the store.
 */
export function convertTimestamp(value: Date | string): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))?$/i.test(text)) return null;
  // Date reads "+0500" only with a colon; a bare date as UTC midnight, which is what the readers meant by it.
  const ms = Date.parse(text.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
