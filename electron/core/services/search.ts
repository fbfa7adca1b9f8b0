/**
 * 全局搜索: one box that finds plates, VIN tails, phones, names by pinyin initials, part codes and
 * work-order or settlement numbers. Each kind answers from its own index; results are grouped by kind.
 */
import type { ParsedInput } from '../../../shared/api/contract.js';
import type { Ctx } from '../context.js';
import { prepared } from '../db/statements.js';
import { inRankOrder, normaliseQuery, placeholders, searchIds } from './search-index.js';

interface Hit {
  kind: 'vehicle' | 'customer' | 'workOrder' | 'part';
  id: string;
  title: string;
  subtitle: string;
  vehicleId: string | null;
}

const MAX_CODE_POINT = String.fromCodePoint(0x10ffff);

export function globalSearch(ctx: Ctx, input: ParsedInput<'search.global'>): { hits: Hit[] } {
  const q = normaliseQuery(input.q);
  if (!q) return { hits: [] };
  const s = ctx.core.sqlite;
  const n = input.limit;
  const hits: Hit[] = [];

  // Document numbers (WO20261124-0001, JS20261124-0001) by prefix.
  if (/^[A-Za-z]{1,6}\d/.test(q)) {
    const p = q.toUpperCase();
    const rows = prepared(
      s,
      `SELECT w.id, w.number, w.settlement_no, w.vehicle_id, v.plate FROM work_orders w JOIN vehicles v ON v.id = w.vehicle_id
         WHERE (w.number >= @p AND w.number < @hi) OR (w.settlement_no >= @p AND w.settlement_no < @hi)
         ORDER BY w.created_at DESC LIMIT @n`,
    ).all({ p, hi: p + MAX_CODE_POINT, n }) as {
      id: string;
      number: string;
      settlement_no: string | null;
      vehicle_id: string;
      plate: string | null;
    }[];
    for (const r of rows)
      hits.push({
        kind: 'workOrder',
        id: r.id,
        title: r.number,
        subtitle: [r.settlement_no, r.plate].filter(Boolean).join(' · '),
        vehicleId: r.vehicle_id,
      });
  }

  const vIds = searchIds(ctx, 'vehicles', q, n);
  if (vIds.length) {
    const rows = prepared(
      s,
      `SELECT v.id, v.plate, v.vin, v.brand_model, c.name AS owner FROM vehicles v LEFT JOIN customers c ON c.id = v.owner_id
         WHERE v.id IN (${placeholders(vIds)})`,
    ).all(...vIds) as {
      id: string;
      plate: string | null;
      vin: string | null;
      brand_model: string;
      owner: string | null;
    }[];
    for (const r of inRankOrder(vIds, rows))
      hits.push({
        kind: 'vehicle',
        id: r.id,
        title: r.plate ?? '暂无牌照',
        subtitle: [r.vin, r.brand_model, r.owner].filter(Boolean).join(' · '),
        vehicleId: r.id,
      });
  }

  const cIds = searchIds(ctx, 'customers', q, n);
  if (cIds.length) {
    const rows = prepared(
      s,
      `SELECT id, name, phone, merged_into FROM customers WHERE id IN (${placeholders(cIds)})`,
    ).all(...cIds) as { id: string; name: string; phone: string; merged_into: string | null }[];
    for (const r of inRankOrder(cIds, rows))
      if (!r.merged_into) hits.push({ kind: 'customer', id: r.id, title: r.name, subtitle: r.phone, vehicleId: null });
  }

  const pIds = searchIds(ctx, 'parts', q, n);
  if (pIds.length) {
    const rows = prepared(s, `SELECT id, code, name, brand FROM parts WHERE id IN (${placeholders(pIds)})`).all(
      ...pIds,
    ) as {
      id: string;
      code: string;
      name: string;
      brand: string;
    }[];
    for (const r of inRankOrder(pIds, rows))
      hits.push({
        kind: 'part',
        id: r.id,
        title: r.name,
        subtitle: [r.code, r.brand].filter(Boolean).join(' · '),
        vehicleId: null,
      });
  }
  return { hits };
}
