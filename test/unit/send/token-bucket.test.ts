import { perSenderRate, TokenBucket } from '../../../functions/send/token-bucket';

/** A fake clock whose sleep moves time, optionally late, as real timers are. */
function fakeTime(lateMs = 0) {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => void (now += ms + lateMs),
    advance: (ms: number) => void (now += ms),
  };
}

describe('TokenBucket (each sender’s share of the SES rate)', () => {
  it('starts empty and spaces takes 1/rate apart', async () => {
    const time = fakeTime();
    const bucket = new TokenBucket({ rate: 50, now: time.now, sleep: time.sleep });
    for (let i = 0; i < 100; i++) await bucket.take();
    expect(time.now()).toBeCloseTo(2000, 6);
  });

  it('makes up for timers that fire late, so the achieved rate stays at the configured one', async () => {
    const time = fakeTime(3);
    const bucket = new TokenBucket({ rate: 100, capacity: 2, now: time.now, sleep: time.sleep });
    for (let i = 0; i < 1000; i++) await bucket.take();
    const achieved = 1000 / (time.now() / 1000);
    expect(achieved).toBeLessThanOrEqual(100);
    expect(achieved).toBeGreaterThanOrEqual(95);
  });

  it('spaces concurrent takers too, never letting them race past the rate', async () => {
    const time = fakeTime();
    const waits: number[] = [];
    const sleepy = new TokenBucket({ rate: 10, now: time.now, sleep: async (ms) => void waits.push(ms) });
    await Promise.all(Array.from({ length: 5 }, () => sleepy.take()));
    expect(waits.map((w) => Math.round(w))).toEqual([100, 200, 300, 400, 500]);
  });

  it('saves up at most its capacity while idle', async () => {
    const time = fakeTime();
    const waits: number[] = [];
    const bucket = new TokenBucket({ rate: 10, capacity: 3, now: time.now, sleep: async (ms) => void waits.push(ms) });
    time.advance(60_000);
    for (let i = 0; i < 4; i++) await bucket.take();
    expect(waits.map((w) => Math.round(w))).toEqual([100]);
  });

  it('splits the account rate between the senders that can run at once', () => {
    expect(perSenderRate(200, 4)).toBe(50);
    expect(perSenderRate(14, 0)).toBe(14);
  });
});
