import { z } from 'zod';
import { PART_TYPES, STOCK_MOVEMENT_KINDS } from '../../domain/enums.js';
import { Fen, Id, IsoDate, Millis, Name, Page, Phone, QtyHundredths, Text } from './common.js';

export const Part = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  brand: z.string(),
  spec: z.string(),
  unit: z.string(),
  barcode: z.string().nullable(),
  partType: z.enum(PART_TYPES),
  salePriceFen: z.int(),
  minStock: z.int(),
  onHand: z.int(),
  /** Moving-average unit cost in fen (0 when nothing is on hand). */
  avgCostFen: z.int(),
  active: z.boolean(),
  createdAt: Millis,
  updatedAt: Millis,
});

const PartFields = {
  code: Name(50),
  name: Name(50),
  brand: Text(50).optional(),
  spec: Text(100).optional(),
  unit: Text(10).optional(),
  barcode: Text(64).optional(),
  partType: z.enum(PART_TYPES).optional(),
  salePriceFen: Fen.optional(),
  minStock: z.int().min(0).max(100_000_000).optional(),
};
export const PartCreate = z.strictObject(PartFields);
export const PartUpdate = z.strictObject({
  id: Id,
  code: PartFields.code.optional(),
  name: PartFields.name.optional(),
  brand: PartFields.brand,
  spec: PartFields.spec,
  unit: PartFields.unit,
  barcode: PartFields.barcode,
  partType: PartFields.partType,
  salePriceFen: PartFields.salePriceFen,
  minStock: PartFields.minStock,
  active: z.boolean().optional(),
});
export const PartSearch = z.strictObject({ q: Text(64), lowStockOnly: z.boolean().optional(), ...Page });

export const Supplier = z.object({
  id: Id,
  name: z.string(),
  contactName: z.string(),
  phone: z.string(),
  address: z.string(),
  createdAt: Millis,
});
export const SupplierCreate = z.strictObject({
  name: Name(100),
  contactName: Text(50).optional(),
  phone: Phone.optional(),
  address: Text(200).optional(),
});

export const StockMovement = z.object({
  id: Id,
  partId: Id,
  partCode: z.string(),
  partName: z.string(),
  kind: z.enum(STOCK_MOVEMENT_KINDS),
  quantity: z.int(),
  unitCostFen: z.int(),
  valueFen: z.int(),
  onHandAfter: z.int(),
  supplierId: Id.nullable(),
  supplierName: z.string().nullable(),
  manufacturer: z.string(),
  docDate: z.string(),
  docNo: z.string(),
  workOrderId: Id.nullable(),
  reason: z.string(),
  createdBy: z.string().nullable(),
  createdAt: Millis,
});

/** 采购入库: one line of the purchase register. */
export const StockReceive = z.strictObject({
  partId: Id,
  quantity: QtyHundredths,
  unitCostFen: Fen,
  supplierId: Id.optional(),
  manufacturer: Text(100).optional(),
  /** Purchase date; defaults to today. */
  docDate: IsoDate.optional(),
  docNo: Text(50).optional(),
});
/** 库存调整: a signed correction with a reason (damage, loss, found). */
export const StockAdjust = z.strictObject({
  partId: Id,
  delta: z
    .int()
    .min(-100_000_000)
    .max(100_000_000)
    .refine((d) => d !== 0, { message: 'delta must not be 0' }),
  reason: Name(200),
});
/** 盘点: counted quantities; the difference to the book is posted per part. */
export const StockTake = z.strictObject({
  docDate: IsoDate.optional(),
  reason: Text(200).optional(),
  counts: z
    .array(z.strictObject({ partId: Id, counted: z.int().min(0).max(100_000_000) }))
    .min(1)
    .max(5000),
});
export const StockTakeResult = z.object({ movements: z.array(StockMovement), unchanged: z.int() });
export const StockMovementsQuery = z.strictObject({
  partId: Id.optional(),
  kind: z.enum(STOCK_MOVEMENT_KINDS).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  ...Page,
});
