import { z } from 'zod';
import { PLATE_COLORS, REPAIR_CATEGORIES, WORK_ORDER_STATUSES } from '../../domain/enums.js';
import { Confirm, Id, IsoDate, Km, Millis, Page, Text } from './common.js';
import { Customer, CustomerCreate } from './customers.js';

export const Vehicle = z.object({
  id: Id,
  vin: z.string().nullable(),
  vinCheckConfirmed: z.boolean(),
  plate: z.string().nullable(),
  unplated: z.boolean(),
  plateColor: z.enum(PLATE_COLORS).nullable(),
  brandModel: z.string(),
  engineNo: z.string(),
  vehicleType: z.string(),
  registrationDate: z.string().nullable(),
  ownerId: Id.nullable(),
  lastMileageKm: z.int().nullable(),
  note: z.string(),
  createdAt: Millis,
  updatedAt: Millis,
});

const VehicleFields = {
  /** 车辆识别代号: a bad format is refused; a check-digit mismatch must be confirmed (`vin_check_digit`). */
  vin: Text(30).optional(),
  /** 车牌号码 (GA 36). Leave empty and set `unplated` for a vehicle with no plate yet. */
  plate: Text(12).optional(),
  unplated: z.boolean().optional(),
  plateColor: z.enum(PLATE_COLORS).optional(),
  brandModel: Text(100).optional(),
  engineNo: Text(50).optional(),
  vehicleType: Text(50).optional(),
  registrationDate: IsoDate.optional(),
  lastMileageKm: Km.optional(),
  note: Text(500).optional(),
};

export const VehicleCreate = z.strictObject({
  ...VehicleFields,
  ownerId: Id.optional(),
  /** Create the owner inline (reception of an unknown vehicle). */
  owner: CustomerCreate.optional(),
  confirm: Confirm,
});
export const VehicleUpdate = z.strictObject({ id: Id, ...VehicleFields, ownerId: Id.optional(), confirm: Confirm });
export const VehicleSearch = z.strictObject({ q: Text(50), ...Page });

export const VehicleWithOwner = Vehicle.extend({ owner: Customer.nullable() });

export const OwnerPeriod = z.object({ customer: Customer, fromAt: Millis, toAt: Millis.nullable() });

/** One visit of the vehicle's health record (一车一档). */
export const Visit = z.object({
  workOrderId: Id,
  number: z.string(),
  status: z.enum(WORK_ORDER_STATUSES),
  repairDate: z.string(),
  settleDate: z.string().nullable(),
  settlementNo: z.string().nullable(),
  mileageInKm: z.int().nullable(),
  faultDescription: z.string(),
  repairCategory: z.enum(REPAIR_CATEGORIES),
  totalFen: z.int(),
  labour: z.array(z.object({ item: z.string(), hoursTenths: z.int(), amountFen: z.int() })),
  parts: z.array(z.object({ name: z.string(), code: z.string(), quantity: z.int(), amountFen: z.int() })),
});

export const VehicleHistory = z.object({
  vehicle: VehicleWithOwner,
  owners: z.array(OwnerPeriod),
  visits: z.array(Visit),
});
