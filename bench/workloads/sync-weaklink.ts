/**
 * sync.weaklink — 300 records (quick: 60) uploaded by the product's uploader through the throttling
 * proxy (tests/support/throttle-proxy.ts): 256 kbit/s each way, 300 ms RTT, 2 % segment loss, to the
 * reference archive in its own process. Measured: the whole drain, start to idle. Target: ≤ 1.5× the
 * physical floor at the uploader's concurrency.
 *
 * The floor (benchmarks.md: "bytes ÷ bandwidth + round trips × RTT at the chosen concurrency"):
 *
 *   floor = (bytes up + bytes down) × 8 ÷ bandwidth  +  (2 + ⌈N ÷ C⌉) × RTT
 *
 * with the bytes counted by the proxy (every request and reply, headers included), C the uploader's
 * most uploads in flight, and 2 round trips before the first upload can leave: the TCP handshake and
 * the token call. It is the time of a line that is either transmitting or waiting for a round trip,
 * never both: waves of C uploads, each sent, answered one RTT later, then the next. A sliding window
 * (the uploader refills each slot as its reply comes) overlaps transmission and waiting, so it can
 * beat this floor; the strict bound max(bytes up ÷ bandwidth, bytes down ÷ bandwidth,
 * round trips × RTT) is reported beside it. Lost segments are not in either floor: their
 * retransmission timeouts count against the product.
 */
import path from 'node:path';
import { startThrottleProxy } from '../../tests/support/throttle-proxy.js';
import { nowMs, round } from '../lib/stats.js';
import type { BenchResult, Workload } from '../lib/types.js';
import { shopWithQueue, spawnArchive } from './sync-support.js';

const LINK = { bandwidthBps: 256_000, rttMs: 300, loss: 0.02, seed: 11 };
/** The uploader's bound on uploads in flight (UploaderOptions.concurrency's default). */
const CONCURRENCY = 8;
const TARGET = 1.5;

export const workload: Workload = {
  name: 'sync-weaklink',
  needsDataset: false,
  async run(ctx): Promise<BenchResult[]> {
    const n = ctx.scale === 'quick' ? 60 : 300;
    const archive = await spawnArchive(path.join(ctx.tmpDir, 'archive'));
    const link = await startThrottleProxy({ target: archive.url, ...LINK });
    const shop = await shopWithQueue({ dir: path.join(ctx.tmpDir, 'shop'), archiveUrl: link.url, n });
    try {
      const sync = shop.t.app.core.sync;
      const t0 = nowMs();
      sync.start();
      await sync.idle();
      const ms = nowMs() - t0;
      sync.stop();
      const accepted = (
        shop.t.app.core.sqlite.prepare(`SELECT count(*) AS n FROM outbox WHERE state = 'accepted'`).get() as {
          n: number;
        }
      ).n;
      if (accepted !== n) throw new Error(`sync.weaklink: ${accepted} of ${n} accepted`);

      const s = link.stats();
      const bytesPerMs = LINK.bandwidthBps / 8 / 1000;
      const roundTrips = 2 + Math.ceil(n / CONCURRENCY);
      const transmitMs = (s.up.bytes + s.down.bytes) / bytesPerMs;
      const floorMs = transmitMs + roundTrips * LINK.rttMs;
      const strictMs = Math.max(s.up.bytes / bytesPerMs, s.down.bytes / bytesPerMs, roundTrips * LINK.rttMs);
      const ratio = ms / floorMs;
      ctx.log(`  ${n} records in ${(ms / 1000).toFixed(2)} s; floor ${(floorMs / 1000).toFixed(2)} s`);
      return [
        {
          id: 'sync.weaklink',
          unit: 'ms',
          n,
          p50: round(ms, 0),
          p95: round(ms, 0),
          baseline_p95: round(floorMs, 0),
          ratio: round(ratio, 2),
          target: `≤ ${TARGET}× the floor (bytes ÷ bandwidth + round trips × RTT)`,
          met: ratio <= TARGET,
          floor_ms: round(floorMs, 0),
          strict_floor_ms: round(strictMs, 0),
          bytes_up: s.up.bytes,
          bytes_down: s.down.bytes,
          segments_resent: s.up.retransmits + s.down.retransmits,
          connections: s.connections,
          note:
            `256 kbit/s, 300 ms RTT, 2 % loss (RTO ${link.rtoMs} ms); floor = (${s.up.bytes} B up + ${s.down.bytes} B down)·8 ÷ 256 kbit/s ` +
            `(${(transmitMs / 1000).toFixed(2)} s) + (2 + ⌈${n} ÷ ${CONCURRENCY}⌉ = ${roundTrips}) round trips × 300 ms ` +
            `(${((roundTrips * LINK.rttMs) / 1000).toFixed(2)} s); strict bound max(up, down, round trips) ${(strictMs / 1000).toFixed(2)} s; ` +
            `${s.up.retransmits + s.down.retransmits} segments resent; ${s.connections} connections`,
        },
      ];
    } finally {
      shop.close();
      await link.close();
      await archive.close();
    }
  },
};
