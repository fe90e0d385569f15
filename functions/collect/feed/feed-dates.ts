import { isoDate } from '../normalize';
import { labelOffset, wallClockInstant, type WallClock } from '../zone-names';

/**
 * Dates as feeds really write them, to ISO 8601 (UTC).
 *
 * `Date.parse` alone is not enough: it reads a date without a zone ("2026-11-26 06:30:00") in the
 * host's zone, so the result would depend on where the collector runs, and it turns words with a
 * number in them ("garbage 12") into a date in 2001. Here a date without a zone is read in the
 * source's time zone, named zones get their offsets (read through the source's zone where a name
 * is ambiguous: see zone-names.ts), and anything unrecognised is undefined.
 */

/** Month names by their first letters, in the languages of the feeds Daybreak meets (en, pt, es, fr, de, it, nl). */
const MONTH_PREFIXES: ReadonlyArray<readonly [string, number]> = [
  ['juin', 6],
  ['juil', 7], // French: the two months share "jui".
  ['jan', 1],
  ['ene', 1],
  ['gen', 1],
  ['jän', 1],
  ['feb', 2],
  ['fev', 2],
  ['fév', 2],
  ['mar', 3],
  ['mär', 3],
  ['maa', 3],
  ['apr', 4],
  ['abr', 4],
  ['avr', 4],
  ['may', 5],
  ['mai', 5],
  ['mag', 5],
  ['mei', 5],
  ['jun', 6],
  ['giu', 6],
  ['jul', 7],
  ['lug', 7],
  ['aug', 8],
  ['ago', 8],
  ['aoû', 8],
  ['aou', 8],
  ['sep', 9],
  ['set', 9],
  ['oct', 10],
  ['out', 10],
  ['okt', 10],
  ['ott', 10],
  ['nov', 11],
  ['dec', 12],
  ['dez', 12],
  ['dic', 12],
  ['déc', 12],
];

// Each pattern is anchored and has no nested quantifiers, so a hostile string costs linear time.
const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})(?:(?:T|\s+)(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z]{1,5})?$/;
const RFC_822_LIKE =
  /^(?:[^\d\s,]{1,12},?\s*)?(\d{1,2})[\s-]+([^\d\s,.-]{3,12})\.?[\s-]+(\d{4}|\d{2})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d{1,9})?)?\s*(?:([+-]\d{2}:?\d{2})|\(?([A-Za-z]{1,5})\)?)?$/;
const HAS_ZONE = /(?:\b(?:Z|UTC?|GMT|[A-Z]{2,4}[SD]T)\b|[+-]\d{2}:?\d{2}\s*(?:\(|$))/;
const FOUR_DIGIT_YEAR = /(?:^|\D)(19[7-9]\d|2[01]\d\d)(?:\D|$)/;

interface FeedClock extends WallClock {
  millisecond: number;
}

/**
 * A feed's date as ISO 8601 in UTC, or undefined when it is not a date.
 * @param timeZone the IANA zone in which a date without a zone is read (the source's zone).
 * @example feedDate('2026-11-26 06:30:00', 'Europe/Berlin') // '2026-11-26T05:30:00.000Z'
 * @example feedDate('Thu, 26 Nov 2026 01:30:00 EST', 'UTC') // '2026-11-26T06:30:00.000Z'
 */
export function feedDate(raw: string | undefined, timeZone = 'UTC'): string | undefined {
  const value = raw?.trim();
  if (!value || value.length > 100) return undefined;
  // A date in a known shape but impossible ("31 Nov") is no date; the platform parser would roll it over to December.
  if (ISO_LIKE.test(value)) return fromIsoLike(value, timeZone);
  if (RFC_822_LIKE.test(value)) return fromRfc822Like(value, timeZone);
  return fromAnythingElse(value, timeZone);
}

function fromIsoLike(value: string, timeZone: string): string | undefined {
  const match = ISO_LIKE.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '0', zone] = match;
  const clock = wallClock(year, month, day, hour, minute, second, Number(`0.${fraction}`) * 1000);
  return clock && toIso(clock, zone, timeZone);
}

function fromRfc822Like(value: string, timeZone: string): string | undefined {
  const match = RFC_822_LIKE.exec(value);
  if (!match) return undefined;
  const [, day, monthName = '', yearText = '', hour = '0', minute = '0', second = '0', numericZone, namedZone] = match;
  const month = monthNumber(monthName);
  if (month === undefined) return undefined;
  // RFC 2822 section 4.3: a two-digit year below 50 is in the 2000s.
  const year = yearText.length === 2 ? (Number(yearText) < 50 ? 2000 : 1900) + Number(yearText) : Number(yearText);
  const clock = wallClock(String(year), String(month), day, hour, minute, second, 0);
  return clock && toIso(clock, numericZone ?? namedZone, timeZone);
}

/** The platform's parser, for the English forms it knows ("November 26, 2026 6:30 AM"), made independent of the host's zone. */
function fromAnythingElse(value: string, timeZone: string): string | undefined {
  if (!FOUR_DIGIT_YEAR.test(value)) return undefined;
  if (HAS_ZONE.test(value)) return inRange(isoDate(value));
  const local = new Date(Date.parse(value));
  if (Number.isNaN(local.getTime())) return undefined;
  // Date.parse read the zone-less wall-clock time in the host's zone; read the same wall clock in the source's.
  const clock = wallClock(
    String(local.getFullYear()),
    String(local.getMonth() + 1),
    String(local.getDate()),
    String(local.getHours()),
    String(local.getMinutes()),
    String(local.getSeconds()),
    local.getMilliseconds(),
  );
  return clock && toIso(clock, undefined, timeZone);
}

function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  return MONTH_PREFIXES.find(([prefix]) => lower.startsWith(prefix))?.[1];
}

function wallClock(
  year?: string,
  month?: string,
  day?: string,
  hour?: string,
  minute?: string,
  second?: string,
  millisecond = 0,
): FeedClock | undefined {
  const clock = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Math.min(Number(second), 59),
    millisecond: Math.floor(millisecond),
  };
  if (
    clock.year < 1970 ||
    clock.year > 2200 ||
    clock.month < 1 ||
    clock.month > 12 ||
    clock.hour > 23 ||
    clock.minute > 59
  )
    return undefined;
  // Rejects 31 November and 29 February of a common year, which Date.UTC would roll over.
  const check = new Date(Date.UTC(clock.year, clock.month - 1, clock.day));
  if (clock.day < 1 || check.getUTCDate() !== clock.day) return undefined;
  return clock;
}

/**
 * @param zone the zone written in the date. Without one, or with a name not known, the wall clock is read
 *   in `timeZone`: the source's own zone is the likeliest meaning of a date that does not say.
 */
function toIso(clock: FeedClock, zone: string | undefined, timeZone: string): string | undefined {
  const offset = labelOffset(zone, timeZone);
  const { year, month, day, hour, minute, second, millisecond } = clock;
  const time =
    offset !== undefined
      ? Date.UTC(year, month - 1, day, hour, minute, second, millisecond) - offset * 60000
      : wallClockInstant(clock, timeZone).getTime() + millisecond;
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function inRange(iso: string | undefined): string | undefined {
  const year = iso ? Number(iso.slice(0, 4)) : 0;
  return year >= 1970 && year <= 2200 ? iso : undefined;
}
