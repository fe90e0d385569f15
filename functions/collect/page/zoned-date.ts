import { offsetMinutes } from '../../core/dates';
import { isTimeZone } from '../../core/validation';
import { isoDate } from '../normalize';
import { labelOffset, wallClockInstant, type WallClock } from '../zone-names';

/**
 * Dates as pages print them ("27-07-2023 11:12 IST", "July 27, 2023 11:12 AM IST") turned into
 * ISO 8601 with the offset of the source's time zone ("2023-07-27T11:12:00+05:30").
 *
 * Zone abbreviations are not resolved on their own: IST is India, Ireland or Israel, CST is
 * China or Chicago. They are read through the source's IANA time zone (zone-names.ts); numeric
 * offsets ("+05:30", "GMT+5:30") are taken at their word.
 */

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH_NAME =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const TIME = '(?:[,\\s]+(?:at\\s+)?(\\d{1,2})[:.](\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?\\s*([ap]\\.?m\\.?)?)?';
const ZONE =
  '(?:\\s*\\(?\\s*((?:gmt|utc)\\s*[+-]\\s*\\d{1,2}(?::?\\d{2})?|[+-]\\d{2}:?\\d{2}|z\\b|[a-z]{2,5}\\b)\\)?)?';

/** Every form has three date captures, then TIME's four (hour, minute, second, am/pm), then ZONE's one. */
const ZONE_GROUP = 8;

/** Each form: a pattern and which capture holds the year, month and day. Times and zones follow the date. */
const FORMS: { pattern: RegExp; year: number; month: number; day: number }[] = [
  // 2023-07-27T11:12:00+05:30, 2023-07-27 11:12
  {
    pattern: new RegExp(`(\\d{4})-(\\d{1,2})-(\\d{1,2})${TIME.replace('[,\\s]+', '(?:[,\\sT]+)')}${ZONE}`, 'i'),
    year: 1,
    month: 2,
    day: 3,
  },
  // 2023/07/27 11:12
  { pattern: new RegExp(`(\\d{4})[/.](\\d{1,2})[/.](\\d{1,2})${TIME}${ZONE}`, 'i'), year: 1, month: 2, day: 3 },
  // 27-07-2023 11:12 IST (day first, as the pages Daybreak reads print it; see dayFirst)
  { pattern: new RegExp(`(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{4})${TIME}${ZONE}`, 'i'), year: 3, month: 2, day: 1 },
  // July 27, 2023 11:12 IST
  {
    pattern: new RegExp(`${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${TIME}${ZONE}`, 'i'),
    year: 3,
    month: 1,
    day: 2,
  },
  // 27 July 2023 11:12 IST
  {
    pattern: new RegExp(`(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_NAME},?\\s+(\\d{4})${TIME}${ZONE}`, 'i'),
    year: 3,
    month: 2,
    day: 1,
  },
];

/**
 * A date printed on a page, as ISO 8601 with the offset in force in `timeZone` at that moment,
 * or undefined when the text holds no valid date. A date without a time is read as midnight.
 *
 * @example visibleDate('Updated: 27-07-2023 12:00 IST', 'Asia/Kolkata') // '2023-07-27T12:00:00+05:30'
 */
export function visibleDate(text: string, timeZone = 'UTC'): string | undefined {
  const zone = isTimeZone(timeZone) ? timeZone : 'UTC';
  for (const form of FORMS) {
    const match = form.pattern.exec(text);
    if (!match) continue;
    const clock = wallClock(match, form);
    if (!clock) continue;
    return formatInZone(clock, match[ZONE_GROUP], zone);
  }
  return undefined;
}

/**
 * A machine-readable date from metadata (JSON-LD, meta tags) as UTC ISO 8601. A date-time without
 * an offset is read in the source's zone rather than in whatever zone the collector runs in.
 */
export function metadataDate(value: string | undefined, timeZone = 'UTC'): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(trimmed)) {
    const zoned = visibleDate(trimmed, timeZone);
    return zoned ? isoDate(zoned) : undefined;
  }
  return isoDate(trimmed);
}

function wallClock(match: RegExpExecArray, form: (typeof FORMS)[number]): WallClock | undefined {
  const monthText = match[form.month] ?? '';
  const month = /^\d+$/.test(monthText) ? Number(monthText) : MONTHS[monthText.slice(0, 3).toLowerCase()];
  let day = Number(match[form.day]);
  let monthNumber = month ?? 0;
  // "07/27/2023" cannot be day first: a month above 12 means the page prints month first.
  if (form.year === 3 && /^\d+$/.test(monthText) && monthNumber > 12 && day <= 12)
    [day, monthNumber] = [monthNumber, day];
  let hour = Number(match[4] ?? 0);
  const meridiem = match[7]?.toLowerCase().replace(/\./g, '');
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  const clock = {
    year: Number(match[form.year]),
    month: monthNumber,
    day,
    hour,
    minute: Number(match[5] ?? 0),
    second: Number(match[6] ?? 0),
  };
  return isValidClock(clock) ? clock : undefined;
}

function isValidClock(c: WallClock): boolean {
  if (c.year < 1000 || c.year > 9999 || c.month < 1 || c.month > 12 || c.hour > 23 || c.minute > 59 || c.second > 59)
    return false;
  const daysInMonth = new Date(Date.UTC(c.year, c.month, 0)).getUTCDate();
  return c.day >= 1 && c.day <= daysInMonth;
}

function formatInZone(clock: WallClock, label: string | undefined, zone: string): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const fixed = labelOffset(label, zone);
  let offset: number;
  let local: Date;
  if (fixed !== undefined) {
    offset = fixed;
    local = new Date(Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second));
  } else {
    const instant = wallClockInstant(clock, zone);
    offset = offsetMinutes(zone, instant);
    // Re-derived from the instant, so a time in a daylight-saving gap comes out as the real clock reading.
    local = new Date(instant.getTime() + offset * 60000);
  }
  const wall = local.toISOString().slice(0, 19);
  if (offset === 0) return `${wall}Z`;
  const sign = offset < 0 ? '-' : '+';
  return `${wall}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}
