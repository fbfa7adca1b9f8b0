/** 配件: the parts catalogue and suppliers. Stock quantities are owned by stock.ts. */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { ParsedInput } from '../../../shared/api/contract.js';
import { issue } from '../../../shared/domain/issue.js';
import { type Ctx, now } from '../context.js';
import { newId } from '../db/ids.js';
import { parts, suppliers } from '../db/schema.js';
import { prepared, preparedQuery } from '../db/statements.js';
import { fail, notFound } from '../errors.js';
import { audit } from './audit.js';
import { inRankOrder, searchIds } from './search-index.js';

export type PartRow = typeof parts.$inferSelect;
export const PART = { zh: '配件', en: 'part' };
const SUPPLIER = { zh: '供应商', en: 'supplier' };

/** Moving-average unit cost: stock value ÷ quantity on hand (both cached from the ledger). */
export const avgCostFen = (p: Pick<PartRow, 'onHand' | 'stockValueFen'>): number =>
  p.onHand > 0 ? Math.round((p.stockValueFen * 100) / p.onHand) : 0;

export const partToApi = (p: PartRow) => ({
  id: p.id,
  code: p.code,
  name: p.name,
  brand: p.brand,
  spec: p.spec,
  unit: p.unit,
  barcode: p.barcode,
  partType: p.partType,
  salePriceFen: p.salePriceFen,
  minStock: p.minStock,
  onHand: p.onHand,
  avgCostFen: avgCostFen(p),
  active: p.active,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

export const findPart = (ctx: Ctx, id: string) =>
  preparedQuery(ctx.core.db, 'parts.byId', () =>
    ctx.core.db
      .select()
      .from(parts)
      .where(eq(parts.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });
export const requirePart = (ctx: Ctx, id: string, field = 'id'): PartRow =>
  findPart(ctx, id) ?? notFound(PART, id, field);

const assertCodeFree = (ctx: Ctx, code: string, exceptId?: string) => {
  const other = ctx.core.db.select({ id: parts.id, name: parts.name }).from(parts).where(eq(parts.code, code)).get();
  if (other && other.id !== exceptId)
    fail(
      'duplicate',
      `配件编码 ${code} 已被「${other.name}」使用`,
      `Part code ${code} is already used by "${other.name}"`,
      [issue('part_code_taken', '配件编码已存在', 'part code already exists', 'code')],
    );
};

export const createPart = (ctx: Ctx, input: ParsedInput<'parts.create'>) => {
  assertCodeFree(ctx, input.code);
  const at = now(ctx);
  const row: PartRow = {
    id: newId(),
    code: input.code,
    name: input.name,
    brand: input.brand ?? '',
    spec: input.spec ?? '',
    unit: input.unit || '个',
    barcode: input.barcode || null,
    partType: input.partType ?? 'oem',
    salePriceFen: input.salePriceFen ?? 0,
    minStock: input.minStock ?? 0,
    onHand: 0,
    stockValueFen: 0,
    active: true,
    createdAt: at,
    updatedAt: at,
  };
  ctx.core.db.insert(parts).values(row).run();
  audit(ctx, 'part', row.id, null, partToApi(row));
  return partToApi(row);
};

export const updatePart = (ctx: Ctx, input: ParsedInput<'parts.update'>) => {
  const before = requirePart(ctx, input.id);
  if (input.code) assertCodeFree(ctx, input.code, input.id);
  const { id, barcode, ...patch } = input;
  ctx.core.db
    .update(parts)
    .set({ ...patch, ...(barcode !== undefined ? { barcode: barcode || null } : {}), updatedAt: now(ctx) })
    .where(eq(parts.id, id))
    .run();
  const after = requirePart(ctx, id);
  audit(ctx, 'part', id, partToApi(before), partToApi(after));
  return partToApi(after);
};

export const getPart = (ctx: Ctx, id: string) => partToApi(requirePart(ctx, id));

export const searchParts = (ctx: Ctx, q: ParsedInput<'parts.search'>) => {
  const s = ctx.core.sqlite;
  if (q.q.trim() === '') {
    // An empty query lists the catalogue (or the low-stock list) page by page.
    const where = q.lowStockOnly ? 'WHERE active = 1 AND on_hand < min_stock' : '';
    const total = (prepared(s, `SELECT count(*) AS n FROM parts ${where}`).get() as { n: number }).n;
    const ids = prepared(s, `SELECT id FROM parts ${where} ORDER BY code LIMIT ? OFFSET ?`).all(q.limit, q.offset) as {
      id: string;
    }[];
    const rows = ctx.core.db
      .select()
      .from(parts)
      .where(
        inArray(
          parts.id,
          ids.map((r) => r.id),
        ),
      )
      .all();
    return {
      total,
      items: inRankOrder(
        ids.map((r) => r.id),
        rows,
      ).map(partToApi),
    };
  }
  // A scanner types the barcode exactly: answer that first.
  const byBarcode = ctx.core.db.select().from(parts).where(eq(parts.barcode, q.q.trim())).all();
  const ids = searchIds(ctx, 'parts', q.q, q.limit + q.offset + 1);
  const seen = new Set(byBarcode.map((p) => p.id));
  const rest = ids.filter((id) => !seen.has(id));
  const found = rest.length ? ctx.core.db.select().from(parts).where(inArray(parts.id, rest)).all() : [];
  let rows: PartRow[] = [...byBarcode, ...inRankOrder(rest, found)];
  if (q.lowStockOnly) rows = rows.filter((p) => p.active && p.onHand < p.minStock);
  return { total: rows.length, items: rows.slice(q.offset, q.offset + q.limit).map(partToApi) };
};

export const supplierToApi = (s: typeof suppliers.$inferSelect) => ({
  id: s.id,
  name: s.name,
  contactName: s.contactName,
  phone: s.phone,
  address: s.address,
  createdAt: s.createdAt,
});

export const listSuppliers = (ctx: Ctx) =>
  ctx.core.db.select().from(suppliers).orderBy(asc(suppliers.name)).all().map(supplierToApi);

export const requireSupplier = (ctx: Ctx, id: string, field: string) =>
  ctx.core.db.select().from(suppliers).where(eq(suppliers.id, id)).get() ?? notFound(SUPPLIER, id, field);

export const createSupplier = (ctx: Ctx, input: ParsedInput<'suppliers.create'>) => {
  const other = ctx.core.db.select().from(suppliers).where(eq(suppliers.name, input.name)).get();
  if (other)
    fail('duplicate', `供应商「${input.name}」已存在`, `Supplier "${input.name}" already exists`, [
      issue('supplier_name_taken', '供应商名称已存在', 'supplier name already exists', 'name'),
    ]);
  const at = now(ctx);
  const row = {
    id: newId(),
    name: input.name,
    contactName: input.contactName ?? '',
    phone: input.phone ?? '',
    address: input.address ?? '',
    createdAt: at,
    updatedAt: at,
  };
  ctx.core.db.insert(suppliers).values(row).run();
  audit(ctx, 'supplier', row.id, null, supplierToApi(row));
  return supplierToApi(row);
};
