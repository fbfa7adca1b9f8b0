import { z } from 'zod';
import {
  OLD_PARTS_DISPOSITIONS,
  OUTBOX_STATES,
  PART_TYPES,
  PAYMENT_METHODS,
  REPAIR_CATEGORIES,
  WORK_ORDER_STATUSES,
} from '../../domain/enums.js';
import { IssueSchema } from '../errors.js';
import {
  Confirm,
  Fen,
  HoursTenths,
  Id,
  IsoDate,
  Km,
  Millis,
  Name,
  Page,
  Phone,
  QtyHundredths,
  Text,
} from './common.js';
import { Customer } from './customers.js';
import { User } from './shop.js';
import { Vehicle } from './vehicles.js';

export const WorkOrder = z.object({
  id: Id,
  number: z.string(),
  vehicleId: Id,
  customerId: Id,
  senderName: z.string(),
  senderPhone: z.string(),
  repairDate: z.string(),
  mileageInKm: z.int().nullable(),
  mileageOutKm: z.int().nullable(),
  faultDescription: z.string(),
  repairCategory: z.enum(REPAIR_CATEGORIES),
  status: z.enum(WORK_ORDER_STATUSES),
  promisedAt: Millis.nullable(),
  inspector: z.string(),
  certificateNo: z.string(),
  completedAt: Millis.nullable(),
  notes: z.string(),
  settlementNo: z.string().nullable(),
  settledAt: Millis.nullable(),
  settleDate: z.string().nullable(),
  labourTotalFen: z.int(),
  partsTotalFen: z.int(),
  otherFeeFen: z.int(),
  discountFen: z.int(),
  totalFen: z.int(),
  paymentMethod: z.enum(PAYMENT_METHODS).nullable(),
  oldPartsDisposition: z.enum(OLD_PARTS_DISPOSITIONS).nullable(),
  warrantyKm: z.int().nullable(),
  warrantyDays: z.int().nullable(),
  voidReason: z.string().nullable(),
  voidedAt: Millis.nullable(),
  version: z.int(),
  createdAt: Millis,
  updatedAt: Millis,
});

export const LabourLine = z.object({
  id: Id,
  seq: z.int(),
  item: z.string(),
  hoursTenths: z.int(),
  rateFen: z.int(),
  amountFen: z.int(),
  technicianId: Id.nullable(),
  note: z.string(),
});

export const PartLine = z.object({
  id: Id,
  seq: z.int(),
  partId: Id.nullable(),
  name: z.string(),
  code: z.string(),
  brand: z.string(),
  unit: z.string(),
  quantity: z.int(),
  unitPriceFen: z.int(),
  amountFen: z.int(),
  partType: z.enum(PART_TYPES),
  customerSupplied: z.boolean(),
});

/** Where the order's archive record stands (the outbox row written at settlement). */
export const ArchiveStatus = z.object({
  outboxId: Id,
  kind: z.enum(['upload', 'correction']),
  state: z.enum(OUTBOX_STATES),
  issues: z.array(IssueSchema),
  attempts: z.int(),
  lastError: z.string().nullable(),
  acceptedAt: Millis.nullable(),
  record: z.unknown(),
});

export const Reversal = z.object({
  id: Id,
  number: z.string(),
  workOrderId: Id,
  reason: z.string(),
  totalFen: z.int(),
  createdBy: z.string().nullable(),
  createdAt: Millis,
});

export const WorkOrderDetail = z.object({
  order: WorkOrder,
  vehicle: Vehicle,
  customer: Customer,
  technicians: z.array(User),
  labour: z.array(LabourLine),
  parts: z.array(PartLine),
  archive: z.array(ArchiveStatus),
  reversal: Reversal.nullable(),
});

export const WorkOrderSummary = z.object({
  id: Id,
  number: z.string(),
  status: z.enum(WORK_ORDER_STATUSES),
  repairDate: z.string(),
  repairCategory: z.enum(REPAIR_CATEGORIES),
  plate: z.string().nullable(),
  vin: z.string().nullable(),
  customerName: z.string(),
  faultDescription: z.string(),
  totalFen: z.int(),
  settlementNo: z.string().nullable(),
  promisedAt: Millis.nullable(),
  createdAt: Millis,
});

const OrderFields = {
  senderName: Text(50).optional(),
  senderPhone: Phone.optional(),
  /** 送修里程 in km. */
  mileageInKm: Km.optional(),
  /** 故障描述: what is wrong, or for maintenance what is to be done (定期保养). */
  faultDescription: Text(200).optional(),
  repairCategory: z.enum(REPAIR_CATEGORIES).optional(),
  promisedAt: Millis.optional(),
  technicianIds: z.array(Id).max(20).optional(),
  notes: Text(1000).optional(),
};

export const WorkOrderCreate = z.strictObject({
  vehicleId: Id,
  /** 托修方; defaults to the vehicle's owner. */
  customerId: Id.optional(),
  /** 送修日期; defaults to today. */
  repairDate: IsoDate.optional(),
  ...OrderFields,
  repairCategory: z.enum(REPAIR_CATEGORIES),
  confirm: Confirm,
});
export const WorkOrderUpdate = z.strictObject({
  id: Id,
  /** When given, the update is refused if the order changed since (`stale`). */
  version: z.int().optional(),
  customerId: Id.optional(),
  repairDate: IsoDate.optional(),
  ...OrderFields,
  confirm: Confirm,
});
export const WorkOrderGet = z.strictObject({ id: Id });
export const WorkOrderList = z.strictObject({
  status: z.enum(WORK_ORDER_STATUSES).optional(),
  statuses: z.array(z.enum(WORK_ORDER_STATUSES)).max(6).optional(),
  vehicleId: Id.optional(),
  customerId: Id.optional(),
  technicianId: Id.optional(),
  /** created between these shop-local dates, inclusive */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  sort: z.enum(['created_desc', 'created_asc', 'promised_asc']).default('created_desc'),
  ...Page,
});

export const AddLabour = z.strictObject({
  workOrderId: Id,
  /** 维修项目. */
  item: Name(200),
  hoursTenths: HoursTenths,
  /** 工时单价 in fen per hour; defaults to the shop's labour rate. */
  rateFen: Fen.optional(),
  technicianId: Id.optional(),
  note: Text(200).optional(),
});

export const AddPart = z.strictObject({
  workOrderId: Id,
  /** A part from stock; name/code/brand/price default from it. */
  partId: Id.optional(),
  name: Text(50).optional(),
  code: Text(50).optional(),
  brand: Text(50).optional(),
  unit: Text(10).optional(),
  quantity: QtyHundredths,
  unitPriceFen: Fen.optional(),
  partType: z.enum(PART_TYPES).optional(),
  /** 托修方自备: the customer brought the part; charged 0, never issued from stock. */
  customerSupplied: z.boolean().optional(),
  confirm: Confirm,
});

export const UpdateLine = z.strictObject({
  workOrderId: Id,
  lineId: Id,
  item: Name(200).optional(),
  hoursTenths: HoursTenths.optional(),
  rateFen: Fen.optional(),
  technicianId: Id.nullable().optional(),
  note: Text(200).optional(),
  name: Name(50).optional(),
  code: Text(50).optional(),
  brand: Text(50).optional(),
  quantity: QtyHundredths.optional(),
  unitPriceFen: Fen.optional(),
  partType: z.enum(PART_TYPES).optional(),
});
export const RemoveLine = z.strictObject({ workOrderId: Id, lineId: Id });

export const SetStatus = z.strictObject({
  id: Id,
  /** Only the workshop moves: 维修中, or back to 维修中 for rework. Settle, void and reverse have their own methods. */
  status: z.enum(['in_progress']),
  note: Text(500).optional(),
});

export const Complete = z.strictObject({
  id: Id,
  /** 出厂里程 in km. */
  mileageOutKm: Km,
  /** 检验员, required for 二级维护/总成修理/整车修理. */
  inspector: Text(30).optional(),
  /** 竣工出厂合格证 number, required for 二级维护/总成修理/整车修理. */
  certificateNo: Text(50).optional(),
  /** The technician's note on the finished work, appended to the order's notes. */
  note: Text(500).optional(),
  confirm: Confirm,
});

export const Settle = z.strictObject({
  id: Id,
  discountFen: Fen.optional(),
  otherFeeFen: Fen.optional(),
  paymentMethod: z.enum(PAYMENT_METHODS),
  oldPartsDisposition: z.enum(OLD_PARTS_DISPOSITIONS),
  /** The total the clerk saw; when given and different, the settle is refused (`stale`). */
  expectedTotalFen: z.int().optional(),
});

export const Void = z.strictObject({ id: Id, reason: Name(200) });
export const Reverse = z.strictObject({ id: Id, reason: Name(200) });
export const ReverseResult = z.object({ reversal: Reversal, order: WorkOrderDetail });
