/**
 * The core as the workloads use it: opened on a seeded data folder with the clock stopped at the
 * dataset's last working day (so "today" on the dashboard is the shop's busy today, not the day the
 * bench happens to run), and a typed `ok()` that fails loudly on an API error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type CoreApp, createCore } from '../../electron/core/app.js';
import { DB_FILE } from '../../electron/core/db/open.js';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.js';
import { dayStart, END_DAY } from '../seed/timeline.js';

/** 18:30 on the dataset's last day: the evening, with the day's orders settled and a few open. */
export const BENCH_NOW = dayStart(END_DAY) + 18.5 * 3_600_000;

export interface BenchCore {
  app: CoreApp;
  ok<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  close(): void;
}

export async function openCore(dataDir: string, now = BENCH_NOW): Promise<BenchCore> {
  const app = await createCore({ dataDir, clock: { now: () => now }, log: () => {} });
  return {
    app,
    async ok(method, input) {
      const r = await app.call(method, input);
      if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
      return r.value as never;
    },
    close: () => app.close(),
  };
}

/** A private copy of a seeded data folder's database, for workloads that write. */
export function copyDataset(datasetDir: string, into: string): string {
  fs.mkdirSync(into, { recursive: true });
  for (const suffix of ['', '-wal'])
    if (fs.existsSync(path.join(datasetDir, DB_FILE + suffix)))
      fs.copyFileSync(path.join(datasetDir, DB_FILE + suffix), path.join(into, DB_FILE + suffix));
  return into;
}
