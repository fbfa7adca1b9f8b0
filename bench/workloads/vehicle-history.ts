/**
 * vehicle.history — opening one vehicle's whole health record (一车一档: every visit with its labour
 * and parts) through `vehicles.history`, against hand-written SQL: one prepared statement per part of
 * the answer (vehicle + owner, owner history, visits, labour, parts), lines fetched by a join on the
 * vehicle rather than an id list. Vehicles are picked through their orders, so the regulars with
 * dozens of visits are opened as often as they come in.
 */
import type { Sqlite } from '../../electron/core/db/open.js';
import { openCore } from '../lib/core.js';
import { vehiclesAsOpened } from '../lib/inputs.js';
import { assertSame, latencyRow } from '../lib/result.js';
import { sideBySide } from '../lib/stats.js';
import type { Workload } from '../lib/types.js';

type Row = Record<string, unknown>;

const customerOut = (c: Row) => ({
  id: c.id,
  kind: c.kind,
  name: c.name,
  phone: c.phone,
  initials: c.initials,
  creditCode: c.credit_code,
  address: c.address,
  note: c.note,
  mergedInto: c.merged_into,
  createdAt: c.created_at,
  updatedAt: c.updated_at,
});

function handWritten(s: Sqlite) {
  const vehicle = s.prepare('SELECT * FROM vehicles WHERE id = ?');
  const customer = s.prepare('SELECT * FROM customers WHERE id = ?');
  const owners = s.prepare(
    'SELECT o.from_at, o.to_at, c.* FROM vehicle_owners o JOIN customers c ON c.id = o.customer_id WHERE o.vehicle_id = ? ORDER BY o.from_at',
  );
  const visits = s.prepare(
    `SELECT id, number, status, repair_date, settle_date, settlement_no, mileage_in_km, fault_description, repair_category, total_fen
       FROM work_orders WHERE vehicle_id = ? AND status <> 'voided' ORDER BY repair_date DESC, created_at DESC`,
  );
  const labour = s.prepare(
    `SELECT l.work_order_id, l.item, l.hours_tenths, l.amount_fen FROM work_orders w JOIN labour_lines l ON l.work_order_id = w.id
      WHERE w.vehicle_id = ? ORDER BY l.work_order_id, l.seq`,
  );
  const parts = s.prepare(
    `SELECT p.work_order_id, p.name, p.code, p.quantity, p.amount_fen FROM work_orders w JOIN part_lines p ON p.work_order_id = w.id
      WHERE w.vehicle_id = ? ORDER BY p.work_order_id, p.seq`,
  );
  const byOrder = <T extends { work_order_id: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) {
      const list = m.get(r.work_order_id);
      if (list) list.push(r);
      else m.set(r.work_order_id, [r]);
    }
    return m;
  };
  return (id: string) => {
    const v = vehicle.get(id) as Row;
    const owner = v.owner_id ? (customer.get(v.owner_id) as Row | undefined) : undefined;
    const ls = byOrder(
      labour.all(id) as { work_order_id: string; item: string; hours_tenths: number; amount_fen: number }[],
    );
    const ps = byOrder(
      parts.all(id) as { work_order_id: string; name: string; code: string; quantity: number; amount_fen: number }[],
    );
    return {
      vehicle: {
        id: v.id,
        vin: v.vin,
        vinCheckConfirmed: v.vin_check_confirmed === 1,
        plate: v.plate,
        unplated: v.unplated === 1,
        plateColor: v.plate_color,
        brandModel: v.brand_model,
        engineNo: v.engine_no,
        vehicleType: v.vehicle_type,
        registrationDate: v.registration_date,
        ownerId: v.owner_id,
        lastMileageKm: v.last_mileage_km,
        note: v.note,
        createdAt: v.created_at,
        updatedAt: v.updated_at,
        owner: owner ? customerOut(owner) : null,
      },
      owners: (owners.all(id) as Row[]).map((o) => ({ customer: customerOut(o), fromAt: o.from_at, toAt: o.to_at })),
      visits: (visits.all(id) as Row[]).map((o) => ({
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
        labour: (ls.get(o.id as string) ?? []).map((l) => ({
          item: l.item,
          hoursTenths: l.hours_tenths,
          amountFen: l.amount_fen,
        })),
        parts: (ps.get(o.id as string) ?? []).map((p) => ({
          name: p.name,
          code: p.code,
          quantity: p.quantity,
          amountFen: p.amount_fen,
        })),
      })),
    };
  };
}

export const workload: Workload = {
  name: 'vehicle-history',
  needsDataset: true,
  async run(ctx) {
    const core = await openCore(ctx.datasetDir);
    try {
      const s = core.app.core.sqlite;
      const baseline = handWritten(s);
      const ids = vehiclesAsOpened(s, ctx.scale === 'quick' ? 300 : 1000);
      for (const id of ids)
        assertSame(`vehicle.history ${id}`, await core.ok('vehicles.history', { id }), baseline(id));
      const r = await sideBySide(
        ids.length,
        (i) => core.ok('vehicles.history', { id: ids[i] as string }),
        (i) => baseline(ids[i] as string),
      );
      const visits = ids.map(
        (id) => (s.prepare('SELECT count(*) AS n FROM work_orders WHERE vehicle_id = ?').get(id) as { n: number }).n,
      );
      const row = latencyRow(
        'vehicle.history',
        r,
        { p95: 5, ratio: 1.5 },
        'vehicles.history; CPU-bound, grows with the visits of the vehicle opened, not with the shop',
        {
          visits_max: Math.max(...visits),
          visits_mean: Math.round((visits.reduce((a, b) => a + b, 0) / visits.length) * 10) / 10,
        },
      );
      ctx.log(`  vehicle.history: p95 ${row.p95} ms, baseline ${row.baseline_p95} ms (up to ${row.visits_max} visits)`);
      return [row];
    } finally {
      core.close();
    }
  },
};
