/**
 * Realistic, varied query inputs drawn from the seeded database itself (never one repeated key):
 * what a clerk types into the search box, which vehicles get opened (in proportion to how often they
 * come in, so the fleet vans with fifty visits are opened too), which list tabs and pages.
 * Deterministic: the same dataset and n give the same inputs.
 */
import type { Sqlite } from '../../electron/core/db/open.js';
import { Rng } from '../seed/prng.js';

const maxRowid = (s: Sqlite, table: string) =>
  (s.prepare(`SELECT max(rowid) AS n FROM ${table}`).get() as { n: number }).n;

/** `n` rows of `table` at random rowids (rowids are dense in the seeded tables). */
function sampleRows<T>(s: Sqlite, rng: Rng, table: string, cols: string, where: string, n: number): T[] {
  const max = maxRowid(s, table);
  const stmt = s.prepare(`SELECT ${cols} FROM ${table} WHERE rowid = ? ${where ? `AND ${where}` : ''}`);
  const out: T[] = [];
  for (let tries = 0; out.length < n && tries < n * 50; tries++) {
    const r = stmt.get(rng.int(1, max)) as T | undefined;
    if (r) out.push(r);
  }
  return out;
}

/** 粤B1…: the start of a plate (3–5 characters), sometimes the whole plate. */
export const plateFragments = (s: Sqlite, n: number, seed = 1): string[] => {
  const rng = new Rng(seed);
  return sampleRows<{ plate: string }>(s, rng, 'vehicles', 'plate', 'plate IS NOT NULL', n).map(({ plate }) =>
    rng.chance(0.2) ? plate : [...plate].slice(0, rng.int(3, 5)).join(''),
  );
};

/** The last six characters of a VIN, as read off a windscreen or a registration certificate. */
export const vinTails = (s: Sqlite, n: number, seed = 2): string[] =>
  sampleRows<{ vin: string }>(s, new Rng(seed), 'vehicles', 'vin', 'vin IS NOT NULL', n).map(({ vin }) =>
    vin.slice(-6),
  );

/** The last four digits of a phone, or the middle four, or the whole number. */
export const phoneFragments = (s: Sqlite, n: number, seed = 3): string[] => {
  const rng = new Rng(seed);
  return sampleRows<{ phone: string }>(s, rng, 'customers', 'phone', "phone <> ''", n).map(({ phone }) => {
    const x = rng.next();
    return x < 0.5 ? phone.slice(-4) : x < 0.8 ? phone.slice(3, 7) : phone;
  });
};

/** Pinyin initials of a real customer's name (zs → 张三), 2–3 letters. */
export const initials = (s: Sqlite, n: number, seed = 4): string[] => {
  const rng = new Rng(seed);
  return sampleRows<{ initials: string }>(
    s,
    rng,
    'customers',
    'initials',
    "kind = 'person' AND length(initials) BETWEEN 2 AND 3",
    n,
  ).map((r) => r.initials);
};

/** A part code's start (90915, 0986AF…) or a few characters of its name (机油滤, 刹车片). */
export const partQueries = (s: Sqlite, n: number, seed = 5): string[] => {
  const rng = new Rng(seed);
  return sampleRows<{ code: string; name: string }>(s, rng, 'parts', 'code, name', '', n).map(({ code, name }) => {
    if (rng.chance(0.5)) return code.slice(0, rng.int(4, Math.min(8, code.length)));
    const chars = [...name.replace(/[\s\dA-Za-z/-]+/g, '')];
    const len = Math.min(chars.length, rng.int(3, 4));
    const from = rng.int(0, Math.max(0, chars.length - len));
    return chars.slice(from, from + len).join('') || code.slice(0, 5);
  });
};

/** Vehicles as they are opened at the desk: picked through their orders, so regulars come up often. */
export const vehiclesAsOpened = (s: Sqlite, n: number, seed = 6): string[] =>
  sampleRows<{ vehicle_id: string }>(s, new Rng(seed), 'work_orders', 'vehicle_id', '', n).map((r) => r.vehicle_id);

export interface ListQuery {
  statuses: ('received' | 'in_progress' | 'completed' | 'settled' | 'voided' | 'reversed')[];
  offset: number;
}

/** The work-order list's tabs as clerks use them: mostly the open tabs and the first pages of 已结算. */
export const listQueries = (n: number, seed = 7): ListQuery[] => {
  const rng = new Rng(seed);
  const tabs: ListQuery['statuses'][] = [
    ['received', 'in_progress', 'completed'],
    ['received'],
    ['in_progress'],
    ['completed'],
    ['settled'],
    ['settled'],
    ['settled'],
    ['voided'],
    ['reversed'],
  ];
  return Array.from({ length: n }, () => {
    const statuses = rng.pick(tabs);
    // Paging back through history: mostly page 1, sometimes far back.
    const page =
      statuses[0] === 'settled' ? (rng.chance(0.6) ? 0 : rng.skewed(200, 2)) : rng.chance(0.8) ? 0 : rng.int(0, 3);
    return { statuses, offset: page * 50 };
  });
};
