/**
 * Fuzzing every method of the contract over HTTP, on one host with a seeded shop. Whatever arrives,
 * the answer is a typed result or a typed 4xx error — never a 5xx, never a crash, never an output
 * outside the contract — and the database is sound afterwards.
 *
 * The seed changes per run (so CI keeps exploring) and is printed in the suite name; replay a
 * failure with CHEDANG_FUZZ_SEED=<seed> npx vitest run tests/http/fuzz.test.ts.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { type HttpHost, startHttpHost } from '../../electron/core/http/server.js';
import { contract, METHOD_NAMES, type MethodInput, type MethodName } from '../../shared/api/contract.js';
import { ApiErrorSchema, ERROR_STATUS } from '../../shared/api/errors.js';
import { withCheckDigit } from '../../shared/domain/vin.js';
import { completedOrder, makeCore, seedBasics, type TestCore, tempDir } from '../support/core.js';
import { type Reply, rawRequest } from '../support/http.js';

const SEED = Number(process.env.CHEDANG_FUZZ_SEED ?? Date.now() % 2_147_483_647);
const RUNS = Number(process.env.CHEDANG_FUZZ_RUNS ?? 40);

// ---------------------------------------------------------------------------------------------
// What a method's input schema declares, read from the zod definitions

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

type JsonKind = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'null' | 'any';
const kindOf = (s: z.ZodType): JsonKind => {
  const d = defOf(s);
  switch (d.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
      return kindOf(d.innerType!);
    case 'pipe':
      return kindOf(d.in!);
    case 'string':
    case 'enum':
    case 'literal':
      return 'string';
    case 'number':
    case 'int':
      return 'number';
    case 'boolean':
    case 'array':
    case 'object':
      return d.type;
    default:
      return 'any';
  }
};
const fieldsOf = (m: MethodName): [string, JsonKind][] => {
  const shape = defOf(contract[m].input).shape ?? {};
  return Object.entries(shape).map(([k, s]) => [k, kindOf(s)]);
};

/** The declared range of every top-level number field (the edges are where overflows live). */
const boundsOf = (m: MethodName): [string, { min: number; max: number }][] => {
  const unwrap = (s: z.ZodType): z.ZodType => {
    const d = defOf(s);
    return ['optional', 'default', 'prefault', 'nullable'].includes(d.type) ? unwrap(d.innerType!) : s;
  };
  const shape = defOf(contract[m].input).shape ?? {};
  return Object.entries(shape).flatMap(([k, s]) => {
    const n = unwrap(s) as unknown as { minValue?: number | null; maxValue?: number | null };
    return kindOf(s) === 'number' && typeof n.minValue === 'number' && typeof n.maxValue === 'number'
      ? [[k, { min: n.minValue, max: n.maxValue }] as [string, { min: number; max: number }]]
      : [];
  });
};

// ---------------------------------------------------------------------------------------------
// Junk

const UNICODE_JUNK = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202e粤A12345',
  '\ufeff',
  '\u200b\u200b\u200b',
  '１２３４５',
  '😀😀😀',
  '👨‍👩‍👧‍👦',
  'Z̴̡̛a̷l̵g̶o̸',
  '"; DROP TABLE work_orders; --',
  "' OR '1'='1",
  '"*" NEAR(a b) OR ^x',
  '%00%ff',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: template-injection junk, meant literally
  '${7*7}',
  '2026-02-30',
  '2026-13-01',
  '0000-01-01',
  '9999-12-31',
  '2024-02-29',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'LSJA24U62JG269225',
  'in_progress',
  'manager',
];
const NUMBER_JUNK = [
  0,
  -0,
  -1,
  1,
  0.5,
  -0.5,
  1e-7,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 53 - 1,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  1e9,
  1e9 + 1,
  1e8,
  1e8 + 1,
  99_999_999,
  8_640_000_000_000_000,
  8_640_000_000_000_001,
  1e21,
  1e308,
  -1e308,
  Number.MIN_VALUE,
];
/** Number literals JSON.stringify never writes but a client can send (1e400 parses to Infinity). */
const RAW_NUMBERS = ['1e400', '-1e400', '1E2', '1.0', '-0', '0.0000001', '123456789012345678901234567890'];

const unicodeString = fc.oneof(
  fc.constantFrom(...UNICODE_JUNK),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
const hugeString = fc
  .record({ ch: fc.constantFrom('x', '粤', '😀', ' ', '\u0000', '"'), n: fc.integer({ min: 1_000, max: 250_000 }) })
  .map(({ ch, n }) => ch.repeat(n));
const numberJunk = fc.oneof(fc.constantFrom(...NUMBER_JUNK), fc.double(), fc.integer());

const junkOfKind: Record<Exclude<JsonKind, 'any'>, fc.Arbitrary<unknown>> = {
  string: unicodeString,
  number: numberJunk,
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.oneof(fc.constant([]), fc.array(fc.jsonValue(), { maxLength: 5 }), fc.constant([null, {}, []])),
  object: fc.oneof(fc.constant({}), fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 4 })),
};
const anyJunk = fc.oneof(...Object.values(junkOfKind), hugeString);
/** A value whose JSON type differs from what the field declares. */
const wrongTypeFor = (kind: JsonKind) =>
  fc.oneof(
    ...Object.entries(junkOfKind)
      .filter(([k]) => k !== kind)
      .map(([, a]) => a),
  );

const nested = (depth: number, leaf: string, arrays: boolean) =>
  arrays ? `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;

/** Keys that, copied carelessly (Object.assign, obj[k] = v), reach Object.prototype. */
const POLLUTION = [
  '{"__proto__":{"polluted":"yes","role":"manager"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
];

// ---------------------------------------------------------------------------------------------
// Cases: each builds a body, possibly from a valid input that is made fresh when needed

type Body = { text?: string; contentType?: string };
type Input = Record<string, unknown>;
interface Case {
  label: string;
  build(valid: () => Promise<Input>): Promise<Body>;
  /** Index into the callers (owner, clerk device, technician device, unknown token, garbage). */
  caller: number;
  contentType: string | undefined;
}

const json = (v: unknown): Body => ({ text: JSON.stringify(v) });
/** The valid input's JSON with one field's value replaced by raw text. */
const withRawField = (valid: Input, field: string, raw: string): Body => {
  const marker = '"__RAW_MARKER__"';
  return { text: JSON.stringify({ ...valid, [field]: '__RAW_MARKER__' }).replace(marker, raw) };
};
/** Every path in a value that holds a UUID string (ids, including inside arrays and nested objects). */
const uuidPaths = (v: unknown, path: (string | number)[] = []): (string | number)[][] => {
  if (typeof v === 'string') return /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(v) ? [path] : [];
  if (Array.isArray(v)) return v.flatMap((x, i) => uuidPaths(x, [...path, i]));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => uuidPaths(x, [...path, k]));
  return [];
};
const setPath = (v: unknown, path: (string | number)[], value: unknown): unknown => {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(v)) return v.map((x, i) => (i === head ? setPath(x, rest, value) : x));
  const o = v as Input;
  return { ...o, [head!]: setPath(o[head!], rest, value) };
};

const caseArb = (m: MethodName): fc.Arbitrary<Case> => {
  const fields = fieldsOf(m);
  const numberBounds = boundsOf(m);
  const names = fields.length ? fields.map(([k]) => k) : ['x'];
  const field = fc.constantFrom(...names);
  const typedField = fc.constantFrom(...(fields.length ? fields : ([['x', 'any']] as [string, JsonKind][])));
  const anyKey = fc.oneof(field, fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'extra'));
  const mk = (label: string, build: Case['build']) => ({ label, build });

  type Shape = Omit<Case, 'caller' | 'contentType'>;
  const shapes: fc.Arbitrary<Shape>[] = [
    fc.anything().map((v) => mk('anything', async () => ({ text: JSON.stringify(v) }))),
    fc.json().map((text) => mk('json', async () => ({ text }))),
    typedField.chain(([k, kind]) =>
      fc
        .tuple(wrongTypeFor(kind), fc.boolean())
        .map(([junk, onValid]) =>
          mk(`wrong type ${k}`, async (valid) => json({ ...(onValid ? await valid() : {}), [k]: junk })),
        ),
    ),
    fc
      .tuple(field, hugeString)
      .map(([k, s]) => mk(`huge string ${k} (${s.length})`, async (valid) => json({ ...(await valid()), [k]: s }))),
    fc
      .tuple(field, numberJunk)
      .map(([k, n]) => mk(`number ${k}=${n}`, async (valid) => json({ ...(await valid()), [k]: n }))),
    fc.constantFrom('min', 'max').map((end) =>
      mk(`every number at its ${end}`, async (valid) => {
        const v = await valid();
        for (const [k, b] of numberBounds) v[k] = end === 'min' ? b.min : b.max;
        return json(v);
      }),
    ),
    fc
      .tuple(field, fc.constantFrom(...RAW_NUMBERS))
      .map(([k, raw]) => mk(`raw number ${k}=${raw}`, async (valid) => withRawField(await valid(), k, raw))),
    fc
      .tuple(field, fc.constantFrom(10, 1_000, 50_000), fc.boolean(), fc.boolean())
      .map(([k, depth, arrays, whole]) =>
        mk(`nested ${depth} ${arrays ? 'arrays' : 'objects'}${whole ? '' : ` in ${k}`}`, async (valid) =>
          whole ? { text: nested(depth, '1', arrays) } : withRawField(await valid(), k, nested(depth, '"x"', arrays)),
        ),
      ),
    fc
      .constantFrom('null', '[]', '[{}]', '[null]', '"x"', '0', 'true', '""', '{}', 'valid-in-array')
      .map((raw) =>
        mk(`not an object: ${raw}`, async (valid) =>
          raw === 'valid-in-array' ? json([await valid()]) : { text: raw },
        ),
      ),
    fc
      .tuple(field, unicodeString)
      .map(([k, s]) => mk(`unicode ${k}`, async (valid) => json({ ...(await valid()), [k]: s }))),
    fc.tuple(fc.nat(), fc.uuid()).map(([pick, id]) =>
      mk(`missing id ${id}`, async (valid) => {
        const v = await valid();
        const paths = uuidPaths(v);
        return json(paths.length ? setPath(v, paths[pick % paths.length]!, id) : { ...v, id });
      }),
    ),
    fc.tuple(fc.constantFrom(...POLLUTION), fc.boolean(), fc.boolean(), field).map(([raw, merge, atTop, k]) =>
      mk(`pollution ${raw.slice(2, 12)}${merge ? ' + valid' : ''}`, async (valid) => {
        if (!merge) return { text: raw };
        const v = JSON.stringify(await valid());
        // Both at the top level and one level down, where a nested object (owner, counts[]) may be copied.
        const top = v === '{}' ? raw : `${raw.slice(0, -1)},${v.slice(1)}`;
        return atTop ? { text: top } : withRawField(JSON.parse(v), k, raw);
      }),
    ),
  ];
  const validMutation: fc.Arbitrary<Shape> = fc
    .tuple(
      fc.constantFrom('replace', 'delete', 'add', 'null', 'as-is', 'as-is'),
      anyKey,
      anyJunk,
      fc.constantFrom(...names),
    )
    .map(([op, key, junk, existing]) =>
      mk(`valid ${op} ${op === 'add' ? key : existing}`, async (valid) => {
        const v = await valid();
        if (op === 'replace') return json({ ...v, [existing]: junk });
        if (op === 'delete') {
          const { [existing]: _gone, ...rest } = v;
          return json(rest);
        }
        if (op === 'add') return withRawField(v, key, JSON.stringify(junk) ?? 'null');
        if (op === 'null') return json({ ...v, [existing]: null });
        return json(v);
      }),
    );

  // Mutations of a valid input weigh as much as all the rest: they get past the schema and into the domain code.
  const shape = fc.oneof(
    { weight: shapes.length, arbitrary: validMutation },
    ...shapes.map((arbitrary) => ({ weight: 1, arbitrary })),
  );
  return fc
    .record({
      shape,
      caller: fc.oneof(
        { weight: 8, arbitrary: fc.constant(0) },
        { weight: 2, arbitrary: fc.integer({ min: 1, max: 4 }) },
      ),
      contentType: fc.oneof(
        { weight: 9, arbitrary: fc.constant('application/json') },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            'application/json; charset=utf-8',
            'APPLICATION/JSON',
            'text/plain',
            'application/jsonx',
            'multipart/form-data; boundary=x',
            undefined,
          ),
        },
      ),
    })
    .map(({ shape, caller, contentType }) => ({ ...shape, caller, contentType }));
};

// ---------------------------------------------------------------------------------------------
// The shop under fire

let t: TestCore;
let host: HttpHost;
let callers: (string | undefined)[];
let serial = 0;
let ids: {
  customer: string;
  vehicle: string;
  filter: string;
  oil: string;
  supplier: string;
  technician: string;
  clerk: string;
};

/** A fresh order for the methods that consume one (settle it, void it…), so mutations keep reaching deep paths. */
const freshOrder = async () =>
  (
    await t.ok('workOrders.create', {
      vehicleId: ids.vehicle,
      mileageInKm: 35210,
      faultDescription: '异响检查',
      repairCategory: 'minor_repair',
      confirm: ['mileage_rollback'],
    })
  ).order.id;

/** The outbox row of a freshly settled order (pending: the uploader is not running here). */
const settledOutboxId = async () => {
  const id = await completedOrder(t, ids.vehicle, ids.filter);
  const d = await t.ok('workOrders.settle', { id, paymentMethod: 'cash', oldPartsDisposition: 'none' });
  return d.archive[0]!.outboxId;
};

const validInput = async (m: MethodName): Promise<Input> => {
  const n = ++serial;
  const inputs: { [M in MethodName]: () => Promise<MethodInput<M>> } = {
    'shop.get': async () => ({}),
    'shop.update': async () => ({ name: '广州市示例汽车维修有限公司', labourRateFen: 8000, cityCode: '440100' }),
    'users.list': async () => ({}),
    'users.create': async () => ({ name: `技师${n}`, role: 'technician', phone: '13700000000' }),
    'users.update': async () => {
      const u = await t.ok('users.create', { name: `前台${n}`, role: 'clerk' });
      return { id: u.id, phone: '13700000001', name: `前台${n}号` };
    },
    'users.setPin': async () => {
      const u = await t.ok('users.create', { name: `学徒${n}`, role: 'technician' });
      return { id: u.id, pin: '123456' };
    },
    'auth.me': async () => ({}),
    'auth.users': async () => ({}),
    'auth.login': async () => ({ userId: ids.clerk, pin: '1111' }),
    'auth.logout': async () => ({}),
    'auth.eventsTicket': async () => ({}),
    'auth.settings': async () => ({}),
    'auth.setMode': async () => ({ mode: 'single' }),
    'lan.status': async () => ({}),
    'lan.configure': async () => ({ enabled: false, port: 8765, host: '0.0.0.0' }),
    'lan.createPairingCode': async () => ({ userId: ids.technician }),
    'lan.pair': async () => ({
      code: (await t.ok('lan.createPairingCode', { userId: ids.technician })).code,
      name: `手机${n}`,
    }),
    'lan.devices': async () => ({}),
    'lan.revokeDevice': async () => {
      const code = await t.ok('lan.createPairingCode', { userId: ids.technician });
      return { id: (await t.ok('lan.pair', { code: code.code, name: `旧手机${n}` }, null)).device.id };
    },
    'customers.create': async () => ({ kind: 'person', name: '李四', phone: '139 1234 5678', address: '天河区' }),
    'customers.update': async () => ({ id: ids.customer, note: '老客户', phone: '13800138000' }),
    'customers.get': async () => ({ id: ids.customer }),
    'customers.search': async () => ({ q: '张', limit: 10 }),
    'customers.merge': async () => {
      const c = await t.ok('customers.create', { kind: 'person', name: `张三${n}` });
      return { sourceId: c.id, targetId: ids.customer };
    },
    'vehicles.create': async () => ({
      vin: withCheckDigit(`LFV2A21K0${String(n).padStart(8, '0')}`),
      plate: `粤B${String(n % 100_000).padStart(5, '0')}`,
      brandModel: '大众速腾',
      ownerId: ids.customer,
    }),
    'vehicles.update': async () => {
      const v = await t.ok('vehicles.create', {
        vin: withCheckDigit(`LFV3A21K0${String(n).padStart(8, '0')}`),
        owner: { kind: 'company', name: `示例物流${n}` },
      });
      return { id: v.id, brandModel: '丰田凯美瑞 2.0', lastMileageKm: 1000, ownerId: ids.customer };
    },
    'vehicles.get': async () => ({ id: ids.vehicle }),
    'vehicles.search': async () => ({ q: '粤A' }),
    'vehicles.history': async () => ({ id: ids.vehicle }),
    'parts.create': async () => ({
      code: `BP-${n}`,
      name: '刹车片',
      brand: '博世',
      unit: '套',
      salePriceFen: 32000,
      partType: 'aftermarket',
    }),
    'parts.update': async () => {
      const p = await t.ok('parts.create', { code: `UP-${n}`, name: '雨刮片' });
      return { id: p.id, salePriceFen: 9500, minStock: 100, active: true };
    },
    'parts.get': async () => ({ id: ids.filter }),
    'parts.search': async () => ({ q: '机油', lowStockOnly: false }),
    'suppliers.list': async () => ({}),
    'suppliers.create': async () => ({ name: `供应商${n}`, contactName: '王经理', phone: '020-12345678' }),
    'stock.receive': async () => ({
      partId: ids.oil,
      quantity: 400,
      unitCostFen: 5000,
      supplierId: ids.supplier,
      docNo: `CG-${n}`,
      docDate: '2026-11-20',
    }),
    'stock.adjust': async () => ({ partId: ids.oil, delta: 100, reason: '盘盈' }),
    'stock.stocktake': async () => ({ counts: [{ partId: ids.oil, counted: 2000 }], reason: '月末盘点' }),
    'stock.movements': async () => ({ partId: ids.oil, kind: 'receive', from: '2026-01-01', to: '2026-12-31' }),
    'workOrders.create': async () => ({
      vehicleId: ids.vehicle,
      repairCategory: 'minor_repair',
      mileageInKm: 50000,
      faultDescription: '刹车异响',
      senderName: '张三',
      technicianIds: [ids.technician],
      confirm: ['mileage_rollback'],
    }),
    'workOrders.update': async () => ({
      id: await freshOrder(),
      notes: '客户在店等候',
      promisedAt: t.clock.now() + 3_600_000,
      technicianIds: [ids.technician],
      confirm: ['mileage_rollback'],
    }),
    'workOrders.get': async () => ({ id: await freshOrder() }),
    'workOrders.list': async () => ({
      statuses: ['received', 'settled'],
      sort: 'promised_asc',
      from: '2026-11-01',
      to: '2026-11-30',
    }),
    'workOrders.addLabour': async () => ({
      workOrderId: await freshOrder(),
      item: '检查刹车系统',
      hoursTenths: 10,
      technicianId: ids.technician,
    }),
    'workOrders.addPart': async () => ({
      workOrderId: await freshOrder(),
      partId: ids.filter,
      quantity: 100,
      confirm: ['stock_short'],
    }),
    'workOrders.updateLine': async () => {
      const id = await freshOrder();
      const d = await t.ok('workOrders.addLabour', { workOrderId: id, item: '检查', hoursTenths: 5 });
      return { workOrderId: id, lineId: d.labour[0]!.id, hoursTenths: 8, note: '加时' };
    },
    'workOrders.removeLine': async () => {
      const id = await freshOrder();
      const d = await t.ok('workOrders.addPart', { workOrderId: id, name: '玻璃水', code: 'BLS', quantity: 100 });
      return { workOrderId: id, lineId: d.parts[0]!.id };
    },
    'workOrders.setStatus': async () => ({ id: await freshOrder(), status: 'in_progress', note: '开始维修' }),
    'workOrders.complete': async () => {
      const id = await freshOrder();
      await t.ok('workOrders.setStatus', { id, status: 'in_progress' });
      return { id, mileageOutKm: 35215 };
    },
    'workOrders.settle': async () => ({
      id: await completedOrder(t, ids.vehicle, ids.filter),
      paymentMethod: 'cash',
      oldPartsDisposition: 'shop_keeps',
      discountFen: 100,
      otherFeeFen: 500,
    }),
    'workOrders.void': async () => ({ id: await freshOrder(), reason: '客户取消' }),
    'workOrders.reverse': async () => {
      const id = await completedOrder(t, ids.vehicle, ids.filter);
      await t.ok('workOrders.settle', { id, paymentMethod: 'wechat', oldPartsDisposition: 'none' });
      return { id, reason: '金额有误' };
    },
    'search.global': async () => ({ q: '粤A1', limit: 20 }),
    'audit.list': async () => ({ entity: 'work_order', limit: 20 }),
    'audit.verify': async () => ({}),
    'archive.configure': async () => ({
      adapter: 'lcippro-nested',
      baseUrl: 'http://127.0.0.1:9/archive',
      companyCode: '440100123456789',
      password: 'pa"ss',
      cityCode: '440100',
    }),
    'archive.testConnection': async () => ({ baseUrl: 'http://127.0.0.1:9', password: 'x' }),
    'archive.status': async () => ({}),
    'archive.records': async () => ({ state: ['pending', 'held'], from: '2026-11-01', to: '2026-11-30', limit: 20 }),
    'archive.ledger': async () => ({ id: await settledOutboxId() }),
    'archive.requeue': async () => ({ id: await settledOutboxId(), confirm: ['vin_check_digit'] }),
    'archive.exportLedger': async () => ({ format: n % 2 ? 'csv' : 'json', from: '2026-11-01' }),
    'archive.kpis': async () => ({ from: '2026-11-01', to: '2026-11-30' }),
    'reports.takings': async () => ({ from: '2026-11-01', to: '2026-11-30', groupBy: n % 2 ? 'day' : 'month' }),
    'reports.categories': async () => ({ from: '2026-11-01', to: '2026-11-30' }),
    'reports.technicianHours': async () => ({ from: '2026-01-01', to: '2026-12-31' }),
    'reports.partsUsage': async () => ({ from: '2026-11-24', to: '2026-11-24' }),
    'reports.remindersDue': async () => ({ days: 1 + (n % 400), limit: 20 }),
    'backup.list': async () => ({}),
    'backup.create': async () => ({}),
    'backup.configure': async () => ({ folder: null }),
    'backup.restore': async () => {
      const b = await t.ok('backup.create', {});
      return { name: b.backup.name, location: b.backup.location };
    },
    'transfer.export': async () => ({
      entity: (['customers', 'vehicles', 'parts'] as const)[n % 3]!,
      format: n % 2 ? 'csv' : 'xlsx',
    }),
    'transfer.preview': async () => ({
      entity: 'customers',
      fileName: 'c.csv',
      contentBase64: Buffer.from(`姓名,电话\n王${n},1380000${String(n % 10000).padStart(4, '0')}\n`).toString('base64'),
    }),
    'transfer.import': async () => ({
      entity: 'parts',
      fileName: 'p.csv',
      contentBase64: Buffer.from(`配件编码,配件名称,销售价(元)\nFZ-${n},测试件${n},12.50\n`).toString('base64'),
    }),
    'system.ping': async () => ({}),
  };
  return (await inputs[m]()) as Input;
};

/** The API's promise for every answer: below 500, and either the output schema or the error shape. */
const checkReply = (m: MethodName, r: Reply, label: string, sent: string | undefined) => {
  const what = `${m} [${label}] ${(sent ?? '<no body>').slice(0, 300)} → ${r.status} ${r.text.slice(0, 500)}`;
  expect(r.status, what).toBeGreaterThanOrEqual(200);
  expect(r.status, what).toBeLessThan(500);
  expect(r.headers['content-type'], what).toMatch(/^application\/json/);
  if (r.status < 300) {
    const out = contract[m].output.safeParse(r.json);
    expect(out.success, `${what}\n${out.error?.message}`).toBe(true);
    return;
  }
  const e = ApiErrorSchema.safeParse(r.json);
  expect(e.success, what).toBe(true);
  const { code, message, fields } = e.data!.error;
  expect(ERROR_STATUS[code as keyof typeof ERROR_STATUS], what).toBe(r.status);
  expect(message.zh.trim().length, what).toBeGreaterThan(0);
  expect(message.en.trim().length, what).toBeGreaterThan(0);
  for (const f of fields) expect(f.message.zh && f.message.en, what).toBeTruthy();
};

describe(`fuzz every method over HTTP (seed ${SEED})`, () => {
  beforeAll(async () => {
    console.log(`fuzz seed ${SEED}; replay with CHEDANG_FUZZ_SEED=${SEED}`);
    t = await makeCore({ dir: tempDir('chedang-fuzz-') });
    const basics = await seedBasics(t);
    // Enough stock that fresh settlements never run out, whatever the fuzzing does to other parts.
    await t.ok('stock.receive', { partId: basics.filter.id, quantity: 100_000_000, unitCostFen: 3500 });
    const supplier = await t.ok('suppliers.create', { name: '广州配件批发' });
    const clerk = await t.ok('users.create', { name: '小王', role: 'clerk', pin: '1111' });
    const technician = await t.ok('users.create', { name: '老李', role: 'technician' });
    // Callers as the desk meets them: no token (the owner), paired devices of a clerk and a technician
    // (devices: a fuzzed `auth.logout` cannot end them), a token nobody issued, and garbage.
    const device = async (userId: string) => {
      const code = await t.ok('lan.createPairingCode', { userId });
      return (await t.ok('lan.pair', { code: code.code, name: `设备${userId.slice(-4)}` }, null)).token;
    };
    ids = {
      customer: basics.vehicle.owner!.id,
      vehicle: basics.vehicle.id,
      filter: basics.filter.id,
      oil: basics.oil.id,
      supplier: supplier.id,
      technician: technician.id,
      clerk: clerk.id,
    };
    callers = [
      undefined,
      `Bearer ${await device(clerk.id)}`,
      `Bearer ${await device(technician.id)}`,
      `Bearer ${'x'.repeat(43)}`,
      'not a token\u00e9',
    ];
    host = await startHttpHost({ app: t.app, host: '127.0.0.1', port: 0, version: 'fuzz' });
  });
  afterAll(async () => {
    await host?.close();
    t?.close();
    if (t) fs.rmSync(t.dir, { recursive: true, force: true });
  });

  METHOD_NAMES.forEach((m, i) => {
    it(`${m}: ${RUNS} hostile inputs, never a 5xx`, async () => {
      await fc.assert(
        fc.asyncProperty(caseArb(m), async (c) => {
          const body = await c.build(() => validInput(m));
          const headers: Record<string, string> = {};
          if (body.text !== undefined && c.contentType !== undefined) headers['content-type'] = c.contentType;
          const user = callers[c.caller];
          if (user !== undefined) headers.authorization = user;
          const r = await rawRequest(host.url, {
            method: 'POST',
            path: `/api/${m}`,
            headers,
            ...(body.text !== undefined ? { body: body.text } : {}),
          });
          checkReply(m, r, c.label, body.text);
        }),
        { numRuns: RUNS, seed: SEED + i, endOnFailure: true },
      );
    });
  });

  it('keeps orders and stock readable when amounts sit at the schema maximum', async () => {
    // Found by fuzzing: max-size lines (1e8 × 1e9 fen) summed past 2^53, the writes went through, and
    // from then on every read of the order, the order list and the part's movements failed the output
    // contract with a 500. Now the write that would cross the limit is refused and nothing changes.
    const post = (m: MethodName, input: unknown) =>
      rawRequest(host.url, {
        method: 'POST',
        path: `/api/${m}`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
    const codeOf = (r: Reply) => (r.json as { error: { fields: { code: string }[] } }).error.fields[0]!.code;
    const id = await freshOrder();
    const line = { workOrderId: id, name: '总成', code: 'ZC-1', quantity: 100_000_000, unitPriceFen: 1_000_000_000 };
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await post('workOrders.addPart', line);
      checkReply('workOrders.addPart', r, `max line ${i}`, '');
      statuses.push(r.status);
      if (r.status !== 200) expect(codeOf(r)).toBe('order_total_too_large');
    }
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect(statuses.at(-1)).toBe(422);
    const d = await post('workOrders.get', { id });
    checkReply('workOrders.get', d, 'after refusals', '');
    const detail = d.json as { order: { totalFen: number }; parts: { amountFen: number }[] };
    expect(detail.order.totalFen).toBe(detail.parts.reduce((sum, p) => sum + p.amountFen, 0));
    expect(Number.isSafeInteger(detail.order.totalFen)).toBe(true);
    checkReply('workOrders.list', await post('workOrders.list', {}), 'after refusals', '');

    const part = await t.ok('parts.create', { code: `MAX-${++serial}`, name: '贵重总成' });
    const receipt = { partId: part.id, quantity: 100_000_000, unitCostFen: 1_000_000_000 };
    const received: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await post('stock.receive', receipt);
      checkReply('stock.receive', r, `max receipt ${i}`, '');
      received.push(r.status);
      if (r.status !== 200) expect(codeOf(r)).toBe('stock_value_too_large');
    }
    expect(received.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect(received.at(-1)).toBe(422);
    const take = await post('stock.stocktake', { counts: [{ partId: part.id, counted: 2000 }] });
    checkReply('stock.stocktake', take, 'after max receipts', '');
    expect(take.status).toBe(200);
    checkReply('stock.movements', await post('stock.movements', { partId: part.id }), 'after stock-take', '');
    checkReply('parts.get', await post('parts.get', { id: part.id }), 'after stock-take', '');
  });

  it('answers malformed HTTP with a 4xx', async () => {
    const post = (path: string, body?: string | Buffer, headers: Record<string, string> = {}) =>
      rawRequest(host.url, {
        method: 'POST',
        path,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        ...(body === undefined ? {} : { body }),
      });
    const cases: [string, Promise<Reply>][] = [
      ['bad percent-encoding', post('/api/%E0%A4%A', '{}')],
      ['lone percent', post('/api/%', '{}')],
      ['encoded slash', post('/api/customers%2Fcreate', '{}')],
      ['empty method', post('/api/', '{}')],
      ['empty body', post('/api/customers.create')],
      ['empty body with JSON type', post('/api/customers.create', '')],
      ['body null', post('/api/customers.create', 'null')],
      ['body []', post('/api/customers.create', '[]')],
      ['body [] on a method without fields', post('/api/system.ping', '[]')],
      ['BOM before JSON', post('/api/customers.create', '\ufeff{"kind":"person","name":"x"}')],
      ['invalid UTF-8', post('/api/customers.create', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]))],
      ['long method name', post(`/api/${'a'.repeat(5_000)}`, '{}')],
      ['very long method name', post(`/api/${'workOrders.'.repeat(20_000)}`, '{}')],
      ['method with NUL', post('/api/system.ping%00', '{}')],
      ['prototype method', post('/api/hasOwnProperty', '{}')],
    ];
    for (const [label, pending] of cases) {
      const r = await pending;
      expect(r.status, `${label}: ${r.status} ${r.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(r.status, `${label}: ${r.status} ${r.text.slice(0, 200)}`).toBeLessThan(500);
      // Our own refusals carry the API's error shape; only Node's HTTP parser (431 and the like) does not.
      if (r.status !== 431 && r.status !== 414) ApiErrorSchema.parse(r.json);
    }
    // A static-file host must survive a path it cannot decode (it used to throw inside the request listener).
    const renderer = tempDir('chedang-renderer-');
    fs.writeFileSync(`${renderer}/index.html`, '<!doctype html><title>t</title>');
    const web = await startHttpHost({ app: t.app, host: '127.0.0.1', port: 0, version: 'fuzz', rendererDir: renderer });
    try {
      const bad = await rawRequest(web.url, { method: 'GET', path: '/assets/%E0%A4%A.js' });
      expect(bad.status).toBe(400);
      expect((await rawRequest(web.url, { method: 'GET', path: '/' })).status).toBe(200);
      const traversal = await rawRequest(web.url, { method: 'GET', path: '/..%2F..%2F..%2Fetc%2Fpasswd' });
      expect(traversal.text).not.toContain('root:');
    } finally {
      await web.close();
      fs.rmSync(renderer, { recursive: true, force: true });
    }
  });

  it('leaves the database sound and Object.prototype untouched', async () => {
    const s = t.app.core.sqlite;
    expect(s.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(s.pragma('foreign_key_check')).toEqual([]);
    const verify = await rawRequest(host.url, {
      method: 'POST',
      path: '/api/audit.verify',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(verify.status).toBe(200);
    expect(verify.json).toMatchObject({ ok: true, brokenAt: null });
    expect((verify.json as { checked: number }).checked).toBeGreaterThan(100);
    const probe = {} as Record<string, unknown>;
    expect(probe.polluted).toBeUndefined();
    expect(probe.role).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});
