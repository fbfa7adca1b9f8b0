/**
 * 报表 — what the shop earned, on what, by whom, with which parts; and which vehicles are due back.
 * Read-only SQL over the settled orders (aggregates in SQLite, one pass per report).
 *
 * Which orders count: status 'settled' only, by their shop-local settle_date.
 * Reversed (冲红) orders are EXCLUDED, not netted out: a reversal undoes the whole settlement (its
 * stock comes back at the value it left with, its archive record is withdrawn), and the shop re-bills
 * with a new order if the job stands. Excluding keeps every figure equal to the sum of the settlement
 * sheets that are still valid. The consequence: reversing an old order changes that old period's
 * report (the reversal is not posted as a negative on its own day). Voided orders were never settled.
 */
/*
 * Every period query below writes `+status = 'settled'`: the unary plus keeps SQLite from choosing the
 * status index, which its statistics rate as selective (six statuses) although nearly every order of a
 * ten-year shop is settled; the settle_date index finds a day's orders instead of walking 300,000.
 */
import type { MethodOutput, ParsedInput } from '../../../shared/api/contract.js';
import { PAYMENT_METHODS, type PaymentMethod, type RepairCategory } from '../../../shared/domain/enums.js';
import { type Ctx, today } from '../context.js';
import { prepared } from '../db/statements.js';

type ByPayment = Record<PaymentMethod, number>;
const noPayments = (): ByPayment => Object.fromEntries(PAYMENT_METHODS.map((m) => [m, 0])) as ByPayment;

/** 营业额 by settle day or month, split by payment method. Only periods with takings appear. */
export function takingsReport(ctx: Ctx, q: ParsedInput<'reports.takings'>): MethodOutput<'reports.takings'> {
  const period = q.groupBy === 'month' ? 'substr(settle_date, 1, 7)' : 'settle_date';
  const rows = prepared(
    ctx.core.sqlite,
    `SELECT ${period} AS period, payment_method AS method, count(*) AS orders, coalesce(sum(total_fen), 0) AS total
       FROM work_orders
      WHERE +status = 'settled' AND settle_date BETWEEN ? AND ?
      GROUP BY 1, 2 ORDER BY 1, 2`,
  ).all(q.from, q.to) as { period: string; method: PaymentMethod | null; orders: number; total: number }[];

  const byPeriod = new Map<string, { period: string; orders: number; totalFen: number; byPayment: ByPayment }>();
  const totals = { orders: 0, totalFen: 0, byPayment: noPayments() };
  for (const r of rows) {
    let p = byPeriod.get(r.period);
    if (!p) {
      p = { period: r.period, orders: 0, totalFen: 0, byPayment: noPayments() };
      byPeriod.set(r.period, p);
    }
    p.orders += r.orders;
    p.totalFen += r.total;
    totals.orders += r.orders;
    totals.totalFen += r.total;
    // Settle always records a method; an order without one would still count in the total.
    if (r.method && r.method in p.byPayment) {
      p.byPayment[r.method] += r.total;
      totals.byPayment[r.method] += r.total;
    }
  }
  return { rows: [...byPeriod.values()], totals };
}

/** 维修类别: orders and money per repair category, largest takings first. */
export function categoriesReport(ctx: Ctx, q: ParsedInput<'reports.categories'>): MethodOutput<'reports.categories'> {
  const rows = prepared(
    ctx.core.sqlite,
    `SELECT repair_category AS category, count(*) AS orders,
            coalesce(sum(total_fen), 0) AS totalFen, coalesce(sum(labour_total_fen), 0) AS labourFen,
            coalesce(sum(parts_total_fen), 0) AS partsFen, coalesce(sum(other_fee_fen), 0) AS otherFeeFen,
            coalesce(sum(discount_fen), 0) AS discountFen
       FROM work_orders
      WHERE +status = 'settled' AND settle_date BETWEEN ? AND ?
      GROUP BY repair_category ORDER BY totalFen DESC, repair_category`,
  ).all(q.from, q.to) as {
    category: RepairCategory;
    orders: number;
    totalFen: number;
    labourFen: number;
    partsFen: number;
    otherFeeFen: number;
    discountFen: number;
  }[];
  const totals = { orders: 0, totalFen: 0, labourFen: 0, partsFen: 0, otherFeeFen: 0, discountFen: 0 };
  for (const r of rows) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += r[k];
  return { rows: rows.map((r) => ({ ...r })), totals };
}

/**
 * 技师工时: labour hours and labour amounts per technician. A line counts for the technician named on
 * it; a line without one counts for the order's technician when exactly one is assigned to the order
 * (shops often assign at the order, not per line); anything else is reported as unassigned (null).
 * Amounts are the labour lines' own, before the order's discount.
 */
export function technicianHoursReport(
  ctx: Ctx,
  q: ParsedInput<'reports.technicianHours'>,
): MethodOutput<'reports.technicianHours'> {
  const rows = prepared(
    ctx.core.sqlite,
    `WITH settled AS (
        SELECT id FROM work_orders WHERE +status = 'settled' AND settle_date BETWEEN ? AND ?
      ), sole AS (
        SELECT work_order_id, min(user_id) AS user_id FROM work_order_technicians
         WHERE work_order_id IN (SELECT id FROM settled)
         GROUP BY work_order_id HAVING count(*) = 1
      ), lines AS (
        SELECT l.work_order_id, coalesce(l.technician_id, sole.user_id) AS tech, l.hours_tenths, l.amount_fen
          FROM labour_lines l JOIN settled s ON s.id = l.work_order_id
          LEFT JOIN sole ON sole.work_order_id = l.work_order_id
      )
      SELECT lines.tech AS technicianId, coalesce(u.name, '') AS name,
             count(DISTINCT lines.work_order_id) AS orders,
             sum(lines.hours_tenths) AS hoursTenths, sum(lines.amount_fen) AS labourFen
        FROM lines LEFT JOIN users u ON u.id = lines.tech
       GROUP BY lines.tech
       ORDER BY lines.tech IS NULL, hoursTenths DESC, name`,
  ).all(q.from, q.to) as {
    technicianId: string | null;
    name: string;
    orders: number;
    hoursTenths: number;
    labourFen: number;
  }[];
  const orders = (
    prepared(
      ctx.core.sqlite,
      `SELECT count(DISTINCT l.work_order_id) AS n FROM labour_lines l JOIN work_orders w ON w.id = l.work_order_id
        WHERE +w.status = 'settled' AND w.settle_date BETWEEN ? AND ?`,
    ).get(q.from, q.to) as { n: number }
  ).n;
  return {
    rows: rows.map((r) => ({ ...r })),
    totals: {
      orders,
      hoursTenths: rows.reduce((s, r) => s + r.hoursTenths, 0),
      labourFen: rows.reduce((s, r) => s + r.labourFen, 0),
    },
  };
}

/**
 * 配件用量与毛利: per stock part, what went out on settled orders, what it was sold for (the part
 * lines' amounts, before the order's discount) and what it cost (the value of the issue movements,
 * at the moving-average cost when it left). Customer-supplied lines are never issued and charge 0, so
 * they do not appear; lines for parts not kept in stock are summed separately (no cost is known).
 */
export function partsUsageReport(ctx: Ctx, q: ParsedInput<'reports.partsUsage'>): MethodOutput<'reports.partsUsage'> {
  const s = ctx.core.sqlite;
  const issued = prepared(
    s,
    `SELECT m.part_id AS partId, p.code, p.name, p.unit,
            -sum(m.quantity) AS quantity, -sum(m.value_fen) AS costFen
       FROM stock_movements m
       JOIN work_orders w ON w.id = m.work_order_id
       JOIN parts p ON p.id = m.part_id
      WHERE m.kind = 'issue' AND +w.status = 'settled' AND w.settle_date BETWEEN ? AND ?
      GROUP BY m.part_id`,
  ).all(q.from, q.to) as {
    partId: string;
    code: string;
    name: string;
    unit: string;
    quantity: number;
    costFen: number;
  }[];
  const sold = prepared(
    s,
    `SELECT l.part_id AS partId, sum(l.amount_fen) AS revenueFen
       FROM part_lines l JOIN work_orders w ON w.id = l.work_order_id
      WHERE l.part_id IS NOT NULL AND l.customer_supplied = 0
        AND +w.status = 'settled' AND w.settle_date BETWEEN ? AND ?
      GROUP BY l.part_id`,
  ).all(q.from, q.to) as { partId: string; revenueFen: number }[];
  const nonStock = prepared(
    s,
    `SELECT coalesce(sum(l.amount_fen), 0) AS n
       FROM part_lines l JOIN work_orders w ON w.id = l.work_order_id
      WHERE l.part_id IS NULL AND +w.status = 'settled' AND w.settle_date BETWEEN ? AND ?`,
  ).get(q.from, q.to) as { n: number };

  const revenue = new Map(sold.map((r) => [r.partId, r.revenueFen]));
  const rows = issued
    .map((r) => {
      const revenueFen = revenue.get(r.partId) ?? 0;
      return { ...r, revenueFen, marginFen: revenueFen - r.costFen };
    })
    .sort((a, b) => b.revenueFen - a.revenueFen || a.code.localeCompare(b.code))
    .map((r) => ({
      partId: r.partId,
      code: r.code,
      name: r.name,
      unit: r.unit,
      quantity: r.quantity,
      revenueFen: r.revenueFen,
      costFen: r.costFen,
      marginFen: r.marginFen,
    }));
  const revenueFen = rows.reduce((sum, r) => sum + r.revenueFen, 0);
  const costFen = rows.reduce((sum, r) => sum + r.costFen, 0);
  return { rows, totals: { revenueFen, costFen, marginFen: revenueFen - costFen }, nonStockRevenueFen: nonStock.n };
}

/** 'YYYY-MM-DD' minus n days, in calendar arithmetic (no zone can shift a UTC-noon instant a day). */
const minusDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * 保养提醒: vehicles whose last settled visit is more than `days` days ago. A vehicle with an order
 * still open (接车, 维修中, 完工待结算) is in the shop already and is left out. The most recently due
 * come first: they are the ones a call brings back; the long-lost ones sink to the end.
 */
export function remindersDue(ctx: Ctx, q: ParsedInput<'reports.remindersDue'>): MethodOutput<'reports.remindersDue'> {
  const s = ctx.core.sqlite;
  const day = today(ctx);
  const cutoff = minusDays(day, q.days);
  // Each vehicle's last visit is kept by triggers (vehicle_last_visits, migration 0003): walking its
  // date index from the cutoff down touches only the rows shown, where grouping every settled order
  // of ten years took over a second.
  const open = `EXISTS (SELECT 1 FROM work_orders o WHERE o.vehicle_id = last.vehicle_id
                  AND o.status IN ('received', 'in_progress', 'completed'))`;
  // The total: every vehicle past the cutoff, less those in the shop right now (few: open orders only).
  const total = (
    prepared(
      s,
      `SELECT (SELECT count(*) FROM vehicle_last_visits WHERE last_settle_date < @cutoff)
            - (SELECT count(DISTINCT o.vehicle_id) FROM work_orders o
                 JOIN vehicle_last_visits l ON l.vehicle_id = o.vehicle_id
                WHERE o.status IN ('received', 'in_progress', 'completed') AND l.last_settle_date < @cutoff) AS n`,
    ).get({ cutoff }) as { n: number }
  ).n;
  const rows = prepared(
    s,
    `SELECT v.id AS vehicleId, v.plate, v.vin, v.brand_model AS brandModel, v.owner_id AS ownerId,
            coalesce(c.name, '') AS ownerName, coalesce(c.phone, '') AS ownerPhone, last.last_settle_date AS lastVisitDate,
            coalesce(v.last_mileage_km, (
              SELECT coalesce(w.mileage_out_km, w.mileage_in_km) FROM work_orders w
               WHERE w.vehicle_id = v.id AND +w.status = 'settled' ORDER BY w.settled_at DESC LIMIT 1
            )) AS lastMileageKm
       FROM vehicle_last_visits last JOIN vehicles v ON v.id = last.vehicle_id
       LEFT JOIN customers c ON c.id = v.owner_id
      WHERE last.last_settle_date < ? AND NOT ${open}
      ORDER BY last.last_settle_date DESC, v.plate, v.id LIMIT ? OFFSET ?`,
  ).all(cutoff, q.limit, q.offset) as {
    vehicleId: string;
    plate: string | null;
    vin: string | null;
    brandModel: string;
    ownerId: string | null;
    ownerName: string;
    ownerPhone: string;
    lastVisitDate: string;
    lastMileageKm: number | null;
  }[];
  return {
    total,
    items: rows.map((r) => ({
      vehicleId: r.vehicleId,
      plate: r.plate,
      vin: r.vin,
      brandModel: r.brandModel,
      ownerId: r.ownerId,
      ownerName: r.ownerName,
      ownerPhone: r.ownerPhone,
      lastVisitDate: r.lastVisitDate,
      lastMileageKm: r.lastMileageKm,
      daysSince: daysBetween(r.lastVisitDate, day),
    })),
  };
}
