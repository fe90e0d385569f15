/**
 * A source that keeps failing is tried less often: after the second failure in a row the wait
 * doubles each time, from one collect interval up to a day. The first failure waits for nothing,
 * since one blip is common.
 */
export function nextAttemptAfter(consecutiveFailures: number, now: Date, intervalMinutes: number): Date | undefined {
  if (consecutiveFailures < 2) return undefined;
  const minutes = Math.min(24 * 60, intervalMinutes * 2 ** (consecutiveFailures - 2));
  // A little early, so the attempt falls inside the run that is due rather than the one after.
  return new Date(now.getTime() + minutes * 60000 - 60000);
}
