/**
 * Token buckets per client address for the LAN listener: a phone loading the app and polling stays far
 * below the limit; a script hammering the core (or guessing pairing codes) gets 429 with Retry-After.
 */

export interface BucketSpec {
  /** Requests allowed in a burst. */
  capacity: number;
  /** Requests regained per second. */
  perSecond: number;
}

/** A page load is ~15 static files plus a few calls; sustained use is a call every few seconds. */
export const LAN_REQUESTS: BucketSpec = { capacity: 120, perSecond: 10 };
/** Pairing: five tries, then one every 12 s (a code also dies after five wrong guesses). */
export const LAN_PAIRING: BucketSpec = { capacity: 5, perSecond: 1 / 12 };

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly spec: BucketSpec,
    private readonly now: () => number = Date.now,
  ) {}

  /** 0 when the request may go ahead (and is counted), else the seconds to wait. */
  take(key: string): number {
    const now = this.now();
    if (this.buckets.size > 10_000) this.prune(now);
    const b = this.buckets.get(key) ?? { tokens: this.spec.capacity, at: now };
    b.tokens = Math.min(this.spec.capacity, b.tokens + ((now - b.at) / 1000) * this.spec.perSecond);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.spec.perSecond));
  }

  /** Forget full buckets: a flood of spoofed addresses cannot grow the map without end. */
  private prune(now: number) {
    for (const [k, b] of this.buckets)
      if (b.tokens + ((now - b.at) / 1000) * this.spec.perSecond >= this.spec.capacity) this.buckets.delete(k);
  }
}
