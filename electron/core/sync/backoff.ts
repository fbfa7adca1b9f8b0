/**
 * When to try again after a failure (architecture.md, sync rule 2): exponential back-off with jitter
 * and a cap, and the platform's own `Retry-After` honoured. Pure, so the schedule is unit-tested.
 *
 * "Equal jitter": half the delay is fixed, half random. The fixed half keeps a flapping link from
 * being hammered; the random half keeps many shops that lost the same city platform at the same
 * moment from all coming back in the same second.
 */

export interface BackoffPolicy {
  /** Delay after the first failure. */
  baseMs: number;
  /** No wait is ever longer than this, however many failures came before. */
  capMs: number;
  /** A `Retry-After` longer than this is clamped to it (a platform's typo must not park the queue for a day). */
  retryAfterCapMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: 5_000,
  capMs: 10 * 60_000,
  retryAfterCapMs: 60 * 60_000,
};

/**
 * The wait after the `failures`-th consecutive failure (1 = the first). `random` in [0, 1).
 * The result lies in [d/2, d] where d = min(cap, base · 2^(failures−1)).
 */
export function backoffDelay(
  failures: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random = Math.random(),
): number {
  const n = Math.max(1, Math.floor(failures));
  // 2^(n−1) overflows to Infinity long after it passed the cap; min() keeps it finite.
  const d = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(n - 1, 60));
  return Math.round(d / 2 + (d / 2) * Math.min(Math.max(random, 0), 1));
}

/**
 * The wait to use: the platform's `Retry-After` when it sent one (clamped to its own cap, and never
 * shorter than the first back-off step, so a `Retry-After: 0` cannot turn into a busy loop),
 * otherwise the jittered back-off.
 */
export function nextDelay(
  failures: number,
  retryAfterMs: number | null,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random = Math.random(),
): number {
  if (retryAfterMs !== null && Number.isFinite(retryAfterMs)) {
    return Math.min(policy.retryAfterCapMs, Math.max(retryAfterMs, policy.baseMs / 2));
  }
  return backoffDelay(failures, policy, random);
}
