/**
 * Crash safety of the uploader (architecture.md, sync rules 2–7): the real `node dist/core/serve.js`
 * uploads a queue of settled orders to the real reference archive (running in this test process, so
 * it outlives every kill) through a slow link, and is SIGKILLed at random moments, again and again,
 * while the front desk keeps settling a few more orders over HTTP. Finally one process runs until the
 * queue is empty. Then: every settled order is accepted locally and stored by the archive exactly
 * once, with the content of the local snapshot; nothing else is stored; nothing is lost; no request
 * for a record ever left after the record was accepted locally (a resend is legitimate only when the
 * kill fell between the archive's commit and the local `accepted` write, and the archive answers it
 * "identical"); the database and the audit chain are intact.
 *
 * Needs `dist/core/serve.js`: `npm test` builds it; with vitest alone run `node build/build.mjs --quiet` first.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalContent } from '../../archive/record-input.js';
import { type ArchiveServer, startArchiveServer } from '../../archive/server.js';
import { createCore } from '../../electron/core/app.js';
import { DB_FILE } from '../../electron/core/db/open.js';
import type { ArchiveRecord } from '../../shared/domain/archive-record.js';
import { completedOrder, FakeClock, makeCore, seedBasics, tempDir } from '../support/core.js';
import { callApi, freePort, REPO_ROOT, rawRequest, type ServeProcess, startServe } from '../support/http.js';
import { ledgerProblems, settlementNumberProblems } from '../support/ledger.js';

const KILLS = 24;
/** Settled before the first start, never uploaded: the queue the kills cut into. */
const SETTLED_AT_START = 100;
/** Completed but unsettled: settled over HTTP a few per life, so records keep arriving while killing. */
const POOL = 50;
const SHOP_NAME = '广州市示例汽车维修有限公司';
const COMPANY = { companycode: '440106000000077', password: 'upload-crash-2026', areacode: '440106' };
const SERVE_JS = path.join(REPO_ROOT, 'dist/core/serve.js');

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const rand = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo + 1));

interface OutboxRow {
  id: string;
  seq: number;
  kind: string;
  work_order_id: string;
  settlement_no: string;
  state: string;
  record: string;
  attempts: number;
  accepted_at: number | null;
}
interface LedgerRow {
  rowid: number;
  outbox_id: string;
  attempt: number;
  outcome: string;
  response: string | null;
  started_at: number;
  finished_at: number | null;
}
interface Life {
  n: number;
  startedAt: number;
  /** When the SIGKILL was sent (null for the last, graceful life). */
  killedAt: number | null;
  endedAt: number;
}

/** Reads the data folder without writing to it (the next process does WAL recovery, not us). */
function inspect<T>(dir: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path.join(dir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const children = new Set<ChildProcess>();
const cleanups: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const f of cleanups.reverse()) await f();
});

function waitExit(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('archive upload under SIGKILL', () => {
  it('stores every settled order exactly once and never resends an accepted one', async () => {
    expect(fs.existsSync(SERVE_JS), `${SERVE_JS} is missing: run \`node build/build.mjs --quiet\` first`).toBe(true);
    const started = Date.now();
    const dir = tempDir('chedang-upload-crash-');
    const archiveDir = tempDir('chedang-upload-crash-archive-');
    cleanups.push(() => {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(archiveDir, { recursive: true, force: true });
    });

    // The archive: real server, real SQLite, in this process so it survives every kill.
    const archiveLog: string[] = [];
    const archive: ArchiveServer = await startArchiveServer({
      dataDir: archiveDir,
      port: 0,
      log: (m) => archiveLog.push(m),
    });
    cleanups.push(() => archive.close());
    archive.seedCompany({ ...COMPANY, companyname: SHOP_NAME });

    // The shop: settled orders not yet uploaded (no archive configured), and a pool of completed ones.
    const clock = new FakeClock();
    clock.now = () => Date.now();
    const t = await makeCore({ dir, clock });
    let pool: string[];
    try {
      t.app.core.sqlite.pragma('synchronous = OFF');
      const basics = await seedBasics(t);
      await t.ok('stock.receive', { partId: basics.filter.id, quantity: 10_000_000, unitCostFen: 3500 });
      await t.ok('stock.receive', { partId: basics.oil.id, quantity: 10_000_000, unitCostFen: 5000 });
      const make = async (i: number) => {
        const id = await completedOrder(t, basics.vehicle.id, basics.filter.id, 100 + (i % 5));
        await t.ok('workOrders.addPart', { workOrderId: id, partId: basics.oil.id, quantity: 400 + (i % 7) });
        return id;
      };
      for (let i = 0; i < SETTLED_AT_START; i++) {
        const id = await make(i);
        await t.ok('workOrders.settle', { id, paymentMethod: 'cash', oldPartsDisposition: 'customer_keeps' });
      }
      pool = [];
      for (let i = 0; i < POOL; i++) pool.push(await make(i));
      t.app.core.sqlite.pragma('synchronous = FULL');
    } finally {
      t.close();
    }
    const prepared = inspect(dir, (db) => db.prepare(`SELECT state, count(*) AS n FROM outbox GROUP BY state`).all());
    expect(prepared).toEqual([{ state: 'pending', n: SETTLED_AT_START }]);
    const prepSeconds = (Date.now() - started) / 1000;

    const serveOpts = {
      args: [
        '--no-demo',
        '--archive-url',
        archive.url,
        '--archive-adapter',
        'lcippro-nested',
        '--company-code',
        COMPANY.companycode,
      ],
      env: { CHEDANG_ARCHIVE_PASSWORD: COMPANY.password },
    };
    const launch = async (): Promise<ServeProcess> => {
      for (let tries = 1; ; tries++) {
        try {
          const s = await startServe(dir, await freePort(), serveOpts);
          children.add(s.child);
          return s;
        } catch (e) {
          // freePort() leaves a tiny race with other processes: take another port, once or twice.
          if (tries >= 3 || !String((e as Error).message).includes('EADDRINUSE')) throw e;
        }
      }
    };

    const lives: Life[] = [];
    /** Settle calls that answered 200: these must be settled, under this number, whatever came after. */
    const httpSettled = new Map<string, string>();
    let httpSettleTries = 0;
    let kills = 0;
    let killsWhileSending = 0;
    let killsWithOpenUpload = 0;
    let killsDuringUpload = 0;
    let dropRounds = 0;
    const perLifeAccepted: number[] = [];

    for (let i = 0; i < KILLS; i++) {
      const drops = i % 3 === 2;
      if (drops) dropRounds++;
      archive.setFaults({ latencyMs: rand(20, 80), dropAfterCommitRate: drops ? 0.15 : 0 });
      const acceptedBefore = inspect(
        dir,
        (db) => (db.prepare(`SELECT count(*) AS n FROM outbox WHERE state = 'accepted'`).get() as { n: number }).n,
      );
      const startedAt = Date.now();
      const serve = await launch();
      // A few more settlements at the front desk while the uploader works (some cut off by the kill).
      let settleError: Error | null = null;
      const settling = (async () => {
        const n = pool.length > 0 && Math.random() < 0.7 ? rand(1, 3) : 0;
        for (let k = 0; k < n && pool.length > 0; k++) {
          const id = pool.shift()!;
          httpSettleTries++;
          let r: Awaited<ReturnType<typeof callApi>>;
          try {
            r = await callApi(serve.url, 'workOrders.settle', {
              id,
              paymentMethod: 'cash',
              oldPartsDisposition: 'customer_keeps',
            });
          } catch {
            // Cut off by the kill: settled or untouched (the pool is corrected from the database below).
            pool.push(id);
            return;
          }
          if (r.status !== 200) {
            settleError = new Error(`settle ${id} answered ${r.status}: ${r.text}\n${serve.output()}`);
            return;
          }
          httpSettled.set(id, (r.json as { order: { settlementNo: string } }).order.settlementNo);
          await sleep(rand(0, 120));
        }
      })();
      await sleep(rand(50, 400));
      const killedAt = Date.now();
      serve.child.kill('SIGKILL');
      const exit = await waitExit(serve.child);
      children.delete(serve.child);
      const endedAt = Date.now();
      kills++;
      expect(exit.signal, `life ${i} ended on its own:\n${serve.output()}`).toBe('SIGKILL');
      await settling;
      if (settleError) throw settleError;
      lives.push({ n: i, startedAt, killedAt, endedAt });

      const after = inspect(dir, (db) => ({
        sending: (db.prepare(`SELECT count(*) AS n FROM outbox WHERE state = 'sending'`).get() as { n: number }).n,
        openUpload: (
          db
            .prepare(
              `SELECT count(*) AS n FROM upload_ledger
                WHERE finished_at IS NULL AND outcome LIKE 'upload:%' AND started_at >= ?`,
            )
            .get(startedAt) as { n: number }
        ).n,
        accepted: (db.prepare(`SELECT count(*) AS n FROM outbox WHERE state = 'accepted'`).get() as { n: number }).n,
        settledIds: new Set(
          (db.prepare(`SELECT id FROM work_orders WHERE status = 'settled'`).all() as { id: string }[]).map(
            (r) => r.id,
          ),
        ),
      }));
      if (after.sending > 0) killsWhileSending++;
      if (after.openUpload > 0) killsWithOpenUpload++;
      if (after.sending > 0 || after.openUpload > 0) killsDuringUpload++;
      perLifeAccepted.push(after.accepted - acceptedBefore);
      // An order whose settle call was cut off but committed is no longer in the pool.
      pool = pool.filter((id) => !after.settledIds.has(id));
    }

    // Finally: no faults, no kill, until the queue is empty.
    archive.setFaults({ latencyMs: 0, dropAfterCommitRate: 0 });
    const finalStartedAt = Date.now();
    const final = await launch();
    let status: { counts: Record<string, number> } | undefined;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const r = await callApi(final.url, 'archive.status', {});
      expect(r.status, `archive.status: ${r.text}\n${final.output()}`).toBe(200);
      status = r.json as { counts: Record<string, number> };
      if (status.counts.pending === 0 && status.counts.sending === 0) break;
      if (Date.now() > deadline)
        throw new Error(`the queue did not drain within 60 s: ${JSON.stringify(status)}\n${final.output()}`);
      await sleep(100);
    }
    expect(status.counts, final.output()).toMatchObject({ rejected: 0, held: 0 });
    expect(await final.stop('SIGTERM'), final.output()).toBe(0);
    children.delete(final.child);
    lives.push({ n: KILLS, startedAt: finalStartedAt, killedAt: null, endedAt: Date.now() });

    // ---- The shop's side -------------------------------------------------------------------------
    const app = await createCore({ dataDir: dir, log: () => {} });
    let orders: { id: string; settlement_no: string }[];
    let rows: OutboxRow[];
    let ledger: LedgerRow[];
    try {
      const sql = app.core.sqlite;
      expect(sql.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(ledgerProblems(sql)).toEqual([]);
      expect(settlementNumberProblems(sql)).toEqual([]);
      expect(await app.call('audit.verify', {})).toMatchObject({ ok: true, value: { ok: true, brokenAt: null } });
      orders = sql
        .prepare(`SELECT id, settlement_no FROM work_orders WHERE status = 'settled' ORDER BY settlement_no`)
        .all() as typeof orders;
      rows = sql
        .prepare(
          'SELECT id, seq, kind, work_order_id, settlement_no, state, record, attempts, accepted_at FROM outbox ORDER BY seq',
        )
        .all() as OutboxRow[];
      ledger = sql
        .prepare(
          'SELECT rowid, outbox_id, attempt, outcome, response, started_at, finished_at FROM upload_ledger ORDER BY rowid',
        )
        .all() as LedgerRow[];
    } finally {
      app.close();
    }

    // Nothing lost: one upload row per settled order, under its number, and every one accepted.
    // Every order taken from the pool got settled (answered, or committed as the kill cut the reply off).
    expect(orders.length, 'settled orders').toBe(SETTLED_AT_START + POOL - pool.length);
    for (const [id, no] of httpSettled) expect(orders.find((o) => o.id === id)?.settlement_no, id).toBe(no);
    expect(rows.length, 'outbox rows vs settled orders').toBe(orders.length);
    const rowOfOrder = new Map(rows.map((r) => [r.work_order_id, r]));
    for (const o of orders) {
      const r = rowOfOrder.get(o.id);
      expect(r, `settled order ${o.settlement_no} has no outbox row`).toBeDefined();
      expect({ kind: r!.kind, no: r!.settlement_no, state: r!.state }, o.settlement_no).toEqual({
        kind: 'upload',
        no: o.settlement_no,
        state: 'accepted',
      });
      expect(r!.accepted_at, o.settlement_no).not.toBeNull();
    }

    // The archive's side: exactly the local records, once each, with the content of the local snapshot.
    const listed = await rawRequest(archive.url, {
      method: 'GET',
      path: `/admin/records?company=${COMPANY.companycode}`,
    });
    expect(listed.status).toBe(200);
    const records = (listed.json as { records: { costlistcode: string; resends: number }[] }).records;
    const nos = records.map((r) => r.costlistcode);
    expect(new Set(nos).size, 'duplicate records in the archive').toBe(nos.length);
    expect([...nos].sort()).toEqual(orders.map((o) => o.settlement_no).sort());
    const stored = archive.db
      .prepare('SELECT costlistcode, content, resends FROM records WHERE companycode = ?')
      .all(COMPANY.companycode) as { costlistcode: string; content: string; resends: number }[];
    const totalStored = (archive.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
    expect(totalStored, 'records stored for anyone else').toBe(stored.length);
    const rowOfNo = new Map(rows.map((r) => [r.settlement_no, r]));
    for (const s of stored) {
      const local = JSON.parse(rowOfNo.get(s.costlistcode)!.record) as ArchiveRecord;
      // The lcippro family carries no plate colour (archive-protocol.md): the archive stores none.
      expect(s.content, s.costlistcode).toBe(canonicalContent({ ...local, vehicleplatecolor: '' }));
    }
    // The archive never saw two different contents for one number, nor refused anything.
    const codes = archive.db
      .prepare(
        `SELECT endpoint, code, count(*) AS n FROM requests WHERE companycode = ? AND code IS NOT NULL GROUP BY endpoint, code`,
      )
      .all(COMPANY.companycode) as { endpoint: string; code: string; n: number }[];
    expect(
      codes.filter((c) => c.code !== '1'),
      'archive replies other than success',
    ).toEqual([]);
    expect(archiveLog).toEqual([]);

    // The ledger: nothing left after a row's acceptance, and a resend only in a later life.
    const lifeOf = (at: number) => lives.findIndex((l) => at >= l.startedAt && at <= l.endedAt);
    const byRow = new Map<string, LedgerRow[]>();
    for (const e of ledger) byRow.set(e.outbox_id, [...(byRow.get(e.outbox_id) ?? []), e]);
    const problems: string[] = [];
    let resentAfterCommit = 0;
    let identicalReplies = 0;
    for (const r of rows) {
      const entries = byRow.get(r.id) ?? [];
      const uploads = entries.filter((e) => e.outcome.startsWith('upload:'));
      const ok = uploads.filter((e) => e.outcome === 'upload:ok');
      if (ok.length === 0) problems.push(`${r.settlement_no}: accepted without an upload:ok entry`);
      else if (ok[0]!.finished_at === null || ok[0]!.finished_at > r.accepted_at!)
        problems.push(`${r.settlement_no}: accepted before its upload answered`);
      for (const e of entries) {
        if (e.started_at > r.accepted_at!)
          problems.push(
            `${r.settlement_no}: ${e.outcome} started ${e.started_at - r.accepted_at!} ms after the row was accepted`,
          );
        if (lifeOf(e.started_at) < 0) problems.push(`${r.settlement_no}: ledger entry outside every process life`);
      }
      // After an upload:ok, the same life goes straight to `accepted`: any later request is in a later life.
      for (const e of ok) {
        const later = entries.filter((x) => x.rowid > e.rowid);
        for (const x of later)
          if (lifeOf(x.started_at) === lifeOf(e.started_at))
            problems.push(`${r.settlement_no}: ${x.outcome} after upload:ok in the same process life`);
      }
      // The archive can only know a record the shop sent before: the first upload is never a resend.
      if (uploads[0]?.response?.includes('记录已存在'))
        problems.push(`${r.settlement_no}: the first upload was answered "already stored"`);
      const stores = ok.filter((e) => e.response?.includes('上传成功')).length;
      const same = ok.filter((e) => e.response?.includes('记录已存在')).length;
      identicalReplies += same;
      if (stores > 1) problems.push(`${r.settlement_no}: the archive answered "stored" ${stores} times`);
      if (ok.length > 1 || same > 0) resentAfterCommit++;
      const arch = stored.find((s) => s.costlistcode === r.settlement_no);
      if (arch && same > arch.resends)
        problems.push(`${r.settlement_no}: ${same} identical replies but the archive counted ${arch.resends} resends`);
    }
    // The archive's own log agrees: no upload for a number arrived after the shop accepted it.
    const lastArrival = archive.db.prepare(
      'SELECT max(at) AS at FROM requests WHERE companycode = ? AND costlistcode = ?',
    );
    for (const r of rows) {
      const at = (lastArrival.get(COMPANY.companycode, r.settlement_no) as { at: number | null }).at;
      if (at === null) problems.push(`${r.settlement_no}: no upload in the archive's request log`);
      else if (at > r.accepted_at!)
        problems.push(`${r.settlement_no}: an upload reached the archive ${at - r.accepted_at!} ms after acceptance`);
    }
    expect(problems).toEqual([]);
    expect(kills).toBe(KILLS);
    // Not vacuous: the kills did cut into uploads (usually ~20 of 24 do).
    expect(killsWhileSending, 'kills that found a row sending').toBeGreaterThanOrEqual(3);
    // Stored by the archive after the process that sent it was killed (the reply had nowhere to go).
    const storedAfterKill = (
      archive.db.prepare('SELECT received_at FROM records WHERE companycode = ?').all(COMPANY.companycode) as {
        received_at: number;
      }[]
    ).filter((x) =>
      lives.some(
        (l, k) =>
          l.killedAt !== null && x.received_at >= l.killedAt && x.received_at < (lives[k + 1]?.startedAt ?? Infinity),
      ),
    ).length;

    const archiveResends = stored.reduce((n, s) => n + s.resends, 0);
    const uploadRequests = (
      archive.db
        .prepare(`SELECT count(*) AS n FROM requests WHERE companycode = ? AND costlistcode IS NOT NULL`)
        .get(COMPANY.companycode) as { n: number }
    ).n;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `upload crash: ${kills} SIGKILLs (${killsDuringUpload} during an upload: ${killsWhileSending} with a row ` +
        `sending, ${killsWithOpenUpload} with an upload request unanswered; ${dropRounds} lives with dropped replies), ` +
        `${stored.length} records stored once each (${SETTLED_AT_START} queued at start, ${httpSettled.size} of ` +
        `${httpSettleTries} HTTP settles answered during the kills), accepted per killed life ` +
        `[${perLifeAccepted.join(',')}], ${uploadRequests} upload requests reached the archive, ` +
        `${storedAfterKill} stored after their sender was killed, ${archiveResends} resends counted by the archive (${identicalReplies} "identical" replies seen locally, ` +
        `${resentAfterCommit} records resent after a commit), ${ledger.length} ledger entries, ` +
        `prep ${prepSeconds.toFixed(1)} s, ${seconds} s in all`,
    );
  }, 150_000);
});
