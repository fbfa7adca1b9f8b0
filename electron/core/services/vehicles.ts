/**
 * 车辆档案: one vehicle per VIN (一车一档). The VIN's format is an error, its check digit only a
 * warning the clerk confirms (grey imports, old vehicles) — a VIN is never "fixed" or invented.
 * "No plate yet" is an explicit flag, never an empty plate. Owner changes are kept as history.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { ParsedInput } from '../../../shared/api/contract.js';
import { groupBy } from '../../../shared/collections.js';
import type { RepairCategory, WorkOrderStatus } from '../../../shared/domain/enums.js';
import type { Issue } from '../../../shared/domain/issue.js';
import { issue, withPrefix } from '../../../shared/domain/issue.js';
import { checkPlate, defaultPlateColor } from '../../../shared/domain/plate.js';
import { checkVin } from '../../../shared/domain/vin.js';
import { type Ctx, now } from '../context.js';
import { newId } from '../db/ids.js';
import { customers, vehicleOwners, vehicles } from '../db/schema.js';
import { prepared } from '../db/statements.js';
import { fail, notFound, requireConfirmed } from '../errors.js';
import { audit } from './audit.js';
import { type CustomerRow, createCustomer, customerToApi, requireCustomer } from './customers.js';
import { inRankOrder, searchIds } from './search-index.js';

export type VehicleRow = typeof vehicles.$inferSelect;
export const VEHICLE = { zh: '车辆', en: 'vehicle' };

export const findVehicle = (ctx: Ctx, id: string) =>
  ctx.core.db.select().from(vehicles).where(eq(vehicles.id, id)).get();
export const requireVehicle = (ctx: Ctx, id: string, field = 'id'): VehicleRow =>
  findVehicle(ctx, id) ?? notFound(VEHICLE, id, field);

export const withOwner = (ctx: Ctx, v: VehicleRow) => {
  const owner = v.ownerId ? ctx.core.db.select().from(customers).where(eq(customers.id, v.ownerId)).get() : undefined;
  return { ...v, owner: owner ? customerToApi(owner) : null };
};

interface IdentityInput {
  vin?: string | undefined;
  plate?: string | undefined;
  unplated?: boolean | undefined;
  plateColor?: VehicleRow['plateColor'] | undefined;
}

/** Checks VIN and plate; returns the normalised values and every issue (errors and warnings). */
const checkIdentity = (ctx: Ctx, input: IdentityInput, current: VehicleRow | undefined) => {
  const issues: Issue[] = [];
  const out: Partial<Pick<VehicleRow, 'vin' | 'plate' | 'unplated' | 'plateColor' | 'vinCheckConfirmed'>> = {};

  if (input.vin !== undefined && input.vin.trim() !== '') {
    const r = checkVin(input.vin, 'vin');
    issues.push(...r.issues);
    out.vin = r.vin;
    out.vinCheckConfirmed = r.issues.some((i) => i.code === 'vin_check_digit');
    if (!r.issues.some((i) => i.severity === 'error')) {
      const other = ctx.core.db
        .select({ id: vehicles.id, plate: vehicles.plate })
        .from(vehicles)
        .where(eq(vehicles.vin, r.vin))
        .get();
      if (other && other.id !== current?.id)
        fail(
          'duplicate',
          `VIN ${r.vin} 已登记在车辆 ${other.plate ?? ''}（${other.id}）`,
          `VIN ${r.vin} already belongs to vehicle ${other.id}`,
          [
            issue(
              'vin_taken',
              '该VIN已登记，请打开已有车辆',
              'this VIN is already registered; open the existing vehicle',
              'vin',
            ),
          ],
        );
    }
  }

  const unplated = input.unplated ?? current?.unplated ?? false;
  if (input.unplated === true && input.plate && input.plate.trim() !== '') {
    issues.push(
      issue(
        'plate_with_unplated',
        '已选择"暂无牌照"，请清空车牌号',
        '"No plate yet" is selected; leave the plate empty',
        'plate',
      ),
    );
  } else if (input.plate !== undefined && input.plate.trim() !== '') {
    const r = checkPlate(input.plate, 'plate');
    issues.push(...r.issues);
    out.plate = r.plate;
    out.unplated = false;
    if (r.kind && !input.plateColor && !current?.plateColor) out.plateColor = defaultPlateColor(r.kind);
  } else if (input.unplated === true) {
    out.plate = null;
    out.unplated = true;
  }
  if (input.plateColor) out.plateColor = input.plateColor;

  const vin = out.vin ?? current?.vin ?? null;
  const plate = out.plate !== undefined ? out.plate : (current?.plate ?? null);
  if (!vin && !plate) {
    issues.push(
      unplated
        ? issue('vin_required', '暂无牌照的车辆必须填写VIN', 'A vehicle without a plate needs its VIN', 'vin')
        : issue(
            'identity_required',
            '请填写车牌号或VIN（无牌车请勾选"暂无牌照"并填写VIN）',
            'Enter the plate or the VIN (for a vehicle with no plate yet, tick "no plate" and enter the VIN)',
            'plate',
          ),
    );
  }
  return { issues, out };
};

const openOwnership = (ctx: Ctx, vehicleId: string, customerId: string, at: number) => {
  ctx.core.db.insert(vehicleOwners).values({ id: newId(), vehicleId, customerId, fromAt: at, toAt: null }).run();
};

export const createVehicle = (ctx: Ctx, input: ParsedInput<'vehicles.create'>) => {
  const { issues, out } = checkIdentity(ctx, input, undefined);
  if (input.ownerId && input.owner)
    issues.push(
      issue(
        'owner_ambiguous',
        '请选择已有车主或新建车主，不能同时提供',
        'Give either ownerId or a new owner, not both',
        'owner',
      ),
    );
  requireConfirmed(issues, input.confirm);

  const at = now(ctx);
  let ownerId: string | null = null;
  if (input.ownerId) ownerId = requireCustomer(ctx, input.ownerId, 'ownerId').id;
  else if (input.owner) ownerId = createCustomer(ctx, input.owner, 'owner.').id;

  const row: VehicleRow = {
    id: newId(),
    vin: out.vin ?? null,
    vinCheckConfirmed: out.vinCheckConfirmed ?? false,
    plate: out.plate ?? null,
    unplated: out.unplated ?? false,
    plateColor: out.plateColor ?? null,
    brandModel: input.brandModel ?? '',
    engineNo: input.engineNo ?? '',
    vehicleType: input.vehicleType ?? '',
    registrationDate: input.registrationDate ?? null,
    ownerId,
    lastMileageKm: input.lastMileageKm ?? null,
    note: input.note ?? '',
    createdAt: at,
    updatedAt: at,
  };
  ctx.core.db.insert(vehicles).values(row).run();
  if (ownerId) openOwnership(ctx, row.id, ownerId, at);
  audit(ctx, 'vehicle', row.id, null, row);
  return withOwner(ctx, row);
};

export const updateVehicle = (ctx: Ctx, input: ParsedInput<'vehicles.update'>) => {
  const before = requireVehicle(ctx, input.id);
  const { issues, out } = checkIdentity(ctx, input, before);
  if (input.lastMileageKm !== undefined && before.lastMileageKm !== null && input.lastMileageKm < before.lastMileageKm)
    issues.push(
      withPrefix('lastMileageKm', {
        code: 'mileage_rollback',
        message: {
          zh: `里程低于上次记录（${before.lastMileageKm} 公里），请确认`,
          en: `Mileage is lower than the last recorded ${before.lastMileageKm} km; please confirm`,
        },
        severity: 'warning',
      }),
    );
  requireConfirmed(issues, input.confirm);

  const at = now(ctx);
  const { id, confirm: _c, ownerId, vin: _v, plate: _p, unplated: _u, plateColor: _pc, ...rest } = input;
  const set: Partial<VehicleRow> = { ...rest, ...out, updatedAt: at };
  if (ownerId !== undefined && ownerId !== before.ownerId) {
    requireCustomer(ctx, ownerId, 'ownerId');
    set.ownerId = ownerId;
    ctx.core.db
      .update(vehicleOwners)
      .set({ toAt: at })
      .where(and(eq(vehicleOwners.vehicleId, id), isNull(vehicleOwners.toAt)))
      .run();
    openOwnership(ctx, id, ownerId, at);
  }
  ctx.core.db.update(vehicles).set(set).where(eq(vehicles.id, id)).run();
  const after = requireVehicle(ctx, id);
  audit(ctx, 'vehicle', id, before, after);
  return withOwner(ctx, after);
};

export const getVehicle = (ctx: Ctx, id: string) => withOwner(ctx, requireVehicle(ctx, id));

export const searchVehicles = (ctx: Ctx, q: ParsedInput<'vehicles.search'>) => {
  const ids = searchIds(ctx, 'vehicles', q.q, q.limit + q.offset + 1);
  const rows = inRankOrder(ids, ctx.core.db.select().from(vehicles).where(inArray(vehicles.id, ids)).all());
  return { total: rows.length, items: rows.slice(q.offset, q.offset + q.limit).map((v) => withOwner(ctx, v)) };
};

/** Raises the vehicle's last known mileage (never lowers it: a rollback is only ever confirmed, not recorded as truth). */
export const noteMileage = (ctx: Ctx, vehicleId: string, km: number | null | undefined) => {
  if (km === null || km === undefined) return;
  prepared(
    ctx.core.sqlite,
    'UPDATE vehicles SET last_mileage_km = ?, updated_at = ? WHERE id = ? AND (last_mileage_km IS NULL OR last_mileage_km < ?)',
  ).run(km, now(ctx), vehicleId, km);
};

/** A `vehicles` row as SQLite returns it, in drizzle's shape (the API's). */
const vehicleOf = (r: Record<string, unknown>): VehicleRow => ({
  id: r.id as string,
  vin: r.vin as string | null,
  vinCheckConfirmed: r.vin_check_confirmed === 1,
  plate: r.plate as string | null,
  unplated: r.unplated === 1,
  plateColor: r.plate_color as VehicleRow['plateColor'],
  brandModel: r.brand_model as string,
  engineNo: r.engine_no as string,
  vehicleType: r.vehicle_type as string,
  registrationDate: r.registration_date as string | null,
  ownerId: r.owner_id as string | null,
  lastMileageKm: r.last_mileage_km as number | null,
  note: r.note as string,
  createdAt: r.created_at as number,
  updatedAt: r.updated_at as number,
});

/** A `customers` row as SQLite returns it, straight to the API's shape. */
const customerOf = (r: Record<string, unknown>) =>
  customerToApi({
    id: r.id as string,
    kind: r.kind as CustomerRow['kind'],
    name: r.name as string,
    phone: r.phone as string,
    initials: r.initials as string,
    pinyin: r.pinyin as string,
    creditCode: r.credit_code as string,
    address: r.address as string,
    note: r.note as string,
    mergedInto: r.merged_into as string | null,
    createdAt: r.created_at as number,
    updatedAt: r.updated_at as number,
  });

/** Groups rows by their work order, keeping their order. */
const byOrder = <T extends { work_order_id: string }>(rows: T[]) => groupBy(rows, (r) => r.work_order_id);

/**
 * 维修档案: every visit with its lines, in six prepared statements whatever the number of visits
 * (lines are fetched by a join on the vehicle, not an id list). Plain SQL with the rows mapped by hand:
 * this is the screen opened for every car at the desk, and drizzle's per-call preparing and mapping
 * cost twice the queries themselves (docs/performance.md).
 */
export const vehicleHistory = (ctx: Ctx, id: string) => {
  const s = ctx.core.sqlite;
  const row = prepared(s, 'SELECT * FROM vehicles WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  if (!row) return notFound(VEHICLE, id, 'id');
  const v = vehicleOf(row);
  const owner = v.ownerId
    ? (prepared(s, 'SELECT * FROM customers WHERE id = ?').get(v.ownerId) as Record<string, unknown> | undefined)
    : undefined;
  const owners = (
    prepared(
      s,
      `SELECT o.from_at AS owner_from_at, o.to_at AS owner_to_at, c.* FROM vehicle_owners o
         JOIN customers c ON c.id = o.customer_id WHERE o.vehicle_id = ? ORDER BY o.from_at`,
    ).all(id) as Record<string, unknown>[]
  ).map((r) => ({ customer: customerOf(r), fromAt: r.owner_from_at as number, toAt: r.owner_to_at as number | null }));
  const orders = prepared(
    s,
    `SELECT id, number, status, repair_date, settle_date, settlement_no, mileage_in_km, fault_description,
            repair_category, total_fen
       FROM work_orders WHERE vehicle_id = ? AND status <> 'voided' ORDER BY repair_date DESC, created_at DESC`,
  ).all(id) as {
    id: string;
    number: string;
    status: WorkOrderStatus;
    repair_date: string;
    settle_date: string | null;
    settlement_no: string | null;
    mileage_in_km: number | null;
    fault_description: string;
    repair_category: RepairCategory;
    total_fen: number;
  }[];
  const labour = byOrder(
    prepared(
      s,
      `SELECT l.work_order_id, l.item, l.hours_tenths, l.amount_fen FROM work_orders w
         JOIN labour_lines l ON l.work_order_id = w.id WHERE w.vehicle_id = ? ORDER BY l.work_order_id, l.seq`,
    ).all(id) as { work_order_id: string; item: string; hours_tenths: number; amount_fen: number }[],
  );
  const parts = byOrder(
    prepared(
      s,
      `SELECT p.work_order_id, p.name, p.code, p.quantity, p.amount_fen FROM work_orders w
         JOIN part_lines p ON p.work_order_id = w.id WHERE w.vehicle_id = ? ORDER BY p.work_order_id, p.seq`,
    ).all(id) as { work_order_id: string; name: string; code: string; quantity: number; amount_fen: number }[],
  );
  const visits = orders.map((o) => ({
    workOrderId: o.id,
    number: o.number,
    status: o.status,
    repairDate: o.repair_date,
    settleDate: o.settle_date,
    settlementNo: o.settlement_no,
    mileageInKm: o.mileage_in_km,
    faultDescription: o.fault_description,
    repairCategory: o.repair_category,
    totalFen: o.total_fen,
    labour: (labour.get(o.id) ?? []).map((l) => ({
      item: l.item,
      hoursTenths: l.hours_tenths,
      amountFen: l.amount_fen,
    })),
    parts: (parts.get(o.id) ?? []).map((p) => ({
      name: p.name,
      code: p.code,
      quantity: p.quantity,
      amountFen: p.amount_fen,
    })),
  }));
  return { vehicle: { ...v, owner: owner ? customerOf(owner) : null }, owners, visits };
};
