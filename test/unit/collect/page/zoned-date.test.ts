import fc from 'fast-check';
import { metadataDate, visibleDate } from '../../../../functions/collect/page/zoned-date';

describe('visibleDate', () => {
  it('reads "27-07-2023 11:12 IST" in Asia/Kolkata as 2023-07-27T11:12:00+05:30 (the issue’s case)', () => {
    expect(visibleDate('27-07-2023 11:12 IST', 'Asia/Kolkata')).toBe('2023-07-27T11:12:00+05:30');
  });

  it('reads an ambiguous name through the source’s zone: IST is Ireland’s on a Dublin page, Israel’s on a Jerusalem one', () => {
    expect(visibleDate('27-07-2023 11:12 IST', 'Europe/Dublin')).toBe('2023-07-27T11:12:00+01:00');
    expect(visibleDate('27-07-2023 11:12 IST', 'Asia/Jerusalem')).toBe('2023-07-27T11:12:00+02:00');
    expect(visibleDate('27 Jul 2023 11:12 CST', 'Asia/Shanghai')).toBe('2023-07-27T11:12:00+08:00');
    expect(visibleDate('27 Jan 2023 11:12 CST', 'America/Chicago')).toBe('2023-01-27T11:12:00-06:00');
  });

  it('gives an ambiguous name its most common meaning when the source’s zone is none of them (IST: India)', () => {
    expect(visibleDate('27-07-2023 11:12 IST')).toBe('2023-07-27T11:12:00+05:30');
    expect(visibleDate('27-07-2023 11:12 IST', 'Europe/Berlin')).toBe('2023-07-27T11:12:00+05:30');
  });

  it('keeps a name with one meaning whatever the source’s zone: EST on a Kolkata page is New York’s winter time', () => {
    expect(visibleDate('27-01-2023 11:12 EST', 'Asia/Kolkata')).toBe('2023-01-27T11:12:00-05:00');
    expect(visibleDate('27-01-2023 11:12 JST', 'Europe/Paris')).toBe('2023-01-27T11:12:00+09:00');
  });

  it('reads a word that names no zone ("ET", "by") in the source’s zone', () => {
    expect(visibleDate('27-01-2023 11:12 by', 'Asia/Kolkata')).toBe('2023-01-27T11:12:00+05:30');
  });

  it('reads month names, ordinals, "at" and 12-hour clocks', () => {
    expect(visibleDate('July 27, 2023 11:12 IST', 'Asia/Kolkata')).toBe('2023-07-27T11:12:00+05:30');
    expect(visibleDate('July 27, 2023, 11:12 PM IST', 'Asia/Kolkata')).toBe('2023-07-27T23:12:00+05:30');
    expect(visibleDate('27 Jul 2023 12:05 am', 'Asia/Kolkata')).toBe('2023-07-27T00:05:00+05:30');
    expect(visibleDate('Sept. 3rd, 2024 at 9:05 a.m. ET', 'America/New_York')).toBe('2024-09-03T09:05:00-04:00');
  });

  it('gives the offset in force on that day, daylight saving included', () => {
    expect(visibleDate('26-11-2026 12:00 WET', 'Europe/Lisbon')).toBe('2026-11-26T12:00:00Z');
    expect(visibleDate('26-07-2026 12:00 WEST', 'Europe/Lisbon')).toBe('2026-07-26T12:00:00+01:00');
  });

  it('takes UTC, GMT, Z and numeric offsets at their word, whatever the source’s zone', () => {
    expect(visibleDate('27 Jul 2023 11:12 GMT', 'Asia/Kolkata')).toBe('2023-07-27T11:12:00Z');
    expect(visibleDate('27-07-2023 11:12 UTC', 'America/New_York')).toBe('2023-07-27T11:12:00Z');
    expect(visibleDate('2023-07-27T11:12:00Z', 'Asia/Kolkata')).toBe('2023-07-27T11:12:00Z');
    expect(visibleDate('2023-07-27T11:12:00+05:30')).toBe('2023-07-27T11:12:00+05:30');
    expect(visibleDate('July 27, 2023 11:12 GMT+5:30')).toBe('2023-07-27T11:12:00+05:30');
  });

  it('reads DD-MM-YYYY, and MM/DD/YYYY when the second number cannot be a month', () => {
    expect(visibleDate('07/27/2023 11:12', 'America/New_York')).toBe('2023-07-27T11:12:00-04:00');
    expect(visibleDate('27/07/2023 11:12', 'America/New_York')).toBe('2023-07-27T11:12:00-04:00');
  });

  it('reads a date without a time as midnight in the source’s zone', () => {
    expect(visibleDate('Created: 27-07-2023', 'Asia/Kolkata')).toBe('2023-07-27T00:00:00+05:30');
  });

  it('finds nothing in text without a valid date, and treats an unknown source zone as UTC', () => {
    expect(visibleDate('no date here', 'Asia/Kolkata')).toBeUndefined();
    expect(visibleDate('31-02-2023 11:12 IST', 'Asia/Kolkata')).toBeUndefined();
    expect(visibleDate('27-07-2023 25:12 IST', 'Asia/Kolkata')).toBeUndefined();
    expect(visibleDate('27-07-2023 11:12', 'Not/AZone')).toBe('2023-07-27T11:12:00Z');
  });

  it('writes back any valid wall-clock time it is given as DD-MM-YYYY HH:MM IST, with +05:30', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:00Z'), noInvalidDate: true }),
        (date) => {
          const iso = date.toISOString();
          const [y, m, d, hh, mm] = [
            iso.slice(0, 4),
            iso.slice(5, 7),
            iso.slice(8, 10),
            iso.slice(11, 13),
            iso.slice(14, 16),
          ];
          expect(visibleDate(`Updated: ${d}-${m}-${y} ${hh}:${mm} IST`, 'Asia/Kolkata')).toBe(
            `${y}-${m}-${d}T${hh}:${mm}:00+05:30`,
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never throws, and whatever it returns is a date', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 80 }),
        fc.constantFrom('UTC', 'Asia/Kolkata', 'Europe/Lisbon', 'Nope/Nope', ''),
        (text, zone) => {
          const result = visibleDate(text, zone);
          if (result !== undefined) expect(Number.isNaN(Date.parse(result))).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('metadataDate', () => {
  it('gives UTC, as the JSON-LD dates always were', () => {
    expect(metadataDate('2026-11-26T11:12:00+05:30')).toBe('2026-11-26T05:42:00.000Z');
  });

  it('reads a date-time without an offset in the source’s zone, not the collector’s', () => {
    expect(metadataDate('2023-07-27T11:12:00', 'Asia/Kolkata')).toBe('2023-07-27T05:42:00.000Z');
  });

  it('gives nothing for what is not a date', () => {
    expect(metadataDate('yesterday')).toBeUndefined();
    expect(metadataDate(undefined)).toBeUndefined();
  });
});
