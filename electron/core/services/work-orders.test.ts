import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkOrderStatus } from '../../../shared/domain/enums.js';
import { completedOrder, makeCore, seedBasics, type TestCore, VINS } from '../../../tests/support/core.js';

let t: TestCore;
let basics: Awaited<ReturnType<typeof seedBasics>>;
beforeEach(async () => {
  t = await makeCore();
  basics = await seedBasics(t);
});
afterEach(() => t.close());

const SETTLE = { paymentMethod: 'cash', oldPartsDisposition: 'none' } as const;

/** Brings a fresh order to the given status through the API. */
async function orderIn(status: WorkOrderStatus): Promise<string> {
  if (status === 'received' || status === 'in_progress') {
    const wo = await t.ok('workOrders.create', {
      vehicleId: basics.vehicle.id,
      mileageInKm: 40_000,
      faultDescription: '异响',
      repairCategory: 'minor_repair',
    });
    await t.ok('workOrders.addLabour', { workOrderId: wo.order.id, item: '检查底盘', hoursTenths: 10 });
    if (status === 'in_progress') await t.ok('workOrders.setStatus', { id: wo.order.id, status: 'in_progress' });
    return wo.order.id;
  }
  const id = await completedOrder(t, basics.vehicle.id, basics.filter.id);
  if (status === 'completed') return id;
  if (status === 'voided') {
    await t.ok('workOrders.void', { id, reason: '客户取消' });
    return id;
  }
  await t.ok('workOrders.settle', { id, ...SETTLE });
  if (status === 'reversed') await t.ok('workOrders.reverse', { id, reason: '金额录错' });
  return id;
}

type Action = 'start' | 'complete' | 'settle' | 'void' | 'reverse';
const act = (a: Action, id: string) => {
  switch (a) {
    case 'start':
      return t.app.call('workOrders.setStatus', { id, status: 'in_progress' });
    case 'complete':
      return t.app.call('workOrders.complete', { id, mileageOutKm: 40_010 });
    case 'settle':
      return t.app.call('workOrders.settle', { id, ...SETTLE });
    case 'void':
      return t.app.call('workOrders.void', { id, reason: '测试' });
    case 'reverse':
      return t.app.call('workOrders.reverse', { id, reason: '测试' });
  }
};

/** The status machine of shared/domain/work-order-status.ts, seen from the API. */
const ALLOWED: Record<WorkOrderStatus, Action[]> = {
  received: ['start', 'void'],
  in_progress: ['complete', 'void'],
  completed: ['start', 'settle', 'void'],
  settled: ['reverse'],
  voided: [],
  reversed: [],
};
const ACTIONS: Action[] = ['start', 'complete', 'settle', 'void', 'reverse'];

describe('work orders: the status machine', () => {
  for (const from of Object.keys(ALLOWED) as WorkOrderStatus[])
    for (const a of ACTIONS) {
      const allowed = ALLOWED[from].includes(a);
      it(`${from} → ${a} is ${allowed ? 'allowed' : 'refused'}`, async () => {
        const id = await orderIn(from);
        const before = await t.ok('workOrders.get', { id });
        const r = await act(a, id);
        if (allowed) {
          expect(r.ok, JSON.stringify(r)).toBe(true);
        } else {
          expect(r.ok).toBe(false);
          if (!r.ok) {
            expect(r.status).toBe(409);
            expect(r.error.message.zh).not.toBe('');
            expect(r.error.message.en).not.toBe('');
          }
          expect(await t.ok('workOrders.get', { id })).toEqual(before);
        }
      });
    }
});

describe('work orders: reception and lines', () => {
  it('numbers orders per day and defaults the customer to the owner', async () => {
    const a = await t.ok('workOrders.create', { vehicleId: basics.vehicle.id, repairCategory: 'minor_repair' });
    const b = await t.ok('workOrders.create', { vehicleId: basics.vehicle.id, repairCategory: 'minor_repair' });
    expect([a.order.number, b.order.number]).toEqual(['WO20261124-0001', 'WO20261124-0002']);
    expect(a.order.customerId).toBe(basics.vehicle.ownerId);
    expect(a.order.repairDate).toBe('2026-11-24');
  });

  it('refuses a repair date in the future', async () => {
    const e = await t.err('workOrders.create', {
      vehicleId: basics.vehicle.id,
      repairCategory: 'minor_repair',
      repairDate: '2026-11-25',
    });
    expect(e.fields[0]).toMatchObject({ field: 'repairDate', code: 'repair_date_future' });
  });

  it('needs a customer when the vehicle has no owner', async () => {
    const v = await t.ok('vehicles.create', { vin: VINS[1], plate: '粤B11111' });
    const e = await t.err('workOrders.create', { vehicleId: v.id, repairCategory: 'minor_repair' });
    expect(e.fields[0]).toMatchObject({ field: 'customerId', code: 'customer_required' });
  });

  it('asks to confirm an odometer reading below the last one', async () => {
    await t.ok('workOrders.create', {
      vehicleId: basics.vehicle.id,
      repairCategory: 'minor_repair',
      mileageInKm: 50_000,
    });
    const e = await t.err('workOrders.create', {
      vehicleId: basics.vehicle.id,
      repairCategory: 'minor_repair',
      mileageInKm: 45_000,
    });
    expect(e.fields[0]).toMatchObject({ code: 'mileage_rollback', severity: 'warning', field: 'mileageInKm' });
    await t.ok('workOrders.create', {
      vehicleId: basics.vehicle.id,
      repairCategory: 'minor_repair',
      mileageInKm: 45_000,
      confirm: ['mileage_rollback'],
    });
    expect((await t.ok('vehicles.get', { id: basics.vehicle.id })).lastMileageKm).toBe(50_000);
  });

  it('prices lines in integer fen and keeps totals equal to the lines', async () => {
    const wo = await t.ok('workOrders.create', { vehicleId: basics.vehicle.id, repairCategory: 'minor_repair' });
    const id = wo.order.id;
    let d = await t.ok('workOrders.addLabour', { workOrderId: id, item: '更换刹车片', hoursTenths: 15 });
    expect(d.labour[0]).toMatchObject({ rateFen: 8000, amountFen: 12_000 });
    d = await t.ok('workOrders.addPart', { workOrderId: id, partId: basics.oil.id, quantity: 425 });
    expect(d.parts[0]).toMatchObject({
      name: '全合成机油 0W-20',
      code: '0W20-4L',
      unitPriceFen: 9000,
      amountFen: 38_250,
    });
    expect(d.order.totalFen).toBe(50_250);
    d = await t.ok('workOrders.updateLine', { workOrderId: id, lineId: d.labour[0]!.id, hoursTenths: 10 });
    expect(d.order.totalFen).toBe(8000 + 38_250);
    d = await t.ok('workOrders.removeLine', { workOrderId: id, lineId: d.parts[0]!.id });
    expect(d.order).toMatchObject({ partsTotalFen: 0, totalFen: 8000 });
  });

  it('refuses a field that the line kind does not have', async () => {
    const wo = await t.ok('workOrders.create', { vehicleId: basics.vehicle.id, repairCategory: 'minor_repair' });
    const d = await t.ok('workOrders.addLabour', { workOrderId: wo.order.id, item: '检查', hoursTenths: 5 });
    const e = await t.err('workOrders.updateLine', {
      workOrderId: wo.order.id,
      lineId: d.labour[0]!.id,
      quantity: 100,
    });
    expect(e.fields[0]).toMatchObject({ field: 'quantity', code: 'field_not_on_line' });
  });

  it('charges nothing for customer-supplied parts', async () => {
    const wo = await t.ok('workOrders.create', { vehicleId: basics.vehicle.id, repairCategory: 'minor_repair' });
    const e = await t.err('workOrders.addPart', {
      workOrderId: wo.order.id,
      name: '雨刮片',
      code: 'WB-600',
      quantity: 200,
      unitPriceFen: 3000,
      customerSupplied: true,
    });
    expect(e.fields[0]!.code).toBe('customer_supplied_priced');
    const d = await t.ok('workOrders.addPart', {
      workOrderId: wo.order.id,
      name: '雨刮片',
      code: 'WB-600',
      quantity: 200,
      customerSupplied: true,
    });
    expect(d.parts[0]).toMatchObject({ customerSupplied: true, amountFen: 0, partId: null });
  });

  it('warns when open orders would use more than is on hand', async () => {
    const wo = await t.ok('workOrders.create', { vehicleId: basics.vehicle.id, repairCategory: 'minor_repair' });
    const e = await t.err('workOrders.addPart', { workOrderId: wo.order.id, partId: basics.filter.id, quantity: 1100 });
    expect(e.fields[0]).toMatchObject({ code: 'stock_short', severity: 'warning' });
  });

  it('refuses a stale version', async () => {
    const wo = await t.ok('workOrders.create', { vehicleId: basics.vehicle.id, repairCategory: 'minor_repair' });
    await t.ok('workOrders.update', { id: wo.order.id, version: wo.order.version, faultDescription: '异响' });
    const e = await t.err('workOrders.update', {
      id: wo.order.id,
      version: wo.order.version,
      faultDescription: '抖动',
    });
    expect(e).toMatchObject({ code: 'stale', status: 409 });
  });

  it('lists by status, newest first, with the vehicle and customer', async () => {
    const a = await t.ok('workOrders.create', { vehicleId: basics.vehicle.id, repairCategory: 'minor_repair' });
    t.clock.advance(1000);
    const b = await t.ok('workOrders.create', { vehicleId: basics.vehicle.id, repairCategory: 'minor_repair' });
    await t.ok('workOrders.setStatus', { id: b.order.id, status: 'in_progress' });
    const all = await t.ok('workOrders.list', {});
    expect(all.items.map((o) => o.id)).toEqual([b.order.id, a.order.id]);
    expect(all.items[0]).toMatchObject({ plate: '粤A12345', customerName: '张三' });
    const received = await t.ok('workOrders.list', { status: 'received' });
    expect(received).toMatchObject({ total: 1, items: [{ id: a.order.id }] });
    expect((await t.ok('workOrders.list', { from: '2026-11-24', to: '2026-11-24' })).total).toBe(2);
    expect((await t.ok('workOrders.list', { from: '2026-11-25' })).total).toBe(0);
  });
});

describe('work orders: completion', () => {
  it('needs the mileage out, not below the mileage in', async () => {
    const id = await orderIn('in_progress');
    const missing = await t.err('workOrders.complete', { id });
    expect(missing.fields[0]!.field).toBe('mileageOutKm');
    const low = await t.err('workOrders.complete', { id, mileageOutKm: 39_000 });
    expect(low.fields[0]).toMatchObject({ code: 'mileage_out_below_in', field: 'mileageOutKm' });
  });

  it('questions a mileage out far above the mileage in, and takes it once confirmed', async () => {
    const id = await orderIn('in_progress');
    const far = await t.err('workOrders.complete', { id, mileageOutKm: 40_000_612 });
    expect(far.fields[0]).toMatchObject({
      code: 'mileage_out_far_above_in',
      field: 'mileageOutKm',
      severity: 'warning',
    });
    expect((await t.ok('workOrders.get', { id })).order.status).toBe('in_progress');
    const d = await t.ok('workOrders.complete', {
      id,
      mileageOutKm: 40_000_612,
      confirm: ['mileage_out_far_above_in'],
    });
    expect(d.order.mileageOutKm).toBe(40_000_612);
  });

  for (const category of ['level2_maintenance', 'assembly_overhaul', 'vehicle_overhaul'] as const)
    it(`needs the inspector and certificate number for ${category}`, async () => {
      const wo = await t.ok('workOrders.create', {
        vehicleId: basics.vehicle.id,
        repairCategory: category,
        mileageInKm: 40_000,
      });
      await t.ok('workOrders.setStatus', { id: wo.order.id, status: 'in_progress' });
      const e = await t.err('workOrders.complete', { id: wo.order.id, mileageOutKm: 40_001 });
      expect(e.fields.map((f) => f.field).sort()).toEqual(['certificateNo', 'inspector']);
      const d = await t.ok('workOrders.complete', {
        id: wo.order.id,
        mileageOutKm: 40_001,
        inspector: '王工',
        certificateNo: 'GD2026-000123',
      });
      expect(d.order).toMatchObject({ status: 'completed', inspector: '王工', certificateNo: 'GD2026-000123' });
    });

  it('appends the technician’s notes of each step to the order', async () => {
    const id = await orderIn('received');
    await t.ok('workOrders.setStatus', { id, status: 'in_progress', note: '已拆检' });
    const d = await t.ok('workOrders.complete', { id, mileageOutKm: 40_005, note: '  已试车，无异响 ' });
    expect(d.order.notes).toBe('已拆检\n已试车，无异响');
  });

  it('does not need an inspector for a minor repair', async () => {
    const id = await orderIn('in_progress');
    const d = await t.ok('workOrders.complete', { id, mileageOutKm: 40_001 });
    expect(d.order.completedAt).toBe(t.clock.now());
  });
});
