/** Time comes from here so tests can run the shop's calendar (and the uploader's backoff) on a fake clock. */
export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };
