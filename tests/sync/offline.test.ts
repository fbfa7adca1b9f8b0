/**
 * A shop that loses the archive for a while: the platform is down (its server closed, connections
 * refused) while the front desk keeps settling; the queue grows and the status says so; then the
 * archive comes back on the same address with the same data and the queue drains on the uploader's
 * own timer — no clerk action, no wake-up from the test — with every record stored exactly once.
 *
 * Also measures the drain rate of a long queue on loopback (printed as `drain rate:`), asserting
 * only correctness. CHEDANG_SYNC_OFFLINE_ORDERS and CHEDANG_SYNC_DRAIN_ORDERS scale the two runs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startArchiveServer } from '../../archive/server.js';
import {
  drained,
  envInt,
  ledgerProblems,
  queueState,
  type Rig,
  type Settled,
  settleOne,
  startRig,
  storedRecords,
  waitFor,
} from './support.js';

const OFFLINE_ORDERS = envInt('CHEDANG_SYNC_OFFLINE_ORDERS', 30);
const DRAIN_ORDERS = envInt('CHEDANG_SYNC_DRAIN_ORDERS', 200);
/** UploaderOptions.concurrency's default. */
const UPLOADS_IN_FLIGHT = 8;

let rig: Rig | null = null;
/** Set when the test replaced the rig's server by a restarted one. */
let restarted: { close(): Promise<void> } | null = null;

afterEach(async () => {
  await restarted?.close();
  restarted = null;
  await rig?.close();
  rig = null;
});

describe('archive down, then back', () => {
  it(`queues ${OFFLINE_ORDERS} settlements while the archive refuses connections, then drains them unaided`, async () => {
    rig = await startRig({
      adapter: 'lcippro-nested',
      // Short back-off so the test is quick; everything else as shipped (concurrency, timeout).
      uploader: { backoff: { baseMs: 50, capMs: 400, retryAfterCapMs: 400 }, idleCheckMs: 1_000 },
    });
    const { t, basics } = rig;
    const port = rig.server.port;

    // The archive goes down: nothing listens on its port any more.
    await rig.server.close();
    t.app.core.sync.start();

    const settled: Settled[] = [];
    for (let i = 0; i < OFFLINE_ORDERS; i++) {
      settled.push(await settleOne(t, basics.vehicle.id, basics.filter.id));
      // The settlement went through, and the queue grew by one (one row may be mid-attempt).
      const { counts } = await t.ok('archive.status', {});
      expect(counts.pending + counts.sending, `after settlement ${i + 1}`).toBe(i + 1);
      expect(counts.accepted).toBe(0);
    }
    expect(new Set(settled.map((s) => s.settlementNo)).size).toBe(OFFLINE_ORDERS);

    // The uploader keeps trying on its own, backing off: wait for a few failed attempts at the head.
    const head = settled[0]!.outboxId;
    await waitFor(async () => (await t.ok('archive.ledger', { id: head })).record.attempts >= 3, {
      timeoutMs: 20_000,
      what: async () => `fewer than 3 attempts while down: ${JSON.stringify(await queueState(t))}`,
    });
    await waitFor(async () => (await t.ok('archive.status', {})).counts.sending === 0, {
      timeoutMs: 20_000,
      what: async () => `a row stayed in sending: ${JSON.stringify(await queueState(t))}`,
    });
    const down = await t.ok('archive.status', {});
    expect(down.counts).toMatchObject({ pending: OFFLINE_ORDERS, accepted: 0, rejected: 0, held: 0 });
    expect(down.online).toBe(false);
    expect(down.running).toBe(true);
    expect(down.lastError?.message).toMatch(/ECONNREFUSED|无法连接/);
    expect(down.oldestPendingAt).toBe((await t.ok('archive.ledger', { id: head })).record.createdAt);
    expect(down.oldestPendingAgeMs).toBeGreaterThan(0);
    expect(down.nextAttemptAt).not.toBeNull();
    const { entries } = await t.ok('archive.ledger', { id: head });
    expect(entries.every((e) => e.outcome.endsWith(':error') && e.httpStatus === null)).toBe(true);

    // The archive comes back on the same port with the same data. No wake-up: the timer must do it.
    restarted = await startArchiveServer({ dataDir: rig.archiveDir, port });
    const server = restarted as Awaited<ReturnType<typeof startArchiveServer>>;
    await waitFor(() => drained(t), {
      timeoutMs: 30_000,
      what: async () => `queue did not drain after the archive came back: ${JSON.stringify(await queueState(t))}`,
    });

    const up = await t.ok('archive.status', {});
    expect(up.counts).toEqual({ pending: 0, sending: 0, accepted: OFFLINE_ORDERS, rejected: 0, held: 0 });
    expect(up.online).toBe(true);
    expect(up.oldestPendingAgeMs).toBeNull();
    expect(up.lastSuccessAt).not.toBeNull();

    // Exactly once at the archive: one stored record each, never resent, one successful upload each.
    const stored = storedRecords(server);
    expect(stored.map((r) => r.costlistcode).sort()).toEqual(settled.map((s) => s.settlementNo).sort());
    expect(stored.every((r) => r.companycode === rig!.companyCode && r.resends === 0)).toBe(true);
    const oks = server.db
      .prepare(
        `SELECT costlistcode, count(*) AS n FROM requests WHERE endpoint LIKE '%upload%' AND code = '1' GROUP BY costlistcode`,
      )
      .all() as { costlistcode: string; n: number }[];
    expect(oks.length).toBe(OFFLINE_ORDERS);
    expect(oks.filter((r) => r.n !== 1)).toEqual([]);
    expect((await Promise.all(settled.map((s) => ledgerProblems(t, s.outboxId)))).flat()).toEqual([]);
    expect(await t.ok('audit.verify', {})).toMatchObject({ ok: true, brokenAt: null });
  });

  it('a stopped and restarted uploader uploads again (its requests are not left cancelled)', async () => {
    rig = await startRig({
      adapter: 'chengdu',
      uploader: { backoff: { baseMs: 50, capMs: 400, retryAfterCapMs: 400 }, idleCheckMs: 1_000 },
    });
    const { t, basics } = rig;
    const sync = t.app.core.sync;
    sync.start();
    const first = await settleOne(t, basics.vehicle.id, basics.filter.id);
    await waitFor(() => drained(t), {
      timeoutMs: 20_000,
      what: async () => `first record not uploaded: ${JSON.stringify(await queueState(t))}`,
    });
    sync.stop();
    const second = await settleOne(t, basics.vehicle.id, basics.filter.id);
    sync.start();
    await waitFor(() => drained(t), {
      timeoutMs: 20_000,
      what: async () => `not uploaded after stop() + start(): ${JSON.stringify(await queueState(t))}`,
    });
    for (const s of [first, second])
      expect((await t.ok('archive.ledger', { id: s.outboxId })).record.state).toBe('accepted');
    const status = await t.ok('archive.status', {});
    expect(status.lastError).toBeNull();
    expect(storedRecords(rig.server).map((r) => r.costlistcode)).toEqual([first.settlementNo, second.settlementNo]);
  });

  it(`drains ${DRAIN_ORDERS} queued records with default settings (prints the drain rate)`, async () => {
    rig = await startRig({ adapter: 'lcippro-nested' });
    const { t, basics, server } = rig;
    const settled: Settled[] = [];
    for (let i = 0; i < DRAIN_ORDERS; i++) settled.push(await settleOne(t, basics.vehicle.id, basics.filter.id));
    expect((await t.ok('archive.status', {})).counts.pending).toBe(DRAIN_ORDERS);

    const started = Date.now();
    t.app.core.sync.start();
    await waitFor(() => drained(t), {
      timeoutMs: 60_000,
      everyMs: 50,
      what: async () => `queue did not drain: ${JSON.stringify(await queueState(t))}`,
    });
    const accepted = t.app.core.sqlite
      .prepare(`SELECT count(*) AS n, max(accepted_at) AS last FROM outbox WHERE state = 'accepted'`)
      .get() as { n: number; last: number };
    const seconds = Math.max(1, accepted.last - started) / 1000;
    console.log(
      `drain rate: ${(DRAIN_ORDERS / seconds).toFixed(1)} records/s (${DRAIN_ORDERS} records in ${seconds.toFixed(2)} s, ` +
        `lcippro-nested on loopback, default concurrency (${UPLOADS_IN_FLIGHT}), no faults)`,
    );

    expect(accepted.n).toBe(DRAIN_ORDERS);
    const stored = storedRecords(server);
    expect(stored.length).toBe(DRAIN_ORDERS);
    expect(new Set(stored.map((r) => r.costlistcode))).toEqual(new Set(settled.map((s) => s.settlementNo)));
    expect(stored.filter((r) => r.resends !== 0)).toEqual([]);
    // Oldest first: the uploader first sent them in settlement order, give or take the uploads in
    // flight together (see sendOrderDrift). The archive may store them a little more out of order:
    // a request on a new connection is overtaken by those on open ones.
    const drift = sendOrderDrift(t, settled);
    console.log(`send order drift: ${drift} (window ${UPLOADS_IN_FLIGHT})`);
    expect(drift).toBeLessThan(UPLOADS_IN_FLIGHT);
  });

  it('keeps settlement order when the password read for the first uploads is slow', async () => {
    rig = await startRig({ adapter: 'lcippro-nested' });
    const { t, basics } = rig;
    const settled: Settled[] = [];
    for (let i = 0; i < 40; i++) settled.push(await settleOne(t, basics.vehicle.id, basics.filter.id));
    // The first read of the password finishes last, as a file read on a busy thread pool may.
    const secrets = t.app.core.secrets;
    const read = secrets.get.bind(secrets);
    let reads = 0;
    secrets.get = async (name) => {
      const slow = reads++ === 0;
      const value = await read(name);
      if (slow) await new Promise((r) => setTimeout(r, 300));
      return value;
    };
    t.app.core.sync.start();
    await waitFor(() => drained(t), { timeoutMs: 30_000, what: async () => JSON.stringify(await queueState(t)) });
    expect(sendOrderDrift(t, settled)).toBeLessThan(UPLOADS_IN_FLIGHT);
  });
});

/**
 * How far, at most, a record's first attempt left from its place in settlement order. Each record's
 * first ledger entry is written as its first request leaves; a retry after a transient failure (a
 * keep-alive socket closed under it) comes later by design, so only first attempts are compared.
 */
function sendOrderDrift(t: Rig['t'], settled: readonly Settled[]): number {
  const sent = (
    t.app.core.sqlite
      .prepare(
        `SELECT o.settlement_no AS no FROM upload_ledger l JOIN outbox o ON o.id = l.outbox_id
          GROUP BY l.outbox_id ORDER BY MIN(l.rowid)`,
      )
      .all() as { no: string }[]
  ).map((r) => r.no);
  expect(sent.length).toBe(settled.length);
  const position = new Map(settled.map((s, i) => [s.settlementNo, i]));
  return Math.max(...sent.map((no, i) => Math.abs(position.get(no)! - i)));
}
