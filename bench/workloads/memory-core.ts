/**
 * memory.core — the core's resident memory after the query workloads (the five searches, vehicle
 * histories, list pages, dashboard calls), in a fresh child process on the dataset. No baseline:
 * the target is absolute.
 */

import { runChild } from '../lib/spawn.js';
import { round } from '../lib/stats.js';
import type { Workload } from '../lib/types.js';

export const workload: Workload = {
  name: 'memory-core',
  needsDataset: true,
  async run(ctx) {
    const n = ctx.scale === 'quick' ? 200 : 1000;
    const r = await runChild<{ rss_mb: number; rss_before_mb: number; heap_mb: number }>([
      'memory',
      ctx.datasetDir,
      String(n),
    ]);
    ctx.log(
      `  memory.core: RSS ${r.rss_mb.toFixed(0)} MB (at open ${r.rss_before_mb.toFixed(0)} MB, JS heap ${r.heap_mb.toFixed(0)} MB)`,
    );
    return [
      {
        id: 'memory.core',
        unit: 'MB',
        n: 1,
        p50: round(r.rss_mb, 1),
        p95: round(r.rss_mb, 1),
        baseline_p95: null,
        ratio: null,
        target: '≤ 200 MB',
        met: r.rss_mb <= 200,
        note: `RSS after ${n} calls of each query workload; ${r.rss_before_mb.toFixed(0)} MB right after open, JS heap ${r.heap_mb.toFixed(0)} MB; SQLite's page cache is its default 2 MB per connection`,
        rss_at_open_mb: round(r.rss_before_mb, 1),
        heap_mb: round(r.heap_mb, 1),
      },
    ];
  },
};
