/**
 * 结算 and 冲红 — the legal moments of an order.
 *
 * Settle is ONE transaction (the dispatcher opens it; a throw anywhere rolls back all of it):
 * completeness check → settlement number → stock issues → warranty → the archive record snapshot
 * (validated) → the outbox row. Either everything is written or nothing (architecture.md, sync rule 1).
 *
 * Reverse writes a reversal document pointing at the original, returns the stock at the value it
 * left with, marks the original 冲红 (its content is frozen by triggers) and tells the outbox that
 * the archive needs a correction.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { ParsedInput } from '../../../shared/api/contract.js';
import {
  type ArchiveRecord,
  buildArchiveRecord,
  validateArchiveRecord,
} from '../../../shared/domain/archive-record.js';
import { compactDate } from '../../../shared/domain/dates.js';
import { type Issue, issue } from '../../../shared/domain/issue.js';
import { formatFen } from '../../../shared/domain/money.js';
import { warrantyFor } from '../../../shared/domain/warranty.js';
import { type Ctx, now, today } from '../context.js';
import { newId } from '../db/ids.js';
import {
  type labourLines,
  outbox,
  type partLines,
  reversals,
  stockMovements,
  type vehicles,
  workOrders,
} from '../db/schema.js';
import { prepared } from '../db/statements.js';
import { fail, failValidation } from '../errors.js';
import { audit } from './audit.js';
import { allocateNumber } from './numbering.js';
import { readShop } from './shop.js';
import { postMovement } from './stock.js';
import {
  assertTransition,
  detailQueries,
  orderDetail,
  requireOrder,
  stockLines,
  type WorkOrderRow,
} from './work-orders.js';

const REVERSAL_PREFIX = 'HC';

/**
 * Everything a truthful archive record needs from the order, reported all at once so the clerk can
 * fix them in one pass. Never filled in with guesses (archive-interface.md §2: no invented data).
 */
export function settleCompleteness(
  o: WorkOrderRow,
  v: typeof vehicles.$inferSelect,
  labour: (typeof labourLines.$inferSelect)[],
  parts: (typeof partLines.$inferSelect)[],
): Issue[] {
  const missing: Issue[] = [];
  if (!v.vin)
    missing.push(
      issue(
        'vin_missing',
        '车辆缺少VIN（车辆识别代号），请在车辆档案中补填',
        'The vehicle has no VIN; add it to the vehicle',
        'vehicle.vin',
      ),
    );
  if (!v.plate && !v.unplated)
    missing.push(
      issue(
        'plate_missing',
        '车辆缺少车牌号；无牌车请在车辆档案中勾选"暂无牌照"',
        'The vehicle has no plate; for a vehicle with no plate yet tick "no plate"',
        'vehicle.plate',
      ),
    );
  if (o.mileageInKm === null)
    missing.push(issue('mileage_missing', '请填写送修里程', 'Enter the mileage at reception', 'mileageInKm'));
  if (!o.faultDescription.trim())
    missing.push(
      issue(
        'fault_missing',
        '请填写故障描述（保养请写明所做项目，如"定期保养"）',
        'Enter the fault description (for maintenance, what was done)',
        'faultDescription',
      ),
    );
  if (labour.length === 0)
    missing.push(issue('labour_missing', '至少需要一个维修项目', 'Add at least one labour item', 'labour'));
  parts.forEach((p, i) => {
    if (!p.code.trim())
      missing.push(
        issue(
          'part_code_missing',
          `配件「${p.name}」缺少配件编码`,
          `Part "${p.name}" has no part code`,
          `parts[${i}].code`,
        ),
      );
  });
  return missing;
}

/** An order's vehicle and lines, in their printed order. */
function orderContents(ctx: Ctx, o: WorkOrderRow) {
  const q = detailQueries(ctx.core.db);
  return {
    v: q.vehicle.get({ id: o.vehicleId })!,
    labour: q.labour.all({ id: o.id }),
    parts: q.parts.all({ id: o.id }),
  };
}

/** The canonical archive record of a settled order (archive-interface.md §2), from its own data. */
export function archiveRecordOf(
  o: WorkOrderRow,
  v: typeof vehicles.$inferSelect,
  labour: (typeof labourLines.$inferSelect)[],
  parts: (typeof partLines.$inferSelect)[],
  at: { companyName: string; settlementNo: string; settleDate: string },
): ArchiveRecord {
  return buildArchiveRecord({
    companyName: at.companyName,
    vin: v.vin ?? '',
    plate: v.unplated ? null : v.plate,
    plateColor: v.plateColor,
    repairDate: o.repairDate,
    settleDate: at.settleDate,
    mileageKm: o.mileageInKm ?? Number.NaN,
    faultDescription: o.faultDescription,
    settlementNo: at.settlementNo,
    labour: labour.map((l) => ({ item: l.item, hoursTenths: l.hoursTenths })),
    parts: parts.map((p) => ({ name: p.name, code: p.code, quantityHundredths: p.quantity })),
  });
}

/**
 * Rebuild a settled order's record from today's vehicle and shop data (the order itself is frozen):
 * how a held or rejected record picks up the clerk's fix before it is requeued.
 */
export function rebuildArchiveRecord(ctx: Ctx, workOrderId: string): ArchiveRecord {
  const db = ctx.core.db;
  const o = requireOrder(ctx, workOrderId);
  const { v, labour, parts } = orderContents(ctx, o);
  return archiveRecordOf(o, v, labour, parts, {
    companyName: readShop(db).name,
    settlementNo: o.settlementNo ?? '',
    settleDate: o.settleDate ?? '',
  });
}

const nextOutboxSeq = (ctx: Ctx): number =>
  (prepared(ctx.core.sqlite, 'SELECT coalesce(max(seq), 0) + 1 AS n FROM outbox').get() as { n: number }).n;

export function settleOrder(ctx: Ctx, input: ParsedInput<'workOrders.settle'>) {
  const db = ctx.core.db;
  const o = requireOrder(ctx, input.id);
  assertTransition(o, 'settled');
  const { v, labour, parts } = orderContents(ctx, o);

  const missing = settleCompleteness(o, v, labour, parts);
  if (missing.length)
    failValidation(missing, '工单信息不完整，不能结算', 'The order is incomplete and cannot be settled');

  const otherFeeFen = input.otherFeeFen ?? 0;
  const discountFen = input.discountFen ?? 0;
  const subtotal = o.labourTotalFen + o.partsTotalFen + otherFeeFen;
  if (discountFen > subtotal)
    failValidation([
      issue(
        'discount_too_large',
        `优惠不能超过应收金额 ${formatFen(subtotal)} 元`,
        `The discount cannot exceed the amount due (${formatFen(subtotal)} yuan)`,
        'discountFen',
      ),
    ]);
  const totalFen = subtotal - discountFen;
  if (input.expectedTotalFen !== undefined && input.expectedTotalFen !== totalFen)
    fail(
      'stale',
      `应收金额已变为 ${formatFen(totalFen)} 元，请核对后重新结算`,
      `The amount due is now ${formatFen(totalFen)} yuan; check and settle again`,
      [issue('total_changed', '金额已变化', 'the total has changed', 'expectedTotalFen')],
    );

  const shop = readShop(db);
  const at = now(ctx);
  const settleDate = today(ctx);
  const settlementNo = allocateNumber(ctx, shop.settlementPrefix, settleDate);

  stockLines(parts).forEach((p) => {
    postMovement(ctx, {
      partId: p.partId!,
      kind: 'issue',
      quantity: -p.quantity,
      workOrderId: o.id,
      docDate: settleDate,
      docNo: settlementNo,
      field: `parts[${parts.indexOf(p)}].quantity`,
    });
  });

  const warranty = warrantyFor(o.repairCategory);
  // Plain prepared SQL on the settle path: drizzle rebuilds and re-prepares an UPDATE on every call,
  // which was a third of the settle transaction's CPU (docs/performance.md).
  prepared(
    ctx.core.sqlite,
    `UPDATE work_orders SET status = 'settled', settlement_no = @settlementNo, settled_at = @at,
            settle_date = @settleDate, other_fee_fen = @otherFeeFen, discount_fen = @discountFen,
            total_fen = @totalFen, payment_method = @paymentMethod,
            old_parts_disposition = @oldPartsDisposition, warranty_km = @warrantyKm,
            warranty_days = @warrantyDays, settled_by = @settledBy, updated_at = @at, version = version + 1
      WHERE id = @id`,
  ).run({
    settlementNo,
    at,
    settleDate,
    otherFeeFen,
    discountFen,
    totalFen,
    paymentMethod: input.paymentMethod,
    oldPartsDisposition: input.oldPartsDisposition,
    warrantyKm: warranty.km,
    warrantyDays: warranty.days,
    settledBy: ctx.actor.id,
    id: o.id,
  });

  const record = archiveRecordOf(o, v, labour, parts, { companyName: shop.name, settlementNo, settleDate });
  // Hard-rule failures (e.g. the shop's registered name not yet entered) hold the record for the
  // front desk instead of sending something the platform would reject or, worse, accept wrongly.
  const issues = validateArchiveRecord(record, { today: compactDate(settleDate) });
  const held = issues.some((i) => i.severity === 'error');
  const outboxRow = {
    id: newId(),
    seq: nextOutboxSeq(ctx),
    kind: 'upload' as const,
    workOrderId: o.id,
    settlementNo,
    state: held ? ('held' as const) : ('pending' as const),
    record,
    issues,
    attempts: 0,
    nextAttemptAt: held ? null : at,
    lastError: null,
    acceptedAt: null,
    createdAt: at,
    updatedAt: at,
  };
  prepared(
    ctx.core.sqlite,
    `INSERT INTO outbox (id, seq, kind, work_order_id, settlement_no, state, record, issues, attempts,
                         next_attempt_at, last_error, accepted_at, created_at, updated_at)
     VALUES (@id, @seq, @kind, @workOrderId, @settlementNo, @state, @record, @issues, @attempts,
             @nextAttemptAt, @lastError, @acceptedAt, @createdAt, @updatedAt)`,
  ).run({ ...outboxRow, record: JSON.stringify(record), issues: JSON.stringify(issues) });

  audit(ctx, 'work_order', o.id, o, requireOrder(ctx, o.id));
  audit(ctx, 'outbox', outboxRow.id, null, { state: outboxRow.state, settlementNo, issues });
  return orderDetail(ctx, o.id);
}

export function reverseOrder(ctx: Ctx, input: ParsedInput<'workOrders.reverse'>) {
  const db = ctx.core.db;
  const o = requireOrder(ctx, input.id);
  assertTransition(o, 'reversed');
  const at = now(ctx);
  const reversal = {
    id: newId(),
    number: allocateNumber(ctx, REVERSAL_PREFIX, today(ctx)),
    workOrderId: o.id,
    reason: input.reason,
    totalFen: -o.totalFen,
    createdBy: ctx.actor.id,
    createdAt: at,
  };
  db.insert(reversals).values(reversal).run();

  // Every issue of this order goes back at exactly the value it went out with.
  const issued = db
    .select()
    .from(stockMovements)
    .where(and(eq(stockMovements.workOrderId, o.id), eq(stockMovements.kind, 'issue')))
    .orderBy(asc(stockMovements.createdAt))
    .all();
  for (const m of issued)
    postMovement(ctx, {
      partId: m.partId,
      kind: 'return',
      quantity: -m.quantity,
      valueFen: -m.valueFen,
      workOrderId: o.id,
      reversalId: reversal.id,
      docNo: reversal.number,
      reason: input.reason,
    });

  db.update(workOrders)
    .set({ status: 'reversed', updatedAt: at, version: sql`${workOrders.version} + 1` })
    .where(eq(workOrders.id, o.id))
    .run();

  noteArchiveCorrection(ctx, o, reversal.number, input.reason, at);
  audit(ctx, 'reversal', reversal.id, null, reversal);
  audit(ctx, 'work_order', o.id, { status: o.status }, { status: 'reversed', reversal: reversal.number });
  return { reversal, order: orderDetail(ctx, o.id) };
}

/**
 * The archive has no public correction call (archive-interface.md §3 [U]). So: a record not yet
 * accepted is held back (it describes a reversed settlement); one that was accepted — or may be
 * in flight — gets a `correction` row, held, that the front desk sees until it is resolved with
 * the platform.
 */
function noteArchiveCorrection(ctx: Ctx, o: WorkOrderRow, reversalNo: string, reason: string, at: number) {
  const db = ctx.core.db;
  const rows = db
    .select()
    .from(outbox)
    .where(and(eq(outbox.workOrderId, o.id), eq(outbox.kind, 'upload')))
    .all();
  for (const r of rows) {
    if (r.state === 'pending' || r.state === 'held' || r.state === 'rejected') {
      const note = issue(
        'reversed_before_upload',
        `工单已冲红（${reversalNo}），此记录不再自动上传`,
        `The order was reversed (${reversalNo}); this record will not be uploaded automatically`,
      );
      db.update(outbox)
        .set({ state: 'held', issues: [...(r.issues as Issue[]), note], nextAttemptAt: null, updatedAt: at })
        .where(eq(outbox.id, r.id))
        .run();
      audit(ctx, 'outbox', r.id, { state: r.state }, { state: 'held', reason: note.code });
      continue;
    }
    const correction = {
      id: newId(),
      seq: nextOutboxSeq(ctx),
      kind: 'correction' as const,
      workOrderId: o.id,
      settlementNo: r.settlementNo,
      state: 'held' as const,
      record: r.record,
      issues: [
        issue(
          'archive_correction_needed',
          `结算单 ${r.settlementNo} 已${r.state === 'accepted' ? '上传' : '可能已上传'}至档案平台，现已冲红（${reversalNo}，原因：${reason}）。平台未提供更正接口，请联系平台更正该记录。`,
          `Settlement ${r.settlementNo} was ${r.state === 'accepted' ? '' : 'possibly '}uploaded to the archive and is now reversed (${reversalNo}: ${reason}). The platform has no correction call; ask the platform to correct the record.`,
        ),
      ],
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      acceptedAt: null,
      createdAt: at,
      updatedAt: at,
    };
    db.insert(outbox).values(correction).run();
    audit(ctx, 'outbox', correction.id, null, { kind: 'correction', state: 'held', settlementNo: r.settlementNo });
  }
}
