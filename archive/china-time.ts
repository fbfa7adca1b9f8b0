/**
 * The wrapper headers' clock. Chengdu and Foshan stamp every request with `{"date":"yyyyMMdd",
 * "time":"HHmmss"}` in China Standard Time (UTC+8, no daylight saving), and the platform refuses a
 * stamp more than five minutes away from its own clock (docs/archive-protocol.md, code -3).
 */
import { compactDate, isValidCompactDate, localDate, localTime } from '../shared/domain/dates.js';

export const CHINA_TIME_ZONE = 'Asia/Shanghai';
const CHINA_OFFSET_MS = 8 * 3600_000;

/** How far a header stamp may be from the server clock, either way. */
export const MAX_HEADER_SKEW_MS = 5 * 60_000;

const HEADER_TIME = /^([01]\d|2[0-3])([0-5]\d)([0-5]\d)$/;

/** The header for an instant: what a client stamps (tests use it too). */
export const headerFor = (ms: number): { date: string; time: string } => ({
  date: compactDate(localDate(ms, CHINA_TIME_ZONE)),
  time: localTime(ms, CHINA_TIME_ZONE).replaceAll(':', ''),
});

/** Epoch ms of a header stamp, or null when `date`/`time` are not a real yyyyMMdd / HHmmss. */
export const parseHeaderTime = (date: string, time: string): number | null => {
  const t = HEADER_TIME.exec(time);
  if (!isValidCompactDate(date) || !t) return null;
  const utc = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(4, 6)) - 1,
    Number(date.slice(6, 8)),
    Number(t[1]),
    Number(t[2]),
    Number(t[3]),
  );
  return utc - CHINA_OFFSET_MS;
};

/**
 * How far a header stamp is from `now`. A stamp names a whole second, so a clock reading anywhere in
 * that second is no distance at all: a client stamping exactly five minutes back is on time.
 */
export const headerSkewMs = (stampMs: number, now: number): number => Math.max(stampMs - now, now - (stampMs + 999), 0);

/** The server's calendar day in China as yyyyMMdd: "today" of the rule settledate ≤ today. */
export const chinaToday = (ms: number): string => compactDate(localDate(ms, CHINA_TIME_ZONE));
