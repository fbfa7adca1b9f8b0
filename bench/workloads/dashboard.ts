/**
 * dashboard — what the dashboard screen asks for when it opens (renderer/screens/dashboard): today's
 * takings, the open orders per status (received, in repair, awaiting settlement), the upload queue
 * (`archive.status`) and the low-stock list, one call after another, against hand-written SQL for the
 * same figures. The screen's other two cards — today's orders and the service reminders — are timed
 * as well and reported in the note and the extra fields.
 */
import type { Sqlite } from '../../electron/core/db/open.js';
import { BENCH_NOW, openCore } from '../lib/core.js';
import { latencyRow } from '../lib/result.js';
import { nowMs, percentile, round, sideBySide } from '../lib/stats.js';
import type { Workload } from '../lib/types.js';
import { dayOf } from '../seed/timeline.js';

const OPEN = ['received', 'in_progress', 'completed'] as const;

function handWritten(s: Sqlite, today: string) {
  const takings = s.prepare(
    `SELECT payment_method, count(*) AS orders, sum(total_fen) AS total FROM work_orders
      WHERE status = 'settled' AND settle_date = ? GROUP BY payment_method`,
  );
  const open = s.prepare(
    `SELECT status, count(*) AS n FROM work_orders WHERE status IN ('received', 'in_progress', 'completed') GROUP BY status`,
  );
  const queue = s.prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state');
  const oldest = s.prepare(`SELECT min(created_at) AS t FROM outbox WHERE state IN ('pending', 'sending')`);
  const lowCount = s.prepare('SELECT count(*) AS n FROM parts WHERE active = 1 AND on_hand < min_stock');
  const low = s.prepare(
    'SELECT id, code, name, on_hand, min_stock FROM parts WHERE active = 1 AND on_hand < min_stock ORDER BY code LIMIT 5',
  );
  return () => ({
    takings: (takings.all(today) as { total: number }[]).reduce((a, r) => a + r.total, 0),
    open: open.all(),
    queue: queue.all(),
    oldest: oldest.get(),
    lowStock: (lowCount.get() as { n: number }).n,
    low: low.all(),
  });
}

export const workload: Workload = {
  name: 'dashboard',
  needsDataset: true,
  async run(ctx) {
    const core = await openCore(ctx.datasetDir);
    try {
      const today = dayOf(BENCH_NOW);
      const baseline = handWritten(core.app.core.sqlite, today);
      const product = async () => {
        const takings = await core.ok('reports.takings', { from: today, to: today });
        const open = [];
        for (const status of OPEN) open.push((await core.ok('workOrders.list', { status, limit: 1 })).total);
        const queue = await core.ok('archive.status', {});
        const low = await core.ok('parts.search', { q: '', lowStockOnly: true, limit: 5 });
        return { takings: takings.totals.totalFen, open, queue: queue.counts, lowStock: low.total };
      };
      // The figures must agree before anything is timed.
      const p = await product();
      const b = baseline();
      if (
        p.takings !== b.takings ||
        p.lowStock !== b.lowStock ||
        p.queue.accepted !== (b.queue as { state: string; n: number }[]).find((r) => r.state === 'accepted')?.n
      )
        throw new Error(`dashboard: product ${JSON.stringify(p)} and baseline ${JSON.stringify(b)} disagree`);
      const n = ctx.scale === 'quick' ? 100 : 200;
      const r = await sideBySide(n, product, baseline, 10);
      // The other two cards, timed on their own.
      const others: Record<string, number[]> = { todayOrders: [], reminders: [] };
      for (let i = 0; i < Math.min(n, 50); i++) {
        let t = nowMs();
        await core.ok('workOrders.list', { from: today, to: today, limit: 6 });
        others.todayOrders?.push(nowMs() - t);
        t = nowMs();
        await core.ok('reports.remindersDue', { days: 180, limit: 5 });
        others.reminders?.push(nowMs() - t);
      }
      const todayP95 = round(percentile(others.todayOrders as number[], 95));
      const remindersP95 = round(percentile(others.reminders as number[], 95));
      const row = latencyRow(
        'dashboard',
        r,
        { p95: 50 },
        `takings + 3 status counts + archive.status + low stock, in sequence; the other cards: today's orders p95 ${todayP95} ms, service reminders p95 ${remindersP95} ms`,
        { today_orders_p95: todayP95, reminders_p95: remindersP95 },
      );
      ctx.log(
        `  dashboard: p95 ${row.p95} ms, baseline ${row.baseline_p95} ms; today's orders ${todayP95} ms, reminders ${remindersP95} ms`,
      );
      return [row];
    } finally {
      core.close();
    }
  },
};
