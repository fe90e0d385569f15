import { nextAttemptAfter } from '../../../functions/collect/backoff';

const now = new Date('2026-11-26T08:00:00Z');
const minutesUntil = (date: Date | undefined) => (date ? (date.getTime() - now.getTime()) / 60000 : 0);

describe('a failing source is retried less often', () => {
  it('retries at the next run after one failure', () => {
    expect(nextAttemptAfter(1, now, 30)).toBeUndefined();
  });

  it('waits one interval, then doubles, up to a day', () => {
    expect(minutesUntil(nextAttemptAfter(2, now, 30))).toBe(29);
    expect(minutesUntil(nextAttemptAfter(3, now, 30))).toBe(59);
    expect(minutesUntil(nextAttemptAfter(4, now, 30))).toBe(119);
    expect(minutesUntil(nextAttemptAfter(20, now, 30))).toBe(24 * 60 - 1);
  });
});
