const MAX_ATTEMPTS = 8;

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends one batch request, then again with whatever DynamoDB left unprocessed (it does so under
 * load, without an error), backing off with full jitter, until nothing is left. Throws after
 * 8 attempts, naming how many requests were left, rather than losing any silently.
 *
 * @param send makes one request of `pending` and returns what DynamoDB left of it
 * @param left says what was left, for the error: (n) => `${n} items unprocessed`
 * @example
 *   await retryUnprocessed(requests, async (pending) => unprocessedOf(await db.send(…)), (n) => `${n} items unprocessed`, sleep);
 */
export async function retryUnprocessed<T>(
  requests: T[],
  send: (pending: T[]) => Promise<T[]>,
  left: (count: number) => string,
  sleep: Sleep = realSleep,
): Promise<void> {
  let pending = requests;
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > MAX_ATTEMPTS) throw new Error(`DynamoDB left ${left(pending.length)} after ${MAX_ATTEMPTS} attempts`);
    pending = await send(pending);
    if (pending.length > 0) await sleep(Math.min(2000, 25 * 2 ** attempt) * Math.random());
  }
}
