import { dateIn, dayWindow, offsetMinutes, zonedTimeToInstant } from '../../../functions/core/dates';

describe('dates in IANA time zones', () => {
  it('gives the local calendar date', () => {
    const instant = new Date('2026-11-26T20:00:00Z');
    expect(dateIn('UTC', instant)).toBe('2026-11-26');
    expect(dateIn('Asia/Kolkata', instant)).toBe('2026-11-27');
    expect(dateIn('America/Los_Angeles', new Date('2026-11-26T05:00:00Z'))).toBe('2026-11-25');
  });

  it('knows offsets, including half hours and daylight saving', () => {
    expect(offsetMinutes('Asia/Kolkata', new Date('2026-07-27T06:00:00Z'))).toBe(330);
    expect(offsetMinutes('Europe/London', new Date('2026-07-01T12:00:00Z'))).toBe(60);
    expect(offsetMinutes('Europe/London', new Date('2026-12-01T12:00:00Z'))).toBe(0);
  });

  it('finds the instant of a local wall-clock time', () => {
    expect(zonedTimeToInstant('2023-07-27', '11:12', 'Asia/Kolkata').toISOString()).toBe('2023-07-27T05:42:00.000Z');
    expect(zonedTimeToInstant('2026-03-29', '07:00', 'Europe/London').toISOString()).toBe('2026-03-29T06:00:00.000Z');
  });

  it('gives a day window of 23 hours on the day clocks spring forward', () => {
    const { start, end } = dayWindow('2026-03-29', 'Europe/London');
    expect((end.getTime() - start.getTime()) / 3600000).toBe(23);
  });
});
