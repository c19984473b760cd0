// The one date parser of Convey, for feeds and pages alike. It lives in its own folder because both readers
// (src/feeds/ and src/extract/) need the same answers, and the store needs one form to compare dates as text.
// Feeds carry RFC 822 dates with every deformation imaginable, W3C/ISO 8601 dates and dates in the
// publisher's language; pages add "Nov 18, 2019 at 9:24 pm ET". Everything becomes UTC ISO 8601 with
// milliseconds and `Z`, exactly as `Date#toISOString()` writes it (`2004-01-02T03:04:05.000Z`); an unreadable
// date is null, never an exception and never "now".
//
// Zones: see zones.ts. A date with no zone at all is read as UTC (feeds and pages that omit the zone most often
// mean UTC, and there is nothing better to go on); a zone name that is not known makes the date unreadable.
import { instantOf, zoneByName, type ZoneSpec } from './zones.js';

export interface ParseDateOptions {
  /** Years outside this range are not plausible for the caller (a page's "1970" is seldom its date). */
  years?: { min: number; max: number };
}

// Null-prototype tables: a token like "constructor" must not find Object.prototype members.
const MONTHS: Record<string, number> = Object.create(null);
const DAYS = new Set<string>();

function addMonths(names: string[]): void {
  names.forEach((name, index) => {
    for (const variant of name.split('|')) MONTHS[fold(variant)] = index + 1;
  });
}

// Each list runs January..December; `|` separates spellings and abbreviations of one month.
addMonths(['jan|january', 'feb|february', 'mar|march', 'apr|april', 'may', 'jun|june', 'jul|july', 'aug|august', 'sep|sept|september', 'oct|october', 'nov|november', 'dec|december']);
addMonths(['januar|jan|jän|jaen', 'februar|feb', 'märz|maerz|mär|mrz', 'april|apr', 'mai', 'juni|jun', 'juli|jul', 'august|aug', 'september|sep|sept', 'oktober|okt', 'november|nov', 'dezember|dez']); // de
addMonths(['janvier|janv', 'février|fevrier|févr|fevr|fév|fev', 'mars', 'avril|avr', 'mai', 'juin', 'juillet|juil', 'août|aout|aoû', 'septembre|sept', 'octobre|oct', 'novembre|nov', 'décembre|decembre|déc|dec']); // fr
addMonths(['enero|ene', 'febrero|feb', 'marzo|mar', 'abril|abr', 'mayo|may', 'junio|jun', 'julio|jul', 'agosto|ago', 'septiembre|setiembre|sep|sept|set', 'octubre|oct', 'noviembre|nov', 'diciembre|dic']); // es
addMonths(['gennaio|gen', 'febbraio|feb', 'marzo|mar', 'aprile|apr', 'maggio|mag', 'giugno|giu', 'luglio|lug', 'agosto|ago', 'settembre|set', 'ottobre|ott', 'novembre|nov', 'dicembre|dic']); // it
addMonths(['januari|jan', 'februari|feb', 'maart|mrt', 'april|apr', 'mei', 'juni|jun', 'juli|jul', 'augustus|aug', 'september|sep', 'oktober|okt', 'november|nov', 'december|dec']); // nl
addMonths(['janeiro|jan', 'fevereiro|fev', 'março|marco|mar', 'abril|abr', 'maio|mai', 'junho|jun', 'julho|jul', 'agosto|ago', 'setembro|set', 'outubro|out', 'novembro|nov', 'dezembro|dez']); // pt
addMonths(['январь|января|янв', 'февраль|февраля|фев', 'март|марта|мар', 'апрель|апреля|апр', 'май|мая', 'июнь|июня|июн', 'июль|июля|июл', 'август|августа|авг', 'сентябрь|сентября|сен|сент', 'октябрь|октября|окт', 'ноябрь|ноября|ноя', 'декабрь|декабря|дек']); // ru

for (const day of [
  'mon|monday|tue|tues|tuesday|wed|wednesday|thu|thur|thurs|thursday|fri|friday|sat|saturday|sun|sunday',
  'mo|montag|di|dienstag|mi|mittwoch|do|donnerstag|fr|freitag|sa|samstag|sonnabend|so|sonntag', // de
  'lun|lundi|mar|mardi|mer|mercredi|jeu|jeudi|ven|vendredi|sam|samedi|dim|dimanche', // fr
  'lunes|martes|miércoles|miercoles|mié|mie|jueves|jue|viernes|vie|sábado|sabado|sáb|sab|domingo|dom', // es
  'lunedì|lunedi|martedì|martedi|mercoledì|mercoledi|giovedì|giovedi|gio|venerdì|venerdi|sabato|domenica', // it
  'maandag|ma|dinsdag|di|woensdag|wo|donderdag|do|vrijdag|vr|zaterdag|za|zondag|zo', // nl
  'segunda|segunda-feira|seg|terça|terca|terça-feira|ter|quarta|quarta-feira|qua|quinta|quinta-feira|qui|sexta|sexta-feira|sex|sábado|sáb|domingo|dom', // pt
  'понедельник|пн|вторник|вт|среда|ср|четверг|чт|пятница|пт|суббота|сб|воскресенье|вс', // ru
]) {
  for (const name of day.split('|')) DAYS.add(fold(name));
}

function fold(text: string): string {
  return text.toLowerCase().replace(/\.$/, '');
}

const UTC: ZoneSpec = { kind: 'offset', minutes: 0 };

/** A date as a feed or page writes it → UTC ISO 8601 (`toISOString()` form), or null. */
export function parseDate(text: string | null | undefined, options: ParseDateOptions = {}): string | null {
  if (typeof text !== 'string') return null;
  const input = text.trim();
  if (!input || input.length > 120) return null;
  const iso = parseTimestamp(input) ?? parseIso(input) ?? parseLoose(input);
  if (iso === null || !options.years) return iso;
  const year = +iso.slice(0, 4);
  return year >= options.years.min && year <= options.years.max ? iso : null;
}

/** A bare Unix timestamp, in seconds or milliseconds, from 2001 on: some generators write nothing else. */
function parseTimestamp(input: string): string | null {
  if (/^\d{9,10}$/.test(input) && +input >= 978_307_200) return new Date(+input * 1000).toISOString();
  if (/^\d{13}$/.test(input) && +input >= 978_307_200_000) return new Date(+input).toISOString();
  return null;
}

// W3C-DTF and ISO 8601: 2003-12-31T10:14:55Z, 2003-12-31T10:14:55.123-08:00, 2003-12-31, 2003-12, 2003,
// 20031231T101455Z, 2003-12-31 10:14:55 +0100, also the common `2003-12-31T10:14Z`.
const ISO = /^(\d{4})(?:-?(\d{2})(?:-?(\d{2})(?:[T\s]+(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z]{1,5})?)?)?)?$/;

function parseIso(input: string): string | null {
  const m = ISO.exec(input);
  if (!m) {
    // Ordinal (2003-335) and week dates are rare in feeds; ignore them.
    return null;
  }
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const spec = zone === undefined ? UTC : readZone(zone);
  if (spec === null) return null;
  return build(+y, mo ? +mo : 1, d ? +d : 1, h ? +h : 0, mi ? +mi : 0, s ? +s : 0, frac ? Math.round(+`0.${frac}` * 1000) : 0, spec);
}

function readZone(zone: string): ZoneSpec | null {
  const minutes = zoneOffset(zone);
  return minutes === null ? zoneByName(zone.trim()) : { kind: 'offset', minutes };
}

/** A numeric offset ("+05:30", "-0800", "GMT+2") in minutes east of UTC; null when it is not one. */
function zoneOffset(zone: string): number | null {
  const z = zone.trim();
  const numeric = /^(?:(?:GMT|UTC|UT)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(z);
  if (numeric) {
    const [, sign, hh, mm] = numeric;
    let hours = +hh;
    let minutes = mm ? +mm : 0;
    // "+530" style written without a colon and with a 1-digit hour.
    if (!mm && hh.length > 2) { hours = +hh.slice(0, -2); minutes = +hh.slice(-2); }
    if (hours > 14 || minutes > 59) return null;
    return (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  return null;
}

/** Tokenising parser for RFC 822 and everything that resembles it. */
function parseLoose(input: string): string | null {
  let rest = input
    .replace(/(\d)(st|nd|rd|th)\b/gi, '$1')
    .replace(/\b(a\.m\.|p\.m\.)/gi, (x) => x.replace(/\./g, ''));
  let zone: ZoneSpec | null = null;

  // Pull out a numeric zone first (+0100, -05:00, GMT+2); it can sit anywhere after the time.
  const numericZone = /(?:\b(?:GMT|UTC|UT))?\s*([+-])(\d{2}):?(\d{2})\b|\b(?:GMT|UTC|UT)\s*([+-])(\d{1,2})\b/i.exec(rest);
  // Only with a time of day present: otherwise "-2003" in "10-06-2003" would read as an offset.
  if (numericZone && /\d:\d/.test(rest)) {
    const sign = (numericZone[1] ?? numericZone[4]) === '-' ? -1 : 1;
    const hours = +(numericZone[2] ?? numericZone[5]);
    const minutes = numericZone[3] ? +numericZone[3] : 0;
    if (hours <= 14 && minutes < 60) {
      zone = { kind: 'offset', minutes: sign * (hours * 60 + minutes) };
      rest = rest.slice(0, numericZone.index) + ' ' + rest.slice(numericZone.index + numericZone[0].length);
    }
  }

  const tokens = rest.split(/[\s,/]+|(?<=[A-Za-zÀ-ÿА-яЁё])\.|-(?=[A-Za-zÀ-ÿА-яЁё])|(?<=[A-Za-zÀ-ÿА-яЁё])-(?=\d)/).filter(Boolean);
  let year: number | null = null;
  let month: number | null = null;
  let day: number | null = null;
  let hour = 0, minute = 0, second = 0, millis = 0;
  let haveTime = false;
  let meridiem: 'am' | 'pm' | null = null;
  const numbers: string[] = [];

  for (const raw of tokens) {
    const token = raw.replace(/^[(]|[)]$/g, '').replace(/^(\d+)\.$/, '$1');
    const lower = fold(token);
    const time = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d+))?)?(am|pm)?$/i.exec(token);
    if (time && !haveTime) {
      haveTime = true;
      hour = +time[1];
      minute = +time[2];
      second = time[3] ? +time[3] : 0;
      millis = time[4] ? Math.round(+`0.${time[4]}` * 1000) : 0;
      if (time[5]) meridiem = time[5].toLowerCase() as 'am' | 'pm';
      continue;
    }
    if (lower === 'am' || lower === 'pm') { meridiem = lower; continue; }
    if (/^\d+$/.test(token)) { numbers.push(token); continue; }
    if (month === null && MONTHS[lower] !== undefined && !(DAYS.has(lower) && tokenIsAmbiguousDay(lower, tokens))) { month = MONTHS[lower]; continue; }
    if (DAYS.has(lower)) continue;
    const named = zoneByName(lower);
    if (named) {
      // A zone name after a numeric offset is a comment ("-0800 (PST)"): the number wins.
      zone ??= named;
      continue;
    }
    if (lower === 'de' || lower === 'del' || lower === 'of' || lower === 'le' || lower === 'den' || lower === 'г' || lower === 'года' || lower === 'um' || lower === 'à' || lower === 'at') continue;
    // Anything else unreadable: stop guessing.
    return null;
  }

  if (month !== null) {
    // "Mon, 02 Jan 2006", "Jan 2 2006", "2006 Jan 02": the 4-digit number (or the last one) is the year.
    const four = numbers.findIndex((n) => n.length >= 3);
    if (four >= 0) {
      year = +numbers[four];
      const others = numbers.filter((_, i) => i !== four);
      day = others.length ? +others[0] : 1;
    } else if (numbers.length >= 2) {
      day = +numbers[0];
      year = twoDigitYear(+numbers[1]);
    } else if (numbers.length === 1) {
      return null;
    } else return null;
  } else {
    // Numeric dates: yyyy-mm-dd handled by ISO; here dd.mm.yyyy / dd-mm-yyyy / mm/dd/yyyy (day-first preferred).
    const parts = rest.match(/^\s*(?:[A-Za-zÀ-ÿ]+,?\s+)?(\d{1,4})[./-](\d{1,2})[./-](\d{2,4})\b/);
    if (!parts) return null;
    const [, a, b, c] = parts;
    if (a.length === 4) { year = +a; month = +b; day = +c; }
    else {
      year = c.length === 4 ? +c : twoDigitYear(+c);
      if (+a > 12) { day = +a; month = +b; } else if (+b > 12) { month = +a; day = +b; } else { day = +a; month = +b; }
    }
    const time = /(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(rest.slice(parts[0].length));
    if (time) { hour = +time[1]; minute = +time[2]; second = time[3] ? +time[3] : 0; }
  }

  if (meridiem === 'pm' && hour < 12) hour += 12;
  if (meridiem === 'am' && hour === 12) hour = 0;
  return build(year, month, day, hour, minute, second, millis, zone ?? UTC);
}

/** "mar" is March and Tuesday in French; "do"/"di"/"mi"/"sa" clash with nothing in the month tables. */
function tokenIsAmbiguousDay(lower: string, tokens: string[]): boolean {
  // A clash only matters when another token is a month: then this one is the weekday.
  return tokens.some((t) => fold(t) !== lower && MONTHS[fold(t)] !== undefined && !DAYS.has(fold(t)));
}

function twoDigitYear(year: number): number {
  if (year >= 100) return year;
  return year < 70 ? 2000 + year : 1900 + year;
}

function build(year: number, month: number, day: number, hour: number, minute: number, second: number, millisecond: number, zone: ZoneSpec): string | null {
  if (!(year >= 1 && year <= 9999) || !(month >= 1 && month <= 12) || !(day >= 1 && day <= 31)) return null;
  // 24:00 is the end of the day; Date rolls it over into the next one.
  if (!(hour === 24 && minute === 0 && second === 0) && (hour > 23 || minute > 59 || second > 60)) return null;
  if (second === 60) second = 59; // a leap second: JavaScript time has none
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeapYear(year) ? 1 : 0);
  if (day > daysInMonth) return null;
  const date = new Date(instantOf({ year, month, day, hour, minute, second, millisecond }, zone));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
