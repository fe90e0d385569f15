import { sendTimeInWords } from '../../../functions/subscribe/send-time';

describe("an edition's send time in words", () => {
  it.each([
    ['07:00', 'Europe/London', 'Every morning at 7:00 (Europe/London)'],
    ['05:30', 'Asia/Kolkata', 'Every morning at 5:30 (Asia/Kolkata)'],
    ['12:15', 'UTC', 'Every afternoon at 12:15 (UTC)'],
    ['18:00', 'America/New_York', 'Every evening at 18:00 (America/New_York)'],
    ['23:45', 'UTC', 'Every night at 23:45 (UTC)'],
    ['00:00', 'UTC', 'Every night at 0:00 (UTC)'],
  ])('%s in %s reads "%s"', (sendAt, timezone, words) => {
    expect(sendTimeInWords({ sendAt, timezone })).toBe(words);
  });
});
