/**
 * Instants of shop-local days. Filters such as "orders of 24 Nov" are days on the shop's calendar,
 * while rows store epoch milliseconds.
 */

/** How far the zone's wall clock is ahead of UTC at `at`, in ms (+8 h for Asia/Shanghai). */
export const zoneOffsetMs = (tz: string, at: number): number => {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return (
    Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - (at - (at % 1000))
  );
};

/** Epoch ms of 00:00 on `day` (YYYY-MM-DD) in zone `tz`. China has kept one offset since 1991. */
export const dayStartMs = (day: string, tz: string): number => {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  return utcMidnight - zoneOffsetMs(tz, utcMidnight);
};
