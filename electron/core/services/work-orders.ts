/**
 * 工单: reception to completion. The status machine lives in shared/domain/work-order-status.ts;
 * lines stay editable until settlement (and database triggers refuse edits after it). Totals are
 * integer fen, recomputed from the lines on every change. Settlement and reversal: settlement.ts.
 */
import { and, asc, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { ParsedInput } from '../../../shared/api/contract.js';
import { dayStartMs } from '../../../shared/domain/dates.js';
import { WORK_ORDER_STATUS_LABEL, type WorkOrderStatus } from '../../../shared/domain/enums.js';
import { type Issue, issue, warning } from '../../../shared/domain/issue.js';
import { formatHundredths, labourAmountFen, lineAmountFen } from '../../../shared/domain/money.js';
import { needsCompletionInspection } from '../../../shared/domain/warranty.js';
import { isEditable, transitionIssue } from '../../../shared/domain/work-order-status.js';
import { type Ctx, now, today } from '../context.js';
import { countRows } from '../db/count.js';
import { newId } from '../db/ids.js';
import {
  customers,
  labourLines,
  outbox,
  partLines,
  reversals,
  users,
  vehicles,
  workOrders,
  workOrderTechnicians,
} from '../db/schema.js';
import { prepared, preparedQuery } from '../db/statements.js';
import { fail, failValidation, notFound, requireConfirmed } from '../errors.js';
import { audit } from './audit.js';
import { customerToApi, requireCustomer } from './customers.js';
import { allocateNumber } from './numbering.js';
import { requirePart } from './parts.js';
import { inRankOrder, placeholders } from './search-index.js';
import { readShop } from './shop.js';
import { requireUser, userToApi } from './users.js';
import { noteMileage, requireVehicle } from './vehicles.js';

export type WorkOrderRow = typeof workOrders.$inferSelect;
export type LabourRow = typeof labourLines.$inferSelect;
export type PartLineRow = typeof partLines.$inferSelect;
export const WORK_ORDER = { zh: '工单', en: 'work order' };
const LINE = { zh: '工单明细', en: 'line' };

const ID = sql.placeholder('id');

export const findOrder = (ctx: Ctx, id: string) =>
  preparedQuery(ctx.core.db, 'workOrders.byId', () =>
    ctx.core.db.select().from(workOrders).where(eq(workOrders.id, ID)).prepare(),
  ).get({ id });
export const requireOrder = (ctx: Ctx, id: string, field = 'id'): WorkOrderRow =>
  findOrder(ctx, id) ?? notFound(WORK_ORDER, id, field);

const statusLabel = (s: WorkOrderStatus) => WORK_ORDER_STATUS_LABEL[s];

/** Lines and header fields change only before settlement. */
export const assertEditable = (o: WorkOrderRow): void => {
  if (!isEditable(o.status))
    fail(
      'conflict',
      `工单 ${o.number} 状态为「${statusLabel(o.status).zh}」，不能再修改`,
      `Work order ${o.number} is ${statusLabel(o.status).en} and can no longer be changed`,
      [issue('order_not_editable', '已结算或作废的工单不能修改', 'settled or voided orders are read-only', 'id')],
    );
};

export const assertTransition = (o: WorkOrderRow, to: WorkOrderStatus): void => {
  const problem = transitionIssue(o.status, to);
  if (problem)
    fail('conflict', problem.message.zh, problem.message.en, [{ ...problem, field: problem.field ?? 'status' }]);
};

const assertVersion = (o: WorkOrderRow, version: number | undefined) => {
  if (version !== undefined && version !== o.version)
    fail(
      'stale',
      `工单 ${o.number} 已被他人修改，请刷新后重试`,
      `Work order ${o.number} was changed by someone else; reload and retry`,
      [issue('stale_version', '工单已更新', 'the order has changed', 'version')],
    );
};

/** Σ lines of one order, in fen: four lines at the schema's maximum, half of 2^53 with room to spare. */
const ORDER_LINES_MAX_FEN = 4_000_000_000_000_000;

/** Recomputes the totals from the lines and bumps the version; call after any change to an open order. */
export const touchOrder = (ctx: Ctx, id: string): void => {
  prepared(
    ctx.core.sqlite,
    `UPDATE work_orders SET
         labour_total_fen = (SELECT coalesce(sum(amount_fen), 0) FROM labour_lines WHERE work_order_id = @id),
         parts_total_fen = (SELECT coalesce(sum(amount_fen), 0) FROM part_lines WHERE work_order_id = @id),
         total_fen = (SELECT coalesce(sum(amount_fen), 0) FROM labour_lines WHERE work_order_id = @id)
                   + (SELECT coalesce(sum(amount_fen), 0) FROM part_lines WHERE work_order_id = @id)
                   + other_fee_fen - discount_fen,
         version = version + 1,
         updated_at = @at
       WHERE id = @id`,
  ).run({ id, at: now(ctx) });
  // SQLite sums exactly in 64 bits, but every reader gets JS numbers: past 2^53 totals round silently
  // and the order fails its own contract on every later read. The cap leaves room for the settle-time
  // fee and keeps all arithmetic exact.
  const tooLarge = prepared(
    ctx.core.sqlite,
    'SELECT 1 FROM work_orders WHERE id = ? AND labour_total_fen + parts_total_fen > ?',
  ).get(id, ORDER_LINES_MAX_FEN);
  if (tooLarge)
    failValidation([
      issue(
        'order_total_too_large',
        '工单金额超出上限，请核对数量和单价',
        'The order total exceeds the limit; check the quantities and prices',
      ),
    ]);
};

/** More than this between mileage in and out during one repair is questioned (see completeOrder). */
const MAX_REPAIR_DISTANCE_KM = 1000;

const mileageWarning = (ctx: Ctx, vehicleId: string, km: number | undefined, field: string): Issue[] => {
  if (km === undefined) return [];
  const v = requireVehicle(ctx, vehicleId);
  return v.lastMileageKm !== null && km < v.lastMileageKm
    ? [
        warning(
          'mileage_rollback',
          `送修里程 ${km} 公里低于该车上次记录的 ${v.lastMileageKm} 公里，请核对仪表`,
          `Mileage ${km} km is lower than this vehicle's last recorded ${v.lastMileageKm} km; check the odometer`,
          field,
        ),
      ]
    : [];
};

const repairDateIssues = (ctx: Ctx, date: string | undefined): Issue[] =>
  date !== undefined && date > today(ctx)
    ? [issue('repair_date_future', '送修日期不能晚于今天', 'The repair date cannot be in the future', 'repairDate')]
    : [];

const setTechnicians = (ctx: Ctx, orderId: string, ids: string[]) => {
  const unique = [...new Set(ids)];
  for (const uid of unique) requireUser(ctx, uid, `technicianIds[${ids.indexOf(uid)}]`);
  ctx.core.db.delete(workOrderTechnicians).where(eq(workOrderTechnicians.workOrderId, orderId)).run();
  if (unique.length)
    ctx.core.db
      .insert(workOrderTechnicians)
      .values(unique.map((userId) => ({ workOrderId: orderId, userId })))
      .run();
};

// ---------------------------------------------------------------------------------------------
// Reading

/** The queries of `orderDetail`, prepared once per connection (it answers every edit of an order). */
export const detailQueries = (db: Ctx['core']['db']) =>
  preparedQuery(db, 'workOrders.detail', () => ({
    vehicle: db.select().from(vehicles).where(eq(vehicles.id, ID)).prepare(),
    customer: db.select().from(customers).where(eq(customers.id, ID)).prepare(),
    technicians: db
      .select({ u: users })
      .from(workOrderTechnicians)
      .innerJoin(users, eq(users.id, workOrderTechnicians.userId))
      .where(eq(workOrderTechnicians.workOrderId, ID))
      .prepare(),
    labour: db
      .select()
      .from(labourLines)
      .where(eq(labourLines.workOrderId, ID))
      .orderBy(asc(labourLines.seq))
      .prepare(),
    parts: db.select().from(partLines).where(eq(partLines.workOrderId, ID)).orderBy(asc(partLines.seq)).prepare(),
    archive: db.select().from(outbox).where(eq(outbox.workOrderId, ID)).orderBy(asc(outbox.seq)).prepare(),
    reversal: db.select().from(reversals).where(eq(reversals.workOrderId, ID)).prepare(),
  }));

export function orderDetail(ctx: Ctx, id: string) {
  const q = detailQueries(ctx.core.db);
  const order = requireOrder(ctx, id);
  const vehicle = q.vehicle.get({ id: order.vehicleId })!;
  const customer = q.customer.get({ id: order.customerId })!;
  const technicians = q.technicians.all({ id }).map(({ u }) => userToApi(u));
  const labour = q.labour.all({ id });
  const parts = q.parts.all({ id });
  const archive = q.archive.all({ id });
  const reversal = q.reversal.get({ id }) ?? null;
  const { createdBy: _cb, settledBy: _sb, ...orderOut } = order;
  return {
    order: orderOut,
    vehicle,
    customer: customerToApi(customer),
    technicians,
    labour: labour.map(({ workOrderId: _w, createdAt: _c, ...l }) => l),
    parts: parts.map(({ workOrderId: _w, createdAt: _c, ...p }) => p),
    archive: archive.map((r) => ({
      outboxId: r.id,
      kind: r.kind,
      state: r.state,
      issues: r.issues as Issue[],
      attempts: r.attempts,
      lastError: r.lastError,
      acceptedAt: r.acceptedAt,
      record: r.record,
    })),
    reversal,
  };
}

/** Orders in these statuses (all when none given), from `state_counts`. */
const countByStatus = (ctx: Ctx, statuses: readonly WorkOrderStatus[] | undefined): number => {
  const rows = prepared(ctx.core.sqlite, `SELECT state, n FROM state_counts WHERE entity = 'work_orders'`).all() as {
    state: WorkOrderStatus;
    n: number;
  }[];
  return rows.reduce((sum, r) => (!statuses?.length || statuses.includes(r.state) ? sum + r.n : sum), 0);
};

export function listOrders(ctx: Ctx, q: ParsedInput<'workOrders.list'>) {
  const conds: SQL[] = [];
  const statuses = q.statuses ?? (q.status ? [q.status] : undefined);
  if (statuses?.length) conds.push(inArray(workOrders.status, statuses));
  if (q.vehicleId) conds.push(eq(workOrders.vehicleId, q.vehicleId));
  if (q.customerId) conds.push(eq(workOrders.customerId, q.customerId));
  if (q.technicianId)
    conds.push(
      sql`${workOrders.id} IN (SELECT work_order_id FROM work_order_technicians WHERE user_id = ${q.technicianId})`,
    );
  // Dates are shop-local days; created_at is epoch ms, so filter on the day boundaries' instants.
  if (q.from) conds.push(gte(workOrders.createdAt, dayStartMs(q.from, ctx.core.timezone)));
  if (q.to) conds.push(lte(workOrders.createdAt, dayStartMs(q.to, ctx.core.timezone) + 86_400_000 - 1));
  const where = conds.length ? and(...conds) : undefined;
  const order =
    q.sort === 'created_asc'
      ? [asc(workOrders.createdAt)]
      : q.sort === 'promised_asc'
        ? [sql`${workOrders.promisedAt} IS NULL`, asc(workOrders.promisedAt), asc(workOrders.createdAt)]
        : [desc(workOrders.createdAt)];
  // A plain status tab is counted from the trigger-kept tally (migration 0003): counting 300,000
  // settled orders for the pager would cost more than the whole page. Any other filter counts rows.
  const onlyStatus = !q.vehicleId && !q.customerId && !q.technicianId && !q.from && !q.to;
  const total = onlyStatus ? countByStatus(ctx, statuses) : countRows(ctx.core.db, workOrders, where);
  // The page's ids first, then their rows: skipping to page 200 of 已结算 then walks 10,000 entries of
  // the (status, created_at) index alone, instead of joining vehicle and customer for every row skipped.
  const pageIds = ctx.core.db
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(where)
    .orderBy(...order)
    .limit(q.limit)
    .offset(q.offset)
    .all()
    .map((r) => r.id);
  // The rows by id in one prepared statement (compiled once per page length), not re-planned per call.
  const rows = pageIds.length
    ? (prepared(
        ctx.core.sqlite,
        `SELECT w.id, w.number, w.status, w.repair_date AS repairDate, w.repair_category AS repairCategory,
                v.plate, v.vin, c.name AS customerName, w.fault_description AS faultDescription,
                w.total_fen AS totalFen, w.settlement_no AS settlementNo, w.promised_at AS promisedAt,
                w.created_at AS createdAt
           FROM work_orders w JOIN vehicles v ON v.id = w.vehicle_id JOIN customers c ON c.id = w.customer_id
          WHERE w.id IN (${placeholders(pageIds)})`,
      ).all(...pageIds) as {
        id: string;
        number: string;
        status: WorkOrderStatus;
        repairDate: string;
        repairCategory: WorkOrderRow['repairCategory'];
        plate: string | null;
        vin: string | null;
        customerName: string;
        faultDescription: string;
        totalFen: number;
        settlementNo: string | null;
        promisedAt: number | null;
        createdAt: number;
      }[])
    : [];
  const items = inRankOrder(pageIds, rows);
  return { total, items };
}

// ---------------------------------------------------------------------------------------------
// Writing

export function createOrder(ctx: Ctx, input: ParsedInput<'workOrders.create'>) {
  const vehicle = requireVehicle(ctx, input.vehicleId, 'vehicleId');
  const issues: Issue[] = [
    ...repairDateIssues(ctx, input.repairDate),
    ...mileageWarning(ctx, vehicle.id, input.mileageInKm, 'mileageInKm'),
  ];
  const customerId = input.customerId ?? vehicle.ownerId;
  if (!customerId)
    issues.push(
      issue(
        'customer_required',
        '该车辆没有登记车主，请选择托修方',
        'This vehicle has no owner on file; choose the customer',
        'customerId',
      ),
    );
  requireConfirmed(issues, input.confirm);
  requireCustomer(ctx, customerId!, 'customerId');

  const at = now(ctx);
  const shop = readShop(ctx.core.db);
  const row: WorkOrderRow = {
    id: newId(),
    number: allocateNumber(ctx, shop.workOrderPrefix, today(ctx)),
    vehicleId: vehicle.id,
    customerId: customerId!,
    senderName: input.senderName ?? '',
    senderPhone: (input.senderPhone ?? '').replace(/[\s-]/g, ''),
    repairDate: input.repairDate ?? today(ctx),
    mileageInKm: input.mileageInKm ?? null,
    mileageOutKm: null,
    faultDescription: input.faultDescription ?? '',
    repairCategory: input.repairCategory,
    status: 'received',
    promisedAt: input.promisedAt ?? null,
    inspector: '',
    certificateNo: '',
    completedAt: null,
    notes: input.notes ?? '',
    settlementNo: null,
    settledAt: null,
    settleDate: null,
    labourTotalFen: 0,
    partsTotalFen: 0,
    otherFeeFen: 0,
    discountFen: 0,
    totalFen: 0,
    paymentMethod: null,
    oldPartsDisposition: null,
    warrantyKm: null,
    warrantyDays: null,
    settledBy: null,
    voidReason: null,
    voidedAt: null,
    version: 1,
    createdBy: ctx.actor.id,
    createdAt: at,
    updatedAt: at,
  };
  ctx.core.db.insert(workOrders).values(row).run();
  if (input.technicianIds) setTechnicians(ctx, row.id, input.technicianIds);
  noteMileage(ctx, vehicle.id, input.mileageInKm);
  audit(ctx, 'work_order', row.id, null, row);
  return orderDetail(ctx, row.id);
}

export function updateOrder(ctx: Ctx, input: ParsedInput<'workOrders.update'>) {
  const before = requireOrder(ctx, input.id);
  assertEditable(before);
  assertVersion(before, input.version);
  const issues: Issue[] = [
    ...repairDateIssues(ctx, input.repairDate),
    ...(input.mileageInKm !== undefined && input.mileageInKm !== before.mileageInKm
      ? mileageWarning(ctx, before.vehicleId, input.mileageInKm, 'mileageInKm')
      : []),
  ];
  requireConfirmed(issues, input.confirm);
  if (input.customerId) requireCustomer(ctx, input.customerId, 'customerId');
  const { id, version: _v, confirm: _c, technicianIds, senderPhone, ...patch } = input;
  ctx.core.db
    .update(workOrders)
    .set({
      ...patch,
      ...(senderPhone !== undefined ? { senderPhone: senderPhone.replace(/[\s-]/g, '') } : {}),
      updatedAt: now(ctx),
      version: sql`${workOrders.version} + 1`,
    })
    .where(eq(workOrders.id, id))
    .run();
  if (technicianIds) setTechnicians(ctx, id, technicianIds);
  noteMileage(ctx, before.vehicleId, input.mileageInKm);
  audit(ctx, 'work_order', id, before, requireOrder(ctx, id));
  return orderDetail(ctx, id);
}

const nextSeq = (ctx: Ctx, table: 'labour_lines' | 'part_lines', orderId: string): number =>
  (
    prepared(ctx.core.sqlite, `SELECT coalesce(max(seq), 0) + 1 AS n FROM ${table} WHERE work_order_id = ?`).get(
      orderId,
    ) as { n: number }
  ).n;

export function addLabour(ctx: Ctx, input: ParsedInput<'workOrders.addLabour'>) {
  const o = requireOrder(ctx, input.workOrderId, 'workOrderId');
  assertEditable(o);
  if (input.technicianId) requireUser(ctx, input.technicianId, 'technicianId');
  const rateFen = input.rateFen ?? readShop(ctx.core.db).labourRateFen;
  const row: LabourRow = {
    id: newId(),
    workOrderId: o.id,
    seq: nextSeq(ctx, 'labour_lines', o.id),
    item: input.item,
    hoursTenths: input.hoursTenths,
    rateFen,
    amountFen: labourAmountFen(input.hoursTenths, rateFen),
    technicianId: input.technicianId ?? null,
    note: input.note ?? '',
    createdAt: now(ctx),
  };
  ctx.core.db.insert(labourLines).values(row).run();
  touchOrder(ctx, o.id);
  audit(ctx, 'labour_line', row.id, null, row);
  return orderDetail(ctx, o.id);
}

export function addPart(ctx: Ctx, input: ParsedInput<'workOrders.addPart'>) {
  const o = requireOrder(ctx, input.workOrderId, 'workOrderId');
  assertEditable(o);
  const part = input.partId ? requirePart(ctx, input.partId, 'partId') : undefined;
  const name = input.name || part?.name || '';
  const issues: Issue[] = [];
  if (!name)
    issues.push(
      issue('part_name_required', '请选择库存配件或填写配件名称', 'Choose a stock part or enter the part name', 'name'),
    );
  const customerSupplied = input.customerSupplied ?? false;
  if (customerSupplied && input.unitPriceFen)
    issues.push(
      issue(
        'customer_supplied_priced',
        '托修方自备配件不收材料费',
        'Customer-supplied parts are not charged',
        'unitPriceFen',
      ),
    );
  if (part && !customerSupplied) {
    const committed = (
      prepared(
        ctx.core.sqlite,
        `SELECT coalesce(sum(pl.quantity), 0) AS q FROM part_lines pl JOIN work_orders w ON w.id = pl.work_order_id
           WHERE pl.part_id = ? AND pl.customer_supplied = 0 AND w.status IN ('received', 'in_progress', 'completed')`,
      ).get(part.id) as { q: number }
    ).q;
    if (committed + input.quantity > part.onHand)
      issues.push(
        warning(
          'stock_short',
          `「${part.name}」库存 ${formatHundredths(part.onHand)}，未结算工单已占用 ${formatHundredths(committed)}，不足本次 ${formatHundredths(input.quantity)}`,
          `"${part.name}": ${formatHundredths(part.onHand)} on hand, ${formatHundredths(committed)} already on open orders; not enough for ${formatHundredths(input.quantity)}`,
          'quantity',
        ),
      );
  }
  requireConfirmed(issues, input.confirm);
  const unitPriceFen = customerSupplied ? 0 : (input.unitPriceFen ?? part?.salePriceFen ?? 0);
  const row: PartLineRow = {
    id: newId(),
    workOrderId: o.id,
    seq: nextSeq(ctx, 'part_lines', o.id),
    partId: part?.id ?? null,
    name,
    code: input.code ?? part?.code ?? '',
    brand: input.brand ?? part?.brand ?? '',
    unit: input.unit || part?.unit || '个',
    quantity: input.quantity,
    unitPriceFen,
    amountFen: lineAmountFen(input.quantity, unitPriceFen),
    partType: input.partType ?? part?.partType ?? 'oem',
    customerSupplied,
    createdAt: now(ctx),
  };
  ctx.core.db.insert(partLines).values(row).run();
  touchOrder(ctx, o.id);
  audit(ctx, 'part_line', row.id, null, row);
  return orderDetail(ctx, o.id);
}

/** A line of the order, labour or part; not found (404) when it belongs to neither. */
const findLine = (ctx: Ctx, orderId: string, lineId: string): { labour?: LabourRow; part?: PartLineRow } => {
  const db = ctx.core.db;
  const labour = db
    .select()
    .from(labourLines)
    .where(and(eq(labourLines.id, lineId), eq(labourLines.workOrderId, orderId)))
    .get();
  if (labour) return { labour };
  const part = db
    .select()
    .from(partLines)
    .where(and(eq(partLines.id, lineId), eq(partLines.workOrderId, orderId)))
    .get();
  return part ? { part } : notFound(LINE, lineId, 'lineId');
};

const LABOUR_FIELDS = ['item', 'hoursTenths', 'rateFen', 'technicianId', 'note'] as const;
const PART_FIELDS = ['name', 'code', 'brand', 'quantity', 'unitPriceFen', 'partType'] as const;

export function updateLine(ctx: Ctx, input: ParsedInput<'workOrders.updateLine'>) {
  const o = requireOrder(ctx, input.workOrderId, 'workOrderId');
  assertEditable(o);
  const db = ctx.core.db;
  const { labour, part } = findLine(ctx, o.id, input.lineId);
  const wrong = (labour ? PART_FIELDS : LABOUR_FIELDS).filter(
    (f) => (input as Record<string, unknown>)[f] !== undefined,
  );
  if (wrong.length)
    failValidation(
      wrong.map((f) =>
        issue(
          'field_not_on_line',
          labour ? '维修项目行没有该字段' : '配件行没有该字段',
          labour ? 'labour lines have no such field' : 'part lines have no such field',
          f,
        ),
      ),
    );
  if (labour) {
    if (input.technicianId) requireUser(ctx, input.technicianId, 'technicianId');
    const next = {
      item: input.item ?? labour.item,
      hoursTenths: input.hoursTenths ?? labour.hoursTenths,
      rateFen: input.rateFen ?? labour.rateFen,
      technicianId: input.technicianId !== undefined ? input.technicianId : labour.technicianId,
      note: input.note ?? labour.note,
    };
    db.update(labourLines)
      .set({ ...next, amountFen: labourAmountFen(next.hoursTenths, next.rateFen) })
      .where(eq(labourLines.id, labour.id))
      .run();
    audit(ctx, 'labour_line', labour.id, labour, { ...labour, ...next });
  } else if (part) {
    if (part.customerSupplied && input.unitPriceFen)
      failValidation([
        issue(
          'customer_supplied_priced',
          '托修方自备配件不收材料费',
          'Customer-supplied parts are not charged',
          'unitPriceFen',
        ),
      ]);
    const next = {
      name: input.name ?? part.name,
      code: input.code ?? part.code,
      brand: input.brand ?? part.brand,
      quantity: input.quantity ?? part.quantity,
      unitPriceFen: input.unitPriceFen ?? part.unitPriceFen,
      partType: input.partType ?? part.partType,
    };
    db.update(partLines)
      .set({ ...next, amountFen: lineAmountFen(next.quantity, next.unitPriceFen) })
      .where(eq(partLines.id, part.id))
      .run();
    audit(ctx, 'part_line', part.id, part, { ...part, ...next });
  }
  touchOrder(ctx, o.id);
  return orderDetail(ctx, o.id);
}

export function removeLine(ctx: Ctx, input: ParsedInput<'workOrders.removeLine'>) {
  const o = requireOrder(ctx, input.workOrderId, 'workOrderId');
  assertEditable(o);
  const { labour, part } = findLine(ctx, o.id, input.lineId);
  if (labour) {
    ctx.core.db.delete(labourLines).where(eq(labourLines.id, labour.id)).run();
    audit(ctx, 'labour_line', labour.id, labour, null);
  } else if (part) {
    ctx.core.db.delete(partLines).where(eq(partLines.id, part.id)).run();
    audit(ctx, 'part_line', part.id, part, null);
  }
  touchOrder(ctx, o.id);
  return orderDetail(ctx, o.id);
}

/** Workshop notes accumulate, one line per step. */
const appendNote = (notes: string, note: string | undefined): string =>
  note?.trim() ? [notes, note.trim()].filter(Boolean).join('\n') : notes;

const setStatusRow = (ctx: Ctx, o: WorkOrderRow, status: WorkOrderStatus, extra: Partial<WorkOrderRow> = {}) => {
  ctx.core.db
    .update(workOrders)
    .set({ ...extra, status, updatedAt: now(ctx), version: sql`${workOrders.version} + 1` })
    .where(eq(workOrders.id, o.id))
    .run();
  audit(ctx, 'work_order', o.id, o, requireOrder(ctx, o.id));
};

export function setStatus(ctx: Ctx, input: ParsedInput<'workOrders.setStatus'>) {
  const o = requireOrder(ctx, input.id);
  assertTransition(o, input.status);
  setStatusRow(ctx, o, input.status, { notes: appendNote(o.notes, input.note) });
  return orderDetail(ctx, o.id);
}

export function completeOrder(ctx: Ctx, input: ParsedInput<'workOrders.complete'>) {
  const o = requireOrder(ctx, input.id);
  assertTransition(o, 'completed');
  const issues: Issue[] = [];
  if (o.mileageInKm !== null && input.mileageOutKm < o.mileageInKm)
    issues.push(
      issue(
        'mileage_out_below_in',
        `出厂里程不能低于送修里程（${o.mileageInKm} 公里）`,
        `Mileage out cannot be below mileage in (${o.mileageInKm} km)`,
        'mileageOutKm',
      ),
    );
  // A road test never covers this much: the usual cause is a mistyped figure (an extra digit, or
  // digits typed after the prefilled mileage in). Confirmable, since a tow-in may have no reading.
  if (o.mileageInKm !== null && input.mileageOutKm - o.mileageInKm > MAX_REPAIR_DISTANCE_KM)
    issues.push(
      warning(
        'mileage_out_far_above_in',
        `出厂里程比送修里程多 ${input.mileageOutKm - o.mileageInKm} 公里，请核对仪表`,
        `Mileage out is ${input.mileageOutKm - o.mileageInKm} km above mileage in; check the odometer`,
        'mileageOutKm',
      ),
    );
  if (needsCompletionInspection(o.repairCategory)) {
    if (!input.inspector?.trim())
      issues.push(
        issue(
          'inspector_required',
          '二级维护、总成修理和整车修理须填写检验员',
          'Level-2 maintenance and overhauls need the inspector',
          'inspector',
        ),
      );
    if (!input.certificateNo?.trim())
      issues.push(
        issue(
          'certificate_required',
          '二级维护、总成修理和整车修理须填写竣工出厂合格证编号',
          'Level-2 maintenance and overhauls need the completion certificate number',
          'certificateNo',
        ),
      );
  }
  requireConfirmed(issues, input.confirm);
  setStatusRow(ctx, o, 'completed', {
    notes: appendNote(o.notes, input.note),
    mileageOutKm: input.mileageOutKm,
    inspector: input.inspector?.trim() ?? '',
    certificateNo: input.certificateNo?.trim() ?? '',
    completedAt: now(ctx),
  });
  noteMileage(ctx, o.vehicleId, input.mileageOutKm);
  return orderDetail(ctx, o.id);
}

export function voidOrder(ctx: Ctx, input: ParsedInput<'workOrders.void'>) {
  const o = requireOrder(ctx, input.id);
  assertTransition(o, 'voided');
  setStatusRow(ctx, o, 'voided', { voidReason: input.reason, voidedAt: now(ctx) });
  return orderDetail(ctx, o.id);
}

/** Part lines whose stock the settle will issue (customer-supplied parts never touch stock). */
export const stockLines = (lines: PartLineRow[]) => lines.filter((l) => l.partId && !l.customerSupplied);
