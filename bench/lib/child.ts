/**
 * What the startup and memory workloads run in a fresh child process (`node --import tsx`), so that
 * nothing is warm but the OS page cache. Prints one JSON line on stdout.
 *
 *   startup-core DIR   createCore on DIR (open, migrate check, shop and owner) + the first API answer
 *   startup-raw DIR    better-sqlite3 alone: open the file, read the shop row
 *   memory DIR         the query workloads' calls, then the process RSS
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { createCore } from '../../electron/core/app.js';
import { DB_FILE } from '../../electron/core/db/open.js';
import { BENCH_NOW } from './core.js';
import {
  initials,
  listQueries,
  partQueries,
  phoneFragments,
  plateFragments,
  vehiclesAsOpened,
  vinTails,
} from './inputs.js';
import { nowMs } from './stats.js';

const [mode, dir = ''] = process.argv.slice(2);

async function main() {
  if (mode === 'startup-raw') {
    const t = nowMs();
    const db = new Database(path.join(dir, DB_FILE));
    db.prepare('SELECT * FROM shop WHERE id = 1').get();
    const ms = nowMs() - t;
    db.close();
    return { ms };
  }
  if (mode === 'startup-core') {
    const t = nowMs();
    const app = await createCore({ dataDir: dir, log: () => {} });
    const opened = nowMs() - t;
    const r = await app.call('shop.get', {});
    const ms = nowMs() - t;
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    app.close();
    return { ms, opened };
  }
  if (mode === 'memory') {
    const app = await createCore({ dataDir: dir, clock: { now: () => BENCH_NOW }, log: () => {} });
    const s = app.core.sqlite;
    const n = Number(process.argv[4] ?? 300);
    const queries = [
      ...plateFragments(s, n),
      ...vinTails(s, n),
      ...phoneFragments(s, n),
      ...initials(s, n),
      ...partQueries(s, n),
    ];
    const call = async (m: string, input: unknown) => {
      const r = await app.call(m, input);
      if (!r.ok) throw new Error(`${m}: ${JSON.stringify(r.error)}`);
    };
    const rssBefore = process.memoryUsage().rss;
    for (const q of queries) await call('search.global', { q, limit: 10 });
    for (const id of vehiclesAsOpened(s, n)) await call('vehicles.history', { id });
    for (const q of listQueries(n))
      await call('workOrders.list', { statuses: q.statuses, limit: 50, offset: q.offset });
    for (let i = 0; i < 20; i++) {
      await call('reports.takings', { from: '2026-11-23', to: '2026-11-23' });
      await call('archive.status', {});
      await call('parts.search', { q: '', lowStockOnly: true, limit: 5 });
      await call('reports.remindersDue', { days: 180, limit: 5 });
    }
    const rss = process.memoryUsage().rss;
    const heap = process.memoryUsage().heapUsed;
    app.close();
    return { rss_mb: rss / 2 ** 20, rss_before_mb: rssBefore / 2 ** 20, heap_mb: heap / 2 ** 20 };
  }
  throw new Error(`unknown mode ${mode}`);
}

main().then(
  (r) => {
    process.stdout.write(`${JSON.stringify(r)}\n`);
    process.exit(0);
  },
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
