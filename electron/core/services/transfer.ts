/**
 * 导入导出: customers, vehicles and parts to and from Excel (.xlsx) and CSV.
 *
 * Import runs every row through the same services (and so the same VIN, plate, credit-code and
 * uniqueness rules) as the forms do, each row in a savepoint of one transaction:
 *   - preview: the whole transaction is rolled back; every row reports create/update/unchanged/error;
 *   - import: committed only when no row has an error — all rows or none.
 * Matching (a re-import updates, never duplicates): vehicles by VIN, else by plate; customers by
 * phone, else by name among customers without a phone; parts by part code. An empty cell leaves the
 * stored value as it is. Stock is never imported: it is a ledger (receive or stock-take instead).
 *
 * Files: .xlsx (read-excel-file, written with write-excel-file) or CSV (papaparse) in UTF-8 with or
 * without a BOM, UTF-16 with a BOM, or GBK/GB18030 — what Excel on Chinese Windows saves as "CSV".
 * Exported CSV is UTF-8 with a BOM, which that same Excel opens correctly.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import type { z } from 'zod';
import type { TransferEntity, TransferPreview } from '../../../shared/api/schemas/backup.js';
import { CustomerCreate } from '../../../shared/api/schemas/customers.js';
import { PartCreate } from '../../../shared/api/schemas/parts.js';
import { zodIssuesToIssues } from '../../../shared/api/zod-issues.js';
import {
  CUSTOMER_KIND_LABEL,
  CUSTOMER_KINDS,
  PART_TYPE_LABEL,
  PART_TYPES,
  PLATE_COLOR_LABEL,
  PLATE_COLORS,
} from '../../../shared/domain/enums.js';
import { type Bilingual, type Issue, issue } from '../../../shared/domain/issue.js';
import { formatFen, formatHundredths, parseYuan } from '../../../shared/domain/money.js';
import type { Ctx } from '../context.js';
import { customers, parts, vehicles } from '../db/schema.js';
import { DomainError, fail } from '../errors.js';
import { createCustomer, updateCustomer } from './customers.js';
import { createPart, partToApi, updatePart } from './parts.js';
import { createVehicle, updateVehicle } from './vehicles.js';

/** More rows than any shop's catalogue; beyond it the file is refused rather than half-read. */
export const MAX_IMPORT_ROWS = 20_000;

type Values = Record<string, string>;
interface Column {
  key: string;
  zh: string;
  en: string;
  aliases?: string[];
  required?: boolean;
  /** Exported for reading, ignored on import (e.g. stock on hand). */
  readOnly?: boolean;
}

const yesNo = (b: boolean) => (b ? '是' : '否');
const YES = new Set(['是', 'y', 'yes', 'true', '1', '√', '有']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '', '无']);

/** The code of a label as people type it: the code, the English or Chinese label, or its short form (原厂件, 原厂). */
const enumFrom = <K extends string>(keys: readonly K[], labels: Record<K, Bilingual>, text: string): K | undefined => {
  const t = text.trim().toLowerCase();
  const short = (s: string) => s.replace(/(配件|件|色)$/, '');
  return keys.find(
    (k) => k === t || labels[k].en.toLowerCase() === t || labels[k].zh === t || short(labels[k].zh) === short(t),
  );
};

export const COLUMNS: Record<TransferEntity, Column[]> = {
  customers: [
    { key: 'kind', zh: '类型', en: 'Kind', aliases: ['客户类型'] },
    { key: 'name', zh: '姓名/名称', en: 'Name', aliases: ['姓名', '名称', '客户名称', '客户'], required: true },
    { key: 'phone', zh: '电话', en: 'Phone', aliases: ['手机', '手机号', '联系电话'] },
    { key: 'creditCode', zh: '统一社会信用代码', en: 'Credit code', aliases: ['信用代码'] },
    { key: 'address', zh: '地址', en: 'Address' },
    { key: 'note', zh: '备注', en: 'Note' },
  ],
  vehicles: [
    { key: 'vin', zh: 'VIN', en: 'VIN', aliases: ['车辆识别代号', '车架号', '车辆识别代号(VIN)'] },
    { key: 'plate', zh: '车牌号', en: 'Plate', aliases: ['车牌', '车牌号码', 'plate number'] },
    { key: 'unplated', zh: '暂无牌照', en: 'No plate yet', aliases: ['无牌', 'unplated'] },
    { key: 'plateColor', zh: '车牌颜色', en: 'Plate colour', aliases: ['plate color', '号牌颜色'] },
    { key: 'brandModel', zh: '品牌型号', en: 'Brand and model', aliases: ['车型', 'model', 'brand'] },
    { key: 'engineNo', zh: '发动机号', en: 'Engine number', aliases: ['发动机号码', 'engine no'] },
    { key: 'vehicleType', zh: '车辆类型', en: 'Vehicle type' },
    { key: 'registrationDate', zh: '注册日期', en: 'Registration date', aliases: ['初次登记日期', '登记日期'] },
    { key: 'lastMileageKm', zh: '里程(公里)', en: 'Mileage (km)', aliases: ['里程', '公里数', 'mileage'] },
    { key: 'ownerName', zh: '车主', en: 'Owner', aliases: ['车主姓名', '车主名称', 'owner name'] },
    { key: 'ownerPhone', zh: '车主电话', en: 'Owner phone', aliases: ['车主手机', '联系电话'] },
    { key: 'note', zh: '备注', en: 'Note' },
  ],
  parts: [
    { key: 'code', zh: '配件编码', en: 'Part code', aliases: ['编码', '配件编号', '编号', 'code'], required: true },
    { key: 'name', zh: '配件名称', en: 'Name', aliases: ['名称', '配件'], required: true },
    { key: 'brand', zh: '品牌', en: 'Brand' },
    { key: 'spec', zh: '规格型号', en: 'Specification', aliases: ['规格', '型号', 'spec'] },
    { key: 'unit', zh: '单位', en: 'Unit' },
    { key: 'barcode', zh: '条码', en: 'Barcode', aliases: ['条形码'] },
    { key: 'partType', zh: '配件类型', en: 'Part type', aliases: ['类型', 'type'] },
    { key: 'salePrice', zh: '销售价(元)', en: 'Sale price (yuan)', aliases: ['销售价', '售价', '单价', 'price'] },
    { key: 'minStock', zh: '最低库存', en: 'Minimum stock', aliases: ['安全库存', 'min stock'] },
    { key: 'onHand', zh: '库存数量', en: 'On hand', aliases: ['库存'], readOnly: true },
  ],
};

const norm = (h: string) =>
  h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s*_]/g, '');

// ─── reading files ──────────────────────────────────────────────────────────────────────────────

interface Sheet {
  format: 'xlsx' | 'csv';
  encoding: string;
  /** Cells as text; index 0 is spreadsheet row 1. */
  rows: string[][];
}

const fileIssue = (code: string, zh: string, en: string): never =>
  fail('validation_failed', zh, en, [issue(code, zh, en, 'contentBase64')]);

/** UTF-8 (BOM or not), UTF-16 with a BOM, else GBK (GB18030 is its superset and what decoders use). */
export const decodeText = (buf: Buffer): { text: string; encoding: string } => {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(buf.subarray(3)), encoding: 'utf-8-bom' };
  if (buf[0] === 0xff && buf[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(buf), encoding: 'gbk' };
  }
};

const pad2 = (n: number) => String(n).padStart(2, '0');
const cellText = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  // read-excel-file gives date cells as Date at UTC midnight of the shown day.
  if (v instanceof Date) return `${v.getUTCFullYear()}-${pad2(v.getUTCMonth() + 1)}-${pad2(v.getUTCDate())}`;
  if (typeof v === 'boolean') return yesNo(v);
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  return String(v).trim();
};

export async function readTable(contentBase64: string, fileName: string): Promise<Sheet> {
  const buf = Buffer.from(contentBase64, 'base64');
  if (buf.length === 0) fileIssue('file_empty', '文件是空的', 'The file is empty');
  const isZip = buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
  if (isZip) {
    try {
      const data = await readSheet(buf, { trim: false });
      return { format: 'xlsx', encoding: 'xlsx', rows: data.map((r) => r.map(cellText)) };
    } catch (e) {
      return fileIssue(
        'file_unreadable',
        `无法读取 Excel 文件「${fileName}」（${(e as Error).message}）`,
        `Cannot read the Excel file "${fileName}" (${(e as Error).message})`,
      );
    }
  }
  if (buf[0] === 0xd0 && buf[1] === 0xcf)
    fileIssue(
      'xls_not_supported',
      '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV',
      'Old .xls files are not supported; save it as .xlsx or CSV in Excel',
    );
  const { text, encoding } = decodeText(buf);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const bad = parsed.errors.find((e) => e.type === 'Quotes');
  if (bad)
    fileIssue(
      'csv_malformed',
      `CSV 第 ${(bad.row ?? 0) + 1} 行的引号不成对`,
      `CSV row ${(bad.row ?? 0) + 1} has an unmatched quote`,
    );
  return { format: 'csv', encoding, rows: parsed.data.map((r) => r.map((c) => String(c ?? '').trim())) };
}

interface ParsedTable {
  format: 'xlsx' | 'csv';
  encoding: string;
  ignoredHeaders: string[];
  rows: { row: number; values: Values }[];
}

/** Finds the header (the first non-empty row), maps it to columns, returns the data rows. */
export function mapColumns(entity: TransferEntity, sheet: Sheet): ParsedTable {
  const cols = COLUMNS[entity];
  const headerAt = sheet.rows.findIndex((r) => r.some((c) => c !== ''));
  if (headerAt < 0) fileIssue('file_no_rows', '文件中没有内容', 'The file has no rows');
  const header = sheet.rows[headerAt]!;
  const byName = new Map<string, Column>();
  for (const c of cols) for (const n of [c.key, c.zh, c.en, ...(c.aliases ?? [])]) byName.set(norm(n), c);
  const index = new Map<string, number>();
  const ignoredHeaders: string[] = [];
  header.forEach((h, i) => {
    const c = byName.get(norm(h));
    if (c && !c.readOnly && !index.has(c.key)) index.set(c.key, i);
    else if (h !== '') ignoredHeaders.push(h);
  });
  const missing = cols.filter((c) => c.required && !index.has(c.key));
  if (missing.length)
    fileIssue(
      'columns_missing',
      `第 ${headerAt + 1} 行（表头）缺少必需的列：${missing.map((c) => c.zh).join('、')}`,
      `The header (row ${headerAt + 1}) lacks required columns: ${missing.map((c) => c.en).join(', ')}`,
    );
  if (index.size === 0)
    fileIssue('columns_unknown', '表头中没有可识别的列', 'None of the header columns is recognised');
  const rows: ParsedTable['rows'] = [];
  for (let i = headerAt + 1; i < sheet.rows.length; i++) {
    const r = sheet.rows[i]!;
    if (!r.some((c) => c !== '')) continue;
    const values: Values = {};
    for (const [key, at] of index) values[key] = r[at] ?? '';
    rows.push({ row: i + 1, values });
  }
  if (rows.length === 0) fileIssue('file_no_rows', '表头之后没有数据行', 'There are no data rows after the header');
  if (rows.length > MAX_IMPORT_ROWS)
    fileIssue(
      'file_too_many_rows',
      `一次最多导入 ${MAX_IMPORT_ROWS} 行（文件有 ${rows.length} 行），请分成几个文件`,
      `At most ${MAX_IMPORT_ROWS} rows per import (the file has ${rows.length}); split the file`,
    );
  return { format: sheet.format, encoding: sheet.encoding, ignoredHeaders, rows };
}

// ─── applying rows ──────────────────────────────────────────────────────────────────────────────

type Action = 'create' | 'update' | 'unchanged';
class RowProblem extends Error {
  constructor(readonly issues: Issue[]) {
    super('row problem');
  }
}
const rowError = (code: string, zh: string, en: string, field?: string): never => {
  throw new RowProblem([issue(code, zh, en, field)]);
};

/** A cell naming one of `keys` (see enumFrom); anything else is the row's error: `<zh>：<cell>`. */
const enumCell = <K extends string>(
  keys: readonly K[],
  labels: Record<K, Bilingual>,
  text: string,
  error: { code: string; zh: string; en: string; field: string },
): K =>
  enumFrom(keys, labels, text) ?? rowError(error.code, `${error.zh}：${text}`, `${error.en}: ${text}`, error.field);

const opt = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s.trim());

/** zod first (lengths, formats), with the issue fields as the file's column keys. */
const parseWith = <T extends z.ZodType>(
  schema: T,
  value: unknown,
  rename: Record<string, string> = {},
): z.output<T> => {
  const r = schema.safeParse(value);
  if (!r.success)
    throw new RowProblem(
      zodIssuesToIssues(r.error).map((i) => (i.field && rename[i.field] ? { ...i, field: rename[i.field] } : i)),
    );
  return r.data;
};

const changed = <T extends object>(current: T, patch: Partial<T>): Partial<T> => {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(patch) as [keyof T, T[keyof T]][])
    if (v !== undefined && current[k] !== v) out[k] = v;
  return out;
};

const normPhone = (p: string) => p.replace(/[\s-]/g, '');

const findCustomerByKey = (ctx: Ctx, name: string, phone: string | undefined) => {
  const db = ctx.core.db;
  if (phone)
    return db
      .select()
      .from(customers)
      .where(and(eq(customers.phone, normPhone(phone)), isNull(customers.mergedInto)))
      .orderBy(asc(customers.createdAt))
      .get();
  return db
    .select()
    .from(customers)
    .where(and(eq(customers.name, name), eq(customers.phone, ''), isNull(customers.mergedInto)))
    .orderBy(asc(customers.createdAt))
    .get();
};

const customerKey = (v: Values) => (opt(v.phone) ? normPhone(v.phone!) : `${(v.name ?? '').trim()}`);

const applyCustomer = (ctx: Ctx, v: Values): Action => {
  const kind = opt(v.kind)
    ? enumCell(CUSTOMER_KINDS, CUSTOMER_KIND_LABEL, v.kind!, {
        code: 'kind_unknown',
        zh: '类型应为「个人」或「单位」',
        en: 'Kind must be person or company',
        field: 'kind',
      })
    : undefined;
  const input = parseWith(CustomerCreate, {
    kind: kind ?? 'person',
    name: v.name ?? '',
    ...(opt(v.phone) ? { phone: v.phone } : {}),
    ...(opt(v.creditCode) ? { creditCode: v.creditCode } : {}),
    ...(opt(v.address) ? { address: v.address } : {}),
    ...(opt(v.note) ? { note: v.note } : {}),
  });
  const existing = findCustomerByKey(ctx, input.name, input.phone);
  if (!existing) {
    createCustomer(ctx, input);
    return 'create';
  }
  const patch = changed(existing, {
    ...(kind ? { kind } : {}),
    name: input.name,
    ...(input.creditCode ? { creditCode: input.creditCode.toUpperCase() } : {}),
    address: input.address,
    note: input.note,
  });
  if (Object.keys(patch).length === 0) return 'unchanged';
  updateCustomer(ctx, { id: existing.id, ...patch });
  return 'update';
};

const vinKey = (s: string) => s.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
const plateKey = (s: string) =>
  s
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s·.-]/g, '');
const vehicleKey = (v: Values) => (opt(v.vin) ? vinKey(v.vin!) : opt(v.plate) ? plateKey(v.plate!) : '');

const applyVehicle = (ctx: Ctx, v: Values, confirm: string[]): Action => {
  const fields: Record<string, unknown> = {};
  if (opt(v.vin)) fields.vin = v.vin!.trim();
  if (opt(v.plate)) fields.plate = v.plate!.trim();
  if (opt(v.unplated)) {
    const t = v.unplated!.trim().toLowerCase();
    if (YES.has(t)) fields.unplated = true;
    else if (!NO.has(t))
      rowError(
        'unplated_unknown',
        `「暂无牌照」应为 是/否：${v.unplated}`,
        `"No plate yet" must be yes or no: ${v.unplated}`,
        'unplated',
      );
  }
  if (opt(v.plateColor)) {
    fields.plateColor = enumCell(PLATE_COLORS, PLATE_COLOR_LABEL, v.plateColor!, {
      code: 'plate_color_unknown',
      zh: '无法识别的车牌颜色',
      en: 'Unknown plate colour',
      field: 'plateColor',
    });
  }
  for (const k of ['brandModel', 'engineNo', 'vehicleType', 'note'] as const) if (opt(v[k])) fields[k] = v[k]!.trim();
  if (opt(v.registrationDate)) {
    const d = v
      .registrationDate!.trim()
      .replace(/[/.]/g, '-')
      .replace(/-(\d)(?=-|$)/g, '-0$1');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)))
      rowError(
        'date_invalid',
        `注册日期应为 年-月-日：${v.registrationDate}`,
        `Registration date must be YYYY-MM-DD: ${v.registrationDate}`,
        'registrationDate',
      );
    fields.registrationDate = d;
  }
  if (opt(v.lastMileageKm)) {
    const km = Number(v.lastMileageKm!.replace(/,/g, ''));
    if (!Number.isInteger(km) || km < 0 || km > 99_999_999)
      rowError(
        'mileage_invalid',
        `里程应为整数公里：${v.lastMileageKm}`,
        `Mileage must be whole kilometres: ${v.lastMileageKm}`,
        'lastMileageKm',
      );
    fields.lastMileageKm = km;
  }
  if (!fields.vin && !fields.plate)
    rowError('identity_required', '请填写 VIN 或车牌号', 'Give the VIN or the plate', 'vin');

  let ownerId: string | undefined;
  if (opt(v.ownerName) || opt(v.ownerPhone)) {
    if (!opt(v.ownerName))
      rowError(
        'owner_name_required',
        '填写了车主电话，请同时填写车主',
        'An owner phone needs the owner name',
        'ownerName',
      );
    const owner = parseWith(
      CustomerCreate,
      { kind: 'person', name: v.ownerName, ...(opt(v.ownerPhone) ? { phone: v.ownerPhone } : {}) },
      { name: 'ownerName', phone: 'ownerPhone' },
    );
    ownerId = (findCustomerByKey(ctx, owner.name, owner.phone) ?? createCustomer(ctx, owner)).id;
  }

  const key = fields.vin ? vinKey(String(fields.vin)) : plateKey(String(fields.plate));
  const existing = ctx.core.db
    .select()
    .from(vehicles)
    .where(fields.vin ? eq(vehicles.vin, key) : eq(vehicles.plate, key))
    .get();
  if (!existing) {
    createVehicle(ctx, { ...(fields as object), ...(ownerId ? { ownerId } : {}), confirm });
    return 'create';
  }
  const { vin: _vin, ...rest } = fields;
  if (rest.plate && plateKey(String(rest.plate)) === existing.plate) delete rest.plate;
  const patch = changed(existing as Record<string, unknown>, { ...rest, ...(ownerId ? { ownerId } : {}) });
  if (Object.keys(patch).length === 0) return 'unchanged';
  updateVehicle(ctx, { id: existing.id, ...(patch as object), confirm });
  return 'update';
};

const partKey = (v: Values) => (v.code ?? '').trim();

const applyPart = (ctx: Ctx, v: Values): Action => {
  const fields: Record<string, unknown> = { code: v.code ?? '', name: v.name ?? '' };
  for (const k of ['brand', 'spec', 'unit', 'barcode'] as const) if (opt(v[k])) fields[k] = v[k]!.trim();
  if (opt(v.partType)) {
    fields.partType = enumCell(PART_TYPES, PART_TYPE_LABEL, v.partType!, {
      code: 'part_type_unknown',
      zh: '无法识别的配件类型',
      en: 'Unknown part type',
      field: 'partType',
    });
  }
  if (opt(v.salePrice)) {
    const fen = parseYuan(v.salePrice!.replace(/^[¥￥]/, ''));
    if (fen === undefined || fen < 0)
      rowError(
        'price_invalid',
        `销售价应为不超过两位小数的金额：${v.salePrice}`,
        `Sale price must be an amount with at most 2 decimals: ${v.salePrice}`,
        'salePrice',
      );
    fields.salePriceFen = fen;
  }
  if (opt(v.minStock)) {
    const q = parseYuan(v.minStock!);
    if (q === undefined || q < 0)
      rowError(
        'min_stock_invalid',
        `最低库存应为不超过两位小数的数量：${v.minStock}`,
        `Minimum stock must be a quantity with at most 2 decimals: ${v.minStock}`,
        'minStock',
      );
    fields.minStock = q;
  }
  const input = parseWith(PartCreate, fields);
  const existing = ctx.core.db.select().from(parts).where(eq(parts.code, input.code)).get();
  if (!existing) {
    createPart(ctx, input);
    return 'create';
  }
  const { code: _c, ...rest } = input;
  const patch = changed(partToApi(existing) as Record<string, unknown>, rest);
  if (Object.keys(patch).length === 0) return 'unchanged';
  updatePart(ctx, { id: existing.id, ...(patch as object) });
  return 'update';
};

const KEY_OF: Record<TransferEntity, (v: Values) => string> = {
  customers: customerKey,
  vehicles: vehicleKey,
  parts: partKey,
};
const KEY_LABEL: Record<TransferEntity, Bilingual> = {
  customers: { zh: '电话（无电话时为姓名）', en: 'phone (or name when there is none)' },
  vehicles: { zh: 'VIN（无VIN时为车牌号）', en: 'VIN (or plate when there is none)' },
  parts: { zh: '配件编码', en: 'part code' },
};

class Rollback extends Error {}

/** Runs every row in one transaction, each in its own savepoint; commits only when asked and clean. */
function runRows(ctx: Ctx, entity: TransferEntity, table: ParsedTable, commit: boolean) {
  const sqlite = ctx.core.sqlite;
  const out: z.infer<typeof TransferPreview>['rows'] = [];
  const seen = new Map<string, number>();
  const apply = (v: Values, confirm: string[]): Action =>
    entity === 'customers'
      ? applyCustomer(ctx, v)
      : entity === 'vehicles'
        ? applyVehicle(ctx, v, confirm)
        : applyPart(ctx, v);
  const work = () => {
    for (const r of table.rows) {
      const key = KEY_OF[entity](r.values);
      const issues: Issue[] = [];
      let action: Action | 'error' = 'error';
      const first = key ? seen.get(key.toUpperCase()) : undefined;
      if (first !== undefined) {
        const k = KEY_LABEL[entity];
        issues.push(
          issue(
            'duplicate_in_file',
            `与第 ${first} 行重复（${k.zh}相同：${key}）`,
            `Same ${k.en} as row ${first}: ${key}`,
            entity === 'parts'
              ? 'code'
              : entity === 'vehicles'
                ? opt(r.values.vin)
                  ? 'vin'
                  : 'plate'
                : opt(r.values.phone)
                  ? 'phone'
                  : 'name',
          ),
        );
      } else {
        if (key) seen.set(key.toUpperCase(), r.row);
        let confirm: string[] = [];
        for (let attempt = 0; attempt < 2; attempt++) {
          try {
            action = sqlite.transaction(() => apply(r.values, confirm))();
            break;
          } catch (e) {
            if (e instanceof DomainError && e.code === 'confirmation_required' && attempt === 0) {
              issues.push(...e.fields);
              confirm = e.fields.map((i) => i.code);
              continue;
            }
            if (e instanceof RowProblem) issues.push(...e.issues);
            else if (e instanceof DomainError)
              issues.push(
                ...(e.fields.length
                  ? e.fields.map((i) => ({ ...i, message: i.message }))
                  : [issue(e.code, e.bilingual.zh, e.bilingual.en)]),
              );
            else throw e;
            action = 'error';
            break;
          }
        }
      }
      out.push({ row: r.row, action, key, values: r.values, issues });
    }
    const failed = out.some((r) => r.action === 'error');
    if (!commit || failed) throw new Rollback();
  };
  try {
    sqlite.transaction(work).immediate();
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return out;
}

const countsOf = (rows: { action: string; issues: Issue[] }[]) => ({
  total: rows.length,
  create: rows.filter((r) => r.action === 'create').length,
  update: rows.filter((r) => r.action === 'update').length,
  unchanged: rows.filter((r) => r.action === 'unchanged').length,
  error: rows.filter((r) => r.action === 'error').length,
  warning: rows.filter((r) => r.action !== 'error' && r.issues.some((i) => i.severity === 'warning')).length,
});

const columnsView = (entity: TransferEntity) =>
  COLUMNS[entity].filter((c) => !c.readOnly).map((c) => ({ key: c.key, zh: c.zh, en: c.en, required: !!c.required }));

type ImportInput = {
  entity: TransferEntity;
  fileName: string;
  contentBase64: string;
  confirmWarnings?: boolean | undefined;
};

export async function previewImport(ctx: Ctx, input: ImportInput) {
  const table = mapColumns(input.entity, await readTable(input.contentBase64, input.fileName));
  const rows = runRows(ctx, input.entity, table, false);
  return {
    entity: input.entity,
    format: table.format,
    encoding: table.encoding,
    columns: columnsView(input.entity),
    ignoredHeaders: table.ignoredHeaders,
    counts: countsOf(rows),
    rows,
  };
}

export async function importRows(ctx: Ctx, input: ImportInput) {
  const table = mapColumns(input.entity, await readTable(input.contentBase64, input.fileName));
  // A first pass without committing tells whether warnings need the clerk's word.
  const dry = runRows(ctx, input.entity, table, false);
  const counts = countsOf(dry);
  const problems = dry.flatMap((r) =>
    r.issues
      .filter((i) => (r.action === 'error' ? i.severity === 'error' : true))
      .map((i) => ({ ...i, field: `rows[${r.row}]${i.field ? `.${i.field}` : ''}` })),
  );
  if (counts.error > 0)
    fail(
      'validation_failed',
      `${counts.error} 行有错误，未导入任何数据。请修改文件后重新导入。`,
      `${counts.error} rows have errors; nothing was imported. Correct the file and import again.`,
      problems.filter((i) => i.severity === 'error').slice(0, 200),
    );
  if (counts.warning > 0 && !input.confirmWarnings)
    fail(
      'confirmation_required',
      `${counts.warning} 行有需要确认的提示，确认后再导入`,
      `${counts.warning} rows have warnings to confirm before importing`,
      problems.slice(0, 200),
    );
  const rows = runRows(ctx, input.entity, table, true);
  const final = countsOf(rows);
  if (final.error > 0)
    fail(
      'conflict',
      '数据在预览后发生变化，未导入任何数据，请重试',
      'The data changed meanwhile; nothing was imported, retry',
    );
  ctx.core.events.emit({
    type: 'changed',
    topics: input.entity === 'vehicles' ? ['vehicles', 'customers'] : [input.entity],
    method: ctx.method,
    at: ctx.core.clock.now(),
  });
  return { entity: input.entity, created: final.create, updated: final.update, unchanged: final.unchanged };
}

// ─── export ─────────────────────────────────────────────────────────────────────────────────────

const exportRows = (ctx: Ctx, entity: TransferEntity): string[][] => {
  const db = ctx.core.db;
  if (entity === 'customers')
    return db
      .select()
      .from(customers)
      .where(isNull(customers.mergedInto))
      .orderBy(asc(customers.createdAt))
      .all()
      .map((c) => [CUSTOMER_KIND_LABEL[c.kind].zh, c.name, c.phone, c.creditCode, c.address, c.note]);
  if (entity === 'vehicles') {
    const owners = new Map(
      db
        .select()
        .from(customers)
        .all()
        .map((c) => [c.id, c]),
    );
    return db
      .select()
      .from(vehicles)
      .orderBy(asc(vehicles.createdAt))
      .all()
      .map((v) => {
        const o = v.ownerId ? owners.get(v.ownerId) : undefined;
        return [
          v.vin ?? '',
          v.plate ?? '',
          yesNo(v.unplated),
          v.plateColor ? PLATE_COLOR_LABEL[v.plateColor].zh : '',
          v.brandModel,
          v.engineNo,
          v.vehicleType,
          v.registrationDate ?? '',
          v.lastMileageKm === null ? '' : String(v.lastMileageKm),
          o?.name ?? '',
          o?.phone ?? '',
          v.note,
        ];
      });
  }
  return db
    .select()
    .from(parts)
    .orderBy(asc(parts.code))
    .all()
    .map((p) => [
      p.code,
      p.name,
      p.brand,
      p.spec,
      p.unit,
      p.barcode ?? '',
      PART_TYPE_LABEL[p.partType].zh,
      formatFen(p.salePriceFen),
      formatHundredths(p.minStock),
      formatHundredths(p.onHand),
    ]);
};

const ENTITY_FILE: Record<TransferEntity, string> = { customers: '客户', vehicles: '车辆', parts: '配件' };

export async function exportEntity(ctx: Ctx, input: { entity: TransferEntity; format: 'xlsx' | 'csv' }) {
  const header = COLUMNS[input.entity].map((c) => c.zh);
  const rows = exportRows(ctx, input.entity);
  const day = new Date(ctx.core.clock.now()).toISOString().slice(0, 10).replace(/-/g, '');
  const base = `车档-${ENTITY_FILE[input.entity]}-${day}`;
  if (input.format === 'csv') {
    // Every cell as text: Excel would otherwise turn VINs, phones and part codes into numbers.
    const csv = Papa.unparse([header, ...rows], { newline: '\r\n', quotes: false });
    const buf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]);
    return {
      fileName: `${base}.csv`,
      mimeType: 'text/csv;charset=utf-8',
      contentBase64: buf.toString('base64'),
      rows: rows.length,
    };
  }
  // Text cells throughout, for the same reason; a spreadsheet user can still sort and filter.
  const data = [header, ...rows].map((r, i) =>
    r.map((value) => ({ value, type: String, ...(i === 0 ? { fontWeight: 'bold' as const } : {}) })),
  );
  const buf = await writeXlsxFile(data, { sheet: ENTITY_FILE[input.entity] }).toBuffer();
  return {
    fileName: `${base}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    contentBase64: buf.toString('base64'),
    rows: rows.length,
  };
}
