/**
 * Shop-local calendar dates. A settlement at 00:30 in Guangzhou belongs to that day in Guangzhou,
 * whatever the PC's clock zone or UTC says, and the archive's `repairdate`/`settledate` are such local
 * days (`yyyyMMdd`). We compute them with Intl.DateTimeFormat and an explicit IANA zone, which works the
 * same in Node, Electron and browsers, and keep dates as strings ('YYYY-MM-DD') so that no Date object
 * can shift them by a zone again.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One cached formatter per zone: constructing Intl formatters is comparatively slow. */
const formatterFor = (tz: string): Intl.DateTimeFormat => {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      // h23, not hour12:false — some engines print midnight as "24" with the latter.
      hourCycle: 'h23',
    });
    formatters.set(tz, f);
  }
  return f;
};

const parts = (
  at: Date | number,
  tz: string,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> => {
  const ms = typeof at === 'number' ? at : at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`Invalid time: ${String(at)}`);
  const out = { year: '', month: '', day: '', hour: '', minute: '', second: '' };
  for (const p of formatterFor(tz).formatToParts(ms)) {
    if (p.type in out) out[p.type as keyof typeof out] = p.value;
  }
  return out;
};

/** The calendar day of an instant in the shop's zone: 'YYYY-MM-DD'. */
export const localDate = (at: Date | number, tz = DEFAULT_TIME_ZONE): string => {
  const p = parts(at, tz);
  return `${p.year.padStart(4, '0')}-${p.month}-${p.day}`;
};

/** The wall-clock time of an instant in the shop's zone: 'HH:mm:ss'. */
export const localTime = (at: Date | number, tz = DEFAULT_TIME_ZONE): string => {
  const p = parts(at, tz);
  return `${p.hour}:${p.minute}:${p.second}`;
};

/** How far the zone's wall clock is ahead of UTC at instant `at`, in ms (+8 h for Asia/Shanghai). */
export const zoneOffsetMs = (at: number, tz = DEFAULT_TIME_ZONE): number => {
  const p = parts(at, tz);
  const wall = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return wall - (at - (((at % 1000) + 1000) % 1000));
};

/**
 * The instant 00:00 of `day` ('YYYY-MM-DD') begins in zone `tz`, for filtering stored epoch
 * milliseconds by shop-local days. Uses the zone's offset at that midnight (China has one offset).
 */
export const dayStartMs = (day: string, tz = DEFAULT_TIME_ZONE): number => {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  return utcMidnight - zoneOffsetMs(utcMidnight, tz);
};

const daysInMonth = (year: number, month: number): number => {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
};

const isValidYmd = (y: number, m: number, d: number): boolean =>
  y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

/** 'YYYY-MM-DD' naming a real Gregorian day ('2026-02-30' and '2026-2-3' are not). */
export const isValidIsoDate = (s: string): boolean => {
  const m = ISO_DATE.exec(s);
  return m !== null && isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]));
};

/** 'yyyyMMdd' (the archive's wire format) naming a real Gregorian day. */
export const isValidCompactDate = (s: string): boolean => {
  const m = COMPACT_DATE.exec(s);
  return m !== null && isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]));
};

/** '2026-11-24' → '20261124'. Throws RangeError on anything but a valid ISO date. */
export const compactDate = (isoDate: string): string => {
  if (!isValidIsoDate(isoDate)) throw new RangeError(`Not a valid YYYY-MM-DD date: ${isoDate}`);
  return isoDate.replaceAll('-', '');
};
