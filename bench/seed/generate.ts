/**
 * "A busy shop after ten years" (../shared/design/benchmarks.md): simulates the shop day by day —
 * vehicles arriving for the first time and coming back, jobs with their labour and parts, stock
 * bought in when it runs short, settlement, the archive upload — and writes it through the product's
 * schema (writer.ts). A sample of orders is settled (and a few reversed) through the real core API
 * (`workOrders.settle`, `workOrders.reverse`), and the orders still open on the last day are taken in
 * through the whole reception path, so the seeded file is what the product itself would have left.
 *
 * Deterministic for a seed: every draw comes from `Rng`, every instant from the simulated calendar.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type CoreApp, createCore } from '../../electron/core/app.js';
import type { Actor, Ctx } from '../../electron/core/context.js';
import { DB_FILE } from '../../electron/core/db/open.js';
import { allocateNumber } from '../../electron/core/services/numbering.js';
import { pinyinKeys } from '../../electron/core/services/pinyin.js';
import { archiveRecordOf } from '../../electron/core/services/settlement.js';
import { adapterFor } from '../../electron/core/sync/adapters/index.js';
import { REDACTED } from '../../electron/core/sync/redact.js';
import { type ArchiveRecord, validateArchiveRecord } from '../../shared/domain/archive-record.js';
import { withCreditCheck } from '../../shared/domain/credit-code.js';
import { compactDate } from '../../shared/domain/dates.js';
import type { OldPartsDisposition, PaymentMethod, RepairCategory } from '../../shared/domain/enums.js';
import { issue } from '../../shared/domain/issue.js';
import { labourAmountFen, lineAmountFen } from '../../shared/domain/money.js';
import { needsCompletionInspection, warrantyFor } from '../../shared/domain/warranty.js';
import { catalogue, FAMILIES, JOB, type JobTemplate, type Sku } from './catalogue.js';
import { idFactory } from './ids.js';
import { address, companyName, companyPhone, mobile, personName } from './people.js';
import { Rng, Weighted } from './prng.js';
import { progressBar } from './progress.js';
import { calendar, DAY_MS, dayOf, dayStart, END_DAY, workingTimes } from './timeline.js';
import { vehicle as drawVehicle, type VehicleDraw } from './vehicles.js';
import { type PartStock, Writer } from './writer.js';

export interface Counts {
  customers: number;
  vehicles: number;
  /** Settled work orders (a few of them later reversed). */
  orders: number;
  parts: number;
  /** Orders settled through the core API instead of raw inserts. */
  apiSettles: number;
  /** Orders still open on the last day, taken in through the API. */
  openOrders: number;
}

/** benchmarks.md's dataset at `factor` (1 = full, 0.1 = quick, 3 = the ×3 slope point). */
export const countsFor = (factor: number): Counts => ({
  customers: Math.round(80_000 * factor),
  vehicles: Math.round(100_000 * factor),
  orders: Math.round(300_000 * factor),
  parts: Math.max(30, Math.round(20_000 * factor)),
  apiSettles: Math.max(5, Math.round(1_000 * factor)),
  openOrders: Math.max(6, Math.round(40 * Math.min(1, factor * 2))),
});

export interface SeedOptions {
  dir: string;
  counts: Counts;
  seed: number;
  log?: (m: string) => void;
  progress?: boolean;
}

export interface SeedStats {
  counts: Counts;
  rows: Record<string, number>;
}

const SHOP = {
  name: '广州市车档示范汽车维修有限公司',
  creditCode: withCreditCheck('91440101MA59XXXX0'.replace(/X/g, 'A')),
  cityCode: '440100',
  address: '广东省广州市天河区黄埔大道西100号',
  phone: '02087654321',
  contactName: '王店长',
};
const PLATFORM = {
  adapter: 'lcippro-nested' as const,
  baseUrl: 'https://wxda.example.gov.cn/api',
  companyCode: '440106000000001',
  cityCode: '440100',
};
const ACCEPTED_REPLY = JSON.stringify({ code: '1', message: '上传成功' });
const REJECTED_REPLY = { code: '-30', message: '维修项目名称不规范' };
const TECHNICIANS = ['李师傅', '陈师傅', '黄师傅', '张师傅', '梁师傅', '吴师傅', '何师傅', '罗师傅'];
const CLERKS = ['小林', '小周', '阿敏'];
const SUPPLIERS = [
  '广州骏达汽配',
  '佛山粤通汽车配件',
  '广州南方汽配城',
  '东莞宏利配件',
  '深圳车之家供应链',
  '广州机油批发部',
  '广东米其林轮胎经销',
  '广州博世专营店',
];

const PAYMENT = new Weighted<PaymentMethod>([
  ['wechat', 45],
  ['alipay', 20],
  ['cash', 15],
  ['bank_card', 12],
  ['on_account', 8],
]);
const PART_LINES = new Weighted<number>([
  [0, 10],
  [1, 18],
  [2, 20],
  [3, 18],
  [4, 13],
  [5, 9],
  [6, 6],
  [7, 4],
  [8, 2],
]);

interface CustomerState {
  id: string;
  name: string;
  phone: string;
  company: boolean;
}

interface VehicleState {
  id: string;
  owner: CustomerState;
  draw: VehicleDraw;
  /** Chance a draw of "a returning vehicle" accepts this one: loyal customers and fleets come back. */
  loyalty: number;
  kmPerDay: number;
  km: number;
  lastVisit: number;
}

interface LabourPlan {
  item: string;
  hours: number;
  rate: number;
  technician: string;
}
interface PartPlan {
  sku: Sku;
  stock: PartStock | null;
  qty: number;
  price: number;
  customerSupplied: boolean;
}
interface OrderPlan {
  id: string;
  number: string;
  vehicle: VehicleState;
  job: JobTemplate;
  fault: string;
  createdAt: number;
  settleAt: number;
  mileageIn: number;
  mileageOut: number;
  labour: LabourPlan[];
  parts: PartPlan[];
  technicians: string[];
  viaApi: boolean;
  sender: { name: string; phone: string };
}

export async function seedDataset(opts: SeedOptions): Promise<SeedStats> {
  const { counts } = opts;
  const log = opts.log ?? (() => {});
  if (fs.existsSync(path.join(opts.dir, DB_FILE)))
    throw new Error(`${opts.dir} already holds a database (${DB_FILE}); seed into a fresh folder`);

  const root = new Rng(opts.seed);
  const rng = {
    cal: root.fork(1),
    people: root.fork(2),
    vehicles: root.fork(3),
    parts: root.fork(4),
    orders: root.fork(5),
    ids: root.fork(6),
  };
  const newId = idFactory(rng.ids);
  const cal = calendar(rng.cal, counts.orders);
  const clock = { t: cal.start(0) + 8 * 3_600_000 };
  const app = await createCore({ dataDir: opts.dir, clock: { now: () => clock.t }, log: () => {} });
  try {
    return await simulate(app, clock, cal, counts, rng, newId, log, opts.progress ?? true);
  } finally {
    app.close();
  }
}

async function call<T>(app: CoreApp, method: string, input: unknown, actor?: Actor): Promise<T> {
  const r = await app.call(method, input, actor);
  if (!r.ok) throw new Error(`seed: ${method} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

async function simulate(
  app: CoreApp,
  clock: { t: number },
  cal: ReturnType<typeof calendar>,
  counts: Counts,
  rng: Record<'people' | 'vehicles' | 'parts' | 'orders', Rng>,
  newId: (ms: number) => string,
  log: (m: string) => void,
  showProgress: boolean,
): Promise<SeedStats> {
  const sqlite = app.core.sqlite;
  // A generator, not the product: a crash mid-seed just means seeding again, so skip the fsyncs
  // and give the bulk load a large page cache. The product's own connections keep synchronous=FULL.
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  const T0 = clock.t;

  // --- The shop, its people and its platform account, through the API -------------------------
  await call(app, 'shop.update', {
    ...SHOP,
    labourRateFen: 6_000,
    shopClass: 'class2',
    labourStandard: '广东省汽车维修工时定额',
  });
  const techs: Actor[] = [];
  for (const name of TECHNICIANS)
    techs.push({
      ...(await call<{ id: string; name: string }>(app, 'users.create', {
        name,
        role: 'technician',
        phone: mobile(rng.people),
      })),
      role: 'technician',
    });
  const clerks: Actor[] = [];
  for (const name of CLERKS)
    clerks.push({
      ...(await call<{ id: string; name: string }>(app, 'users.create', {
        name,
        role: 'clerk',
        phone: mobile(rng.people),
      })),
      role: 'clerk',
    });
  const suppliers: string[] = [];
  for (const name of SUPPLIERS)
    suppliers.push((await call<{ id: string }>(app, 'suppliers.create', { name, phone: companyPhone(rng.people) })).id);
  await call(app, 'archive.configure', { ...PLATFORM, password: 'seeded-not-a-real-password' });

  const clerk = clerks[0] as Actor;
  const ctx: Ctx = { core: app.core, actor: clerk, method: 'workOrders.settle' };
  const w = new Writer(sqlite, ctx, clock);
  const account = { baseUrl: PLATFORM.baseUrl, companyCode: PLATFORM.companyCode, password: REDACTED };
  const adapter = adapterFor(PLATFORM.adapter);
  const platformLabel = `${PLATFORM.adapter} ${PLATFORM.baseUrl}`;
  const rows: Record<string, number> = {};
  const bump = (k: string, n = 1) => {
    rows[k] = (rows[k] ?? 0) + n;
  };

  sqlite.exec('BEGIN');

  // --- The parts catalogue ----------------------------------------------------------------------
  const skus = catalogue(rng.parts, counts.parts);
  const stockOf = new Map<Sku, PartStock>();
  const byFamily = new Map<string, Sku[]>();
  for (const sku of skus) {
    const id = newId(T0);
    w.part.run({
      id,
      code: sku.code,
      name: sku.name,
      brand: sku.brand,
      spec: sku.spec,
      unit: sku.unit,
      barcode: sku.barcode,
      part_type: sku.partType,
      sale_price_fen: sku.salePriceFen,
      min_stock: sku.minStock,
      created_at: T0,
      updated_at: T0,
    });
    w.audit(T0, 'parts.create', 'part', id, { code: sku.code, name: sku.name, brand: sku.brand });
    stockOf.set(sku, { id, onHand: 0, value: 0, lastCost: sku.costFen, dirty: false });
    const list = byFamily.get(sku.family.name) ?? [];
    list.push(sku);
    byFamily.set(sku.family.name, list);
  }
  bump('parts', skus.length);

  // --- People and vehicles, created at their first visit ------------------------------------------
  const customers: CustomerState[] = [];
  const companies: CustomerState[] = [];
  const vehicles: VehicleState[] = [];
  const plates = new Set<string>();
  const pinyinCache = new Map<string, { initials: string; pinyin: string }>();

  const newCustomer = (at: number): CustomerState => {
    const r = rng.people;
    const company = r.chance(0.04);
    const name = company ? companyName(r, customers.length) : personName(r);
    const phone = company ? companyPhone(r) : mobile(r);
    const key = `${company ? 'c' : 'p'}${name}`;
    let keys = pinyinCache.get(key);
    if (!keys) {
      keys = pinyinKeys(name, !company);
      pinyinCache.set(key, keys);
    }
    const id = newId(at);
    w.customer.run({
      id,
      kind: company ? 'company' : 'person',
      name,
      phone,
      initials: keys.initials,
      pinyin: keys.pinyin,
      credit_code: company
        ? withCreditCheck(`91440${String(r.int(100, 999))}MA${String(r.int(1_000_000, 9_999_999))}`)
        : '',
      address: company || r.chance(0.3) ? address(r) : '',
      created_at: at,
      updated_at: at,
    });
    w.audit(at, 'customers.create', 'customer', id, { name, phone, kind: company ? 'company' : 'person' });
    const c = { id, name, phone, company };
    customers.push(c);
    if (company) companies.push(c);
    return c;
  };

  const newVehicle = (at: number): VehicleState => {
    const r = rng.vehicles;
    const wantCustomers = Math.round((counts.customers * (vehicles.length + 1)) / counts.vehicles);
    let owner: CustomerState;
    if (customers.length < wantCustomers || customers.length === 0) owner = newCustomer(at);
    else owner = companies.length && r.chance(0.8) ? r.pick(companies) : r.pick(customers);
    const year = Number(dayOf(at).slice(0, 4));
    const draw = drawVehicle(r, vehicles.length, year, plates);
    const id = newId(at);
    w.vehicle.run({
      id,
      vin: draw.vin,
      plate: draw.plate.plate,
      unplated: draw.plate.unplated ? 1 : 0,
      plate_color: draw.plate.color,
      brand_model: draw.brandModel,
      engine_no: draw.engineNo,
      vehicle_type: draw.vehicleType,
      registration_date: draw.registrationDate,
      owner_id: owner.id,
      created_at: at,
      updated_at: at,
    });
    w.owner.run({ id: newId(at), vehicle_id: id, customer_id: owner.id, from_at: at });
    w.audit(at, 'vehicles.create', 'vehicle', id, { vin: draw.vin, plate: draw.plate.plate, ownerId: owner.id });
    const ageDays = Math.max(30, (at - Date.parse(`${draw.registrationDate}T00:00:00Z`)) / DAY_MS);
    const kmPerDay = owner.company ? r.int(80, 300) : r.int(15, 70);
    const v: VehicleState = {
      id,
      owner,
      draw,
      loyalty: owner.company ? 1 : 0.05 + 0.95 * r.next() ** 2,
      kmPerDay,
      km: Math.round(ageDays * kmPerDay * (0.7 + 0.6 * r.next())),
      lastVisit: at,
    };
    vehicles.push(v);
    return v;
  };

  const returningVehicle = (): VehicleState => {
    const r = rng.orders;
    for (let tries = 0; tries < 30; tries++) {
      const v = vehicles[Math.floor(r.next() * vehicles.length)] as VehicleState;
      if (r.next() < v.loyalty) return v;
    }
    return vehicles[Math.floor(r.next() * vehicles.length)] as VehicleState;
  };

  // --- Jobs ---------------------------------------------------------------------------------------
  const qtyOf = (r: Rng, [lo, hi]: [number, number]) => {
    const step = lo < 100 ? 50 : (hi - lo) % 100 === 0 ? 100 : 50;
    return lo + step * r.int(0, Math.floor((hi - lo) / step));
  };
  const skuFor = (r: Rng, job: JobTemplate): Sku => {
    const families = job.parts.flatMap((g) => FAMILIES[g] ?? []);
    const fam = new Weighted(families.map((f) => [f, f.weight] as const)).draw(r);
    const list = byFamily.get(fam.name);
    // A tiny catalogue (the unit test's) may lack a family: any part will do there.
    if (!list?.length) return r.pick(skus);
    return list[r.skewed(list.length, 2)] as Sku;
  };
  const yearsIn = (at: number) => (at - T0) / (365 * DAY_MS);
  const labourRate = (at: number) => 6_000 + Math.floor(yearsIn(at)) * 500;

  /** `numbered: false` for orders the API will number itself (the open ones of the last day). */
  const planOrder = (at: number, dayIndex: number, ordersSoFar: number, numbered = true): OrderPlan => {
    const r = rng.orders;
    const wantVehicles = Math.round(counts.vehicles * (ordersSoFar / counts.orders) ** 0.7);
    const v = vehicles.length < wantVehicles || vehicles.length === 0 ? newVehicle(at) : returningVehicle();
    const job = JOB.draw(r);
    const days = (at - v.lastVisit) / DAY_MS;
    const mileageIn = Math.round(v.km + days * v.kmPerDay * (0.6 + 0.8 * r.next()));
    const mileageOut = mileageIn + r.int(0, 3);
    v.km = mileageOut;
    v.lastVisit = at;
    // Settled the same day for services and most small repairs; overhauls take days.
    const sameDay = job.category === 'level1_maintenance' || (job.category === 'minor_repair' && r.chance(0.75));
    const lastDay = cal.days.length - 1;
    let settleAt: number;
    if (sameDay || dayIndex === lastDay)
      settleAt = Math.min(at + r.int(40, 180) * 60_000, cal.start(dayIndex) + 19.5 * 3_600_000);
    else {
      const settleDay = Math.min(lastDay, dayIndex + r.int(1, job.category.endsWith('overhaul') ? 6 : 3));
      settleAt = Math.max(at + 3_600_000, cal.start(settleDay) + 9 * 3_600_000 + Math.floor(r.next() * 9 * 3_600_000));
    }
    const crew = r.chance(0.8) ? [r.pick(techs)] : [r.pick(techs), r.pick(techs)];
    const technicians = [...new Set(crew.map((t) => t.id as string))];
    const nLabour = r.int(1, Math.min(6, job.labour.length));
    const items = [...job.labour].sort(() => r.next() - 0.5).slice(0, nLabour);
    const rate = labourRate(at);
    const labour = items.map((l) => ({
      item: l.item,
      hours: r.int(l.hours[0], l.hours[1]),
      rate,
      technician: r.pick(technicians),
    }));
    const nParts = PART_LINES.draw(r);
    const parts: PartPlan[] = [];
    for (let i = 0; i < nParts; i++) {
      const sku = skuFor(r, job);
      const customerSupplied = r.chance(0.03);
      const nonStock = !customerSupplied && r.chance(0.05);
      parts.push({
        sku,
        stock: customerSupplied || nonStock ? null : (stockOf.get(sku) as PartStock),
        qty: qtyOf(r, sku.family.qty),
        price: customerSupplied ? 0 : sku.salePriceFen,
        customerSupplied,
      });
    }
    const sender = v.owner.company
      ? { name: personName(r), phone: mobile(r) }
      : r.chance(0.85)
        ? { name: v.owner.name, phone: v.owner.phone }
        : { name: personName(r), phone: mobile(r) };
    return {
      id: newId(at),
      number: numbered ? allocateNumber(ctx, 'WO', dayOf(at)) : '',
      vehicle: v,
      job,
      fault: r.pick(job.faults),
      createdAt: at,
      settleAt,
      mileageIn,
      mileageOut,
      labour,
      parts,
      technicians,
      viaApi: r.chance(counts.apiSettles / counts.orders),
      sender,
    };
  };

  // --- Stock --------------------------------------------------------------------------------------
  let receipts = 0;
  const receive = (p: PartStock, sku: Sku, qty: number, at: number) => {
    const r = rng.parts;
    const id = newId(at);
    receipts++;
    w.receive(
      p,
      {
        id,
        supplierId: r.pick(suppliers),
        manufacturer: sku.brand,
        docDate: dayOf(at),
        docNo: `CG${compactDate(dayOf(at))}-${String(receipts % 1000).padStart(3, '0')}`,
        workOrderId: null,
        createdBy: clerk.id,
        createdAt: at,
      },
      qty,
      Math.round(sku.costFen * (0.95 + 0.1 * r.next())),
    );
    w.audit(at, 'stock.receive', 'stock_movement', id, { partId: p.id, quantity: qty });
  };
  /** Buys in what an order needs before it is issued (a shop orders parts for the job). */
  const ensureStock = (o: OrderPlan, at: number) => {
    const need = new Map<PartStock, { sku: Sku; qty: number }>();
    for (const l of o.parts) if (l.stock) need.set(l.stock, { sku: l.sku, qty: (need.get(l.stock)?.qty ?? 0) + l.qty });
    for (const [p, { sku, qty }] of need)
      if (p.onHand < qty) {
        const lot = sku.minStock > 0 ? qty + sku.minStock * 3 : qty * rng.parts.int(1, 6);
        receive(p, sku, lot - p.onHand > 0 ? lot - p.onHand : lot, at - 1000);
      }
  };
  /** Tops the fast movers back up — most of the time: a few sit below their minimum (the low-stock list). */
  const reorder = (o: OrderPlan, at: number) => {
    for (const l of o.parts)
      if (l.stock && l.sku.minStock > 0 && l.stock.onHand < l.sku.minStock && rng.parts.chance(0.85))
        receive(l.stock, l.sku, l.sku.minStock * 3, at + 1000);
  };

  // --- Settlement -----------------------------------------------------------------------------------
  let outboxSeq = 0;
  const pendingFrom = cal.start(cal.days.length - 1) + 16.5 * 3_600_000;
  const reversals = new Map<number, { id: string; parts: PartStock[] }[]>();
  const shopName = SHOP.name;

  const insertOrder = (
    o: OrderPlan,
    settle: {
      no: string;
      day: string;
      fee: number;
      discount: number;
      payment: PaymentMethod;
      disposition: OldPartsDisposition;
    } | null,
  ) => {
    const labourTotal = o.labour.reduce((s, l) => s + labourAmountFen(l.hours, l.rate), 0);
    const partsTotal = o.parts.reduce((s, l) => s + lineAmountFen(l.qty, l.price), 0);
    const category: RepairCategory = o.job.category;
    const inspected = needsCompletionInspection(category);
    const warranty = warrantyFor(category);
    const completedAt = o.settleAt - rng.orders.int(5, 30) * 60_000;
    const lead = techs.find((t) => t.id === o.technicians[0]) as Actor;
    w.order.run({
      id: o.id,
      number: o.number,
      vehicle_id: o.vehicle.id,
      customer_id: o.vehicle.owner.id,
      sender_name: o.sender.name,
      sender_phone: o.sender.phone,
      repair_date: dayOf(o.createdAt),
      mileage_in_km: o.mileageIn,
      mileage_out_km: o.mileageOut,
      fault_description: o.fault,
      repair_category: category,
      status: 'completed',
      inspector: inspected ? lead.name : '',
      certificate_no: inspected
        ? `GZ${dayOf(o.settleAt).slice(0, 4)}${String(rng.orders.int(0, 999_999)).padStart(6, '0')}`
        : '',
      completed_at: Math.max(o.createdAt + 60_000, completedAt),
      settlement_no: settle?.no ?? null,
      settled_at: settle ? o.settleAt : null,
      settle_date: settle?.day ?? null,
      labour_total_fen: labourTotal,
      parts_total_fen: partsTotal,
      other_fee_fen: settle?.fee ?? 0,
      discount_fen: settle?.discount ?? 0,
      total_fen: labourTotal + partsTotal + (settle ? settle.fee - settle.discount : 0),
      payment_method: settle?.payment ?? null,
      old_parts_disposition: settle?.disposition ?? null,
      warranty_km: settle ? warranty.km : null,
      warranty_days: settle ? warranty.days : null,
      settled_by: settle ? clerk.id : null,
      version: settle ? 6 : 5,
      created_by: clerk.id,
      created_at: o.createdAt,
      updated_at: settle ? o.settleAt : completedAt,
    });
    for (const [i, l] of o.labour.entries())
      w.labour.run({
        id: newId(o.createdAt + 60_000),
        work_order_id: o.id,
        seq: i + 1,
        item: l.item,
        hours_tenths: l.hours,
        rate_fen: l.rate,
        amount_fen: labourAmountFen(l.hours, l.rate),
        technician_id: l.technician,
        created_at: o.createdAt + 60_000,
      });
    for (const [i, l] of o.parts.entries())
      w.partLine.run({
        id: newId(o.createdAt + 120_000),
        work_order_id: o.id,
        seq: i + 1,
        part_id: l.stock?.id ?? null,
        name: l.sku.name,
        code: l.sku.code,
        brand: l.sku.brand,
        unit: l.sku.unit,
        quantity: l.qty,
        unit_price_fen: l.price,
        amount_fen: lineAmountFen(l.qty, l.price),
        part_type: l.sku.partType,
        customer_supplied: l.customerSupplied ? 1 : 0,
        created_at: o.createdAt + 120_000,
      });
    for (const t of o.technicians) w.technician.run(o.id, t);
    bump('labour_lines', o.labour.length);
    bump('part_lines', o.parts.length);
    return labourTotal + partsTotal;
  };

  const recordOf = (o: OrderPlan, no: string, day: string): ArchiveRecord =>
    archiveRecordOf(
      { repairDate: dayOf(o.createdAt), mileageInKm: o.mileageIn, faultDescription: o.fault } as never,
      {
        vin: o.vehicle.draw.vin,
        plate: o.vehicle.draw.plate.plate,
        unplated: o.vehicle.draw.plate.unplated,
        plateColor: o.vehicle.draw.plate.color,
      } as never,
      o.labour.map((l) => ({ item: l.item, hoursTenths: l.hours })) as never,
      o.parts.map((l) => ({ name: l.sku.name, code: l.sku.code, quantity: l.qty })) as never,
      { companyName: shopName, settlementNo: no, settleDate: day },
    );

  type Upload =
    | { state: 'pending' }
    | { state: 'accepted'; at: number }
    | { state: 'rejected'; at: number; issues: ReturnType<typeof issue>[] };

  /** The platform's answer: accepted seconds to minutes after settlement, a rare rejection, the last hour still pending. */
  const decideUpload = (settledAt: number): Upload => {
    const r = rng.orders;
    if (settledAt >= pendingFrom) return { state: 'pending' };
    const at = settledAt + r.int(3, 600) * 1000;
    if (!r.chance(0.0002)) return { state: 'accepted', at };
    const why = issue(
      'platform_rejected',
      `档案平台退回了此记录（代码 ${REJECTED_REPLY.code}）：${REJECTED_REPLY.message}。请按提示修正车辆或店铺资料后重新上传`,
      `The archive platform rejected this record (code ${REJECTED_REPLY.code}): ${REJECTED_REPLY.message}. Fix the vehicle or shop data it names, then requeue`,
    );
    return { state: 'rejected', at, issues: [why] };
  };

  /** The upload ledger's entry for that answer (after the outbox row it points at). */
  const writeLedger = (outboxId: string, no: string, record: ArchiveRecord, up: Upload) => {
    if (up.state === 'pending') return;
    const req = adapter.uploadRequest(account, REDACTED, record, up.at);
    w.ledger.run({
      id: newId(up.at),
      outbox_id: outboxId,
      attempt: 1,
      platform: platformLabel,
      company_code: PLATFORM.companyCode,
      settlement_no: no,
      request: `${req.method} ${req.url}\n${req.body ?? ''}`,
      response: up.state === 'rejected' ? JSON.stringify(REJECTED_REPLY) : ACCEPTED_REPLY,
      http_status: 200,
      outcome: up.state === 'rejected' ? `upload:code ${REJECTED_REPLY.code}` : 'upload:ok',
      error: null,
      started_at: up.at,
      finished_at: up.at + rng.orders.int(80, 900),
    });
    bump('upload_ledger');
  };

  const markOutbox = {
    accepted: sqlite.prepare(
      `UPDATE outbox SET state = 'accepted', attempts = 1, accepted_at = ?, next_attempt_at = NULL, updated_at = ? WHERE id = ?`,
    ),
    rejected: sqlite.prepare(
      `UPDATE outbox SET state = 'rejected', attempts = 1, issues = ?, last_error = ?, next_attempt_at = NULL, updated_at = ? WHERE id = ?`,
    ),
  };

  const settleRaw = (o: OrderPlan) => {
    const r = rng.orders;
    const day = dayOf(o.settleAt);
    const no = allocateNumber(ctx, 'JS', day);
    const fee = r.chance(0.05) ? r.int(2, 20) * 1000 : 0;
    const base =
      o.labour.reduce((s, l) => s + labourAmountFen(l.hours, l.rate), 0) +
      o.parts.reduce((s, l) => s + lineAmountFen(l.qty, l.price), 0) +
      fee;
    // 抹零: the odd yuan and fen are often let go.
    const discount = r.chance(0.25) ? base % 1000 : 0;
    const payment = o.vehicle.owner.company && r.chance(0.6) ? 'on_account' : PAYMENT.draw(r);
    const disposition: OldPartsDisposition =
      o.parts.length === 0 ? 'none' : r.chance(0.4) ? 'customer_keeps' : 'shop_keeps';
    ensureStock(o, o.settleAt);
    insertOrder(o, { no, day, fee, discount, payment, disposition });
    for (const l of o.parts)
      if (l.stock)
        w.issue(
          l.stock,
          {
            id: newId(o.settleAt),
            docDate: day,
            docNo: no,
            workOrderId: o.id,
            createdBy: clerk.id,
            createdAt: o.settleAt,
          },
          l.qty,
        );
    w.settle.run(o.id);
    const record = recordOf(o, no, day);
    const issues = validateArchiveRecord(record, { today: compactDate(day) });
    const outboxId = newId(o.settleAt);
    const up = decideUpload(o.settleAt);
    w.outbox.run({
      id: outboxId,
      seq: ++outboxSeq,
      kind: 'upload',
      work_order_id: o.id,
      settlement_no: no,
      state: up.state,
      record: JSON.stringify(record),
      issues: JSON.stringify(up.state === 'rejected' ? [...issues, ...up.issues] : issues),
      attempts: up.state === 'pending' ? 0 : 1,
      next_attempt_at: up.state === 'pending' ? o.settleAt : null,
      last_error: up.state === 'rejected' ? REJECTED_REPLY.message : null,
      accepted_at: up.state === 'accepted' ? up.at : null,
      created_at: o.settleAt,
      updated_at: up.state === 'pending' ? o.settleAt : up.at,
    });
    writeLedger(outboxId, no, record, up);
    w.audit(o.settleAt, 'workOrders.settle', 'work_order', o.id, {
      status: 'settled',
      settlementNo: no,
      totalFen: base - discount,
    });
    reorder(o, o.settleAt);
  };

  /** The real thing: `workOrders.settle` through the dispatcher, in a savepoint of the bulk transaction. */
  const settleViaApi = async (o: OrderPlan) => {
    ensureStock(o, o.settleAt);
    insertOrder(o, null);
    const touched = o.parts.flatMap((l) => (l.stock ? [l.stock] : []));
    w.flushParts(touched, o.settleAt);
    clock.t = o.settleAt;
    const r = rng.orders;
    const d = await call<{
      order: { settlementNo: string; settleDate: string };
      archive: { outboxId: string; record: ArchiveRecord }[];
    }>(
      app,
      'workOrders.settle',
      {
        id: o.id,
        paymentMethod: o.vehicle.owner.company ? 'on_account' : PAYMENT.draw(r),
        oldPartsDisposition: o.parts.length === 0 ? 'none' : 'shop_keeps',
      },
      clerk,
    );
    w.reloadParts(touched);
    outboxSeq = (sqlite.prepare('SELECT max(seq) AS n FROM outbox').get() as { n: number }).n;
    // The uploader's part, played by the seed: the platform's answer to this record.
    const row = d.archive[0];
    const up = decideUpload(o.settleAt);
    if (row && up.state === 'accepted') markOutbox.accepted.run(up.at, up.at, row.outboxId);
    else if (row && up.state === 'rejected')
      markOutbox.rejected.run(JSON.stringify(up.issues), REJECTED_REPLY.message, up.at, row.outboxId);
    if (row) writeLedger(row.outboxId, d.order.settlementNo, row.record, up);
    bump('api_settles');
    reorder(o, o.settleAt);
  };

  const reverseViaApi = async (target: { id: string; parts: PartStock[] }, at: number) => {
    w.flushParts(target.parts, at);
    clock.t = at;
    await call(
      app,
      'workOrders.reverse',
      { id: target.id, reason: rng.orders.pick(['结算金额有误，冲红重开', '客户对账有误', '配件录入错误']) },
      app.owner,
    );
    w.reloadParts(target.parts);
    outboxSeq = (sqlite.prepare('SELECT max(seq) AS n FROM outbox').get() as { n: number }).n;
    bump('api_reversals');
  };

  // --- The ten years, day by day ----------------------------------------------------------------------
  const bar = progressBar('seed', counts.orders, showProgress);
  const queue = new Map<number, OrderPlan[]>();
  let created = 0;
  let settled = 0;
  const lastDay = cal.days.length - 1;
  for (let d = 0; d <= lastDay; d++) {
    const start = cal.start(d);
    for (const rv of reversals.get(d) ?? [])
      await reverseViaApi(rv, start + 9 * 3_600_000 + rng.orders.int(0, 3_600_000));
    reversals.delete(d);

    for (const at of workingTimes(rng.orders, start, cal.orders[d] as number)) {
      created++;
      const o = planOrder(at, d, created);
      const settleDay = d + Math.round((dayStart(dayOf(o.settleAt)) - start) / DAY_MS);
      const list = queue.get(settleDay) ?? [];
      list.push(o);
      queue.set(settleDay, list);
      // Now and then a job is taken in and then called off (作废).
      if (rng.orders.chance(0.004)) {
        const v = o.vehicle;
        const vid = newId(at + 60_000);
        w.order.run({
          id: vid,
          number: allocateNumber(ctx, 'WO', dayOf(at)),
          vehicle_id: v.id,
          customer_id: v.owner.id,
          sender_name: o.sender.name,
          sender_phone: o.sender.phone,
          repair_date: dayOf(at),
          mileage_in_km: o.mileageIn,
          mileage_out_km: null,
          fault_description: o.fault,
          repair_category: o.job.category,
          status: 'received',
          inspector: '',
          certificate_no: '',
          completed_at: null,
          settlement_no: null,
          settled_at: null,
          settle_date: null,
          labour_total_fen: 0,
          parts_total_fen: 0,
          other_fee_fen: 0,
          discount_fen: 0,
          total_fen: 0,
          payment_method: null,
          old_parts_disposition: null,
          warranty_km: null,
          warranty_days: null,
          settled_by: null,
          version: 1,
          created_by: clerk.id,
          created_at: at + 60_000,
          updated_at: at + 60_000,
        });
        w.void.run('客户取消维修', at + 1_800_000, at + 1_800_000, vid);
        w.audit(at + 1_800_000, 'workOrders.void', 'work_order', vid, { status: 'voided' });
        bump('voided');
      }
    }

    const due = (queue.get(d) ?? []).sort((a, b) => a.settleAt - b.settleAt);
    queue.delete(d);
    for (const o of due) {
      if (o.viaApi) await settleViaApi(o);
      else settleRaw(o);
      settled++;
      // Now and then a settlement is found wrong and reversed (冲红) some days later.
      if (rng.orders.chance(0.0008) && d + 3 < lastDay) {
        const when = Math.min(lastDay - 1, d + rng.orders.int(1, 20));
        const list = reversals.get(when) ?? [];
        list.push({ id: o.id, parts: o.parts.flatMap((l) => (l.stock ? [l.stock] : [])) });
        reversals.set(when, list);
      }
    }
    if (d % 30 === 29) {
      sqlite.exec('COMMIT');
      sqlite.exec('BEGIN');
    }
    bar.tick(settled);
  }
  if (settled !== counts.orders) throw new Error(`seed bug: settled ${settled} of ${counts.orders}`);

  // --- Still in the shop on the last day: the whole reception path through the API -------------------
  const today = cal.start(lastDay);
  w.flushParts(stockOf.values(), today);
  for (let i = 0; i < counts.openOrders; i++) {
    const at = today + 9 * 3_600_000 + i * Math.floor((8 * 3_600_000) / counts.openOrders);
    clock.t = at;
    const o = planOrder(at, lastDay, created, false);
    const detail = await call<{ order: { id: string } }>(
      app,
      'workOrders.create',
      {
        vehicleId: o.vehicle.id,
        mileageInKm: o.mileageIn,
        faultDescription: o.fault,
        repairCategory: o.job.category,
        senderName: o.sender.name,
        senderPhone: o.sender.phone,
        technicianIds: o.technicians,
        confirm: ['mileage_rollback'],
      },
      clerk,
    );
    const id = detail.order.id;
    for (const l of o.labour)
      await call(
        app,
        'workOrders.addLabour',
        { workOrderId: id, item: l.item, hoursTenths: l.hours, technicianId: l.technician },
        clerk,
      );
    for (const l of o.parts)
      await call(
        app,
        'workOrders.addPart',
        l.stock
          ? {
              workOrderId: id,
              partId: l.stock.id,
              quantity: l.qty,
              customerSupplied: l.customerSupplied,
              confirm: ['stock_short'],
            }
          : {
              workOrderId: id,
              name: l.sku.name,
              code: l.sku.code,
              quantity: l.qty,
              unitPriceFen: l.customerSupplied ? 0 : l.price,
              customerSupplied: l.customerSupplied,
            },
        clerk,
      );
    const stage = i % 3;
    if (stage >= 1) await call(app, 'workOrders.setStatus', { id, status: 'in_progress' }, clerk);
    if (stage === 2) {
      const inspected = needsCompletionInspection(o.job.category);
      await call(
        app,
        'workOrders.complete',
        {
          id,
          mileageOutKm: o.mileageOut,
          ...(inspected ? { inspector: TECHNICIANS[0], certificateNo: `GZ2026${String(i).padStart(6, '0')}` } : {}),
        },
        clerk,
      );
    }
    bump('open_orders');
  }

  // Vehicles remember the highest odometer reading seen (noteMileage's rule).
  const noteKm = sqlite.prepare(
    'UPDATE vehicles SET last_mileage_km = ? WHERE id = ? AND (last_mileage_km IS NULL OR last_mileage_km < ?)',
  );
  for (const v of vehicles) noteKm.run(v.km, v.id, v.km);
  w.flushParts(stockOf.values(), clock.t);
  sqlite.exec('COMMIT');
  bar.done();
  rows.customers = customers.length;
  rows.vehicles = vehicles.length;
  rows.receipts = receipts;
  rows.settled = settled;
  log(`seeded ${JSON.stringify(rows)}`);
  return { counts, rows };
}

export { END_DAY };
