/**
 * Runs `task` over `items` with at most `total` at once and at most `perKey` at once for any one
 * key: the collector's politeness, so twenty section pages of one newspaper are not fetched all at
 * the same moment while other hosts wait. Results keep the order of `items`.
 */
export function mapPolitely<T, R>(
  items: readonly T[],
  keyOf: (item: T) => string,
  limits: { total: number; perKey: number },
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  const waiting = items.map((_, index) => index);
  const inFlight = new Map<string, number>();
  let running = 0;
  return new Promise((resolve, reject) => {
    const launch = (): void => {
      if (waiting.length === 0 && running === 0) {
        resolve(results);
        return;
      }
      for (let at = 0; at < waiting.length && running < limits.total; ) {
        const index = waiting[at] as number;
        const key = keyOf(items[index] as T);
        if ((inFlight.get(key) ?? 0) >= limits.perKey) {
          at++;
          continue;
        }
        waiting.splice(at, 1);
        running++;
        inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
        task(items[index] as T)
          .then((result) => {
            results[index] = result;
          }, reject)
          .finally(() => {
            running--;
            inFlight.set(key, (inFlight.get(key) ?? 1) - 1);
            launch();
          });
      }
    };
    launch();
  });
}
