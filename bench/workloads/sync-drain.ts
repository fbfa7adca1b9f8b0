/**
 * sync.drain — a long queue (10,000 records; quick 1,000) uploaded by the product's uploader to the
 * reference archive on loopback, the archive in its own process (its CPU is not the client's).
 * Baseline in the same run: the same records, as the same adapter puts them on the wire, one request
 * at a time on a new connection each (how the public clients upload), to a second archive process.
 * Target: ≥ 5× the baseline's records/s.
 *
 * The two sides alternate in rounds (a tenth of the queue each), so that a burst of load on the
 * machine — the disk above all: both sides wait for fsyncs — hits both alike. In each round the
 * product's uploader, already started, is woken with its share of the queue made due and timed until
 * it is idle; then the baseline sends the same records.
 *
 * Also reported: client CPU ms per record (process.cpuUsage of this process over the product's
 * rounds) and each archive process's CPU per record (from /proc, Linux).
 */
import path from 'node:path';
import type { ArchiveRecord } from '../../shared/domain/archive-record.js';
import { nowMs, round } from '../lib/stats.js';
import type { BenchResult, Workload } from '../lib/types.js';
import {
  type ArchiveProcess,
  acceptedReply,
  type ShopWithQueue,
  sendOnce,
  shopWithQueue,
  spawnArchive,
  wireRequests,
} from './sync-support.js';

const TARGET_RATIO = 5;
const ROUNDS = 10;

interface Totals {
  ms: number;
  cpuMs: number;
  archiveCpuMs: number | null;
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

const addArchiveCpu = (t: Totals, archive: ArchiveProcess, before: number | null) => {
  const after = archive.cpuMs();
  t.archiveCpuMs =
    t.archiveCpuMs === null || before === null || after === null ? null : t.archiveCpuMs + after - before;
};

/**
 * Makes the rows with seq in [from, to] pending (the others wait `held`, which nothing but this
 * releases) and times the started uploader until it is idle again.
 */
async function productRound(shop: ShopWithQueue, archive: ArchiveProcess, from: number, to: number, t: Totals) {
  const { sqlite, sync } = shop.t.app.core;
  sqlite
    .prepare(`UPDATE outbox SET state = 'pending', next_attempt_at = 0 WHERE kind = 'upload' AND seq BETWEEN ? AND ?`)
    .run(from, to);
  const archiveCpu = archive.cpuMs();
  const cpu0 = process.cpuUsage();
  const t0 = nowMs();
  sync.wake('record');
  await sync.idle();
  t.ms += nowMs() - t0;
  t.cpuMs += cpuMs(process.cpuUsage(cpu0));
  addArchiveCpu(t, archive, archiveCpu);
}

async function baselineRound(requests: Parameters<typeof sendOnce>[0][], archive: ArchiveProcess, t: Totals) {
  const archiveCpu = archive.cpuMs();
  const cpu0 = process.cpuUsage();
  const t0 = nowMs();
  for (const req of requests) {
    const res = await sendOnce(req);
    if (!acceptedReply(res)) throw new Error(`sync.drain baseline: refused: ${res.status} ${res.body}`);
  }
  t.ms += nowMs() - t0;
  t.cpuMs += cpuMs(process.cpuUsage(cpu0));
  addArchiveCpu(t, archive, archiveCpu);
}

/** Exactly once at the archive: n records stored, none of them resent. */
async function checkStored(url: string, n: number): Promise<void> {
  const m = (await (await fetch(`${url}/admin/metrics`)).json()) as {
    companies: { uploads: number; resends: number }[];
  };
  const c = m.companies[0];
  if (!c || c.uploads !== n || c.resends !== 0)
    throw new Error(`sync.drain: the archive holds ${c?.uploads} records (${c?.resends} resends), expected ${n}`);
}

export const workload: Workload = {
  name: 'sync-drain',
  needsDataset: false,
  async run(ctx): Promise<BenchResult[]> {
    const n = ctx.scale === 'quick' ? 1_000 : 10_000;
    const productArchive = await spawnArchive(path.join(ctx.tmpDir, 'archive-product'));
    const baselineArchive = await spawnArchive(path.join(ctx.tmpDir, 'archive-baseline'));
    let shop: ShopWithQueue | null = null;
    try {
      shop = await shopWithQueue({ dir: path.join(ctx.tmpDir, 'shop'), archiveUrl: productArchive.url, n });
      const { sqlite, sync } = shop.t.app.core;
      sqlite.prepare(`UPDATE outbox SET state = 'held' WHERE kind = 'upload'`).run();
      const seqs = (
        sqlite.prepare(`SELECT seq FROM outbox WHERE kind = 'upload' ORDER BY seq`).all() as { seq: number }[]
      ).map((r) => r.seq);
      const records: ArchiveRecord[] = shop.records;
      const requests = await wireRequests(baselineArchive.url, records);

      const product: Totals = { ms: 0, cpuMs: 0, archiveCpuMs: 0 };
      const baseline: Totals = { ms: 0, cpuMs: 0, archiveCpuMs: 0 };
      sync.start();
      await sync.idle();
      const per = Math.ceil(n / ROUNDS);
      for (let i = 0; i < n; i += per) {
        const last = Math.min(n, i + per) - 1;
        await productRound(shop, productArchive, seqs[i]!, seqs[last]!, product);
        await baselineRound(requests.slice(i, last + 1), baselineArchive, baseline);
      }
      sync.stop();
      const counts = sqlite
        .prepare(`SELECT state, count(*) AS n FROM outbox WHERE kind = 'upload' GROUP BY state`)
        .all() as { state: string; n: number }[];
      const accepted = counts.find((c) => c.state === 'accepted')?.n ?? 0;
      if (accepted !== n) throw new Error(`sync.drain: ${accepted} of ${n} accepted: ${JSON.stringify(counts)}`);
      await checkStored(productArchive.url, n);
      await checkStored(baselineArchive.url, n);

      const rate = (n * 1000) / product.ms;
      const baseRate = (n * 1000) / baseline.ms;
      const ratio = rate / baseRate;
      const perRecord = (x: number | null) => (x === null ? null : round(x / n, 3));
      ctx.log(`  product ${rate.toFixed(0)} records/s, baseline ${baseRate.toFixed(0)} records/s`);
      return [
        {
          id: 'sync.drain',
          unit: 'records/s',
          n,
          p50: round(rate, 1),
          p95: round(rate, 1),
          baseline_p95: round(baseRate, 1),
          ratio: round(ratio, 2),
          target: `≥ ${TARGET_RATIO}× the baseline's records/s`,
          met: ratio >= TARGET_RATIO,
          client_cpu_ms_per_record: perRecord(product.cpuMs),
          baseline_client_cpu_ms_per_record: perRecord(baseline.cpuMs),
          archive_cpu_ms_per_record: perRecord(product.archiveCpuMs),
          baseline_archive_cpu_ms_per_record: perRecord(baseline.archiveCpuMs),
          note:
            `${n} records in ${(product.ms / 1000).toFixed(2)} s (baseline ${(baseline.ms / 1000).toFixed(2)} s), ` +
            `${ROUNDS} alternating rounds; client CPU ${(product.cpuMs / n).toFixed(3)} ms/record ` +
            `(baseline ${(baseline.cpuMs / n).toFixed(3)}); archive CPU ${perRecord(product.archiveCpuMs) ?? '?'} ms/record ` +
            `(baseline ${perRecord(baseline.archiveCpuMs) ?? '?'}); lcippro-nested on loopback; p50 = p95 = the whole drain`,
        },
      ];
    } finally {
      shop?.close();
      await productArchive.close();
      await baselineArchive.close();
    }
  },
};
