/**
 * Writes the seeded shop straight into the product's schema with prepared statements, inside the
 * caller's transaction, in the order the database's guards expect (lines are added while an order is
 * `completed`, then it becomes `settled`; ledgers are only appended to). Nothing is disabled: every
 * trigger, foreign key and FTS index runs as it would for the app.
 *
 * The stock ledger is kept in memory (on-hand and value per part) with exactly the product's
 * moving-average rules (electron/core/services/stock.ts), and the cached columns are written back
 * with `flushParts` — before any real API call touches those parts and at the end.
 */
import type { Statement } from 'better-sqlite3';
import type { Ctx } from '../../electron/core/context.js';
import type { Sqlite } from '../../electron/core/db/open.js';
import { audit } from '../../electron/core/services/audit.js';
import { avgCostFen } from '../../electron/core/services/parts.js';
import { shareOfValueFen } from '../../electron/core/services/stock.js';
import { lineAmountFen } from '../../shared/domain/money.js';

export interface PartStock {
  id: string;
  onHand: number;
  value: number;
  /** Last purchase unit cost (what `currentUnitCost` falls back to with nothing on hand). */
  lastCost: number;
  dirty: boolean;
}

export interface MovementRow {
  id: string;
  partId: string;
  kind: 'receive' | 'issue';
  quantity: number;
  unitCostFen: number;
  valueFen: number;
  onHandAfter: number;
  supplierId: string | null;
  manufacturer: string;
  docDate: string;
  docNo: string;
  workOrderId: string | null;
  createdBy: string | null;
  createdAt: number;
}

const cols = (names: string[]) => ({ list: names.join(', '), params: names.map((n) => `@${n}`).join(', ') });

const insertSql = (table: string, names: string[]) => {
  const c = cols(names);
  return `INSERT INTO ${table} (${c.list}) VALUES (${c.params})`;
};

export class Writer {
  readonly customer: Statement;
  readonly vehicle: Statement;
  readonly owner: Statement;
  readonly part: Statement;
  readonly order: Statement;
  readonly labour: Statement;
  readonly partLine: Statement;
  readonly technician: Statement;
  readonly settle: Statement;
  readonly void: Statement;
  readonly movement: Statement;
  readonly outbox: Statement;
  readonly ledger: Statement;
  private readonly partFlush: Statement;
  private readonly partRead: Statement;

  constructor(
    sqlite: Sqlite,
    private readonly ctx: Ctx,
    private readonly clock: { t: number },
  ) {
    const s = sqlite;
    this.customer = s.prepare(
      insertSql('customers', [
        'id',
        'kind',
        'name',
        'phone',
        'initials',
        'pinyin',
        'credit_code',
        'address',
        'created_at',
        'updated_at',
      ]),
    );
    this.vehicle = s.prepare(
      insertSql('vehicles', [
        'id',
        'vin',
        'plate',
        'unplated',
        'plate_color',
        'brand_model',
        'engine_no',
        'vehicle_type',
        'registration_date',
        'owner_id',
        'created_at',
        'updated_at',
      ]),
    );
    this.owner = s.prepare(insertSql('vehicle_owners', ['id', 'vehicle_id', 'customer_id', 'from_at']));
    this.part = s.prepare(
      insertSql('parts', [
        'id',
        'code',
        'name',
        'brand',
        'spec',
        'unit',
        'barcode',
        'part_type',
        'sale_price_fen',
        'min_stock',
        'created_at',
        'updated_at',
      ]),
    );
    this.order = s.prepare(
      insertSql('work_orders', [
        'id',
        'number',
        'vehicle_id',
        'customer_id',
        'sender_name',
        'sender_phone',
        'repair_date',
        'mileage_in_km',
        'mileage_out_km',
        'fault_description',
        'repair_category',
        'status',
        'inspector',
        'certificate_no',
        'completed_at',
        'settlement_no',
        'settled_at',
        'settle_date',
        'labour_total_fen',
        'parts_total_fen',
        'other_fee_fen',
        'discount_fen',
        'total_fen',
        'payment_method',
        'old_parts_disposition',
        'warranty_km',
        'warranty_days',
        'settled_by',
        'version',
        'created_by',
        'created_at',
        'updated_at',
      ]),
    );
    this.labour = s.prepare(
      insertSql('labour_lines', [
        'id',
        'work_order_id',
        'seq',
        'item',
        'hours_tenths',
        'rate_fen',
        'amount_fen',
        'technician_id',
        'created_at',
      ]),
    );
    this.partLine = s.prepare(
      insertSql('part_lines', [
        'id',
        'work_order_id',
        'seq',
        'part_id',
        'name',
        'code',
        'brand',
        'unit',
        'quantity',
        'unit_price_fen',
        'amount_fen',
        'part_type',
        'customer_supplied',
        'created_at',
      ]),
    );
    this.technician = s.prepare('INSERT INTO work_order_technicians (work_order_id, user_id) VALUES (?, ?)');
    // Only the status changes here: the settled-order guard freezes every other column from now on.
    this.settle = s.prepare(`UPDATE work_orders SET status = 'settled' WHERE id = ? AND status = 'completed'`);
    this.void = s.prepare(
      `UPDATE work_orders SET status = 'voided', void_reason = ?, voided_at = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
    );
    this.movement = s.prepare(
      insertSql('stock_movements', [
        'id',
        'part_id',
        'kind',
        'quantity',
        'unit_cost_fen',
        'value_fen',
        'on_hand_after',
        'supplier_id',
        'manufacturer',
        'doc_date',
        'doc_no',
        'work_order_id',
        'created_by',
        'created_at',
      ]),
    );
    this.outbox = s.prepare(
      insertSql('outbox', [
        'id',
        'seq',
        'kind',
        'work_order_id',
        'settlement_no',
        'state',
        'record',
        'issues',
        'attempts',
        'next_attempt_at',
        'last_error',
        'accepted_at',
        'created_at',
        'updated_at',
      ]),
    );
    this.ledger = s.prepare(
      insertSql('upload_ledger', [
        'id',
        'outbox_id',
        'attempt',
        'platform',
        'company_code',
        'settlement_no',
        'request',
        'response',
        'http_status',
        'outcome',
        'error',
        'started_at',
        'finished_at',
      ]),
    );
    this.partFlush = s.prepare('UPDATE parts SET on_hand = ?, stock_value_fen = ?, updated_at = ? WHERE id = ?');
    this.partRead = s.prepare('SELECT on_hand, stock_value_fen FROM parts WHERE id = ?');
  }

  /** One hash-chained audit entry through the product's own `audit`, stamped at `at`. */
  audit(at: number, method: string, entity: string, entityId: string, after: unknown): void {
    this.clock.t = at;
    audit({ ...this.ctx, method }, entity, entityId, null, after);
  }

  /** 采购入库: a purchase at `unitCostFen`, moving-average value exactly as `postMovement` computes it. */
  receive(
    p: PartStock,
    m: Omit<MovementRow, 'quantity' | 'kind' | 'unitCostFen' | 'valueFen' | 'onHandAfter' | 'partId'>,
    qty: number,
    unitCostFen: number,
  ): void {
    const valueFen = lineAmountFen(qty, unitCostFen);
    p.onHand += qty;
    p.value += valueFen;
    p.lastCost = unitCostFen;
    p.dirty = true;
    this.movement.run({
      id: m.id,
      part_id: p.id,
      kind: 'receive',
      quantity: qty,
      unit_cost_fen: unitCostFen,
      value_fen: valueFen,
      on_hand_after: p.onHand,
      supplier_id: m.supplierId,
      manufacturer: m.manufacturer,
      doc_date: m.docDate,
      doc_no: m.docNo,
      work_order_id: null,
      created_by: m.createdBy,
      created_at: m.createdAt,
    });
  }

  /**
   * 领料出库 at settlement: all of the value when the last unit leaves, otherwise the exact share
   * value × qty ÷ on-hand (the product's rules; the caller makes sure enough is on hand).
   */
  issue(
    p: PartStock,
    m: Omit<
      MovementRow,
      'quantity' | 'kind' | 'unitCostFen' | 'valueFen' | 'onHandAfter' | 'partId' | 'supplierId' | 'manufacturer'
    >,
    qty: number,
  ): void {
    const after = p.onHand - qty;
    if (after < 0) throw new Error(`seed bug: issuing ${qty} of ${p.id} with ${p.onHand} on hand`);
    const unitCostFen = p.onHand > 0 ? avgCostFen({ onHand: p.onHand, stockValueFen: p.value }) : p.lastCost;
    const valueFen = after === 0 ? -p.value : -shareOfValueFen(p.value, qty, p.onHand);
    p.onHand = after;
    p.value += valueFen;
    p.dirty = true;
    this.movement.run({
      id: m.id,
      part_id: p.id,
      kind: 'issue',
      quantity: -qty,
      unit_cost_fen: unitCostFen,
      value_fen: valueFen,
      on_hand_after: after,
      supplier_id: null,
      manufacturer: '',
      doc_date: m.docDate,
      doc_no: m.docNo,
      work_order_id: m.workOrderId,
      created_by: m.createdBy,
      created_at: m.createdAt,
    });
  }

  /** Writes the cached on-hand and value of these parts (all dirty ones when omitted). */
  flushParts(parts: Iterable<PartStock>, at: number): void {
    for (const p of parts) {
      if (!p.dirty) continue;
      this.partFlush.run(p.onHand, p.value, at, p.id);
      p.dirty = false;
    }
  }

  /** Re-reads parts after the product itself moved their stock (a real settle or reversal). */
  reloadParts(parts: Iterable<PartStock>): void {
    for (const p of parts) {
      const r = this.partRead.get(p.id) as { on_hand: number; stock_value_fen: number };
      p.onHand = r.on_hand;
      p.value = r.stock_value_fen;
    }
  }
}
