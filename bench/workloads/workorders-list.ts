/**
 * workorders.list — the work-order list screen: a status tab, newest first, a page of 50, with the
 * tab's total for the pager, through `workOrders.list` against hand-written SQL (below).
 */
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../../electron/core/db/open.js';
import { openCore } from '../lib/core.js';
import { type ListQuery, listQueries } from '../lib/inputs.js';
import { assertSame, latencyRow } from '../lib/result.js';
import { sideBySide } from '../lib/stats.js';
import type { Workload } from '../lib/types.js';

const PAGE = 50;

/**
 * The best hand-written version: the tab's total from the same trigger-kept tally the product reads
 * (state_counts), the page's ids from the (status, created_at) index, then their rows with the joins.
 */
function handWritten(s: Sqlite) {
  const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
  const counts = s.prepare(`SELECT state, n FROM state_counts WHERE entity = 'work_orders'`);
  const cache = new Map<number, { ids: Statement; rows: Statement }>();
  const stmts = (n: number) => {
    let st = cache.get(n);
    if (!st) {
      st = {
        ids: s.prepare(
          `SELECT id FROM work_orders WHERE status IN (${marks(n)}) ORDER BY created_at DESC LIMIT ? OFFSET ?`,
        ),
        rows: s.prepare(
          `SELECT w.id, w.number, w.status, w.repair_date AS repairDate, w.repair_category AS repairCategory, v.plate, v.vin,
                  c.name AS customerName, w.fault_description AS faultDescription, w.total_fen AS totalFen,
                  w.settlement_no AS settlementNo, w.promised_at AS promisedAt, w.created_at AS createdAt
             FROM work_orders w JOIN vehicles v ON v.id = w.vehicle_id JOIN customers c ON c.id = w.customer_id
            WHERE w.id IN (${marks(PAGE)})`,
        ),
      };
      cache.set(n, st);
    }
    return st;
  };
  return (q: ListQuery) => {
    const st = stmts(q.statuses.length);
    let total = 0;
    for (const r of counts.all() as { state: ListQuery['statuses'][number]; n: number }[])
      if (q.statuses.includes(r.state)) total += r.n;
    const ids = (st.ids.all(...q.statuses, PAGE, q.offset) as { id: string }[]).map((r) => r.id);
    // Padded to a full page of placeholders so one statement serves every page.
    const found = st.rows.all(...ids, ...Array.from({ length: PAGE - ids.length }, () => null)) as { id: string }[];
    const byId = new Map(found.map((r) => [r.id, r]));
    return { total, items: ids.map((id) => byId.get(id)) };
  };
}

export const workload: Workload = {
  name: 'workorders-list',
  needsDataset: true,
  async run(ctx) {
    const core = await openCore(ctx.datasetDir);
    try {
      const baseline = handWritten(core.app.core.sqlite);
      const qs = listQueries(ctx.scale === 'quick' ? 300 : 1000);
      const call = (q: ListQuery) =>
        core.ok('workOrders.list', { statuses: q.statuses, sort: 'created_desc', limit: PAGE, offset: q.offset });
      for (const q of qs.slice(0, 100)) assertSame(`workOrders.list ${JSON.stringify(q)}`, await call(q), baseline(q));
      const r = await sideBySide(
        qs.length,
        (i) => call(qs[i] as ListQuery),
        (i) => baseline(qs[i] as ListQuery),
      );
      const row = latencyRow(
        'workorders.list',
        r,
        { p95: 5, ratio: 1.5 },
        'workOrders.list: a status tab (open tabs, 已结算 pages 1…200), newest first, 50 a page, with the total; CPU-bound',
      );
      ctx.log(`  workorders.list: p95 ${row.p95} ms, baseline ${row.baseline_p95} ms`);
      return [row];
    } finally {
      core.close();
    }
  },
};
