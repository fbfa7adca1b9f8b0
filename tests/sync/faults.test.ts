/**
 * The uploader against the REAL reference archive on loopback while it misbehaves: fast-check
 * generates a platform family, a number of settlements and a schedule of fault phases (503 with
 * Retry-After, connections dropped before or after the commit, truncated or HTML replies, tokens
 * refused, latency). Orders are settled while each phase is in force and the uploader runs on its own
 * (real clock, short back-off); then the faults stop and the queue must drain with no help.
 *
 * After draining, for every case: each settled order's row is `accepted`; the archive holds exactly
 * one record per settlement number, equal to the client's frozen record, and nothing the client never
 * settled; the status counts agree; no request for a row follows its `upload:ok` in the ledger; the
 * audit chain verifies.
 *
 * Each of the four families gets its own property (so every run covers all of them), with seed
 * CHEDANG_SYNC_SEED + its index. CHEDANG_SYNC_SEEDS=n runs n cases in all (default 16, n/4 per family);
 * CHEDANG_SYNC_SEED=s replays a run; CHEDANG_SYNC_FAMILY=foshan runs one family only, and with it
 * CHEDANG_SYNC_PATH (from fast-check's report) goes straight to the failing case. Timing on a real
 * clock is not replayable: a replay repeats the case, not necessarily the exact interleaving.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArchiveServer, Faults } from '../../archive/server.js';
import { ADAPTER_IDS, type AdapterId } from '../../electron/core/sync/adapters/types.js';
import type { ArchiveRecord } from '../../shared/domain/archive-record.js';
import {
  drained,
  envInt,
  expectedContent,
  ledgerProblems,
  queueState,
  type Settled,
  settleOne,
  sleep,
  startRig,
  storedRecords,
  waitFor,
} from './support.js';

const RUNS = envInt('CHEDANG_SYNC_SEEDS', 16);
const SEED = envInt('CHEDANG_SYNC_SEED', Date.now() % 2_147_483_647);
const FAMILY = process.env.CHEDANG_SYNC_FAMILY;
const PATH = process.env.CHEDANG_SYNC_PATH;
if (FAMILY !== undefined && !(ADAPTER_IDS as readonly string[]).includes(FAMILY))
  throw new Error(`CHEDANG_SYNC_FAMILY must be one of ${ADAPTER_IDS.join(', ')}`);
/** Cases per family. */
const PER_FAMILY = Math.max(1, Math.ceil(RUNS / ADAPTER_IDS.length));

const NO_FAULTS: Partial<Faults> = {
  errorRate: 0,
  dropBeforeCommitRate: 0,
  dropAfterCommitRate: 0,
  malformedRate: 0,
  tokenExpiryRate: 0,
  latencyMs: 0,
};

interface Phase {
  faults: Faults;
  /** Settlements made while this phase is in force. */
  orders: number;
  /** How long the phase lasts after its last settlement, for the uploader to struggle with it. */
  holdMs: number;
}

interface Case {
  adapter: AdapterId;
  /** false: the company is seeded with `companyname: null` (accepts any name). */
  registeredName: boolean;
  phases: Phase[];
}

/** A share 0…0.6 in steps of 0.05, zero half the time: readable counterexamples. */
const rate = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 1, max: 12 }).map((n) => (n * 5) / 100),
);

const faultsArb: fc.Arbitrary<Faults> = fc.record({
  errorRate: rate,
  dropBeforeCommitRate: rate,
  dropAfterCommitRate: rate,
  malformedRate: rate,
  tokenExpiryRate: rate,
  latencyMs: fc.integer({ min: 0, max: 25 }),
  retryAfterSeconds: fc.integer({ min: 0, max: 1 }),
  seed: fc.integer({ min: 1, max: 2_147_483_646 }),
});

const caseArb = (adapter: AdapterId): fc.Arbitrary<Case> =>
  fc
    .record({
      adapter: fc.constant(adapter),
      registeredName: fc.boolean(),
      phases: fc.array(
        fc.record({
          faults: faultsArb,
          orders: fc.integer({ min: 1, max: 4 }),
          holdMs: fc.integer({ min: 0, max: 300 }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    })
    // 3…12 settlements in all.
    .filter((c) => c.phases.reduce((n, p) => n + p.orders, 0) >= 3);

const UPLOADER = {
  backoff: { baseMs: 20, capMs: 200, retryAfterCapMs: 300 },
  timeoutMs: 1_000,
  idleCheckMs: 50,
};

const describeCase = (c: Case) =>
  `${c.adapter}, ${c.registeredName ? 'registered name' : 'any name'}, phases ${JSON.stringify(
    c.phases.map((p) => ({ orders: p.orders, holdMs: p.holdMs, ...p.faults })),
  )}`;

/** Faults the archive actually injected, and identical resends it absorbed, over all cases. */
const injected = new Map<string, number>();

const tally = (server: ArchiveServer) => {
  for (const r of server.db
    .prepare('SELECT fault, count(*) AS n FROM requests WHERE fault IS NOT NULL GROUP BY fault')
    .all() as { fault: string; n: number }[])
    injected.set(r.fault, (injected.get(r.fault) ?? 0) + r.n);
  const resends = server.db.prepare('SELECT coalesce(sum(resends), 0) AS n FROM records').all() as { n: number }[];
  injected.set('identical resends', (injected.get('identical resends') ?? 0) + (resends[0]?.n ?? 0));
};

async function runCase(c: Case, seed: number): Promise<void> {
  const rig = await startRig({ adapter: c.adapter, registeredName: c.registeredName, uploader: UPLOADER });
  const { t, server, basics } = rig;
  const tag = `[CHEDANG_SYNC_SEED=${SEED} CHEDANG_SYNC_FAMILY=${c.adapter}, family seed ${seed}] ${describeCase(c)}`;
  try {
    t.app.core.sync.start();
    const settled: Settled[] = [];
    for (const phase of c.phases) {
      server.setFaults(phase.faults);
      for (let i = 0; i < phase.orders; i++) {
        // Settling never depends on the platform: each one must succeed whatever it is doing.
        settled.push(await settleOne(t, basics.vehicle.id, basics.filter.id));
      }
      await sleep(phase.holdMs);
    }
    server.setFaults(NO_FAULTS);
    const drainStart = Date.now();

    // The uploader must finish on its own timer: no wake-up from the test.
    await waitFor(() => drained(t), {
      timeoutMs: 30_000,
      what: async () => `queue did not drain: ${JSON.stringify(await queueState(t))}; ${tag}`,
    });

    if (process.env.CHEDANG_SYNC_DEBUG) console.log(`drain ${Date.now() - drainStart} ms; ${tag}`);
    // Every settled order accepted, nothing else in any other state.
    const status = await t.ok('archive.status', {});
    expect(status.counts, tag).toEqual({
      pending: 0,
      sending: 0,
      accepted: settled.length,
      rejected: 0,
      held: 0,
    });
    expect(status.oldestPendingAt, tag).toBeNull();
    expect(status.online, tag).toBe(true);
    const list = await t.ok('archive.records', { limit: 200 });
    expect(list.total, tag).toBe(settled.length);
    expect(
      list.items.filter((r) => r.state !== 'accepted').map((r) => `${r.settlementNo} ${r.state} ${r.lastError}`),
      tag,
    ).toEqual([]);

    // Exactly one stored record per settlement number, equal to the local one; nothing unknown.
    const stored = storedRecords(server);
    const mine = stored.filter((r) => r.companycode === rig.companyCode);
    expect(mine.length, tag).toBe(stored.length);
    const numbers = settled.map((s) => s.settlementNo);
    expect(new Set(numbers).size, tag).toBe(numbers.length);
    expect(mine.map((r) => r.costlistcode).sort(), tag).toEqual([...numbers].sort());
    for (const s of settled) {
      const { record } = await t.ok('archive.ledger', { id: s.outboxId });
      const at = mine.find((r) => r.costlistcode === s.settlementNo);
      expect(at?.content, `${tag}: ${s.settlementNo}`).toEqual(
        expectedContent(record.record as ArchiveRecord, c.adapter),
      );
    }

    // The archive's own view agrees.
    const metrics = server.metrics(rig.companyCode).companies[0];
    expect(metrics?.uploads, tag).toBe(settled.length);

    // An accepted record is never sent again.
    const problems = (await Promise.all(settled.map((s) => ledgerProblems(t, s.outboxId)))).flat();
    expect(problems, tag).toEqual([]);

    expect(await t.ok('audit.verify', {}), tag).toMatchObject({ ok: true, brokenAt: null });
    tally(server);
  } finally {
    await rig.close();
  }
}

describe('uploader against the reference archive under generated fault schedules', () => {
  console.log(
    `sync faults: seed ${SEED}, ${PER_FAMILY} cases per family (replay: CHEDANG_SYNC_SEED=${SEED} CHEDANG_SYNC_SEEDS=${RUNS})`,
  );

  it.each(ADAPTER_IDS.map((adapter, i) => ({ adapter, seed: SEED + i })))(
    `$adapter: every settled order is stored exactly once and as settled (${PER_FAMILY} cases)`,
    async ({ adapter, seed }) => {
      if (FAMILY !== undefined && FAMILY !== adapter) return;
      injected.clear();
      const started = Date.now();
      let n = 0;
      await fc.assert(
        fc.asyncProperty(caseArb(adapter), async (c) => {
          n++;
          await runCase(c, seed);
        }),
        {
          seed,
          numRuns: PER_FAMILY,
          ...(PATH && FAMILY ? { path: PATH } : {}),
          // Each case costs up to a second of real time: report the first failure as found rather
          // than spend minutes shrinking it (the case is printed in full, with the seeds).
          endOnFailure: true,
        },
      );
      console.log(
        `sync faults: ${adapter}: ${n} cases passed in ${Date.now() - started} ms; injected ${JSON.stringify(Object.fromEntries(injected))}`,
      );
    },
  );
});
