/**
 * Shared harness of the sync integration tests (tests/sync/*.test.ts): a real core and the real
 * reference archive (archive/server.ts) on loopback, wired together the way a shop configures them,
 * plus the invariants every test checks once the queue has drained. Nothing here mocks the network.
 */
import fs from 'node:fs';
import type { ArchiveServer } from '../../archive/server.js';
import { startArchiveServer } from '../../archive/server.js';
import type { CoreOptions } from '../../electron/core/app.js';
import type { AdapterId } from '../../electron/core/sync/adapters/types.js';
import type { ArchiveRecord } from '../../shared/domain/archive-record.js';
import { completedOrder, FakeClock, makeCore, seedBasics, type TestCore, tempDir } from '../support/core.js';

/** The shop's registered name in seedBasics (tests/support/core.ts). */
export const SHOP_NAME = '广州市示例汽车维修有限公司';
export const PASSWORD = 'sync-test-密码/+"';

/** Where each family's test company sits: the archive's area code and the client's city setting. */
export const AREAS: Record<AdapterId, { areacode: string; cityCode: string | null }> = {
  'lcippro-nested': { areacode: '440106', cityCode: '440100' },
  'lcippro-stringified': { areacode: '440306', cityCode: '440300' },
  chengdu: { areacode: '510104', cityCode: null },
  foshan: { areacode: '440604', cityCode: '440600' },
};

/** The wall clock, in the shape makeCore takes (its default is a frozen fake clock). */
export const realClock = (): FakeClock => Object.assign(new FakeClock(), { now: () => Date.now() });

/** A positive integer from the environment, or the default. */
export const envInt = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`${name} must be an integer, got '${raw}'`);
  return n;
};

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Poll `check` until it returns true or the deadline passes; then fail with `what()` (which should
 * name the seed and the state seen, so a failure can be replayed and understood).
 */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  opts: { timeoutMs: number; what: () => string | Promise<string>; everyMs?: number },
): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${opts.timeoutMs} ms: ${await opts.what()}`);
    await sleep(opts.everyMs ?? 20);
  }
}

export interface Rig {
  t: TestCore;
  server: ArchiveServer;
  /** The archive's data folder and port, to restart it in place. */
  archiveDir: string;
  adapter: AdapterId;
  companyCode: string;
  basics: Awaited<ReturnType<typeof seedBasics>>;
  close(): Promise<void>;
}

/**
 * A reference archive with one company and a core (real SQLite, real clock unless given) whose shop
 * is configured for it. `registeredName: false` seeds the company with `companyname: null` (accept
 * any name), as the demo accounts do. The uploader is NOT started.
 */
export async function startRig(opts: {
  adapter: AdapterId;
  registeredName?: boolean;
  uploader?: CoreOptions['uploader'];
  clock?: FakeClock;
  archiveNow?: () => number;
}): Promise<Rig> {
  const archiveDir = tempDir('chedang-sync-archive-');
  const server = await startArchiveServer({
    dataDir: archiveDir,
    port: 0,
    ...(opts.archiveNow ? { now: opts.archiveNow } : {}),
  });
  let t: TestCore | null = null;
  const close = async () => {
    t?.close();
    await server.close();
    if (t) fs.rmSync(t.dir, { recursive: true, force: true });
    fs.rmSync(archiveDir, { recursive: true, force: true });
  };
  try {
    const area = AREAS[opts.adapter];
    const companyCode = `${area.areacode}000000123`;
    server.seedCompany({
      companycode: companyCode,
      password: PASSWORD,
      companyname: opts.registeredName === false ? null : SHOP_NAME,
      areacode: area.areacode,
    });
    t = await makeCore({
      clock: opts.clock ?? realClock(),
      ...(opts.uploader ? { uploader: opts.uploader } : {}),
    });
    const basics = await seedBasics(t);
    // seedBasics stocks 10 filters; the drain benchmark settles hundreds of orders.
    await t.ok('stock.receive', { partId: basics.filter.id, quantity: 100_000, unitCostFen: 3500 });
    await t.ok('archive.configure', {
      adapter: opts.adapter,
      baseUrl: server.url,
      companyCode,
      password: PASSWORD,
      cityCode: area.cityCode,
    });
    return { t, server, archiveDir, adapter: opts.adapter, companyCode, basics, close };
  } catch (e) {
    await close();
    throw e;
  }
}

export interface Settled {
  outboxId: string;
  settlementNo: string;
  workOrderId: string;
}

/** One ordinary visit (one labour line, one part), settled in cash. */
export async function settleOne(t: TestCore, vehicleId: string, partId: string): Promise<Settled> {
  const id = await completedOrder(t, vehicleId, partId);
  const d = await t.ok('workOrders.settle', { id, paymentMethod: 'cash', oldPartsDisposition: 'none' });
  const a = d.archive.find((r) => r.kind === 'upload');
  if (!a || !d.order.settlementNo) throw new Error(`settle of ${id} produced no outbox row`);
  return { outboxId: a.outboxId, settlementNo: d.order.settlementNo, workOrderId: id };
}

export interface StoredRecord {
  companycode: string;
  costlistcode: string;
  content: ArchiveRecord;
  resends: number;
  received_at: number;
}

/** Every record the archive stored, read from its database (the content is what it compares). */
export const storedRecords = (server: ArchiveServer): StoredRecord[] =>
  (
    server.db
      .prepare('SELECT companycode, costlistcode, content, resends, received_at FROM records ORDER BY id')
      .all() as {
      companycode: string;
      costlistcode: string;
      content: string;
      resends: number;
      received_at: number;
    }[]
  ).map((r) => ({ ...r, content: JSON.parse(r.content) as ArchiveRecord }));

/**
 * What the archive must hold for a local record: the 13 data elements as the client froze them at
 * settlement, and the plate colour only where the family carries one (Foshan).
 */
export const expectedContent = (local: ArchiveRecord, adapter: AdapterId): ArchiveRecord => ({
  basicInfo: local.basicInfo,
  repairprojectlist: local.repairprojectlist,
  vehiclepartslist: local.vehiclepartslist,
  vehicleplatecolor: adapter === 'foshan' ? local.vehicleplatecolor : '',
});

/** Outbox rows that are still to be worked on, and uploads in flight. */
export async function queueState(t: TestCore) {
  const s = await t.ok('archive.status', {});
  const u = t.app.core.sync.status();
  return { ...s.counts, inFlight: u.inFlight, nextAttemptAt: u.nextAttemptAt, lastError: s.lastError };
}

export const drained = async (t: TestCore): Promise<boolean> => {
  const q = await queueState(t);
  return q.pending === 0 && q.sending === 0 && q.inFlight === 0;
};

/**
 * Problems with the ledger of one outbox row: any request written after the upload that the
 * platform answered OK (an accepted record must never be sent again), and no `upload:ok` at all for
 * an accepted row.
 */
export async function ledgerProblems(t: TestCore, outboxId: string): Promise<string[]> {
  const { record, entries } = await t.ok('archive.ledger', { id: outboxId });
  const problems: string[] = [];
  const ok = entries.findIndex((e) => e.outcome === 'upload:ok');
  if (record.state === 'accepted' && ok < 0) problems.push(`${record.settlementNo}: accepted without an upload:ok`);
  if (ok >= 0) {
    const after = entries.slice(ok + 1).map((e) => e.outcome);
    if (after.length > 0) problems.push(`${record.settlementNo}: requests after upload:ok: ${after.join(', ')}`);
  }
  const open = entries.filter((e) => e.finishedAt === null || e.outcome.endsWith(':sent'));
  if (open.length > 0) problems.push(`${record.settlementNo}: ${open.length} ledger entries never completed`);
  return problems;
}
