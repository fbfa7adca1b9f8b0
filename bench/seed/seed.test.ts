/**
 * The seeder at a tiny scale (300 orders): deterministic for a seed, every VIN and plate valid by
 * shared/domain's rules, SQLite's integrity check and the product's invariants hold (seed() refuses
 * to finish otherwise), and the core opens the result and answers searches and vehicle histories.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../electron/core/db/open.js';
import { checkPlate } from '../../shared/domain/plate.js';
import { checkVin } from '../../shared/domain/vin.js';
import { tempDir } from '../../tests/support/core.js';
import { openCore } from '../lib/core.js';
import type { Counts } from './generate.js';
import { seed } from './seed.js';

const TINY: Counts = { customers: 80, vehicles: 100, orders: 300, parts: 60, apiSettles: 6, openOrders: 3 };
const dirs: string[] = [];
const fresh = () => {
  const d = path.join(tempDir('chedang-seed-'), 'data');
  dirs.push(path.dirname(d));
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** The generated content, without the keys the product's own API mints at random (UUIDv7). */
const content = (dir: string) => {
  const db = new Database(path.join(dir, DB_FILE), { readonly: true });
  try {
    const q = (sql: string) => db.prepare(sql).all();
    return {
      customers: q('SELECT kind, name, phone, initials, pinyin, credit_code, created_at FROM customers ORDER BY rowid'),
      vehicles: q(
        'SELECT vin, plate, unplated, plate_color, brand_model, registration_date, last_mileage_km FROM vehicles ORDER BY rowid',
      ),
      parts: q('SELECT code, name, brand, barcode, sale_price_fen, on_hand, stock_value_fen FROM parts ORDER BY rowid'),
      orders: q(
        'SELECT number, status, repair_date, mileage_in_km, fault_description, settlement_no, settle_date, total_fen, payment_method FROM work_orders ORDER BY number',
      ),
      movements: q('SELECT kind, quantity, value_fen, on_hand_after, doc_no FROM stock_movements ORDER BY rowid'),
      outbox: q('SELECT settlement_no, kind, state, record FROM outbox ORDER BY seq'),
    };
  } finally {
    db.close();
  }
};

describe('the seeded ten-year shop (tiny scale)', () => {
  let first = '';

  it('is deterministic for a seed, and differs for another', async () => {
    const a = fresh();
    const b = fresh();
    const c = fresh();
    await seed({ dir: a, counts: TINY, seed: 7, log: () => {}, progress: false });
    await seed({ dir: b, counts: TINY, seed: 7, log: () => {}, progress: false });
    await seed({ dir: c, counts: TINY, seed: 8, log: () => {}, progress: false });
    expect(content(b)).toEqual(content(a));
    expect(JSON.stringify(content(c))).not.toBe(JSON.stringify(content(a)));
    first = a;
  });

  it('refuses a folder that already holds a database', async () => {
    await expect(seed({ dir: first, counts: TINY, seed: 7, log: () => {}, progress: false })).rejects.toThrow(
      /already holds a database/,
    );
  });

  it('has the counts asked for, valid VINs and plates, and a realistic upload state', () => {
    const db = new Database(path.join(first, DB_FILE), { readonly: true });
    try {
      const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      expect(n('SELECT count(*) AS n FROM customers')).toBe(TINY.customers);
      expect(n('SELECT count(*) AS n FROM vehicles')).toBe(TINY.vehicles);
      expect(n('SELECT count(*) AS n FROM parts')).toBe(TINY.parts);
      expect(n(`SELECT count(*) AS n FROM work_orders WHERE status IN ('settled', 'reversed')`)).toBe(TINY.orders);
      expect(n(`SELECT count(*) AS n FROM work_orders WHERE status IN ('received', 'in_progress', 'completed')`)).toBe(
        TINY.openOrders,
      );
      expect(n(`SELECT count(*) AS n FROM outbox WHERE state = 'accepted'`)).toBeGreaterThan(TINY.orders * 0.9);
      const vehicles = db.prepare('SELECT vin, plate, unplated FROM vehicles').all() as {
        vin: string;
        plate: string | null;
        unplated: number;
      }[];
      for (const v of vehicles) {
        expect(checkVin(v.vin).issues, v.vin).toEqual([]);
        if (!v.unplated) expect(checkPlate(v.plate ?? '').issues, v.plate ?? '').toEqual([]);
      }
      // Settlement numbers in the product's format.
      for (const r of db.prepare('SELECT settlement_no FROM work_orders WHERE settlement_no IS NOT NULL').all() as {
        settlement_no: string;
      }[])
        expect(r.settlement_no).toMatch(/^JS\d{8}-\d{4}$/);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });

  it('opens in the core, which finds vehicles by plate and VIN and shows their histories', async () => {
    const core = await openCore(first);
    try {
      const v = core.app.core.sqlite
        .prepare('SELECT id, vin, plate FROM vehicles WHERE plate IS NOT NULL LIMIT 1')
        .get() as {
        id: string;
        vin: string;
        plate: string;
      };
      const byPlate = await core.ok('search.global', { q: v.plate, limit: 10 });
      expect(byPlate.hits.map((h) => h.id)).toContain(v.id);
      const byVin = await core.ok('search.global', { q: v.vin.slice(-6), limit: 10 });
      expect(byVin.hits.map((h) => h.id)).toContain(v.id);
      const history = await core.ok('vehicles.history', { id: v.id });
      expect(history.visits.length).toBeGreaterThan(0);
      expect(history.visits[0]?.labour.length).toBeGreaterThan(0);
      const list = await core.ok('workOrders.list', { status: 'settled', limit: 50 });
      expect(list.total).toBeGreaterThan(0);
      expect((await core.ok('audit.verify', {})).ok).toBe(true);
    } finally {
      core.close();
    }
  });
});
