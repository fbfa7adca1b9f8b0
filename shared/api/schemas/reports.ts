/**
 * 报表: read-only figures over settled orders for the manager and the front desk. Amounts in fen,
 * hours in tenths, quantities in hundredths (architecture.md data rules); periods and dates are the
 * shop-local `settle_date` strings, so a report never shifts with the PC's clock zone.
 *
 * Which orders count: status 已结算 only. A reversed (冲红) order drops out of every report, for the
 * period it was settled in — see electron/core/services/reports.ts for why.
 */
import { z } from 'zod';
import { PAYMENT_METHODS, REPAIR_CATEGORIES } from '../../domain/enums.js';
import { Id, IsoDate } from './common.js';

/** A settle-date range, both ends inclusive. */
const range = { from: IsoDate, to: IsoDate };
const fromNotAfterTo = (r: { from: string; to: string }) => r.from <= r.to;
const RANGE_ORDER = { message: '开始日期不能晚于结束日期 / from must not be after to', path: ['to'] };

const Sum = z.int();

export const TakingsQuery = z
  .strictObject({ ...range, groupBy: z.enum(['day', 'month']).default('day') })
  .refine(fromNotAfterTo, RANGE_ORDER);

/** Takings per payment method, every method present (0 when unused) so tables line up. */
export const ByPayment = z.strictObject(
  Object.fromEntries(PAYMENT_METHODS.map((m) => [m, Sum])) as Record<(typeof PAYMENT_METHODS)[number], typeof Sum>,
);

const TakingsFigures = { orders: Sum, totalFen: Sum, byPayment: ByPayment };
export const TakingsRow = z.strictObject({
  /** 'YYYY-MM-DD' (by day) or 'YYYY-MM' (by month). Only periods with settled orders appear. */
  period: z.string(),
  ...TakingsFigures,
});
export const TakingsReport = z.strictObject({
  rows: z.array(TakingsRow),
  totals: z.strictObject(TakingsFigures),
});

export const RangeQuery = z.strictObject(range).refine(fromNotAfterTo, RANGE_ORDER);

/** totalFen = labourFen + partsFen + otherFeeFen − discountFen (what the customer paid). */
const CategoryFigures = {
  orders: Sum,
  totalFen: Sum,
  labourFen: Sum,
  partsFen: Sum,
  otherFeeFen: Sum,
  discountFen: Sum,
};
export const CategoryRow = z.strictObject({ category: z.enum(REPAIR_CATEGORIES), ...CategoryFigures });
export const CategoriesReport = z.strictObject({
  rows: z.array(CategoryRow),
  totals: z.strictObject(CategoryFigures),
});

export const TechnicianRow = z.strictObject({
  /** null: labour lines with no technician on the line and not exactly one on the order. */
  technicianId: Id.nullable(),
  name: z.string(),
  /** Orders this technician has labour hours on. */
  orders: Sum,
  hoursTenths: Sum,
  labourFen: Sum,
});
export const TechnicianHoursReport = z.strictObject({
  rows: z.array(TechnicianRow),
  /** orders counts each order once, however many technicians worked on it. */
  totals: z.strictObject({ orders: Sum, hoursTenths: Sum, labourFen: Sum }),
});

export const PartUsageRow = z.strictObject({
  partId: Id,
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  /** Issued from stock, hundredths. */
  quantity: Sum,
  /** What the customers were charged for it (line amounts, before the order's discount). */
  revenueFen: Sum,
  /** Stock value that left with it (the issue movements' value at moving-average cost). */
  costFen: Sum,
  marginFen: Sum,
});
export const PartsUsageReport = z.strictObject({
  rows: z.array(PartUsageRow),
  totals: z.strictObject({ revenueFen: Sum, costFen: Sum, marginFen: Sum }),
  /** Part lines not kept in stock (bought in for the job): charged, but with no cost on the books. */
  nonStockRevenueFen: Sum,
});

export const RemindersQuery = z.strictObject({
  /** Due when the last settled visit is more than this many days ago. */
  days: z.int().min(1).max(3650).default(180),
  limit: z.int().min(1).max(200).default(50),
  offset: z.int().min(0).max(10_000_000).default(0),
});
export const ReminderRow = z.strictObject({
  vehicleId: Id,
  plate: z.string().nullable(),
  vin: z.string().nullable(),
  brandModel: z.string(),
  ownerId: Id.nullable(),
  ownerName: z.string(),
  ownerPhone: z.string(),
  /** settle_date of the last settled order. */
  lastVisitDate: z.string(),
  /** The vehicle's last recorded odometer reading, else the last order's. */
  lastMileageKm: z.int().nullable(),
  daysSince: z.int(),
});
export const RemindersReport = z.strictObject({ items: z.array(ReminderRow), total: z.int() });
