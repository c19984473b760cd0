// Time-zone names as feeds and pages write them, and what each one means.
//
// A zone abbreviation is read against the IANA zone it belongs to, through luxon's copy of the platform's zone
// database, so that offsets follow the zone's history (Moscow was UTC+4 all year from 2011 to 2014):
// - a generic name (ET, CT, MT, PT, AKT, AET, UK) is the zone's wall-clock time, daylight saving included;
// - a standard-time name (EST, CST, CET, AEST…) is the zone's standard offset that year, whatever the season,
//   and a daylight name (EDT, CEST, BST, AEDT…) its daylight offset: RFC 822 defines EST as -0500 all year, and
//   feeds that write "EST" in July mean it that way;
// - a numeric offset or an RFC 822 military letter is a fixed offset.
// An abbreviation that is not in this table is unknown: the parser treats the date as unreadable rather than
// guess UTC (a wrong time is worse than no time: the caller falls back to another date it has).
import { IANAZone } from 'luxon';

export type ZoneSpec =
  | { kind: 'offset'; minutes: number }
  | { kind: 'named'; iana: string; variant: 'wall' | 'standard' | 'daylight' };

const wall = (iana: string): ZoneSpec => ({ kind: 'named', iana, variant: 'wall' });
const standard = (iana: string): ZoneSpec => ({ kind: 'named', iana, variant: 'standard' });
const daylight = (iana: string): ZoneSpec => ({ kind: 'named', iana, variant: 'daylight' });
const fixed = (minutes: number): ZoneSpec => ({ kind: 'offset', minutes });

/** Lower-case abbreviation → meaning. Null prototype: "constructor" must not find Object.prototype. */
const NAMES: Record<string, ZoneSpec> = Object.assign(Object.create(null) as Record<string, ZoneSpec>, {
  // Universal time.
  z: fixed(0), ut: fixed(0), utc: fixed(0), gmt: fixed(0),
  // North America (CST is US Central, as in RFC 822, not China).
  et: wall('America/New_York'), est: standard('America/New_York'), edt: daylight('America/New_York'),
  ct: wall('America/Chicago'), cst: standard('America/Chicago'), cdt: daylight('America/Chicago'),
  mt: wall('America/Denver'), mst: standard('America/Denver'), mdt: daylight('America/Denver'),
  pt: wall('America/Los_Angeles'), pst: standard('America/Los_Angeles'), pdt: daylight('America/Los_Angeles'),
  akt: wall('America/Anchorage'), akst: standard('America/Anchorage'), akdt: daylight('America/Anchorage'),
  hst: standard('Pacific/Honolulu'), hast: standard('Pacific/Honolulu'),
  ast: standard('America/Halifax'), adt: daylight('America/Halifax'),
  nt: wall('America/St_Johns'), nst: standard('America/St_Johns'), ndt: daylight('America/St_Johns'),
  // Europe.
  uk: wall('Europe/London'), bst: daylight('Europe/London'),
  wet: standard('Europe/Lisbon'), west: daylight('Europe/Lisbon'),
  cet: standard('Europe/Paris'), cest: daylight('Europe/Paris'), met: standard('Europe/Paris'), mest: daylight('Europe/Paris'),
  eet: standard('Europe/Athens'), eest: daylight('Europe/Athens'),
  msk: standard('Europe/Moscow'),
  // Asia and the Pacific.
  ist: standard('Asia/Kolkata'), hkt: standard('Asia/Hong_Kong'), sgt: standard('Asia/Singapore'),
  jst: standard('Asia/Tokyo'), kst: standard('Asia/Seoul'),
  awst: standard('Australia/Perth'),
  acst: standard('Australia/Adelaide'), acdt: daylight('Australia/Adelaide'),
  aet: wall('Australia/Sydney'), aest: standard('Australia/Sydney'), aedt: daylight('Australia/Sydney'),
  nzst: standard('Pacific/Auckland'), nzdt: daylight('Pacific/Auckland'),
});

// RFC 822 military letters: A to M (J is not used) are -1 to -12 hours, N to Y +1 to +12. RFC 1123 notes that
// these signs were published backwards; feeds that use the letters follow RFC 822 as written, and so do we.
'abcdefghiklm'.split('').forEach((letter, i) => { NAMES[letter] = fixed(-(i + 1) * 60); });
'nopqrstuvwxy'.split('').forEach((letter, i) => { NAMES[letter] = fixed((i + 1) * 60); });

/** The meaning of a zone abbreviation (any case, trailing dot allowed), or null when it is not a known one. */
export function zoneByName(name: string): ZoneSpec | null {
  return NAMES[name.toLowerCase().replace(/\.$/, '')] ?? null;
}

/** Every zone name the parser knows but the military letters (for documentation and tests). */
export function knownZoneNames(): string[] {
  return Object.keys(NAMES).filter((name) => name.length > 1 || name === 'z');
}

const zoneCache = new Map<string, IANAZone>();

function ianaZone(name: string): IANAZone {
  let zone = zoneCache.get(name);
  if (!zone) {
    zone = IANAZone.create(name);
    if (!zone.isValid) throw new Error(`time-zone database has no zone ${name}`);
    zoneCache.set(name, zone);
  }
  return zone;
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/**
 * The instant (milliseconds since the epoch) of a wall-clock time read in a zone.
 * At the daylight-saving edges of a generic zone (the "compatible" rule of the Temporal proposal):
 * - a time that does not exist (02:30 on the night clocks go forward) is read with the offset before the change,
 *   so 02:30 ET becomes 07:30 UTC, the instant a clock still on standard time would have shown 02:30;
 * - a time that happens twice (01:30 on the night clocks go back) is its first occurrence, the daylight one.
 */
export function instantOf(time: WallTime, zone: ZoneSpec): number {
  const asUtc = wallAsUtc(time);
  if (zone.kind === 'offset') return asUtc - zone.minutes * 60_000;
  const iana = ianaZone(zone.iana);
  if (zone.variant !== 'wall') {
    // A zone's standard offset is the smaller of its January and July offsets, in either hemisphere.
    const january = iana.offset(Date.UTC(time.year, 0, 1));
    const july = iana.offset(Date.UTC(time.year, 6, 1));
    const minutes = zone.variant === 'standard' ? Math.min(january, july) : Math.max(january, july);
    return asUtc - minutes * 60_000;
  }
  // The offsets in force a day either side cover any single transition.
  const before = iana.offset(asUtc - 86_400_000);
  const after = iana.offset(asUtc + 86_400_000);
  const candidates = [...new Set([before, after])]
    .map((offset) => asUtc - offset * 60_000)
    .filter((instant) => iana.offset(instant) * 60_000 === asUtc - instant)
    .sort((a, b) => a - b);
  return candidates.length ? candidates[0] : asUtc - before * 60_000;
}

function wallAsUtc(time: WallTime): number {
  const date = new Date(Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second, time.millisecond));
  // Date.UTC maps years 0–99 to 1900–1999 (after any roll-over of 24:00 into the next year).
  if (time.year < 100) date.setUTCFullYear(date.getUTCFullYear() - 1900);
  return date.getTime();
}
