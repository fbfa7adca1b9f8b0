/**
 * Test harness: a real core on a real SQLite file in a fresh temp folder, with output validation on
 * and a controllable clock. `ok()` returns the value or fails the test with the API error; `err()`
 * expects an error and returns it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type CoreApp, type CoreOptions, createCore } from '../../electron/core/app.js';
import type { Actor } from '../../electron/core/context.js';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.js';
import type { ApiErrorBody } from '../../shared/api/errors.js';

export class FakeClock {
  constructor(public t = Date.parse('2026-11-24T09:00:00+08:00')) {}
  now = () => this.t;
  advance(ms: number) {
    this.t += ms;
  }
}

export const tempDir = (prefix = 'chedang-test-'): string => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

export interface TestCore {
  app: CoreApp;
  dir: string;
  clock: FakeClock;
  /** `actor` null: as nobody signed in (public methods only, e.g. `lan.pair`). */
  ok<M extends MethodName>(method: M, input: MethodInput<M>, actor?: Actor | null): Promise<MethodOutput<M>>;
  err(method: string, input: unknown, actor?: Actor | null): Promise<ApiErrorBody & { status: number }>;
  close(): void;
}

export async function makeCore(
  opts: { dir?: string; clock?: FakeClock; uploader?: CoreOptions['uploader'] } = {},
): Promise<TestCore> {
  const dir = opts.dir ?? tempDir();
  const clock = opts.clock ?? new FakeClock();
  const app = await createCore({
    dataDir: dir,
    clock,
    validateOutput: true,
    log: () => {},
    ...(opts.uploader ? { uploader: opts.uploader } : {}),
  });
  return {
    app,
    dir,
    clock,
    async ok(method, input, actor) {
      const r = await app.call(method, input, actor);
      if (!r.ok) throw new Error(`${method} failed: ${r.status} ${JSON.stringify(r.error)}`);
      return r.value as never;
    },
    async err(method, input, actor) {
      const r = await app.call(method, input, actor);
      if (r.ok) throw new Error(`${method} unexpectedly succeeded: ${JSON.stringify(r.value).slice(0, 300)}`);
      return { ...r.error, status: r.status };
    },
    close: () => app.close(),
  };
}

/** Valid VINs for fixtures (check digits correct). */
export const VINS = ['LSJA24U62JG269225', 'LDC613P23A1305189', 'LBV5S3102ESJ25655', '1M8GDM9AXKP042788'] as const;

/** A shop with a name, a vehicle with an owner, two stocked parts: the usual starting point. */
export async function seedBasics(t: TestCore) {
  await t.ok('shop.update', {
    name: '广州市示例汽车维修有限公司',
    creditCode: '91430100MA4M76GY99',
    labourRateFen: 8000,
  });
  const vehicle = await t.ok('vehicles.create', {
    vin: VINS[0],
    plate: '粤A12345',
    brandModel: '丰田凯美瑞',
    owner: { kind: 'person', name: '张三', phone: '13800138000' },
  });
  const filter = await t.ok('parts.create', { code: '90915-YZZD1', name: '机油滤清器', salePriceFen: 6800 });
  const oil = await t.ok('parts.create', { code: '0W20-4L', name: '全合成机油 0W-20', unit: '升', salePriceFen: 9000 });
  await t.ok('stock.receive', { partId: filter.id, quantity: 1000, unitCostFen: 3500 });
  await t.ok('stock.receive', { partId: oil.id, quantity: 2000, unitCostFen: 5000 });
  return { vehicle, filter, oil };
}

/** Opens an order, adds one labour and one part line, starts and completes it: ready to settle. */
export async function completedOrder(t: TestCore, vehicleId: string, partId: string, qty = 100) {
  const wo = await t.ok('workOrders.create', {
    vehicleId,
    mileageInKm: 35210,
    faultDescription: '定期保养',
    repairCategory: 'level1_maintenance',
    confirm: ['mileage_rollback'],
  });
  const id = wo.order.id;
  await t.ok('workOrders.addLabour', { workOrderId: id, item: '更换机油机滤', hoursTenths: 5 });
  await t.ok('workOrders.addPart', { workOrderId: id, partId, quantity: qty, confirm: ['stock_short'] });
  await t.ok('workOrders.setStatus', { id, status: 'in_progress' });
  await t.ok('workOrders.complete', { id, mileageOutKm: 35212 });
  return id;
}
