/**
 * Property tests of the money and stock invariants, through the real API on a real SQLite file.
 * Every run gets a fresh core in its own temp folder, so shrinking replays a run from scratch.
 * Expectations come from a model the test keeps itself; the ledger and totals are then read back
 * from SQLite directly, so a cache that drifts from its ledger cannot hide behind the API.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../shared/api/contract.js';
import { labourAmountFen, lineAmountFen } from '../../shared/domain/money.js';
import { completedOrder, FakeClock, makeCore, seedBasics, type TestCore } from '../support/core.js';
import { derivedCountProblems, ledgerProblems, settlementNumberProblems } from '../support/ledger.js';

type Detail = MethodOutput<'workOrders.get'>;
type ApiErr = Awaited<ReturnType<TestCore['err']>>;

/** The API's ceiling for one amount in fen (shared/api/schemas/common.ts). */
const FEN_MAX = 1_000_000_000;
const SETTLE = { paymentMethod: 'cash', oldPartsDisposition: 'customer_keeps' } as const;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Asia/Shanghai has kept UTC+8 without DST since 1991: a fixed offset is an independent oracle. */
const SHANGHAI = 8 * HOUR;
const shanghaiDay = (ms: number) => new Date(ms + SHANGHAI).toISOString().slice(0, 10);
const nextShanghaiMidnight = (ms: number) => Math.floor((ms + SHANGHAI) / DAY + 1) * DAY - SHANGHAI;

/** CHEDANG_PROPERTY_SCALE=10 runs ten times as many cases, for a soak before a release. */
const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.CHEDANG_PROPERTY_SCALE ?? 1)));

/** A fresh core per property run; the folder goes when the run ends, pass or fail. */
async function withCore<T>(fn: (t: TestCore) => Promise<T>): Promise<T> {
  const t = await makeCore({ clock: new FakeClock() });
  try {
    return await fn(t);
  } finally {
    t.close();
    fs.rmSync(t.dir, { recursive: true, force: true });
  }
}

const expect4xx = (e: ApiErr, what: string) => {
  expect(e.status, `${what}: ${e.code} ${e.message.en}`).toBeGreaterThanOrEqual(400);
  expect(e.status, `${what}: ${e.code} ${e.message.en}`).toBeLessThan(500);
};

const all = <T>(t: TestCore, sql: string, ...args: unknown[]) => t.app.core.sqlite.prepare(sql).all(...args) as T[];
const one = <T>(t: TestCore, sql: string, ...args: unknown[]) => t.app.core.sqlite.prepare(sql).get(...args) as T;

/** Everything a refused stock command must leave exactly as it was. */
const stockState = (t: TestCore) =>
  JSON.stringify({
    parts: all(t, 'SELECT id, on_hand, stock_value_fen FROM parts ORDER BY id'),
    movements: one(t, 'SELECT count(*) AS n FROM stock_movements'),
    counters: all(t, 'SELECT * FROM counters ORDER BY name'),
    outbox: one(t, 'SELECT count(*) AS n FROM outbox'),
  });

const onHandOf = (t: TestCore, partId: string) =>
  one<{ on_hand: number }>(t, 'SELECT on_hand FROM parts WHERE id = ?', partId).on_hand;

// ---------------------------------------------------------------------------------------------
// a. Stock: on-hand and value are always the sums of the ledger

type StockCmd =
  | { k: 'part'; price: number }
  | { k: 'receive'; p: number; qty: number; cost: number }
  | { k: 'adjust'; p: number; delta: number }
  /** Brings on-hand exactly to zero from either side (receive when negative, adjust otherwise). */
  | { k: 'toZero'; p: number; cost: number }
  /** Writes off all but a few hundredths: where a rounded unit cost would drift furthest. */
  | { k: 'drain'; p: number; keep: number }
  | { k: 'stocktake'; counts: { p: number; counted: number }[] }
  | { k: 'order'; lines: { p: number; qty: number; customerSupplied: boolean }[]; settle: boolean }
  | { k: 'reverse'; o: number };

const qty = fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 50_000 }));
const stockCmd: fc.Arbitrary<StockCmd> = fc.oneof(
  { arbitrary: fc.record({ k: fc.constant('part' as const), price: fc.integer({ min: 0, max: 100_000 }) }), weight: 1 },
  {
    arbitrary: fc.record({
      k: fc.constant('receive' as const),
      p: fc.nat(),
      // Bulk lots of cheap parts (screws, clips at a few fen each) make the moving average a fraction
      // of a fen per unit; odd costs and tiny quantities make it round. Both are the point.
      qty: fc.oneof(qty, fc.integer({ min: 1, max: 2_000_000 })),
      cost: fc.oneof(
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 1_000_000 }),
      ),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      k: fc.constant('adjust' as const),
      p: fc.nat(),
      delta: fc.oneof(
        qty,
        qty.map((q) => -q),
      ),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      k: fc.constant('stocktake' as const),
      counts: fc.array(
        fc.record({ p: fc.nat(), counted: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 20_000 })) }),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      k: fc.constant('order' as const),
      lines: fc.array(fc.record({ p: fc.nat(), qty, customerSupplied: fc.boolean() }), { maxLength: 3 }),
      settle: fc.boolean(),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ k: fc.constant('reverse' as const), o: fc.nat() }), weight: 2 },
  {
    arbitrary: fc.record({
      k: fc.constant('toZero' as const),
      p: fc.nat(),
      cost: fc.integer({ min: 0, max: 100_000 }),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({ k: fc.constant('drain' as const), p: fc.nat(), keep: fc.integer({ min: 1, max: 150 }) }),
    weight: 1,
  },
);

async function runStockCommands(t: TestCore, allowNegative: boolean, cmds: StockCmd[]) {
  const { vehicle, filter, oil } = await seedBasics(t);
  if (allowNegative) await t.ok('shop.update', { allowNegativeStock: true });
  const partIds = [filter.id, oil.id];
  const settled: string[] = [];
  const reversed = new Set<string>();
  let partNo = 0;

  for (const c of cmds) {
    t.clock.advance(61_000);
    const before = stockState(t);
    switch (c.k) {
      case 'part': {
        const p = await t.ok('parts.create', { code: `PX-${++partNo}`, name: `配件${partNo}`, salePriceFen: c.price });
        partIds.push(p.id);
        break;
      }
      case 'receive': {
        const partId = partIds[c.p % partIds.length]!;
        const onHand = onHandOf(t, partId);
        const m = await t.ok('stock.receive', { partId, quantity: c.qty, unitCostFen: c.cost });
        expect(m).toMatchObject({ kind: 'receive', quantity: c.qty, onHandAfter: onHand + c.qty });
        break;
      }
      case 'adjust': {
        const partId = partIds[c.p % partIds.length]!;
        const onHand = onHandOf(t, partId);
        const input = { partId, delta: c.delta, reason: '盘盈盘亏' };
        if (allowNegative || onHand + c.delta >= 0) {
          expect(await t.ok('stock.adjust', input)).toMatchObject({ quantity: c.delta, onHandAfter: onHand + c.delta });
        } else {
          const e = await t.err('stock.adjust', input);
          expect4xx(e, 'adjust below zero');
          expect(e.fields[0]).toMatchObject({ code: 'insufficient_stock', field: 'delta' });
          expect(stockState(t)).toBe(before);
        }
        break;
      }
      case 'toZero': {
        const partId = partIds[c.p % partIds.length]!;
        const onHand = onHandOf(t, partId);
        if (onHand < 0) await t.ok('stock.receive', { partId, quantity: -onHand, unitCostFen: c.cost });
        else if (onHand > 0) await t.ok('stock.adjust', { partId, delta: -onHand, reason: '报废' });
        expect(onHandOf(t, partId)).toBe(0);
        break;
      }
      case 'drain': {
        const partId = partIds[c.p % partIds.length]!;
        const onHand = onHandOf(t, partId);
        if (onHand > c.keep) await t.ok('stock.adjust', { partId, delta: c.keep - onHand, reason: '报损' });
        break;
      }
      case 'stocktake': {
        const counts = c.counts.map((x) => ({ partId: partIds[x.p % partIds.length]!, counted: x.counted }));
        if (new Set(counts.map((x) => x.partId)).size < counts.length) {
          expect4xx(await t.err('stock.stocktake', { counts }), 'duplicate count');
          expect(stockState(t)).toBe(before);
        } else {
          await t.ok('stock.stocktake', { counts, reason: '月末盘点' });
          for (const x of counts) expect(onHandOf(t, x.partId)).toBe(x.counted);
        }
        break;
      }
      case 'order': {
        const wo = await t.ok('workOrders.create', {
          vehicleId: vehicle.id,
          mileageInKm: 40_000,
          faultDescription: '更换配件',
          repairCategory: 'minor_repair',
          confirm: ['mileage_rollback'],
        });
        const id = wo.order.id;
        await t.ok('workOrders.addLabour', { workOrderId: id, item: '拆装', hoursTenths: 10 });
        const need = new Map<string, number>();
        for (const l of c.lines) {
          const partId = partIds[l.p % partIds.length]!;
          await t.ok('workOrders.addPart', {
            workOrderId: id,
            partId,
            quantity: l.qty,
            customerSupplied: l.customerSupplied,
            confirm: ['stock_short'],
          });
          if (!l.customerSupplied) need.set(partId, (need.get(partId) ?? 0) + l.qty);
        }
        await t.ok('workOrders.setStatus', { id, status: 'in_progress' });
        await t.ok('workOrders.complete', { id, mileageOutKm: 40_000 });
        if (!c.settle) break;
        const mid = stockState(t);
        const fits = [...need].every(([partId, q]) => onHandOf(t, partId) >= q);
        if (allowNegative || fits) {
          const d = await t.ok('workOrders.settle', { id, ...SETTLE });
          expect(d.order.status).toBe('settled');
          const issued = all<{ part_id: string; quantity: number }>(
            t,
            `SELECT part_id, quantity FROM stock_movements WHERE work_order_id = ? AND kind = 'issue'`,
            id,
          );
          expect(issued).toHaveLength(c.lines.filter((l) => !l.customerSupplied).length);
          const issuedByPart = new Map<string, number>();
          for (const m of issued) issuedByPart.set(m.part_id, (issuedByPart.get(m.part_id) ?? 0) - m.quantity);
          expect(issuedByPart).toEqual(need);
          settled.push(id);
        } else {
          const e = await t.err('workOrders.settle', { id, ...SETTLE });
          expect4xx(e, 'settle short of stock');
          expect(e.fields.some((f) => f.code === 'insufficient_stock')).toBe(true);
          expect(stockState(t)).toBe(mid);
          expect(one(t, 'SELECT status, settlement_no FROM work_orders WHERE id = ?', id)).toEqual({
            status: 'completed',
            settlement_no: null,
          });
        }
        break;
      }
      case 'reverse': {
        const open = settled.filter((id) => !reversed.has(id));
        if (open.length === 0) break;
        const id = open[c.o % open.length]!;
        const r = await t.ok('workOrders.reverse', { id, reason: '结算有误' });
        expect(r.order.order.status).toBe('reversed');
        reversed.add(id);
        // A reversal puts back exactly what left: per order, issues + returns net to zero. With negative
        // stock a return that lands on exactly zero also takes the cost difference the negative stretch
        // left behind (nothing on hand carries no value), so there only the quantities must net out.
        const net = one<{ q: number; v: number }>(
          t,
          'SELECT coalesce(sum(quantity), 0) AS q, coalesce(sum(value_fen), 0) AS v FROM stock_movements WHERE work_order_id = ?',
          id,
        );
        expect(net.q).toBe(0);
        if (!allowNegative) expect(net.v).toBe(0);
        break;
      }
    }
    expect(ledgerProblems(t.app.core.sqlite, { allowNegativeStock: allowNegative }), JSON.stringify(c)).toEqual([]);
    // Settling, reversing and voiding move the trigger-kept counts and last visits (migration 0003).
    expect(derivedCountProblems(t.app.core.sqlite), JSON.stringify(c)).toEqual([]);
    // The API reports the same on-hand as the ledger.
    for (const partId of partIds) expect((await t.ok('parts.get', { id: partId })).onHand).toBe(onHandOf(t, partId));
  }
}

/**
 * Counterexamples fast-check found, replayed on every run. 1: oil at a moving average of 107.998 fen,
 * written off to 0.01 — at the rounded 108 fen the issue took more value than there was (−1 fen left).
 * 2: negative stock (valued at an estimate) received back to exactly zero kept −35 fen of value.
 */
const FOUND: Record<'positive' | 'negative', StockCmd[][]> = {
  positive: [
    [
      { k: 'receive', p: 1, qty: 94_079, cost: 4 },
      { k: 'drain', p: 1, keep: 1 },
    ],
  ],
  negative: [
    [
      { k: 'adjust', p: 0, delta: -1001 },
      { k: 'receive', p: 0, qty: 1, cost: 0 },
    ],
  ],
};

describe('stock ledger (property)', () => {
  it('keeps on-hand and stock value equal to the sums of the movements', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stockCmd, { minLength: 1, maxLength: 14 }), (cmds) =>
        withCore((t) => runStockCommands(t, false, cmds)),
      ),
      { numRuns: runs(50), examples: FOUND.positive.map((cmds) => [cmds]) },
    );
  }, 120_000);

  it('keeps them equal when the shop allows negative stock', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stockCmd, { minLength: 1, maxLength: 14 }), (cmds) =>
        withCore((t) => runStockCommands(t, true, cmds)),
      ),
      { numRuns: runs(40), examples: FOUND.negative.map((cmds) => [cmds]) },
    );
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------
// b. Money: an order's total is the sum of its lines, plus other fees, minus the discount

/** Round half up of n/d for n ≥ 0, in BigInt: written here independently of shared/domain/money.ts. */
const halfUp = (n: bigint, d: bigint) => Number((n + d / 2n) / d);
const partAmount = (qtyHundredths: number, priceFen: number) => halfUp(BigInt(qtyHundredths) * BigInt(priceFen), 100n);
const labourAmount = (hoursTenths: number, rateFen: number) => halfUp(BigInt(hoursTenths) * BigInt(rateFen), 10n);

describe('line amounts', () => {
  it('round half up to the fen (exact vectors)', () => {
    const parts: [number, number, number][] = [
      [150, 1235, 1853], // 1.50 × 12.35 = 18.525 → 18.53
      [100, 6800, 6800],
      [1, 1, 0], // 0.0001 yuan → 0
      [50, 1, 1], // 0.005 yuan → 0.01 (half up, not to even)
      [49, 1, 0],
      [250, 333, 833], // 8.325 → 8.33
      [33, 3, 1], // 0.99 fen → 1
      [100_000_000, 1_000_000_000, 1_000_000_000_000_000],
    ];
    for (const [q, p, want] of parts) {
      expect(lineAmountFen(q, p), `${q}×${p}`).toBe(want);
      expect(partAmount(q, p), `${q}×${p}`).toBe(want);
    }
    const labour: [number, number, number][] = [
      [25, 8005, 20013], // 2.5 h × 80.05 = 200.125 → 200.13
      [5, 8000, 4000],
      [5, 1, 1], // 0.5 fen → 1
      [4, 1, 0],
      [1, 15, 2], // 1.5 fen → 2
      [100_000, 1_000_000_000, 10_000_000_000_000],
    ];
    for (const [h, r, want] of labour) {
      expect(labourAmountFen(h, r), `${h}×${r}`).toBe(want);
      expect(labourAmount(h, r), `${h}×${r}`).toBe(want);
    }
  });

  it('agree with the oracle on random inputs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000_000 }), fc.integer({ min: 0, max: 1_000_000_000 }), (q, p) => {
        expect(lineAmountFen(q, p)).toBe(partAmount(q, p));
      }),
      { numRuns: runs(500) },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 1_000_000_000 }), (h, r) => {
        expect(labourAmountFen(h, r)).toBe(labourAmount(h, r));
      }),
      { numRuns: runs(500) },
    );
  });
});

type LineOp =
  | { k: 'labour'; hours: number; rate: number }
  | { k: 'part'; qty: number; price: number; from: 'stock' | 'bought' | 'customer' }
  | { k: 'update'; line: number; a: number; b: number; which: 'first' | 'second' | 'both' }
  | { k: 'remove'; line: number };

const hours = fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 100_000 }));
const rate = fc.oneof(fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: 0, max: 10_000_000 }));
const partQty = fc.oneof(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 1_000_000 }));
const price = fc.oneof(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 10_000_000 }));
const lineOp: fc.Arbitrary<LineOp> = fc.oneof(
  fc.record({ k: fc.constant('labour' as const), hours, rate }),
  fc.record({
    k: fc.constant('part' as const),
    qty: partQty,
    price,
    from: fc.constantFrom('stock' as const, 'bought' as const, 'customer' as const),
  }),
  fc.record({
    k: fc.constant('update' as const),
    line: fc.nat(),
    a: fc.integer({ min: 1, max: 100_000 }),
    b: price,
    which: fc.constantFrom('first' as const, 'second' as const, 'both' as const),
  }),
  fc.record({ k: fc.constant('remove' as const), line: fc.nat() }),
);

/** The totals of a detail, recomputed from its lines with the independent oracle. */
function assertTotals(d: Detail, otherFeeFen = 0, discountFen = 0) {
  for (const l of d.labour) expect(l.amountFen, `labour ${l.seq}`).toBe(labourAmount(l.hoursTenths, l.rateFen));
  for (const p of d.parts) expect(p.amountFen, `part ${p.seq}`).toBe(partAmount(p.quantity, p.unitPriceFen));
  const labour = d.labour.reduce((s, l) => s + l.amountFen, 0);
  const parts = d.parts.reduce((s, p) => s + p.amountFen, 0);
  expect(d.order.labourTotalFen).toBe(labour);
  expect(d.order.partsTotalFen).toBe(parts);
  expect(d.order.totalFen).toBe(labour + parts + otherFeeFen - discountFen);
}

describe('order totals (property)', () => {
  it('equal Σ labour + Σ parts + other fee − discount, with every line rounded half up', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(lineOp, { minLength: 1, maxLength: 12 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.boolean(),
        (ops, discountShare, otherFeeFen, fullDiscount) =>
          withCore(async (t) => {
            const { vehicle, oil } = await seedBasics(t);
            // Enough oil that no generated stock line can run short: this property is about money.
            await t.ok('stock.receive', { partId: oil.id, quantity: 100_000_000, unitCostFen: 3000 });
            const wo = await t.ok('workOrders.create', {
              vehicleId: vehicle.id,
              mileageInKm: 50_000,
              faultDescription: '维修',
              repairCategory: 'minor_repair',
              confirm: ['mileage_rollback'],
            });
            const id = wo.order.id;
            let d: Detail = wo;
            assertTotals(d);
            let n = 0;
            for (const op of ops) {
              const lines = [
                ...d.labour.map((l) => ({ kind: 'labour' as const, l })),
                ...d.parts.map((l) => ({ kind: 'part' as const, l })),
              ];
              if (op.k === 'labour') {
                d = await t.ok('workOrders.addLabour', {
                  workOrderId: id,
                  item: `项目${++n}`,
                  hoursTenths: op.hours,
                  rateFen: op.rate,
                });
              } else if (op.k === 'part') {
                const base = { workOrderId: id, quantity: op.qty, confirm: ['stock_short'] };
                d = await t.ok(
                  'workOrders.addPart',
                  op.from === 'stock'
                    ? { ...base, partId: oil.id, unitPriceFen: op.price }
                    : op.from === 'bought'
                      ? { ...base, name: `外购件${++n}`, code: `WG-${n}`, unitPriceFen: op.price }
                      : { ...base, name: `自备件${++n}`, code: `ZB-${n}`, customerSupplied: true },
                );
                if (op.from === 'customer') expect(d.parts.at(-1)).toMatchObject({ unitPriceFen: 0, amountFen: 0 });
              } else if (lines.length > 0) {
                const target = lines[op.line % lines.length]!;
                if (op.k === 'remove') {
                  d = await t.ok('workOrders.removeLine', { workOrderId: id, lineId: target.l.id });
                } else if (target.kind === 'labour') {
                  d = await t.ok('workOrders.updateLine', {
                    workOrderId: id,
                    lineId: target.l.id,
                    ...(op.which !== 'second' ? { hoursTenths: op.a } : {}),
                    ...(op.which !== 'first' ? { rateFen: op.b } : {}),
                  });
                } else {
                  const customer = target.l.customerSupplied;
                  const input = {
                    workOrderId: id,
                    lineId: target.l.id,
                    ...(op.which !== 'second' ? { quantity: op.a * 10 } : {}),
                    ...(op.which !== 'first' ? { unitPriceFen: op.b } : {}),
                  };
                  if (customer && op.which !== 'first' && op.b > 0) {
                    const before = JSON.stringify(d);
                    expect4xx(await t.err('workOrders.updateLine', input), 'price on a customer-supplied part');
                    expect(JSON.stringify(await t.ok('workOrders.get', { id }))).toBe(before);
                  } else {
                    d = await t.ok('workOrders.updateLine', input);
                  }
                }
              }
              assertTotals(d);
            }
            if (d.labour.length === 0)
              d = await t.ok('workOrders.addLabour', { workOrderId: id, item: '检查', hoursTenths: 3, rateFen: 8000 });
            await t.ok('workOrders.setStatus', { id, status: 'in_progress' });
            d = await t.ok('workOrders.complete', { id, mileageOutKm: 50_000 });
            assertTotals(d);

            const subtotal = d.order.labourTotalFen + d.order.partsTotalFen + otherFeeFen;
            const discountFen = Math.min(FEN_MAX, fullDiscount ? subtotal : Math.floor(subtotal * discountShare));
            const expectedTotal = subtotal - discountFen;
            // Refusals first: neither may leave a trace.
            const before = JSON.stringify(d);
            const tooMuch = await t.err('workOrders.settle', { id, ...SETTLE, otherFeeFen, discountFen: subtotal + 1 });
            // Above the schema's ceiling for fen the input itself is refused, before any rule runs.
            expect(tooMuch.fields[0]).toMatchObject({
              code: subtotal + 1 > FEN_MAX ? 'schema_too_big' : 'discount_too_large',
              field: 'discountFen',
            });
            const stale = await t.err('workOrders.settle', {
              id,
              ...SETTLE,
              otherFeeFen,
              discountFen,
              expectedTotalFen: expectedTotal + 1,
            });
            expect(stale.code).toBe('stale');
            expect(JSON.stringify(await t.ok('workOrders.get', { id }))).toBe(before);

            const s = await t.ok('workOrders.settle', {
              id,
              ...SETTLE,
              otherFeeFen,
              discountFen,
              expectedTotalFen: expectedTotal,
            });
            expect(s.order).toMatchObject({ status: 'settled', otherFeeFen, discountFen, totalFen: expectedTotal });
            assertTotals(s, otherFeeFen, discountFen);
            expect(s.order.totalFen).toBeGreaterThanOrEqual(0);
            // What the API said is what SQLite holds.
            expect(
              one(
                t,
                'SELECT labour_total_fen AS l, parts_total_fen AS p, total_fen AS t FROM work_orders WHERE id = ?',
                id,
              ),
            ).toEqual({ l: s.order.labourTotalFen, p: s.order.partsTotalFen, t: expectedTotal });
          }),
      ),
      { numRuns: runs(50) },
    );
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------
// c. A settled (or reversed) order never changes

/** The order as SQLite holds it, with everything hanging off it: compared byte for byte. */
const orderSnapshot = (t: TestCore, id: string) =>
  JSON.stringify({
    order: all(t, 'SELECT * FROM work_orders WHERE id = ?', id),
    labour: all(t, 'SELECT * FROM labour_lines WHERE work_order_id = ? ORDER BY seq', id),
    parts: all(t, 'SELECT * FROM part_lines WHERE work_order_id = ? ORDER BY seq', id),
    technicians: all(t, 'SELECT * FROM work_order_technicians WHERE work_order_id = ? ORDER BY user_id', id),
    movements: all(t, 'SELECT * FROM stock_movements WHERE work_order_id = ? ORDER BY rowid', id),
    outbox: all(t, 'SELECT * FROM outbox WHERE work_order_id = ? ORDER BY seq', id),
    reversals: all(t, 'SELECT * FROM reversals WHERE work_order_id = ?', id),
    stock: all(t, 'SELECT id, on_hand, stock_value_fen FROM parts ORDER BY id'),
    counters: all(t, 'SELECT * FROM counters ORDER BY name'),
  });

type Mutation = { method: string; input: (ctx: MutationCtx) => unknown };
interface MutationCtx {
  id: string;
  version: number;
  lines: { id: string; kind: 'labour' | 'part' }[];
  partId: string;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc
    .record({
      field: fc.constantFrom('notes', 'faultDescription', 'mileageInKm', 'senderName', 'repairCategory', 'promisedAt'),
      useVersion: fc.boolean(),
    })
    .map(({ field, useVersion }) => ({
      method: 'workOrders.update',
      input: (c: MutationCtx) => ({
        id: c.id,
        ...(useVersion ? { version: c.version } : {}),
        [field]:
          field === 'mileageInKm' || field === 'promisedAt'
            ? 99_999
            : field === 'repairCategory'
              ? 'special_repair'
              : '改过的内容',
        confirm: ['mileage_rollback'],
      }),
    })),
  hours.map((h) => ({
    method: 'workOrders.addLabour',
    input: (c: MutationCtx) => ({ workOrderId: c.id, item: '追加项目', hoursTenths: h }),
  })),
  fc.record({ q: partQty, stock: fc.boolean() }).map(({ q, stock }) => ({
    method: 'workOrders.addPart',
    input: (c: MutationCtx) => ({
      workOrderId: c.id,
      quantity: q,
      ...(stock ? { partId: c.partId } : { name: '追加件', code: 'ZJ-1', unitPriceFen: 100 }),
      confirm: ['stock_short'],
    }),
  })),
  // Each mutation would be valid on an open order, so a refusal can only come from the settlement.
  fc.record({ pick: fc.nat(), n: fc.integer({ min: 1, max: 1000 }), both: fc.boolean() }).map(({ pick, n, both }) => ({
    method: 'workOrders.updateLine',
    input: (c: MutationCtx) => {
      const line = c.lines[pick % c.lines.length]!;
      return line.kind === 'labour'
        ? { workOrderId: c.id, lineId: line.id, hoursTenths: n, ...(both ? { rateFen: n } : {}) }
        : { workOrderId: c.id, lineId: line.id, quantity: n, ...(both ? { name: '改名' } : {}) };
    },
  })),
  fc.nat().map((pick) => ({
    method: 'workOrders.removeLine',
    input: (c: MutationCtx) => ({ workOrderId: c.id, lineId: c.lines[pick % c.lines.length]!.id }),
  })),
  fc.constant({
    method: 'workOrders.setStatus',
    input: (c: MutationCtx) => ({ id: c.id, status: 'in_progress', note: '返工' }),
  }),
  fc.constant({ method: 'workOrders.complete', input: (c: MutationCtx) => ({ id: c.id, mileageOutKm: 60_000 }) }),
  fc.constant({ method: 'workOrders.void', input: (c: MutationCtx) => ({ id: c.id, reason: '作废' }) }),
  fc.integer({ min: 0, max: 1000 }).map((discountFen) => ({
    method: 'workOrders.settle',
    input: (c: MutationCtx) => ({ id: c.id, ...SETTLE, discountFen }),
  })),
);

/**
 * Direct SQL a script or an SQLite shell might run; the triggers must refuse each one. Not listed:
 * status → reversed, version and updated_at, which the reversal itself writes.
 */
const SQL_ATTACKS: { name: string; sql: string; reversedOnly?: boolean }[] = [
  ...[
    ['number', "'WO-FAKE'"],
    ['repair_date', "'2020-01-01'"],
    ['mileage_in_km', '1'],
    ['mileage_out_km', '1'],
    ['fault_description', "'改'"],
    ['repair_category', "'special_repair'"],
    ['inspector', "'某人'"],
    ['completed_at', '1'],
    ['settlement_no', "'JS20000101-9999'"],
    ['settled_at', '1'],
    ['settle_date', "'2000-01-01'"],
    ['labour_total_fen', 'labour_total_fen + 1'],
    ['parts_total_fen', '0'],
    ['other_fee_fen', 'other_fee_fen + 1'],
    ['discount_fen', 'discount_fen + 1'],
    ['total_fen', 'total_fen - 1'],
    ['payment_method', "'alipay'"],
    ['warranty_days', '0'],
    ['sender_name', "'冒名'"],
    ['notes', "'改备注'"],
    ['promised_at', '1'],
    ['void_reason', "'x'"],
    ['voided_at', '1'],
    ['created_at', '1'],
  ].map(([col, v]) => ({
    name: `UPDATE work_orders.${col}`,
    sql: `UPDATE work_orders SET ${col} = ${v} WHERE id = @id`,
  })),
  ...['received', 'in_progress', 'completed', 'voided'].map((s) => ({
    name: `status → ${s}`,
    sql: `UPDATE work_orders SET status = '${s}' WHERE id = @id`,
  })),
  { name: 'DELETE work_orders', sql: 'DELETE FROM work_orders WHERE id = @id' },
  {
    name: 'UPDATE labour_lines',
    sql: 'UPDATE labour_lines SET hours_tenths = hours_tenths + 1 WHERE work_order_id = @id',
  },
  { name: 'UPDATE labour_lines.amount', sql: 'UPDATE labour_lines SET amount_fen = 0 WHERE work_order_id = @id' },
  { name: 'DELETE labour_lines', sql: 'DELETE FROM labour_lines WHERE work_order_id = @id' },
  {
    name: 'INSERT labour_lines',
    sql: `INSERT INTO labour_lines (id, work_order_id, seq, item, hours_tenths, rate_fen, amount_fen, created_at)
          VALUES ('00000000-0000-7000-8000-000000000001', @id, 99, '偷加', 10, 100, 100, 0)`,
  },
  { name: 'UPDATE part_lines', sql: 'UPDATE part_lines SET quantity = quantity + 1 WHERE work_order_id = @id' },
  { name: 'UPDATE part_lines.code', sql: "UPDATE part_lines SET code = 'X' WHERE work_order_id = @id" },
  { name: 'DELETE part_lines', sql: 'DELETE FROM part_lines WHERE work_order_id = @id' },
  {
    name: 'INSERT part_lines',
    sql: `INSERT INTO part_lines (id, work_order_id, seq, name, quantity, unit_price_fen, amount_fen, part_type, created_at)
          VALUES ('00000000-0000-7000-8000-000000000002', @id, 99, '偷加', 100, 100, 100, 'oem', 0)`,
  },
  { name: 'UPDATE stock_movements', sql: 'UPDATE stock_movements SET quantity = 0 WHERE work_order_id = @id' },
  { name: 'DELETE stock_movements', sql: 'DELETE FROM stock_movements WHERE work_order_id = @id' },
  { name: 'DELETE outbox', sql: 'DELETE FROM outbox WHERE work_order_id = @id' },
  // Only a reversed order has a reversal document (a DELETE of no rows fires no trigger).
  { name: 'DELETE reversals', sql: 'DELETE FROM reversals WHERE work_order_id = @id', reversedOnly: true },
  {
    name: 'UPDATE reversals',
    sql: 'UPDATE reversals SET total_fen = 0 WHERE work_order_id = @id',
    reversedOnly: true,
  },
];

describe('settled orders (property)', () => {
  it('refuse every API mutation and every direct SQL change, and stay byte-identical', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutation, { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 3000 }),
        (mutations, attacks, reverse, discountFen) =>
          withCore(async (t) => {
            const { vehicle, filter } = await seedBasics(t);
            const id = await completedOrder(t, vehicle.id, filter.id, 200);
            await t.ok('workOrders.setStatus', { id, status: 'in_progress' });
            await t.ok('workOrders.addPart', {
              workOrderId: id,
              name: '外购件',
              code: 'WG-1',
              quantity: 100,
              unitPriceFen: 1234,
            });
            await t.ok('workOrders.complete', { id, mileageOutKm: 35_212 });
            let d = await t.ok('workOrders.settle', { id, ...SETTLE, discountFen });
            if (reverse) d = (await t.ok('workOrders.reverse', { id, reason: '开错车辆' })).order;
            const ctx: MutationCtx = {
              id,
              version: d.order.version,
              lines: [
                ...d.labour.map((l) => ({ id: l.id, kind: 'labour' as const })),
                ...d.parts.map((p) => ({ id: p.id, kind: 'part' as const })),
              ],
              partId: filter.id,
            };
            const snap = orderSnapshot(t, id);
            const detail = JSON.stringify(d);

            for (const m of mutations) {
              t.clock.advance(1000);
              expect4xx(await t.err(m.method, m.input(ctx)), m.method);
            }
            // Reversing is the one change a settled order allows, and only once.
            if (reverse) expect4xx(await t.err('workOrders.reverse', { id, reason: '再冲一次' }), 'reverse twice');

            const applicable = SQL_ATTACKS.filter((a) => reverse || !a.reversedOnly);
            for (const i of attacks) {
              const a = applicable[i % applicable.length]!;
              expect(() => t.app.core.sqlite.prepare(a.sql).run({ id }), a.name).toThrow(
                expect.objectContaining({ code: 'SQLITE_CONSTRAINT_TRIGGER' }),
              );
            }
            expect(orderSnapshot(t, id)).toBe(snap);
            expect(JSON.stringify(await t.ok('workOrders.get', { id }))).toBe(detail);
          }),
      ),
      { numRuns: runs(40) },
    );
  }, 120_000);

  it('refuse each direct SQL change, settled and then reversed (every attack at least once)', async () => {
    await withCore(async (t) => {
      const { vehicle, filter } = await seedBasics(t);
      const id = await completedOrder(t, vehicle.id, filter.id, 100);
      await t.ok('workOrders.settle', { id, ...SETTLE });
      const refuse = (name: string, sql: string) =>
        expect(() => t.app.core.sqlite.prepare(sql).run({ id }), name).toThrow(
          expect.objectContaining({ code: 'SQLITE_CONSTRAINT_TRIGGER' }),
        );
      let snap = orderSnapshot(t, id);
      for (const a of SQL_ATTACKS.filter((x) => !x.reversedOnly)) refuse(a.name, a.sql);
      // The record is frozen while the upload is pending.
      refuse('UPDATE outbox.record', `UPDATE outbox SET record = '{}' WHERE work_order_id = @id`);
      expect(orderSnapshot(t, id)).toBe(snap);

      await t.ok('workOrders.reverse', { id, reason: '冲红后同样冻结' });
      snap = orderSnapshot(t, id);
      for (const a of SQL_ATTACKS) refuse(a.name, a.sql);
      refuse('status reversed → settled', `UPDATE work_orders SET status = 'settled' WHERE id = @id`);
      expect(orderSnapshot(t, id)).toBe(snap);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// d. Settlement numbers: unique, per day 0001… without gaps, and the same in the outbox record

type Advance = { k: 'ms'; ms: number } | { k: 'beforeMidnight'; ms: number } | { k: 'afterMidnight'; ms: number };
type Attempt = 'settle' | 'shortOfStock' | 'discountTooLarge' | 'stale';
const advance: fc.Arbitrary<Advance> = fc.oneof(
  fc.record({ k: fc.constant('ms' as const), ms: fc.integer({ min: 0, max: 5 * 60_000 }) }),
  fc.record({ k: fc.constant('ms' as const), ms: fc.integer({ min: 0, max: 40 * HOUR }) }),
  fc.record({ k: fc.constant('beforeMidnight' as const), ms: fc.integer({ min: 1, max: 2000 }) }),
  fc.record({ k: fc.constant('afterMidnight' as const), ms: fc.integer({ min: 0, max: 2000 }) }),
);
const attempt: fc.Arbitrary<Attempt> = fc.oneof(
  { arbitrary: fc.constant('settle' as const), weight: 5 },
  { arbitrary: fc.constant('shortOfStock' as const), weight: 2 },
  { arbitrary: fc.constant('discountTooLarge' as const), weight: 1 },
  { arbitrary: fc.constant('stale' as const), weight: 1 },
);

describe('settlement numbers (property)', () => {
  it('never repeat, run 0001… per Shanghai day without gaps, and match the outbox record', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ before: advance, after: advance, attempt }), { minLength: 1, maxLength: 12 }),
        (steps) =>
          withCore(async (t) => {
            const { vehicle, filter } = await seedBasics(t);
            await t.ok('stock.receive', { partId: filter.id, quantity: 1_000_000, unitCostFen: 3500 });
            // Never in stock: settling an order that uses it fails after the number was allocated.
            const scarce = await t.ok('parts.create', { code: 'SCARCE-1', name: '缺货件', salePriceFen: 100 });
            const move = (a: Advance) => {
              const now = t.clock.now();
              if (a.k === 'ms') t.clock.advance(a.ms);
              else if (a.k === 'beforeMidnight') t.clock.t = Math.max(now, nextShanghaiMidnight(now) - a.ms);
              else t.clock.t = nextShanghaiMidnight(now) + a.ms;
            };
            const perDay = new Map<string, number>();
            const settled: { id: string; no: string; day: string }[] = [];
            const refused: string[] = [];

            for (const s of steps) {
              move(s.before);
              const id = await completedOrder(t, vehicle.id, s.attempt === 'shortOfStock' ? scarce.id : filter.id, 100);
              move(s.after);
              const day = shanghaiDay(t.clock.now());
              if (s.attempt === 'settle') {
                const d = await t.ok('workOrders.settle', { id, ...SETTLE });
                const n = (perDay.get(day) ?? 0) + 1;
                perDay.set(day, n);
                const want = `JS${day.replaceAll('-', '')}-${String(n).padStart(4, '0')}`;
                expect(d.order).toMatchObject({ settlementNo: want, settleDate: day });
                settled.push({ id, no: want, day });
              } else {
                const e = await t.err('workOrders.settle', {
                  id,
                  ...SETTLE,
                  ...(s.attempt === 'discountTooLarge' ? { discountFen: 100_000_000 } : {}),
                  ...(s.attempt === 'stale' ? { expectedTotalFen: 1 } : {}),
                });
                expect4xx(e, s.attempt);
                refused.push(id);
              }
            }

            expect(settlementNumberProblems(t.app.core.sqlite)).toEqual([]);
            const rows = all<{ id: string; settlement_no: string; settle_date: string; settled_at: number }>(
              t,
              'SELECT id, settlement_no, settle_date, settled_at FROM work_orders WHERE settlement_no IS NOT NULL',
            );
            expect(rows).toHaveLength(settled.length);
            for (const s of settled) {
              const r = rows.find((x) => x.id === s.id)!;
              expect(r).toMatchObject({ settlement_no: s.no, settle_date: s.day });
              expect(shanghaiDay(r.settled_at)).toBe(s.day);
              const ob = all<{ kind: string; settlement_no: string; record: string }>(
                t,
                'SELECT kind, settlement_no, record FROM outbox WHERE work_order_id = ?',
                s.id,
              );
              expect(ob).toHaveLength(1);
              expect(ob[0]).toMatchObject({ kind: 'upload', settlement_no: s.no });
              const rec = JSON.parse(ob[0]!.record) as { basicInfo: { costlistcode: string; settledate: string } };
              expect(rec.basicInfo).toMatchObject({ costlistcode: s.no, settledate: s.day.replaceAll('-', '') });
            }
            for (const id of refused) {
              expect(one(t, 'SELECT status, settlement_no FROM work_orders WHERE id = ?', id)).toEqual({
                status: 'completed',
                settlement_no: null,
              });
              expect(one(t, 'SELECT count(*) AS n FROM outbox WHERE work_order_id = ?', id)).toEqual({ n: 0 });
            }
            // The outbox's FIFO sequence has no holes either: a rolled-back settle gives its seq back.
            const seqs = all<{ seq: number }>(t, 'SELECT seq FROM outbox ORDER BY seq').map((r) => r.seq);
            expect(seqs).toEqual(seqs.map((_, i) => i + 1));
          }),
      ),
      { numRuns: runs(30) },
    );
  }, 120_000);
});
