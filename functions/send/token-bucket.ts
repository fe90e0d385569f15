/** Paces work to a rate: `take()` resolves when the caller may start one more unit. */
export interface RateLimiter {
  take(): Promise<void>;
}

export interface TokenBucketOptions {
  /** Tokens per second. */
  rate: number;
  /** Tokens saved up while idle; a small burst keeps a late timer from costing throughput. */
  capacity?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * A token bucket that lends: a taker with no token left reserves the next one and waits until it
 * is due, so concurrent takers are spaced exactly 1/rate apart instead of racing, and a timer that
 * fires late is made up by the next take (the bucket refills from the clock, not from the timer).
 * It starts empty, so a fresh sender never opens with a burst.
 */
export class TokenBucket implements RateLimiter {
  private tokens = 0;
  private last: number;
  private readonly capacity: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: TokenBucketOptions) {
    if (!(options.rate > 0)) throw new Error(`a token bucket needs a positive rate, got ${options.rate}`);
    this.capacity = options.capacity ?? 1;
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.last = this.now();
  }

  get rate(): number {
    return this.options.rate;
  }

  async take(): Promise<void> {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.options.rate);
    this.last = now;
    this.tokens -= 1;
    if (this.tokens < 0) await this.sleep((-this.tokens / this.options.rate) * 1000);
  }
}

/** The pace of one sender: the account's SES rate shared by every sender that can run at once. */
export function perSenderRate(maxSendRate: number, concurrentSenders: number): number {
  return maxSendRate / Math.max(1, concurrentSenders);
}
