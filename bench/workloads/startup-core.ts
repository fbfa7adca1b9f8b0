/**
 * startup.core — what the shop waits for when the app starts: open the full-scale database, check its
 * migrations, make sure the shop profile and owner exist, answer the first API call (`shop.get`),
 * each run in a fresh process (cold Node, warm OS page cache), against better-sqlite3 alone opening
 * the same file and reading one row. Timed inside the child, from the open to the answer.
 */
import { latencyRow } from '../lib/result.js';
import { runChild } from '../lib/spawn.js';
import type { Workload } from '../lib/types.js';

export const workload: Workload = {
  name: 'startup-core',
  needsDataset: true,
  async run(ctx) {
    const n = ctx.scale === 'quick' ? 3 : 10;
    const product: number[] = [];
    const baseline: number[] = [];
    const opened: number[] = [];
    // One unmeasured pair first: the file's pages into the OS cache, tsx's transform cache filled.
    await runChild(['startup-core', ctx.datasetDir]);
    for (let i = 0; i < n; i++) {
      const p = await runChild<{ ms: number; opened: number }>(['startup-core', ctx.datasetDir]);
      product.push(p.ms);
      opened.push(p.opened);
      baseline.push((await runChild<{ ms: number }>(['startup-raw', ctx.datasetDir])).ms);
    }
    const row = latencyRow(
      'startup.core',
      { product, baseline },
      { p95: 500 },
      `fresh process each run; createCore ${Math.round(Math.max(...opened))} ms at worst, the rest the first answer; bounded by reading the schema and the start-up writes (WAL, one fsync)`,
    );
    row.target = '≤ 500 ms';
    ctx.log(`  startup.core: p95 ${row.p95} ms, better-sqlite3 alone ${row.baseline_p95} ms`);
    return [row];
  },
};
