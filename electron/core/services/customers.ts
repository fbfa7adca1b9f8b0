/** 客户: people and companies who bring vehicles (托修方 / 机动车所有人). */
import { eq } from 'drizzle-orm';
import type { ParsedInput } from '../../../shared/api/contract.js';
import { checkCreditCode } from '../../../shared/domain/credit-code.js';
import type { Issue } from '../../../shared/domain/issue.js';
import { type Ctx, now } from '../context.js';
import { newId } from '../db/ids.js';
import { customers, vehicleOwners, vehicles } from '../db/schema.js';
import { prepared } from '../db/statements.js';
import { fail, failValidation, notFound } from '../errors.js';
import { audit } from './audit.js';
import { pinyinKeys } from './pinyin.js';
import { searchIds } from './search-index.js';

export type CustomerRow = typeof customers.$inferSelect;
export const CUSTOMER = { zh: '客户', en: 'customer' };

export const customerToApi = (c: CustomerRow) => ({
  id: c.id,
  kind: c.kind,
  name: c.name,
  phone: c.phone,
  initials: c.initials,
  creditCode: c.creditCode,
  address: c.address,
  note: c.note,
  mergedInto: c.mergedInto,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

export const findCustomer = (ctx: Ctx, id: string) =>
  ctx.core.db.select().from(customers).where(eq(customers.id, id)).get();

export const requireCustomer = (ctx: Ctx, id: string, field = 'id'): CustomerRow => {
  const c = findCustomer(ctx, id) ?? notFound(CUSTOMER, id, field);
  if (c.mergedInto)
    fail('conflict', `客户「${c.name}」已合并到其他客户`, `Customer "${c.name}" was merged into another`, [
      {
        code: 'customer_merged',
        field,
        message: { zh: '该客户已被合并，请使用合并后的客户', en: 'merged; use the surviving customer' },
        severity: 'error',
      },
    ]);
  return c;
};

const normalisePhone = (p: string | undefined) => (p ?? '').replace(/[\s-]/g, '');

const checkFields = (input: { creditCode?: string | undefined }, prefix = ''): { creditCode?: string } => {
  const issues: Issue[] = [];
  const out: { creditCode?: string } = {};
  if (input.creditCode) {
    const r = checkCreditCode(input.creditCode, `${prefix}creditCode`);
    issues.push(...r.issues);
    out.creditCode = r.code;
  }
  if (issues.length) failValidation(issues);
  return out;
};

export const createCustomer = (ctx: Ctx, input: ParsedInput<'customers.create'>, fieldPrefix = ''): CustomerRow => {
  const checked = checkFields(input, fieldPrefix);
  const at = now(ctx);
  const row: CustomerRow = {
    id: newId(),
    kind: input.kind,
    name: input.name,
    phone: normalisePhone(input.phone),
    ...pinyinKeys(input.name, input.kind === 'person'),
    creditCode: checked.creditCode ?? '',
    address: input.address ?? '',
    note: input.note ?? '',
    mergedInto: null,
    createdAt: at,
    updatedAt: at,
  };
  ctx.core.db.insert(customers).values(row).run();
  audit(ctx, 'customer', row.id, null, customerToApi(row));
  return row;
};

export const updateCustomer = (ctx: Ctx, input: ParsedInput<'customers.update'>) => {
  const before = requireCustomer(ctx, input.id);
  const checked = checkFields(input);
  const { id, ...patch } = input;
  const name = patch.name ?? before.name;
  const kind = patch.kind ?? before.kind;
  const set = {
    ...patch,
    ...checked,
    ...(patch.phone !== undefined ? { phone: normalisePhone(patch.phone) } : {}),
    ...pinyinKeys(name, kind === 'person'),
    updatedAt: now(ctx),
  };
  ctx.core.db.update(customers).set(set).where(eq(customers.id, id)).run();
  const after = findCustomer(ctx, id)!;
  audit(ctx, 'customer', id, customerToApi(before), customerToApi(after));
  return customerToApi(after);
};

export const getCustomer = (ctx: Ctx, id: string) => {
  const c = findCustomer(ctx, id) ?? notFound(CUSTOMER, id);
  const vs = ctx.core.db.select().from(vehicles).where(eq(vehicles.ownerId, id)).all();
  return { customer: customerToApi(c), vehicles: vs };
};

export const searchCustomers = (ctx: Ctx, q: ParsedInput<'customers.search'>) => {
  const ids = searchIds(ctx, 'customers', q.q, q.limit + q.offset + 1);
  const rows = ids.map((id) => findCustomer(ctx, id)).filter((c): c is CustomerRow => !!c && !c.mergedInto);
  return { total: rows.length, items: rows.slice(q.offset, q.offset + q.limit).map(customerToApi) };
};

/**
 * 合并重复客户: the source's vehicles, ownership history and orders move to the target; the source
 * row stays (marked merged) so audit and old documents still resolve. Settled orders keep their
 * customer: a settled document is never rewritten.
 */
export const mergeCustomers = (ctx: Ctx, input: ParsedInput<'customers.merge'>) => {
  if (input.sourceId === input.targetId)
    fail('validation_failed', '不能把客户合并到自己', 'A customer cannot be merged into itself', [
      {
        code: 'merge_same',
        field: 'targetId',
        message: { zh: '请选择另一位客户', en: 'choose a different customer' },
        severity: 'error',
      },
    ]);
  const source = requireCustomer(ctx, input.sourceId, 'sourceId');
  const target = requireCustomer(ctx, input.targetId, 'targetId');
  const at = now(ctx);
  const db = ctx.core.db;
  db.update(vehicles).set({ ownerId: target.id, updatedAt: at }).where(eq(vehicles.ownerId, source.id)).run();
  db.update(vehicleOwners).set({ customerId: target.id }).where(eq(vehicleOwners.customerId, source.id)).run();
  prepared(
    ctx.core.sqlite,
    `UPDATE work_orders SET customer_id = ?, updated_at = ?, version = version + 1
       WHERE customer_id = ? AND status IN ('received', 'in_progress', 'completed')`,
  ).run(target.id, at, source.id);
  db.update(customers).set({ mergedInto: target.id, updatedAt: at }).where(eq(customers.id, source.id)).run();
  audit(ctx, 'customer', source.id, customerToApi(source), { mergedInto: target.id });
  return customerToApi(findCustomer(ctx, target.id)!);
};
