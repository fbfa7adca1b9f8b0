import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../../shared/api/contract.js';
import { FakeClock, makeCore, seedBasics, type TestCore, VINS } from '../../../tests/support/core.js';

const DAY = 86_400_000;

/**
 * One shop, one month: orders settled on different days with different payment methods, categories,
 * technicians and parts, plus one reversed, one voided and one still open (none of which count).
 * Every expected figure below is worked out by hand from the lines, not read back from the core.
 */
let t: TestCore;
let ids: {
  vehicle: string;
  vehicle2: string;
  vehicle3: string;
  filter: string;
  oil: string;
  li: string;
  chen: string;
};

type Settle = Omit<MethodInput<'workOrders.settle'>, 'id'>;

/** Open → lines → in progress → completed; settle when `settle` is given. Returns the order id. */
async function order(o: {
  vehicleId: string;
  category?: MethodInput<'workOrders.create'>['repairCategory'];
  technicianIds?: string[];
  labour: { hoursTenths: number; technicianId?: string; rateFen?: number }[];
  parts?: Omit<MethodInput<'workOrders.addPart'>, 'workOrderId'>[];
  mileage?: number;
  settle?: Settle;
}) {
  const wo = await t.ok('workOrders.create', {
    vehicleId: o.vehicleId,
    mileageInKm: o.mileage ?? 40_000,
    faultDescription: '定期保养',
    repairCategory: o.category ?? 'minor_repair',
    ...(o.technicianIds ? { technicianIds: o.technicianIds } : {}),
    confirm: ['mileage_rollback'],
  });
  const id = wo.order.id;
  for (const l of o.labour) await t.ok('workOrders.addLabour', { workOrderId: id, item: '检查', ...l });
  for (const p of o.parts ?? []) await t.ok('workOrders.addPart', { workOrderId: id, confirm: ['stock_short'], ...p });
  await t.ok('workOrders.setStatus', { id, status: 'in_progress' });
  await t.ok('workOrders.complete', { id, mileageOutKm: (o.mileage ?? 40_000) + 2 });
  if (o.settle) await t.ok('workOrders.settle', { id, ...o.settle });
  return id;
}

const S = (paymentMethod: Settle['paymentMethod'], extra: Partial<Settle> = {}): Settle => ({
  paymentMethod,
  oldPartsDisposition: 'none',
  ...extra,
});

beforeAll(async () => {
  // Day 0 is 2026-05-10: vehicle 3's only visit, long before the month under report.
  t = await makeCore({ clock: new FakeClock(Date.parse('2026-05-10T10:00:00+08:00')) });
  const basics = await seedBasics(t);
  // A second receipt at a different cost: the filter's moving average becomes (35000 + 40000) / 20 = 3750.
  await t.ok('stock.receive', { partId: basics.filter.id, quantity: 1000, unitCostFen: 4000 });
  const li = await t.ok('users.create', { name: '老李', role: 'technician' });
  const chen = await t.ok('users.create', { name: '小陈', role: 'technician' });
  const v2 = await t.ok('vehicles.create', {
    vin: VINS[1],
    plate: '粤B88888',
    brandModel: '本田雅阁',
    owner: { kind: 'person', name: '李四', phone: '13900139000' },
  });
  const v3 = await t.ok('vehicles.create', {
    vin: VINS[2],
    plate: '粤C66666',
    brandModel: '大众朗逸',
    owner: { kind: 'company', name: '示例物流', phone: '020-88886666' }, // stored as 02088886666
  });
  ids = {
    vehicle: basics.vehicle.id,
    vehicle2: v2.id,
    vehicle3: v3.id,
    filter: basics.filter.id,
    oil: basics.oil.id,
    li: li.id,
    chen: chen.id,
  };

  // 2026-05-10: vehicle 3, 1 h by 老李, cash 8000. Outside November; due for a reminder later.
  await order({
    vehicleId: v3.id,
    mileage: 61_000,
    labour: [{ hoursTenths: 10, technicianId: li.id }],
    settle: S('cash'),
  });
  // 2026-06-01: vehicle 2, 0.5 h, cash 4000. Vehicle 2 comes back in November, so it is not due.
  t.clock.t = Date.parse('2026-06-01T10:00:00+08:00');
  await order({ vehicleId: v2.id, mileage: 20_000, labour: [{ hoursTenths: 5 }], settle: S('cash') });

  // 2026-11-02 (A): level-1, 0.5 h by 老李 (4000) + 1 filter (6800, cost 3750) + 4 L oil (36000, cost 20000);
  // other fee 500, discount 800 → 4000 + 42800 + 500 − 800 = 46500, WeChat.
  t.clock.t = Date.parse('2026-11-02T09:30:00+08:00');
  await order({
    vehicleId: ids.vehicle,
    category: 'level1_maintenance',
    labour: [{ hoursTenths: 5, technicianId: li.id }],
    parts: [
      { partId: ids.filter, quantity: 100 },
      { partId: ids.oil, quantity: 400 },
    ],
    settle: S('wechat', { otherFeeFen: 500, discountFen: 800 }),
  });
  // 2026-11-02 (B): minor repair, order assigned to 小陈 alone, line without technician: 1.5 h at 100/h
  // = 15000; a bought-in part not kept in stock 2 × 2500 = 5000; customer-supplied oil (0). Cash 20000.
  await order({
    vehicleId: ids.vehicle2,
    technicianIds: [chen.id],
    labour: [{ hoursTenths: 15, rateFen: 10_000 }],
    parts: [
      { name: '雨刮片', code: 'YG-01', quantity: 200, unitPriceFen: 2500 },
      { partId: ids.oil, quantity: 400, customerSupplied: true },
    ],
    settle: S('cash'),
  });

  // 2026-11-05 (C): minor repair, two technicians on the order, one line each way: 老李 1 h (8000) and a line
  // with no technician 2 h (16000, unassigned); 2 filters (13600, cost 7500). Alipay 37600.
  t.clock.t = Date.parse('2026-11-05T15:00:00+08:00');
  await order({
    vehicleId: ids.vehicle,
    technicianIds: [li.id, chen.id],
    labour: [{ hoursTenths: 10, technicianId: li.id }, { hoursTenths: 20 }],
    parts: [{ partId: ids.filter, quantity: 200 }],
    settle: S('alipay'),
  });
  // 2026-11-05 (D): settled, then reversed the next day: counts nowhere.
  const reversed = await order({
    vehicleId: ids.vehicle,
    labour: [{ hoursTenths: 30, technicianId: chen.id }],
    parts: [{ partId: ids.filter, quantity: 300 }],
    settle: S('cash'),
  });
  t.clock.advance(DAY);
  await t.ok('workOrders.reverse', { id: reversed, reason: '重复结算' });
  // A voided order and an order still open: not settled, so not counted.
  const voided = await order({ vehicleId: ids.vehicle, labour: [{ hoursTenths: 10 }] });
  await t.ok('workOrders.void', { id: voided, reason: '客户取消' });

  // 2026-11-30 23:30 local (15:30 UTC): still 30 November in the shop. Bank card, 小陈 0.5 h, 4000.
  t.clock.t = Date.parse('2026-11-30T23:30:00+08:00');
  await order({
    vehicleId: ids.vehicle2,
    labour: [{ hoursTenths: 5, technicianId: chen.id }],
    settle: S('bank_card'),
  });
  // 2026-12-01: on account, 老李 1 h + 1 L oil (9000, cost 5000) = 17000, level-2 maintenance.
  t.clock.t = Date.parse('2026-12-01T08:30:00+08:00');
  const l2 = await t.ok('workOrders.create', {
    vehicleId: ids.vehicle,
    mileageInKm: 41_000,
    faultDescription: '二级维护',
    repairCategory: 'level2_maintenance',
    confirm: ['mileage_rollback'],
  });
  await t.ok('workOrders.addLabour', {
    workOrderId: l2.order.id,
    item: '二级维护',
    hoursTenths: 10,
    technicianId: li.id,
  });
  await t.ok('workOrders.addPart', { workOrderId: l2.order.id, partId: ids.oil, quantity: 100 });
  await t.ok('workOrders.setStatus', { id: l2.order.id, status: 'in_progress' });
  await t.ok('workOrders.complete', {
    id: l2.order.id,
    mileageOutKm: 41_005,
    inspector: '王检',
    certificateNo: 'HG-2026-0001',
  });
  await t.ok('workOrders.settle', { id: l2.order.id, ...S('on_account') });
  // Still open on 12-01: vehicle 1 is in the shop.
  await order({ vehicleId: ids.vehicle, labour: [{ hoursTenths: 5 }] });
});
afterAll(() => t.close());

const zero = { cash: 0, wechat: 0, alipay: 0, bank_card: 0, on_account: 0 };

describe('reports.takings', () => {
  it('sums settled orders per day and payment method, without the reversed one', async () => {
    const r = await t.ok('reports.takings', { from: '2026-11-01', to: '2026-11-30', groupBy: 'day' });
    expect(r).toEqual({
      rows: [
        {
          period: '2026-11-02',
          orders: 2,
          totalFen: 46_500 + 20_000,
          byPayment: { ...zero, wechat: 46_500, cash: 20_000 },
        },
        { period: '2026-11-05', orders: 1, totalFen: 37_600, byPayment: { ...zero, alipay: 37_600 } },
        { period: '2026-11-30', orders: 1, totalFen: 4000, byPayment: { ...zero, bank_card: 4000 } },
      ],
      totals: {
        orders: 4,
        totalFen: 46_500 + 20_000 + 37_600 + 4000,
        byPayment: { ...zero, wechat: 46_500, cash: 20_000, alipay: 37_600, bank_card: 4000 },
      },
    });
  });

  it('groups by month across the year', async () => {
    const r = await t.ok('reports.takings', { from: '2026-01-01', to: '2026-12-31', groupBy: 'month' });
    expect(r.rows.map((x) => [x.period, x.orders, x.totalFen])).toEqual([
      ['2026-05', 1, 8000],
      ['2026-06', 1, 4000],
      ['2026-11', 4, 108_100],
      ['2026-12', 1, 17_000],
    ]);
    expect(r.totals).toEqual({
      orders: 7,
      totalFen: 8000 + 4000 + 108_100 + 17_000,
      byPayment: { cash: 8000 + 4000 + 20_000, wechat: 46_500, alipay: 37_600, bank_card: 4000, on_account: 17_000 },
    });
  });

  it('defaults to days, and answers an empty range with zeros', async () => {
    const r = await t.ok('reports.takings', { from: '2025-01-01', to: '2025-12-31' });
    expect(r).toEqual({ rows: [], totals: { orders: 0, totalFen: 0, byPayment: zero } });
    const one = await t.ok('reports.takings', { from: '2026-12-01', to: '2026-12-01' });
    expect(one.rows).toEqual([
      { period: '2026-12-01', orders: 1, totalFen: 17_000, byPayment: { ...zero, on_account: 17_000 } },
    ]);
  });

  it('refuses a range that ends before it starts, and technicians', async () => {
    const e = await t.err('reports.takings', { from: '2026-11-30', to: '2026-11-01' });
    expect(e.code).toBe('invalid_input');
    expect(e.fields[0]?.field).toBe('to');
    const tech = { id: ids.li, name: '老李', role: 'technician' as const };
    expect((await t.err('reports.takings', { from: '2026-11-01', to: '2026-11-30' }, tech)).code).toBe('forbidden');
  });
});

describe('reports.categories', () => {
  it('splits takings into labour, parts, fees and discounts per category', async () => {
    const r = await t.ok('reports.categories', { from: '2026-11-01', to: '2026-11-30' });
    expect(r).toEqual({
      rows: [
        {
          category: 'minor_repair',
          orders: 3,
          totalFen: 20_000 + 37_600 + 4000,
          labourFen: 15_000 + 24_000 + 4000,
          partsFen: 5000 + 13_600,
          otherFeeFen: 0,
          discountFen: 0,
        },
        {
          category: 'level1_maintenance',
          orders: 1,
          totalFen: 46_500,
          labourFen: 4000,
          partsFen: 42_800,
          otherFeeFen: 500,
          discountFen: 800,
        },
      ],
      totals: {
        orders: 4,
        totalFen: 108_100,
        labourFen: 47_000,
        partsFen: 61_400,
        otherFeeFen: 500,
        discountFen: 800,
      },
    });
    const { totals } = r;
    expect(totals.labourFen + totals.partsFen + totals.otherFeeFen - totals.discountFen).toBe(totals.totalFen);
  });
});

describe('reports.technicianHours', () => {
  it('credits lines to their technician, else the order’s only technician, else nobody', async () => {
    const r = await t.ok('reports.technicianHours', { from: '2026-11-01', to: '2026-11-30' });
    expect(r).toEqual({
      rows: [
        // 小陈: order B's line (sole technician on the order) 15 + order on 11-30, 5.
        { technicianId: ids.chen, name: '小陈', orders: 2, hoursTenths: 20, labourFen: 15_000 + 4000 },
        // 老李: order A 5 + order C 10.
        { technicianId: ids.li, name: '老李', orders: 2, hoursTenths: 15, labourFen: 4000 + 8000 },
        // Order C's second line: two technicians on the order, none on the line.
        { technicianId: null, name: '', orders: 1, hoursTenths: 20, labourFen: 16_000 },
      ],
      totals: { orders: 4, hoursTenths: 55, labourFen: 47_000 },
    });
  });
});

describe('reports.partsUsage', () => {
  it('gives quantity, revenue, cost from the issue movements and margin per stock part', async () => {
    const r = await t.ok('reports.partsUsage', { from: '2026-11-01', to: '2026-11-30' });
    expect(r).toEqual({
      rows: [
        {
          partId: ids.oil,
          code: '0W20-4L',
          name: '全合成机油 0W-20',
          unit: '升',
          quantity: 400,
          revenueFen: 36_000,
          costFen: 20_000,
          marginFen: 16_000,
        },
        {
          partId: ids.filter,
          code: '90915-YZZD1',
          name: '机油滤清器',
          unit: '个',
          quantity: 300,
          revenueFen: 6800 + 13_600,
          costFen: 3750 * 3,
          marginFen: 20_400 - 11_250,
        },
      ],
      totals: { revenueFen: 56_400, costFen: 31_250, marginFen: 25_150 },
      nonStockRevenueFen: 5000,
    });
  });

  it('agrees with the stock ledger for the same orders', async () => {
    const r = await t.ok('reports.partsUsage', { from: '2026-12-01', to: '2026-12-31' });
    const m = await t.ok('stock.movements', { partId: ids.oil, kind: 'issue', from: '2026-12-01', to: '2026-12-31' });
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ partId: ids.oil, quantity: 100, revenueFen: 9000 });
    expect(r.rows[0]!.costFen).toBe(-m.items.reduce((s, x) => s + x.valueFen, 0));
  });
});

describe('reports.remindersDue', () => {
  it('lists vehicles whose last settled visit is older than the threshold, with owner and mileage', async () => {
    // Today is 2026-12-01. Vehicle 3 was last here 2026-05-10 (205 days); vehicle 2 on 11-30; vehicle 1
    // has an open order.
    const r = await t.ok('reports.remindersDue', {});
    expect(r).toEqual({
      total: 1,
      items: [
        {
          vehicleId: ids.vehicle3,
          plate: '粤C66666',
          vin: VINS[2],
          brandModel: '大众朗逸',
          ownerId: expect.any(String),
          ownerName: '示例物流',
          ownerPhone: '02088886666',
          lastVisitDate: '2026-05-10',
          lastMileageKm: 61_002,
          daysSince: 205,
        },
      ],
    });
    expect((await t.ok('reports.remindersDue', { days: 205 })).total).toBe(0);
    expect((await t.ok('reports.remindersDue', { days: 204 })).total).toBe(1);
  });

  it('pages, most recently due first', async () => {
    // Vehicle 2's last visit is yesterday; at one day's threshold nothing yet, from today's view.
    expect((await t.ok('reports.remindersDue', { days: 1 })).items.map((i) => i.vehicleId)).toEqual([ids.vehicle3]);
    t.clock.t = Date.parse('2027-06-30T10:00:00+08:00');
    const all = await t.ok('reports.remindersDue', { days: 30 });
    expect(all.items.map((i) => i.vehicleId)).toEqual([ids.vehicle2, ids.vehicle3]);
    const page = await t.ok('reports.remindersDue', { days: 30, limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 2, items: [{ vehicleId: ids.vehicle3 }] });
  });
});
