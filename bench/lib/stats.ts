/** Timing helpers: nearest-rank percentiles over high-resolution samples. */

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export const round = (x: number, digits = 3): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** Runs `fn` `n` times after `warmup` unmeasured runs and returns each run's duration in ms. */
export async function sample(n: number, fn: (i: number) => unknown, warmup = Math.min(50, n)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = nowMs();
    await fn(i);
    out.push(nowMs() - t);
  }
  return out;
}

/**
 * Product and baseline interleaved run by run, so that a burst of noise on the machine hits both
 * sides alike, and taking turns at going first: both read the same rows for input i, and whichever
 * goes second finds them in SQLite's page cache (measured: a 2× bias on vehicle histories).
 * Returns both sample arrays.
 */
export async function sideBySide(
  n: number,
  product: (i: number) => unknown,
  baseline: (i: number) => unknown,
  warmup = Math.min(50, n),
): Promise<{ product: number[]; baseline: number[] }> {
  for (let i = 0; i < warmup; i++) {
    await product(i);
    await baseline(i);
  }
  const p: number[] = [];
  const b: number[] = [];
  const time = async (fn: (i: number) => unknown, i: number, into: number[]) => {
    const t = nowMs();
    await fn(i);
    into.push(nowMs() - t);
  };
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      await time(product, i, p);
      await time(baseline, i, b);
    } else {
      await time(baseline, i, b);
      await time(product, i, p);
    }
  }
  return { product: p, baseline: b };
}
