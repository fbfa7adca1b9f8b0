/**
 * 库存: a ledger of movements (receive, issue, return, adjust, stock-take). On-hand quantity and
 * stock value are derived from the ledger and cached on the part row in the same statement that
 * appends the movement; cost is moving average (stock value ÷ quantity). Movements are never
 * updated or deleted (a trigger refuses it); corrections are new movements.
 */
import { and, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { ParsedInput } from '../../../shared/api/contract.js';
import type { StockMovementKind } from '../../../shared/domain/enums.js';
import { issue } from '../../../shared/domain/issue.js';
import { formatHundredths, lineAmountFen } from '../../../shared/domain/money.js';
import { type Ctx, now, today } from '../context.js';
import { countRows } from '../db/count.js';
import { newId } from '../db/ids.js';
import { parts, stockMovements, suppliers } from '../db/schema.js';
import { prepared } from '../db/statements.js';
import { failValidation } from '../errors.js';
import { audit } from './audit.js';
import { avgCostFen, type PartRow, requirePart, requireSupplier } from './parts.js';
import { readShop } from './shop.js';

type MovementRow = typeof stockMovements.$inferSelect;

/** Stock value of one part, in fen: four receipts at the schema's maximum, half of 2^53 with room to spare. */
const STOCK_VALUE_MAX_FEN = 4_000_000_000_000_000;

export interface MovementInput {
  partId: string;
  kind: StockMovementKind;
  /** Signed, hundredths. */
  quantity: number;
  /** For receipts: the purchase unit cost. Otherwise the current moving-average cost is used. */
  unitCostFen?: number;
  /** For returns: the exact value that went out, so a reversal restores the books exactly. */
  valueFen?: number;
  supplierId?: string | null;
  manufacturer?: string;
  docDate?: string;
  docNo?: string;
  workOrderId?: string | null;
  reversalId?: string | null;
  reason?: string;
  /** Field path to blame when stock would go negative (e.g. `parts[2].quantity`). */
  field?: string;
}

/** Unit cost for goods leaving or re-entering without a purchase price: the moving average, else the last purchase price. */
const currentUnitCost = (ctx: Ctx, p: PartRow): number => {
  if (p.onHand > 0) return avgCostFen(p);
  const last = prepared(
    ctx.core.sqlite,
    `SELECT unit_cost_fen FROM stock_movements WHERE part_id = ? AND kind = 'receive' ORDER BY created_at DESC LIMIT 1`,
  ).get(p.id) as { unit_cost_fen: number } | undefined;
  return last?.unit_cost_fen ?? 0;
};

/** value × qty ÷ onHand rounded half up, in BigInt (value × qty can pass 2^53); 0 < qty < onHand. */
export const shareOfValueFen = (valueFen: number, qty: number, onHand: number): number => {
  const share = Number((2n * BigInt(Math.abs(valueFen)) * BigInt(qty) + BigInt(onHand)) / (2n * BigInt(onHand)));
  return valueFen < 0 ? -share : share;
};

/** Appends one movement and updates the part's cached on-hand and value. Call inside a transaction. */
export function postMovement(ctx: Ctx, m: MovementInput): MovementRow {
  const p = requirePart(ctx, m.partId, m.field ?? 'partId');
  const onHandAfter = p.onHand + m.quantity;
  if (onHandAfter < 0 && m.quantity < 0 && !readShop(ctx.core.db).allowNegativeStock) {
    failValidation(
      [
        issue(
          'insufficient_stock',
          `「${p.name}」（${p.code}）库存不足：现有 ${formatHundredths(p.onHand)}，需要 ${formatHundredths(-m.quantity)}`,
          `Not enough "${p.name}" (${p.code}) in stock: ${formatHundredths(p.onHand)} on hand, ${formatHundredths(-m.quantity)} needed`,
          m.field ?? 'quantity',
        ),
      ],
      '库存不足',
      'Not enough stock',
    );
  }
  let unitCostFen: number;
  let valueFen: number;
  if (m.kind === 'receive') {
    unitCostFen = m.unitCostFen ?? 0;
    valueFen = lineAmountFen(m.quantity, unitCostFen);
  } else if (m.valueFen !== undefined) {
    valueFen = m.valueFen;
    unitCostFen = m.quantity !== 0 ? Math.round((Math.abs(valueFen) * 100) / Math.abs(m.quantity)) : 0;
  } else if (m.quantity < 0 && onHandAfter === 0) {
    // Taking out everything takes out all of the value: no rounding residue stays behind.
    unitCostFen = currentUnitCost(ctx, p);
    valueFen = -p.stockValueFen;
  } else if (m.quantity < 0 && onHandAfter > 0) {
    // Part of the stock leaves with its exact share of the value (value × qty ÷ on-hand). A unit cost
    // rounded to the fen drifts with every issue and can leave cheap bulk stock valued below zero.
    unitCostFen = avgCostFen(p);
    valueFen = -shareOfValueFen(p.stockValueFen, -m.quantity, p.onHand);
  } else {
    unitCostFen = currentUnitCost(ctx, p);
    valueFen = Math.sign(m.quantity) * lineAmountFen(Math.abs(m.quantity), unitCostFen);
  }
  // Nothing on hand carries no value, from either side: stock that went negative left at an estimated
  // cost, and the movement that brings it back to exactly zero absorbs the difference, so no phantom
  // value stays behind to skew the moving average of every later receipt.
  if (onHandAfter === 0) valueFen = -p.stockValueFen;
  // Past 2^53 the cached value reads back rounded, and the movement committed here would fail the
  // contract on every later read. Under the cap, any one movement out of the stock stays exact too.
  if (Math.abs(p.stockValueFen + valueFen) > STOCK_VALUE_MAX_FEN)
    failValidation([
      issue(
        'stock_value_too_large',
        `「${p.name}」（${p.code}）库存金额将超出上限，请核对数量和单价`,
        `The stock value of "${p.name}" (${p.code}) would exceed the limit; check the quantity and unit cost`,
        m.field ?? 'quantity',
      ),
    ]);
  const at = now(ctx);
  const row: MovementRow = {
    id: newId(),
    partId: p.id,
    kind: m.kind,
    quantity: m.quantity,
    unitCostFen,
    valueFen,
    onHandAfter,
    supplierId: m.supplierId ?? null,
    manufacturer: m.manufacturer ?? '',
    docDate: m.docDate ?? today(ctx),
    docNo: m.docNo ?? '',
    workOrderId: m.workOrderId ?? null,
    reversalId: m.reversalId ?? null,
    reason: m.reason ?? '',
    createdBy: ctx.actor.id,
    createdAt: at,
  };
  prepared(
    ctx.core.sqlite,
    `INSERT INTO stock_movements (id, part_id, kind, quantity, unit_cost_fen, value_fen, on_hand_after, supplier_id,
                                  manufacturer, doc_date, doc_no, work_order_id, reversal_id, reason, created_by, created_at)
     VALUES (@id, @partId, @kind, @quantity, @unitCostFen, @valueFen, @onHandAfter, @supplierId,
             @manufacturer, @docDate, @docNo, @workOrderId, @reversalId, @reason, @createdBy, @createdAt)`,
  ).run(row);
  prepared(
    ctx.core.sqlite,
    'UPDATE parts SET on_hand = on_hand + ?, stock_value_fen = stock_value_fen + ?, updated_at = ? WHERE id = ?',
  ).run(m.quantity, valueFen, at, p.id);
  return row;
}

export const movementToApi = (ctx: Ctx, m: MovementRow) => {
  const p = ctx.core.db.select({ code: parts.code, name: parts.name }).from(parts).where(eq(parts.id, m.partId)).get();
  const s = m.supplierId
    ? ctx.core.db.select({ name: suppliers.name }).from(suppliers).where(eq(suppliers.id, m.supplierId)).get()
    : undefined;
  return {
    id: m.id,
    partId: m.partId,
    partCode: p?.code ?? '',
    partName: p?.name ?? '',
    kind: m.kind,
    quantity: m.quantity,
    unitCostFen: m.unitCostFen,
    valueFen: m.valueFen,
    onHandAfter: m.onHandAfter,
    supplierId: m.supplierId,
    supplierName: s?.name ?? null,
    manufacturer: m.manufacturer,
    docDate: m.docDate,
    docNo: m.docNo,
    workOrderId: m.workOrderId,
    reason: m.reason,
    createdBy: m.createdBy,
    createdAt: m.createdAt,
  };
};

export const receiveStock = (ctx: Ctx, input: ParsedInput<'stock.receive'>) => {
  if (input.supplierId) requireSupplier(ctx, input.supplierId, 'supplierId');
  const m = postMovement(ctx, {
    partId: input.partId,
    kind: 'receive',
    quantity: input.quantity,
    unitCostFen: input.unitCostFen,
    supplierId: input.supplierId ?? null,
    manufacturer: input.manufacturer ?? '',
    docDate: input.docDate ?? today(ctx),
    docNo: input.docNo ?? '',
  });
  audit(ctx, 'stock_movement', m.id, null, m);
  return movementToApi(ctx, m);
};

export const adjustStock = (ctx: Ctx, input: ParsedInput<'stock.adjust'>) => {
  const m = postMovement(ctx, {
    partId: input.partId,
    kind: 'adjust',
    quantity: input.delta,
    reason: input.reason,
    field: 'delta',
  });
  audit(ctx, 'stock_movement', m.id, null, m);
  return movementToApi(ctx, m);
};

/** 盘点: posts the difference between the count and the book for every counted part. */
export const stockTake = (ctx: Ctx, input: ParsedInput<'stock.stocktake'>) => {
  const dupes = input.counts
    .map((c, i) => (input.counts.findIndex((o) => o.partId === c.partId) < i ? i : -1))
    .filter((i) => i >= 0);
  if (dupes.length)
    failValidation(
      dupes.map((i) =>
        issue('duplicate_count', '同一配件重复盘点', 'the same part is counted twice', `counts[${i}].partId`),
      ),
    );
  const movements: MovementRow[] = [];
  let unchanged = 0;
  input.counts.forEach((c, i) => {
    const p = requirePart(ctx, c.partId, `counts[${i}].partId`);
    const delta = c.counted - p.onHand;
    if (delta === 0) {
      unchanged++;
      return;
    }
    movements.push(
      postMovement(ctx, {
        partId: p.id,
        kind: 'stocktake',
        quantity: delta,
        docDate: input.docDate ?? today(ctx),
        reason: input.reason ?? '',
        field: `counts[${i}].counted`,
      }),
    );
  });
  for (const m of movements) audit(ctx, 'stock_movement', m.id, null, m);
  return { movements: movements.map((m) => movementToApi(ctx, m)), unchanged };
};

export const listMovements = (ctx: Ctx, q: ParsedInput<'stock.movements'>) => {
  const conds: SQL[] = [];
  if (q.partId) conds.push(eq(stockMovements.partId, q.partId));
  if (q.kind) conds.push(eq(stockMovements.kind, q.kind));
  if (q.from) conds.push(gte(stockMovements.docDate, q.from));
  if (q.to) conds.push(lte(stockMovements.docDate, q.to));
  const where = conds.length ? and(...conds) : undefined;
  const total = countRows(ctx.core.db, stockMovements, where);
  const rows = ctx.core.db
    .select()
    .from(stockMovements)
    .where(where)
    .orderBy(desc(stockMovements.createdAt), desc(stockMovements.id))
    .limit(q.limit)
    .offset(q.offset)
    .all();
  return { total, items: rows.map((m) => movementToApi(ctx, m)) };
};
