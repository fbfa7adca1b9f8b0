/**
 * The shape every workload shares. A workload measures the product and its baseline in the same
 * run (so the ratio holds on a noisy machine) and returns rows in the format of
 * bench/results/latest.json (documented in docs/performance.md and ../shared/design/benchmarks.md).
 */
/** `x3` is three times full: the slope point of docs/performance.md (`npm run bench -- --scale x3`). */
export type Scale = 'full' | 'quick' | 'x3';

export interface BenchContext {
  scale: Scale;
  /** A data folder holding the seeded "ten-year shop" database (chedang.db) at this scale. */
  datasetDir: string;
  /** A scratch folder for this run; removed afterwards. */
  tmpDir: string;
  log(message: string): void;
}

/** One row of latest.json. Throughput rows put records/s in p50/p95 (higher is better). */
export interface BenchResult {
  id: string;
  unit: 'ms' | 'records/s' | 'MB';
  n: number;
  p50: number;
  p95: number;
  baseline_p95: number | null;
  /** Product ÷ baseline, read the way the target reads (for throughput: product ÷ baseline). */
  ratio: number | null;
  /** The target of benchmarks.md in words, e.g. "p95 ≤ 5 ms; ratio ≤ 1.5". */
  target: string;
  met: boolean;
  /** Anything a reader needs: what bounds it, extra figures (CPU ms per record, bytes…). */
  note?: string;
  [extra: string]: unknown;
}

export interface Workload {
  /** Short name for --only filtering, e.g. "search". */
  name: string;
  /** Whether it reads the seeded dataset (the others build their own fixtures in tmpDir). */
  needsDataset: boolean;
  run(ctx: BenchContext): Promise<BenchResult[]>;
}
