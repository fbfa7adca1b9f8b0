/**
 * One seeding run: generate, check every invariant, ANALYZE, checkpoint, and record the figures
 * (generate_s counts all of it: a dataset is not ready until it is checked).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCore } from '../../electron/core/app.js';
import { DB_FILE } from '../../electron/core/db/open.js';
import { datasetProblems } from './checks.js';
import { type DatasetInfo, GENERATOR_VERSION, writeDatasetInfo } from './dataset.js';
import { type Counts, seedDataset } from './generate.js';

export async function seed(opts: {
  dir: string;
  counts: Counts;
  seed: number;
  log: (m: string) => void;
  progress?: boolean;
}): Promise<DatasetInfo> {
  const started = performance.now();
  const stats = await seedDataset({ ...opts, progress: opts.progress ?? true });
  const app = await createCore({ dataDir: opts.dir, log: () => {} });
  try {
    // Statistics first: the checks' own queries need good plans on a file this size.
    app.core.sqlite.exec('ANALYZE');
    const problems = await datasetProblems(app);
    if (problems.length)
      throw new Error(`the seeded dataset breaks ${problems.length} rule(s):\n  ${problems.slice(0, 20).join('\n  ')}`);
    app.core.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    app.close();
  }
  const generate_s = Math.round((performance.now() - started) / 100) / 10;
  const db_bytes = fs.statSync(path.join(opts.dir, DB_FILE)).size;
  const info: DatasetInfo = {
    dir: opts.dir,
    work_orders: stats.rows.settled ?? 0,
    generate_s,
    db_bytes,
    seed: opts.seed,
    counts: opts.counts,
    rows: stats.rows,
    version: GENERATOR_VERSION,
  };
  writeDatasetInfo(info);
  opts.log(
    `dataset: ${info.work_orders} settled orders, generate_s ${generate_s}, db_bytes ${db_bytes} (${(db_bytes / 2 ** 20).toFixed(0)} MiB)`,
  );
  return info;
}
