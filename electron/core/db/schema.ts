/**
 * The shop database, declared once for drizzle (queries) and drizzle-kit (migrations).
 *
 * Data rules (architecture.md): money in integer fen, labour hours in integer tenths, part
 * quantities in integer hundredths; primary keys are UUIDv7 text; human numbers (work order,
 * settlement) live in their own unique columns; timestamps are epoch milliseconds; calendar
 * dates are shop-local `YYYY-MM-DD` text. Full-text (trigram) tables, triggers that freeze settled
 * orders and other SQL that drizzle cannot express live in hand-written migrations next to the
 * generated ones (resources/migrations).
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type {
  CustomerKind,
  OldPartsDisposition,
  OutboxState,
  PartType,
  PaymentMethod,
  PlateColor,
  RepairCategory,
  Role,
  ShopClass,
  StockMovementKind,
  WorkOrderStatus,
} from '../../../shared/domain/enums.js';

const id = () => text('id').primaryKey();
const createdAt = () => integer('created_at').notNull();
const updatedAt = () => integer('updated_at').notNull();

/** 维修企业 — exactly one row (id = 1): the shop this database belongs to. */
export const shop = sqliteTable('shop', {
  id: integer('id').primaryKey(),
  name: text('name').notNull().default(''),
  creditCode: text('credit_code').notNull().default(''),
  roadTransportLicence: text('road_transport_licence').notNull().default(''),
  shopClass: text('shop_class').$type<ShopClass>(),
  address: text('address').notNull().default(''),
  phone: text('phone').notNull().default(''),
  contactName: text('contact_name').notNull().default(''),
  cityCode: text('city_code').notNull().default(''),
  /** Default 工时单价 in fen per hour. */
  labourRateFen: integer('labour_rate_fen').notNull().default(0),
  /** 工时定额执行标准 printed on the settlement sheet. */
  labourStandard: text('labour_standard').notNull().default(''),
  allowNegativeStock: integer('allow_negative_stock', { mode: 'boolean' }).notNull().default(false),
  workOrderPrefix: text('work_order_prefix').notNull().default('WO'),
  settlementPrefix: text('settlement_prefix').notNull().default('JS'),
  timezone: text('timezone').notNull().default('Asia/Shanghai'),
  updatedAt: updatedAt(),
});

/** 用户 — 店长 / 前台 / 技师. */
export const users = sqliteTable(
  'users',
  {
    id: id(),
    name: text('name').notNull(),
    role: text('role').$type<Role>().notNull(),
    phone: text('phone').notNull().default(''),
    /** scrypt hash of the PIN (`scrypt$N$r$p$salt$hash`); empty when the user has no PIN. */
    pinHash: text('pin_hash').notNull().default(''),
    /** Wrong PINs in a row since the last good one (the lockout's back-off, docs/users-and-lan.md). */
    pinFailures: integer('pin_failures').notNull().default(0),
    /** No PIN is even checked before this instant after too many wrong ones. */
    pinLockedUntil: integer('pin_locked_until'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_name_uq').on(t.name)],
);

/** 客户 — a person or a company (托修方 / 机动车所有人). */
export const customers = sqliteTable(
  'customers',
  {
    id: id(),
    kind: text('kind').$type<CustomerKind>().notNull(),
    name: text('name').notNull(),
    phone: text('phone').notNull().default(''),
    /** Pinyin initials of the name (张三 → zs), for search. */
    initials: text('initials').notNull().default(''),
    /** Full pinyin without tones or spaces (张三 → zhangsan), for search. */
    pinyin: text('pinyin').notNull().default(''),
    creditCode: text('credit_code').notNull().default(''),
    address: text('address').notNull().default(''),
    note: text('note').notNull().default(''),
    /** Set when this record was merged into another (duplicates); the row is kept for history. */
    mergedInto: text('merged_into'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('customers_phone_idx').on(t.phone),
    index('customers_initials_idx').on(t.initials),
    // 1–2 character name prefixes (张三) cannot use the trigram index; this range scan answers them.
    index('customers_name_idx').on(t.name),
  ],
);

/** 车辆 — one row per VIN (一车一档). */
export const vehicles = sqliteTable(
  'vehicles',
  {
    id: id(),
    /** 车辆识别代号; NULL only while unknown (such a vehicle cannot be settled). */
    vin: text('vin'),
    /** Set when the clerk confirmed a VIN whose check digit does not match (grey imports, old cars). */
    vinCheckConfirmed: integer('vin_check_confirmed', { mode: 'boolean' }).notNull().default(false),
    /** 车牌号码, normalised; NULL together with unplated = true means "no plate yet". */
    plate: text('plate'),
    unplated: integer('unplated', { mode: 'boolean' }).notNull().default(false),
    plateColor: text('plate_color').$type<PlateColor>(),
    brandModel: text('brand_model').notNull().default(''),
    engineNo: text('engine_no').notNull().default(''),
    vehicleType: text('vehicle_type').notNull().default(''),
    registrationDate: text('registration_date'),
    ownerId: text('owner_id').references(() => customers.id),
    lastMileageKm: integer('last_mileage_km'),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('vehicles_vin_uq').on(t.vin),
    index('vehicles_plate_idx').on(t.plate),
    index('vehicles_owner_idx').on(t.ownerId),
  ],
);

/** 车主变更历史 — who owned the vehicle when. */
export const vehicleOwners = sqliteTable(
  'vehicle_owners',
  {
    id: id(),
    vehicleId: text('vehicle_id')
      .notNull()
      .references(() => vehicles.id),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    fromAt: integer('from_at').notNull(),
    toAt: integer('to_at'),
  },
  (t) => [index('vehicle_owners_vehicle_idx').on(t.vehicleId, t.fromAt)],
);

/** 供应商. */
export const suppliers = sqliteTable(
  'suppliers',
  {
    id: id(),
    name: text('name').notNull(),
    contactName: text('contact_name').notNull().default(''),
    phone: text('phone').notNull().default(''),
    address: text('address').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('suppliers_name_uq').on(t.name)],
);

/** 配件 — the catalogue; on-hand and stock value are a cache of the movement ledger. */
export const parts = sqliteTable(
  'parts',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    brand: text('brand').notNull().default(''),
    spec: text('spec').notNull().default(''),
    unit: text('unit').notNull().default('个'),
    barcode: text('barcode'),
    partType: text('part_type').$type<PartType>().notNull().default('oem'),
    salePriceFen: integer('sale_price_fen').notNull().default(0),
    /** Low-stock threshold in hundredths. */
    minStock: integer('min_stock').notNull().default(0),
    /** Cached sum of movements, in hundredths. */
    onHand: integer('on_hand').notNull().default(0),
    /** Cached value of the stock on hand at moving-average cost, in fen. */
    stockValueFen: integer('stock_value_fen').notNull().default(0),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('parts_code_uq').on(t.code),
    index('parts_barcode_idx').on(t.barcode),
    // 1–2 character name prefixes (机油) — see services/search-index.ts.
    index('parts_name_idx').on(t.name),
  ],
);

/** 工单 — from reception to settlement; settlement fields are written once by the settle transaction. */
export const workOrders = sqliteTable(
  'work_orders',
  {
    id: id(),
    number: text('number').notNull(),
    vehicleId: text('vehicle_id')
      .notNull()
      .references(() => vehicles.id),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    /** 送修人 and phone (may differ from the owner). */
    senderName: text('sender_name').notNull().default(''),
    senderPhone: text('sender_phone').notNull().default(''),
    /** 送修日期 YYYY-MM-DD. */
    repairDate: text('repair_date').notNull(),
    mileageInKm: integer('mileage_in_km'),
    mileageOutKm: integer('mileage_out_km'),
    faultDescription: text('fault_description').notNull().default(''),
    repairCategory: text('repair_category').$type<RepairCategory>().notNull(),
    status: text('status').$type<WorkOrderStatus>().notNull(),
    promisedAt: integer('promised_at'),
    /** 检验员 and 竣工出厂合格证 number (needed for 二级维护/总成修理/整车修理). */
    inspector: text('inspector').notNull().default(''),
    certificateNo: text('certificate_no').notNull().default(''),
    completedAt: integer('completed_at'),
    notes: text('notes').notNull().default(''),
    // --- settlement (结算) ---
    settlementNo: text('settlement_no'),
    settledAt: integer('settled_at'),
    /** 结算日期 YYYY-MM-DD (shop-local day of settledAt). */
    settleDate: text('settle_date'),
    labourTotalFen: integer('labour_total_fen').notNull().default(0),
    partsTotalFen: integer('parts_total_fen').notNull().default(0),
    otherFeeFen: integer('other_fee_fen').notNull().default(0),
    discountFen: integer('discount_fen').notNull().default(0),
    totalFen: integer('total_fen').notNull().default(0),
    paymentMethod: text('payment_method').$type<PaymentMethod>(),
    oldPartsDisposition: text('old_parts_disposition').$type<OldPartsDisposition>(),
    warrantyKm: integer('warranty_km'),
    warrantyDays: integer('warranty_days'),
    settledBy: text('settled_by'),
    // --- void / reversal ---
    voidReason: text('void_reason'),
    voidedAt: integer('voided_at'),
    /** Optimistic concurrency: bumped on every write, compared when the caller sends it. */
    version: integer('version').notNull().default(1),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('work_orders_number_uq').on(t.number),
    uniqueIndex('work_orders_settlement_no_uq').on(t.settlementNo),
    index('work_orders_vehicle_idx').on(t.vehicleId, t.repairDate),
    index('work_orders_customer_idx').on(t.customerId),
    index('work_orders_status_created_idx').on(t.status, t.createdAt),
    index('work_orders_created_idx').on(t.createdAt),
    index('work_orders_settle_date_idx').on(t.settleDate),
  ],
);

/** 维修技师 assigned to an order. */
export const workOrderTechnicians = sqliteTable(
  'work_order_technicians',
  {
    workOrderId: text('work_order_id')
      .notNull()
      .references(() => workOrders.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.workOrderId, t.userId] }), index('wot_user_idx').on(t.userId)],
);

/** 工时费用 lines (维修项目). */
export const labourLines = sqliteTable(
  'labour_lines',
  {
    id: id(),
    workOrderId: text('work_order_id')
      .notNull()
      .references(() => workOrders.id),
    seq: integer('seq').notNull(),
    item: text('item').notNull(),
    hoursTenths: integer('hours_tenths').notNull(),
    rateFen: integer('rate_fen').notNull(),
    amountFen: integer('amount_fen').notNull(),
    technicianId: text('technician_id').references(() => users.id),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('labour_lines_order_idx').on(t.workOrderId, t.seq)],
);

/** 材料费用 lines. */
export const partLines = sqliteTable(
  'part_lines',
  {
    id: id(),
    workOrderId: text('work_order_id')
      .notNull()
      .references(() => workOrders.id),
    seq: integer('seq').notNull(),
    /** The stock part; NULL for a part not kept in stock (customer-supplied or bought in for this job). */
    partId: text('part_id').references(() => parts.id),
    name: text('name').notNull(),
    code: text('code').notNull().default(''),
    brand: text('brand').notNull().default(''),
    unit: text('unit').notNull().default('个'),
    quantity: integer('quantity').notNull(),
    unitPriceFen: integer('unit_price_fen').notNull(),
    amountFen: integer('amount_fen').notNull(),
    partType: text('part_type').$type<PartType>().notNull(),
    /** 托修方自备: supplied by the customer, charged 0 and never issued from stock. */
    customerSupplied: integer('customer_supplied', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('part_lines_order_idx').on(t.workOrderId, t.seq), index('part_lines_part_idx').on(t.partId)],
);

/** 库存流水 — the stock ledger. Quantities signed (hundredths), values signed (fen). Never updated or deleted. */
export const stockMovements = sqliteTable(
  'stock_movements',
  {
    id: id(),
    partId: text('part_id')
      .notNull()
      .references(() => parts.id),
    kind: text('kind').$type<StockMovementKind>().notNull(),
    quantity: integer('quantity').notNull(),
    /** Unit cost in fen for a receipt; the moving-average cost at the time for others. */
    unitCostFen: integer('unit_cost_fen').notNull(),
    valueFen: integer('value_fen').notNull(),
    onHandAfter: integer('on_hand_after').notNull(),
    supplierId: text('supplier_id').references(() => suppliers.id),
    manufacturer: text('manufacturer').notNull().default(''),
    /** Document date (purchase date, stock-take date), YYYY-MM-DD. */
    docDate: text('doc_date').notNull(),
    /** 发票号 / 单据号. */
    docNo: text('doc_no').notNull().default(''),
    workOrderId: text('work_order_id').references(() => workOrders.id),
    reversalId: text('reversal_id'),
    reason: text('reason').notNull().default(''),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    index('stock_movements_part_idx').on(t.partId, t.createdAt),
    index('stock_movements_order_idx').on(t.workOrderId),
    index('stock_movements_created_idx').on(t.createdAt),
  ],
);

/** 冲红单 — the reversal document of a settled order; the original stays unchanged. */
export const reversals = sqliteTable(
  'reversals',
  {
    id: id(),
    number: text('number').notNull(),
    workOrderId: text('work_order_id')
      .notNull()
      .references(() => workOrders.id),
    reason: text('reason').notNull(),
    /** Negated totals of the original, in fen. */
    totalFen: integer('total_fen').notNull(),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('reversals_number_uq').on(t.number), uniqueIndex('reversals_order_uq').on(t.workOrderId)],
);

/**
 * 上传队列 — one row per archive record to deliver. `record` is the immutable canonical snapshot
 * taken at settlement (shared/domain/archive-record.ts). A `correction` row notes that an accepted
 * record was reversed and the archive needs a correction.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: id(),
    /** Monotonic FIFO order, independent of clock changes. */
    seq: integer('seq').notNull(),
    kind: text('kind').$type<'upload' | 'correction'>().notNull(),
    workOrderId: text('work_order_id')
      .notNull()
      .references(() => workOrders.id),
    settlementNo: text('settlement_no').notNull(),
    state: text('state').$type<OutboxState>().notNull(),
    record: text('record', { mode: 'json' }).notNull(),
    /** Local-check issues (JSON Issue[]) for held rows, warnings for the others. */
    issues: text('issues', { mode: 'json' }).notNull().default(sql`'[]'`),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at'),
    lastError: text('last_error'),
    acceptedAt: integer('accepted_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('outbox_seq_uq').on(t.seq),
    index('outbox_state_seq_idx').on(t.state, t.seq),
    index('outbox_order_idx').on(t.workOrderId),
  ],
);

/** 上传台账 — every request and response of the uploader (token redacted). */
export const uploadLedger = sqliteTable(
  'upload_ledger',
  {
    id: id(),
    outboxId: text('outbox_id')
      .notNull()
      .references(() => outbox.id),
    attempt: integer('attempt').notNull(),
    platform: text('platform').notNull(),
    companyCode: text('company_code').notNull(),
    settlementNo: text('settlement_no').notNull(),
    request: text('request').notNull(),
    response: text('response'),
    httpStatus: integer('http_status'),
    outcome: text('outcome').notNull(),
    error: text('error'),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at'),
  },
  (t) => [
    index('upload_ledger_outbox_idx').on(t.outboxId, t.attempt),
    index('upload_ledger_started_idx').on(t.startedAt),
  ],
);

/** 审计日志 — append-only, hash-chained: hash = sha256(prevHash + canonical row). */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    userId: text('user_id'),
    userName: text('user_name').notNull().default(''),
    method: text('method').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    before: text('before'),
    after: text('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId), index('audit_at_idx').on(t.at)],
);

/**
 * 已配对设备 — a phone or second PC on the shop LAN, paired with a one-time code and bound to one
 * user. Only the SHA-256 of its bearer token is stored (the token is 32 random bytes, so a fast hash
 * is enough); revoking sets `revoked_at`, and the row stays for the audit trail.
 */
export const devices = sqliteTable(
  'devices',
  {
    id: id(),
    name: text('name').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    createdBy: text('created_by').references(() => users.id),
    createdAt: createdAt(),
    lastSeenAt: integer('last_seen_at'),
    lastIp: text('last_ip').notNull().default(''),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('devices_token_hash_uq').on(t.tokenHash), index('devices_user_idx').on(t.userId)],
);

/** Number sequences (work orders per day, settlement numbers, reversals). Never reused. */
export const counters = sqliteTable('counters', {
  name: text('name').primaryKey(),
  value: integer('value').notNull(),
});

/** Key/value settings that are not part of the shop profile (archive platform, UI, backups). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: updatedAt(),
});

/**
 * 计数 — rows per state of `work_orders` (status) and `outbox` (state), kept by triggers
 * (resources/migrations/0003): list totals and the upload queue's counts stay O(1) however many
 * years of settled orders the shop has (a count(*) over 300,000 orders costs ~10 ms; this, ~0).
 */
export const stateCounts = sqliteTable(
  'state_counts',
  {
    /** 'work_orders' or 'outbox'. */
    entity: text('entity').notNull(),
    state: text('state').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.state] })],
);

/**
 * 最近结算 — each vehicle's last settled visit (settle_date of its latest order still 已结算), kept by
 * triggers (0003) for the service reminders, which would otherwise group every settled order there is.
 */
export const vehicleLastVisits = sqliteTable(
  'vehicle_last_visits',
  {
    vehicleId: text('vehicle_id')
      .primaryKey()
      .references(() => vehicles.id),
    lastSettleDate: text('last_settle_date').notNull(),
  },
  (t) => [index('vehicle_last_visits_date_idx').on(t.lastSettleDate)],
);
