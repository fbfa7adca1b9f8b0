/** Turns a workload's samples into a latest.json row (benchmarks.md's output format). */
import { isDeepStrictEqual } from 'node:util';
import { percentile, round } from './stats.js';
import type { BenchResult } from './types.js';

export interface Limits {
  /** p95 must not exceed this (ms). */
  p95?: number;
  /** product p95 ÷ baseline p95 must not exceed this. */
  ratio?: number;
}

export function latencyRow(
  id: string,
  samples: { product: number[]; baseline: number[] | null },
  limits: Limits,
  note: string,
  extra: Record<string, unknown> = {},
): BenchResult {
  const p95 = percentile(samples.product, 95);
  const baseline = samples.baseline ? percentile(samples.baseline, 95) : null;
  const ratio = baseline ? p95 / baseline : null;
  const met =
    (limits.p95 === undefined || p95 <= limits.p95) &&
    (limits.ratio === undefined || (ratio !== null && ratio <= limits.ratio));
  const target = [
    limits.p95 !== undefined ? `p95 ≤ ${limits.p95} ms` : '',
    limits.ratio !== undefined ? `ratio ≤ ${limits.ratio}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  return {
    id,
    unit: 'ms',
    n: samples.product.length,
    p50: round(percentile(samples.product, 50)),
    p95: round(p95),
    baseline_p95: baseline === null ? null : round(baseline),
    ratio: ratio === null ? null : round(ratio, 2),
    target,
    met,
    note,
    ...(samples.baseline ? { baseline_p50: round(percentile(samples.baseline, 50)) } : {}),
    ...extra,
  };
}

/** Throws when the product and the baseline disagree: a baseline that answers something else proves nothing. */
export function assertSame(what: string, product: unknown, baseline: unknown): void {
  // Compared as the JSON a client receives (key order aside): what either side returns over the wire.
  const a = JSON.stringify(product);
  const b = JSON.stringify(baseline);
  if (!isDeepStrictEqual(JSON.parse(a), JSON.parse(b)))
    throw new Error(
      `${what}: the baseline's answer differs from the product's\nproduct:  ${a.slice(0, 600)}\nbaseline: ${b.slice(0, 600)}`,
    );
}
