import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { completedOrder, makeCore, seedBasics, type TestCore, VINS } from '../../../tests/support/core.js';

let t: TestCore;
let basics: Awaited<ReturnType<typeof seedBasics>>;
beforeEach(async () => {
  t = await makeCore();
  basics = await seedBasics(t);
});
afterEach(() => t.close());

const SETTLE = { paymentMethod: 'wechat', oldPartsDisposition: 'customer_keeps' } as const;
const count = (sql: string, ...args: unknown[]) => (t.app.core.sqlite.prepare(sql).get(...args) as { n: number }).n;

describe('settle', () => {
  it('writes the number, stock issue, warranty, record and outbox row together', async () => {
    const id = await completedOrder(t, basics.vehicle.id, basics.filter.id, 200);
    const d = await t.ok('workOrders.settle', { id, ...SETTLE, discountFen: 800, otherFeeFen: 500 });
    expect(d.order).toMatchObject({
      status: 'settled',
      settlementNo: 'JS20261124-0001',
      settleDate: '2026-11-24',
      warrantyKm: 2000,
      warrantyDays: 10,
      labourTotalFen: 4000,
      partsTotalFen: 13_600,
      otherFeeFen: 500,
      discountFen: 800,
      totalFen: 4000 + 13_600 + 500 - 800,
      paymentMethod: 'wechat',
      oldPartsDisposition: 'customer_keeps',
    });
    expect((await t.ok('parts.get', { id: basics.filter.id })).onHand).toBe(800);
    expect(d.archive).toHaveLength(1);
    expect(d.archive[0]).toMatchObject({ kind: 'upload', state: 'pending', issues: [] });
    expect(d.archive[0]!.record).toEqual({
      basicInfo: {
        vehicleplatenumber: '粤A12345',
        companyname: '广州市示例汽车维修有限公司',
        vin: VINS[0],
        repairdate: '20261124',
        repairmileage: '35210',
        settledate: '20261124',
        faultdescription: '定期保养',
        costlistcode: 'JS20261124-0001',
      },
      repairprojectlist: [{ repairproject: '更换机油机滤', workinghours: '0.5' }],
      vehiclepartslist: [{ partsname: '机油滤清器', partscode: '90915-YZZD1', partsquantity: '2.00' }],
      vehicleplatecolor: '蓝',
    });
  });

  it('answers every missing field at once and writes nothing', async () => {
    const v = await t.ok('vehicles.create', { plate: '粤B22222', owner: { kind: 'person', name: '李四' } });
    const wo = await t.ok('workOrders.create', { vehicleId: v.id, repairCategory: 'minor_repair' });
    const id = wo.order.id;
    await t.ok('workOrders.addPart', { workOrderId: id, name: '玻璃水', quantity: 100, unitPriceFen: 1000 });
    await t.ok('workOrders.setStatus', { id, status: 'in_progress' });
    await t.ok('workOrders.complete', { id, mileageOutKm: 1 });
    const e = await t.err('workOrders.settle', { id, ...SETTLE });
    expect(e.status).toBe(422);
    expect(e.fields.map((f) => f.field)).toEqual([
      'vehicle.vin',
      'mileageInKm',
      'faultDescription',
      'labour',
      'parts[0].code',
    ]);
    for (const f of e.fields) expect(f.message.zh && f.message.en).toBeTruthy();
    expect((await t.ok('workOrders.get', { id })).order.status).toBe('completed');
    expect(count('SELECT count(*) AS n FROM outbox')).toBe(0);
    expect(count(`SELECT count(*) AS n FROM counters WHERE name LIKE 'JS%'`)).toBe(0);
  });

  it('needs the plate or an explicit "no plate yet"', async () => {
    const v = await t.ok('vehicles.create', { unplated: true, vin: VINS[1], owner: { kind: 'person', name: '王五' } });
    const id = await completedOrder(t, v.id, basics.filter.id);
    const d = await t.ok('workOrders.settle', { id, ...SETTLE });
    expect((d.archive[0]!.record as { basicInfo: { vehicleplatenumber: string } }).basicInfo.vehicleplatenumber).toBe(
      '无牌',
    );
  });

  it('rolls everything back when stock is short, and the number is not consumed', async () => {
    const short = await completedOrder(t, basics.vehicle.id, basics.filter.id, 1500);
    const e = await t.err('workOrders.settle', { id: short, ...SETTLE });
    expect(e.fields[0]).toMatchObject({ code: 'insufficient_stock', field: 'parts[0].quantity' });
    expect((await t.ok('parts.get', { id: basics.filter.id })).onHand).toBe(1000);
    expect(count('SELECT count(*) AS n FROM outbox')).toBe(0);
    const fine = await completedOrder(t, basics.vehicle.id, basics.filter.id, 100);
    expect((await t.ok('workOrders.settle', { id: fine, ...SETTLE })).order.settlementNo).toBe('JS20261124-0001');
  });

  it('allows negative stock only when the shop says so', async () => {
    await t.ok('shop.update', { allowNegativeStock: true });
    const id = await completedOrder(t, basics.vehicle.id, basics.filter.id, 1500);
    await t.ok('workOrders.settle', { id, ...SETTLE });
    expect((await t.ok('parts.get', { id: basics.filter.id })).onHand).toBe(-500);
  });

  it('never issues customer-supplied parts from stock', async () => {
    const id = await completedOrder(t, basics.vehicle.id, basics.filter.id, 100);
    await t.ok('workOrders.setStatus', { id, status: 'in_progress' });
    await t.ok('workOrders.addPart', { workOrderId: id, partId: basics.oil.id, quantity: 400, customerSupplied: true });
    await t.ok('workOrders.complete', { id, mileageOutKm: 35_212 });
    await t.ok('workOrders.settle', { id, ...SETTLE });
    expect((await t.ok('parts.get', { id: basics.oil.id })).onHand).toBe(2000);
  });

  it('refuses a discount above the amount due and a total the clerk did not see', async () => {
    const id = await completedOrder(t, basics.vehicle.id, basics.filter.id);
    const big = await t.err('workOrders.settle', { id, ...SETTLE, discountFen: 1_000_000 });
    expect(big.fields[0]!.code).toBe('discount_too_large');
    const stale = await t.err('workOrders.settle', { id, ...SETTLE, expectedTotalFen: 1 });
    expect(stale.code).toBe('stale');
  });

  it('holds the record, with reasons, when the shop name is not yet entered', async () => {
    await t.app.core.sqlite.prepare(`UPDATE shop SET name = ''`).run();
    const id = await completedOrder(t, basics.vehicle.id, basics.filter.id);
    const d = await t.ok('workOrders.settle', { id, ...SETTLE });
    expect(d.order.status).toBe('settled');
    expect(d.archive[0]!.state).toBe('held');
    expect(d.archive[0]!.issues.map((i) => i.field)).toContain('basicInfo.companyname');
  });

  it('takes the warranty from the repair category', async () => {
    const wo = await t.ok('workOrders.create', {
      vehicleId: basics.vehicle.id,
      repairCategory: 'level2_maintenance',
      mileageInKm: 40_000,
      faultDescription: '二级维护',
    });
    const id = wo.order.id;
    await t.ok('workOrders.addLabour', { workOrderId: id, item: '二级维护作业', hoursTenths: 40 });
    await t.ok('workOrders.setStatus', { id, status: 'in_progress' });
    await t.ok('workOrders.complete', { id, mileageOutKm: 40_005, inspector: '王工', certificateNo: 'GD-1' });
    const d = await t.ok('workOrders.settle', { id, ...SETTLE });
    expect([d.order.warrantyKm, d.order.warrantyDays]).toEqual([5000, 30]);
  });
});

describe('reverse (冲红)', () => {
  it('is for managers only', async () => {
    const id = await completedOrder(t, basics.vehicle.id, basics.filter.id);
    await t.ok('workOrders.settle', { id, ...SETTLE });
    const clerk = await t.ok('users.create', { name: '小王', role: 'clerk' });
    const e = await t.err(
      'workOrders.reverse',
      { id, reason: '录错' },
      { id: clerk.id, name: clerk.name, role: 'clerk' },
    );
    expect(e).toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('returns the stock at its issue value, keeps the original and holds the unsent record', async () => {
    const id = await completedOrder(t, basics.vehicle.id, basics.filter.id, 300);
    const settled = await t.ok('workOrders.settle', { id, ...SETTLE });
    const { reversal, order } = await t.ok('workOrders.reverse', { id, reason: '金额录错' });
    expect(reversal).toMatchObject({ number: 'HC20261124-0001', workOrderId: id, totalFen: -settled.order.totalFen });
    expect(order.order.status).toBe('reversed');
    const { status: _a, version: _b, updatedAt: _c, ...frozenBefore } = settled.order;
    const { status: _d, version: _e, updatedAt: _f, ...frozenAfter } = order.order;
    expect(frozenAfter).toEqual(frozenBefore);
    expect(order.labour).toEqual(settled.labour);
    const p = await t.ok('parts.get', { id: basics.filter.id });
    expect(p).toMatchObject({ onHand: 1000, avgCostFen: 3500 });
    expect(order.archive[0]).toMatchObject({ state: 'held' });
    expect(order.archive[0]!.issues.map((i) => i.code)).toContain('reversed_before_upload');
  });

  it('notes an archive correction when the record was already accepted', async () => {
    const id = await completedOrder(t, basics.vehicle.id, basics.filter.id);
    await t.ok('workOrders.settle', { id, ...SETTLE });
    t.app.core.sqlite.prepare(`UPDATE outbox SET state = 'accepted', accepted_at = 1`).run();
    const { order } = await t.ok('workOrders.reverse', { id, reason: '退货' });
    expect(order.archive.map((a) => [a.kind, a.state])).toEqual([
      ['upload', 'accepted'],
      ['correction', 'held'],
    ]);
    expect(order.archive[1]!.issues[0]!.code).toBe('archive_correction_needed');
  });
});

describe('guards in the database itself', () => {
  it('refuses SQL that would alter a settled order, its lines, the ledgers or an accepted upload', async () => {
    const id = await completedOrder(t, basics.vehicle.id, basics.filter.id);
    await t.ok('workOrders.settle', { id, ...SETTLE });
    const s = t.app.core.sqlite;
    expect(() => s.prepare('UPDATE work_orders SET total_fen = 1 WHERE id = ?').run(id)).toThrow(
      /settled_order_immutable/,
    );
    expect(() => s.prepare('UPDATE labour_lines SET hours_tenths = 99 WHERE work_order_id = ?').run(id)).toThrow(
      /order_lines_frozen/,
    );
    expect(() => s.prepare('DELETE FROM stock_movements').run()).toThrow(/append_only/);
    expect(() => s.prepare('DELETE FROM audit_log').run()).toThrow(/append_only/);
    s.prepare(`UPDATE outbox SET state = 'accepted'`).run();
    expect(() => s.prepare(`UPDATE outbox SET state = 'pending'`).run()).toThrow(/accepted_record_is_final/);
    expect(() => s.prepare(`UPDATE outbox SET record = '{}'`).run()).toThrow(/outbox_record_frozen/);
  });
});
