/**
 * The shop's ten years as a calendar: which days it is open (closed around Spring Festival), how
 * busy each day is (growing over the years, quieter on Sundays), and instants in shop-local time
 * (Asia/Shanghai: UTC+8 all year, no DST since 1991, so a fixed offset is exact).
 */
import type { Rng } from './prng.js';

export const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The last day of the dataset: fixed, so the dataset is the same whenever it is built. */
export const END_DAY = '2026-11-23';
export const YEARS = 10;

/** Spring Festival (春节) dates: the shop closes from the eve to the fifth day. */
const SPRING_FESTIVAL = [
  '2017-01-28',
  '2018-02-16',
  '2019-02-05',
  '2020-01-25',
  '2021-02-12',
  '2022-02-01',
  '2023-01-22',
  '2024-02-10',
  '2025-01-29',
  '2026-02-17',
];

/** 00:00 shop-local of a `YYYY-MM-DD` day, as epoch ms. */
export const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS;
/** The shop-local `YYYY-MM-DD` of an instant. */
export const dayOf = (ms: number): string => new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);

export interface Calendar {
  /** Day index 0 … days-1 → `YYYY-MM-DD`. */
  days: string[];
  /** Orders created each day; sums to the requested total. */
  orders: number[];
  start(dayIndex: number): number;
}

export function calendar(rng: Rng, totalOrders: number): Calendar {
  const end = dayStart(END_DAY);
  const n = YEARS * 365;
  const days = Array.from({ length: n }, (_, i) => dayOf(end - (n - 1 - i) * DAY_MS));
  const closed = new Set<string>();
  for (const sf of SPRING_FESTIVAL) for (let k = -1; k <= 5; k++) closed.add(dayOf(dayStart(sf) + k * DAY_MS));
  const weights = days.map((d, i) => {
    if (closed.has(d)) return 0;
    const weekday = new Date(`${d}T12:00:00Z`).getUTCDay();
    const growth = 0.6 + 0.8 * (i / n);
    const week = weekday === 0 ? 0.55 : weekday === 6 ? 1.15 : 1;
    return growth * week * (0.8 + 0.4 * rng.next());
  });
  // The last day always has work, so "today" on the dashboard shows something.
  weights[n - 1] = Math.max(weights[n - 1] as number, 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  // Largest-remainder rounding: the counts add up to exactly the total asked for.
  let acc = 0;
  let given = 0;
  const orders = weights.map((w) => {
    acc += (w / sum) * totalOrders;
    const upTo = Math.round(acc);
    const c = upTo - given;
    given = upTo;
    return c;
  });
  return { days, orders, start: (i) => dayStart(days[i] as string) };
}

/** `count` sorted instants in the working day (08:30–17:30 shop-local) of the day starting at `start`. */
export const workingTimes = (rng: Rng, start: number, count: number): number[] =>
  Array.from({ length: count }, () => start + 8.5 * 3_600_000 + Math.floor(rng.next() * 9 * 3_600_000)).sort(
    (a, b) => a - b,
  );
