/** Calendar arithmetic in IANA time zones with the platform's Intl, no offsets hard-coded. */

// Making an Intl.DateTimeFormat costs a hundred times what formatting with it does (it loads the
// zone's rules): collect dates ten thousand items a run, so each zone's formatter is made once.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const partFormats = new Map<string, Intl.DateTimeFormat>();

function formatOnce(
  cache: Map<string, Intl.DateTimeFormat>,
  locale: string,
  options: Intl.DateTimeFormatOptions & { timeZone: string },
): Intl.DateTimeFormat {
  let format = cache.get(options.timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(options.timeZone, format);
  }
  return format;
}

/** The calendar date (YYYY-MM-DD) of `instant` in `timeZone`. */
export function dateIn(timeZone: string, instant: Date): string {
  return formatOnce(dayFormats, 'en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}

/** The offset of `timeZone` from UTC at `instant`, in minutes (east positive). */
export function offsetMinutes(timeZone: string, instant: Date): number {
  const parts = formatOnce(partFormats, 'en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/** The instant at which local wall-clock time `date`T`time` occurs in `timeZone`. */
export function zonedTimeToInstant(date: string, time: string, timeZone: string): Date {
  const naive = new Date(`${date}T${time}:00Z`);
  // Two passes settle the offset on either side of a daylight-saving change.
  let instant = new Date(naive.getTime() - offsetMinutes(timeZone, naive) * 60000);
  instant = new Date(naive.getTime() - offsetMinutes(timeZone, instant) * 60000);
  return instant;
}

/** The [start, end) instants of the calendar day `date` in `timeZone`. */
export function dayWindow(date: string, timeZone: string): { start: Date; end: Date } {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return {
    start: zonedTimeToInstant(date, '00:00', timeZone),
    end: zonedTimeToInstant(next.toISOString().slice(0, 10), '00:00', timeZone),
  };
}

/** A day as readers say it: "Friday, 27 November 2026". */
export function dayLabel(day: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(zonedTimeToInstant(day, '12:00', timeZone));
}
