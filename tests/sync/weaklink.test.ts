/**
 * A shop on a poor line: 256 kbit/s each way, 300 ms round trips, 2 % of segments lost (and resent
 * one retransmission timeout later) — tests/support/throttle-proxy.ts between the uploader and the
 * reference archive. Every record must still be accepted, and stored exactly once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startThrottleProxy, type ThrottleProxy } from '../support/throttle-proxy.js';
import {
  AREAS,
  drained,
  envInt,
  ledgerProblems,
  PASSWORD,
  queueState,
  type Rig,
  type Settled,
  settleOne,
  startRig,
  storedRecords,
  waitFor,
} from './support.js';

const RECORDS = envInt('CHEDANG_SYNC_WEAKLINK_RECORDS', 20);

let rig: Rig | null = null;
let link: ThrottleProxy | null = null;

afterEach(async () => {
  await link?.close();
  link = null;
  await rig?.close();
  rig = null;
});

describe('weak link', () => {
  it(`uploads ${RECORDS} records at 256 kbit/s, 300 ms RTT, 2 % loss: each accepted and stored once`, async () => {
    rig = await startRig({ adapter: 'lcippro-nested' });
    const { t, basics, server } = rig;
    link = await startThrottleProxy({ target: server.url, bandwidthBps: 256_000, rttMs: 300, loss: 0.02, seed: 5 });
    // The shop's base URL is the far side of the line.
    await t.ok('archive.configure', {
      adapter: 'lcippro-nested',
      baseUrl: link.url,
      companyCode: rig.companyCode,
      password: PASSWORD,
      cityCode: AREAS['lcippro-nested'].cityCode,
    });
    const settled: Settled[] = [];
    for (let i = 0; i < RECORDS; i++) settled.push(await settleOne(t, basics.vehicle.id, basics.filter.id));

    const started = Date.now();
    t.app.core.sync.start();
    await waitFor(() => drained(t), {
      timeoutMs: 30_000,
      everyMs: 50,
      what: async () => `queue did not drain over the weak link: ${JSON.stringify(await queueState(t))}`,
    });
    const stats = link.stats();
    console.log(
      `weak link: ${RECORDS} records in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `${stats.connections} connections, up ${stats.up.bytes} B / ${stats.up.chunks} segments ` +
        `(${stats.up.retransmits} resent), down ${stats.down.bytes} B / ${stats.down.chunks} (${stats.down.retransmits} resent)`,
    );

    const status = await t.ok('archive.status', {});
    expect(status.counts).toEqual({ pending: 0, sending: 0, accepted: RECORDS, rejected: 0, held: 0 });
    const stored = storedRecords(server);
    expect(stored.map((r) => r.costlistcode).sort()).toEqual(settled.map((s) => s.settlementNo).sort());
    expect(stored.filter((r) => r.resends !== 0)).toEqual([]);
    expect((await Promise.all(settled.map((s) => ledgerProblems(t, s.outboxId)))).flat()).toEqual([]);
    // The line really was lossy and slow: something was resent, and it took many round trips.
    expect(stats.up.retransmits + stats.down.retransmits).toBeGreaterThan(0);
    expect(Date.now() - started).toBeGreaterThan(3 * 300);
  });
});
