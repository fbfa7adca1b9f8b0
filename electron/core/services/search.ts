/**
 * 全局搜索: one box that finds plates, VIN tails, phones, names by pinyin initials, part codes and
 * work-order or settlement numbers. Each kind answers from its own index; results are grouped by kind.
 */
import type { ParsedInput } from '../../../shared/api/contract.js';
import type { Ctx } from '../context.js';
import { prepared } from '../db/statements.js';
import { normaliseQuery, searchRows } from './search-index.js';

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

  // Each kind in one statement: the index lookup with the display columns joined in.
  const vs = searchRows<{
    id: string;
    plate: string | null;
    vin: string | null;
    brand_model: string;
    owner: string | null;
  }>(
    ctx,
    'vehicles',
    q,
    n,
    't.id, t.plate, t.vin, t.brand_model, c.name AS owner',
    'LEFT JOIN customers c ON c.id = t.owner_id',
  );
  for (const r of vs)
    hits.push({
      kind: 'vehicle',
      id: r.id,
      title: r.plate ?? '暂无牌照',
      subtitle: [r.vin, r.brand_model, r.owner].filter(Boolean).join(' · '),
      vehicleId: r.id,
    });

  const cs = searchRows<{ id: string; name: string; phone: string; merged_into: string | null }>(
    ctx,
    'customers',
    q,
    n,
    't.id, t.name, t.phone, t.merged_into',
  );
  for (const r of cs)
    if (!r.merged_into) hits.push({ kind: 'customer', id: r.id, title: r.name, subtitle: r.phone, vehicleId: null });

  const ps = searchRows<{ id: string; code: string; name: string; brand: string }>(
    ctx,
    'parts',
    q,
    n,
    't.id, t.code, t.name, t.brand',
  );
  for (const r of ps)
    hits.push({
      kind: 'part',
      id: r.id,
      title: r.name,
      subtitle: [r.code, r.brand].filter(Boolean).join(' · '),
      vehicleId: null,
    });
  return { hits };
}
