import fc from 'fast-check';
import { zonedTimeToInstant } from '../../../../functions/core/dates';
import { feedDate } from '../../../../functions/collect/feed/feed-dates';

describe('feedDate', () => {
  it.each([
    ['RFC 822 with an offset', 'Thu, 26 Nov 2026 06:30:00 +0100', '2026-11-26T05:30:00.000Z'],
    ['RFC 822 with EST', 'Thu, 26 Nov 2026 01:30:00 EST', '2026-11-26T06:30:00.000Z'],
    ['RFC 822 with PDT', 'Mon, 06 Jul 2026 23:30:00 PDT', '2026-07-07T06:30:00.000Z'],
    ['RFC 822 with GMT', 'Thu, 26 Nov 2026 06:30:00 GMT', '2026-11-26T06:30:00.000Z'],
    ['RFC 822 with UT and no seconds', '26 Nov 2026 06:30 UT', '2026-11-26T06:30:00.000Z'],
    ['RFC 822 with Z', 'Thu, 26 Nov 2026 06:30:00 Z', '2026-11-26T06:30:00.000Z'],
    ['India Standard Time', 'Thu, 26 Nov 2026 12:00:00 IST', '2026-11-26T06:30:00.000Z'],
    ['a two-digit year (RFC 2822: below 50 is 20xx)', 'Thu, 26 Nov 26 06:30:00 GMT', '2026-11-26T06:30:00.000Z'],
    ['a two-digit year of the last century', 'Fri, 26 Nov 99 06:30:00 GMT', '1999-11-26T06:30:00.000Z'],
    ['a wrong weekday (the date wins)', 'Mon, 26 Nov 2026 06:30:00 +0000', '2026-11-26T06:30:00.000Z'],
    ['a full month name', 'Thursday, 26 November 2026 06:30:00 +0000', '2026-11-26T06:30:00.000Z'],
    ['a Portuguese date', 'Seg, 24 Set 2018 19:42:40 -0300', '2018-09-24T22:42:40.000Z'],
    ['a German date', 'Do, 26 Okt 2026 06:30:00 +0200', '2026-10-26T04:30:00.000Z'],
    ['a French date in July', 'jeu., 16 juil. 2026 06:30:00 +0200', '2026-07-16T04:30:00.000Z'],
    ['ISO with Z', '2026-11-26T06:30:00Z', '2026-11-26T06:30:00.000Z'],
    ['ISO with an offset', '2026-11-26T11:12:00+05:30', '2026-11-26T05:42:00.000Z'],
    ['ISO with fractions', '2026-11-26T06:30:00.123456Z', '2026-11-26T06:30:00.123Z'],
    ['an English date with a zone', 'November 26, 2026 06:30:00 GMT', '2026-11-26T06:30:00.000Z'],
  ])('reads %s', (_, raw, expected) => {
    expect(feedDate(raw, 'Asia/Tokyo')).toBe(expected);
  });

  it.each([
    [
      'IST on an Irish source (summer time)',
      'Thu, 16 Jul 2026 12:00:00 IST',
      'Europe/Dublin',
      '2026-07-16T11:00:00.000Z',
    ],
    ['IST on an Israeli source', 'Thu, 26 Nov 2026 12:00:00 IST', 'Asia/Jerusalem', '2026-11-26T10:00:00.000Z'],
    ['CST on a Chinese source', 'Thu, 26 Nov 2026 14:30:00 CST', 'Asia/Shanghai', '2026-11-26T06:30:00.000Z'],
    [
      'CST on a source in neither zone (RFC 822: US Central)',
      'Thu, 26 Nov 2026 00:30:00 CST',
      'Asia/Tokyo',
      '2026-11-26T06:30:00.000Z',
    ],
    [
      'EST on an Indian source (one meaning, kept)',
      'Thu, 26 Nov 2026 01:30:00 EST',
      'Asia/Kolkata',
      '2026-11-26T06:30:00.000Z',
    ],
  ])('reads an ambiguous or foreign zone name through the source’s zone: %s', (_, raw, zone, expected) => {
    expect(feedDate(raw, zone)).toBe(expected);
  });

  it.each([
    ['ISO without a zone', '2026-11-26T06:30:00', '2026-11-26T05:30:00.000Z'],
    ['a database timestamp', '2026-11-26 06:30:00', '2026-11-26T05:30:00.000Z'],
    ['a date alone, as midnight', '2026-11-26', '2026-11-25T23:00:00.000Z'],
    ['RFC 822 without a zone', 'Thu, 26 Nov 2026 06:30:00', '2026-11-26T05:30:00.000Z'],
    ['an unknown zone name', 'Thu, 26 Nov 2026 06:30:00 XYZ', '2026-11-26T05:30:00.000Z'],
    ['summer time, from the zone rules', '2026-07-01 06:30', '2026-07-01T04:30:00.000Z'],
    ['an English date without a zone', 'November 26, 2026 06:30', '2026-11-26T05:30:00.000Z'],
  ])('reads %s in the source’s zone', (_, raw, expected) => {
    expect(feedDate(raw, 'Europe/Berlin')).toBe(expected);
  });

  it('reads zone-less dates as UTC by default', () => {
    expect(feedDate('2026-11-26 06:30:00')).toBe('2026-11-26T06:30:00.000Z');
  });

  it.each([
    '',
    '   ',
    'sometime last week',
    'garbage 12',
    '1518478934',
    '31 Nov 2026 06:30 GMT',
    '2026-02-30',
    '2026-13-01',
    '26 Nov 2026 25:00 GMT',
    '0001-01-01T00:00:00Z',
    'x'.repeat(500),
  ])('gives no date for %j', (raw) => {
    expect(feedDate(raw, 'UTC')).toBeUndefined();
  });

  it('reads any zone-less wall-clock time as zonedTimeToInstant does', () => {
    const zones = [
      'UTC',
      'Europe/Berlin',
      'America/New_York',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
    ];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (date, zone) => {
          const [day = '', time = ''] = date.toISOString().split('T');
          const hhmm = time.slice(0, 5);
          expect(feedDate(`${day} ${hhmm}`, zone)).toBe(zonedTimeToInstant(day, hhmm, zone).toISOString());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives an ISO 8601 date or undefined for any string, and never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (raw) => {
        const result = feedDate(raw, 'Asia/Kolkata');
        if (result !== undefined) expect(result).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      }),
      { numRuns: 500 },
    );
  });
});
