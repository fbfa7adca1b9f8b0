/**
 * Crash safety of settlement (architecture.md, sync rule 1): a child process settles orders as fast
 * as it can and is SIGKILLed at random moments, again and again. After every kill the database must
 * open cleanly, and every order must be either fully settled (number, stock issues, outbox record)
 * or untouched: never half of one. Orders the child saw commit must still be settled (durability).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/app.js';
import { completedOrder, FakeClock, makeCore, seedBasics, type TestCore, tempDir } from '../support/core.js';
import { ledgerProblems, settlementNumberProblems } from '../support/ledger.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHILD = 'tests/crash/settle-loop.ts';
const KILLS = 24;
/** Orders kept waiting for the child, so that a kill lands mid-loop rather than after it ran dry. */
const MIN_POOL = 150;
/** Every ~10th order uses a part that is never in stock: its settle rolls back after taking a number. */
const SCARCE_EVERY = 10;

interface Run {
  lines: string[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  child: ChildProcess;
  stderr: () => string;
}

function startChild(dir: string): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buf = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buf += chunk;
    const parts = buf.split('\n');
    buf = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    // 'close' (not 'exit') waits for stdout to drain, so `lines` holds everything the child wrote.
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { lines, exit, child, stderr: () => err };
}

const waitFor = async (run: Run, pred: (lines: string[]) => boolean, ms: number) => {
  const until = Date.now() + ms;
  while (!pred(run.lines)) {
    if (Date.now() > until || run.child.exitCode !== null)
      throw new Error(`child did not get ready: ${run.lines.slice(-3).join(' | ')} ${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

/** Adds completed orders (labour + two stock part lines, some with a part never in stock). */
async function topUp(t: TestCore, ids: Ids, n: number) {
  // Preparation is not what this test crashes: spare it the fsyncs (this connection only).
  t.app.core.sqlite.pragma('synchronous = OFF');
  for (let i = 0; i < n; i++) {
    const scarce = ids.made % SCARCE_EVERY === SCARCE_EVERY - 1;
    const id = await completedOrder(t, ids.vehicle, ids.filter, 100 + (ids.made % 7));
    await t.ok('workOrders.addPart', {
      workOrderId: id,
      partId: scarce ? ids.scarce : ids.oil,
      quantity: 50 + (ids.made % 13),
      confirm: ['stock_short'],
    });
    ids.made++;
  }
  t.app.core.sqlite.pragma('synchronous = FULL');
}
interface Ids {
  vehicle: string;
  filter: string;
  oil: string;
  scarce: string;
  made: number;
}

interface Check {
  settled: number;
  completed: number;
  settledIds: Map<string, string>;
}

/** Opens the folder the way the app does (startup checks included) and checks every order. */
async function checkDatabase(dir: string): Promise<Check> {
  const app = await createCore({ dataDir: dir, log: () => {} });
  try {
    const sql = app.core.sqlite;
    expect(sql.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(ledgerProblems(sql)).toEqual([]);
    expect(settlementNumberProblems(sql)).toEqual([]);
    const verify = await app.call('audit.verify', {});
    expect(verify).toMatchObject({ ok: true, value: { ok: true, brokenAt: null } });

    const orders = sql.prepare('SELECT id, status, settlement_no, settled_at FROM work_orders').all() as {
      id: string;
      status: string;
      settlement_no: string | null;
      settled_at: number | null;
    }[];
    const stockLines = sql.prepare(
      'SELECT part_id, quantity FROM part_lines WHERE work_order_id = ? AND part_id IS NOT NULL AND customer_supplied = 0 ORDER BY seq',
    );
    const movements = sql.prepare(
      'SELECT kind, part_id, quantity, doc_no FROM stock_movements WHERE work_order_id = ?',
    );
    const outbox = sql.prepare('SELECT kind, state, settlement_no, record FROM outbox WHERE work_order_id = ?');
    const out: Check = { settled: 0, completed: 0, settledIds: new Map() };
    for (const o of orders) {
      const lines = stockLines.all(o.id) as { part_id: string; quantity: number }[];
      const moved = movements.all(o.id) as { kind: string; part_id: string; quantity: number; doc_no: string }[];
      const ob = outbox.all(o.id) as { kind: string; state: string; settlement_no: string; record: string }[];
      if (o.status === 'settled') {
        out.settled++;
        out.settledIds.set(o.id, o.settlement_no!);
        expect(o.settlement_no, o.id).toMatch(/^JS\d{8}-\d{4}$/);
        expect(o.settled_at, o.id).not.toBeNull();
        // One issue per stock line, for exactly that part and quantity, under this settlement number.
        expect(moved.map((m) => [m.kind, m.part_id, m.quantity, m.doc_no]).sort(), o.id).toEqual(
          lines.map((l) => ['issue', l.part_id, -l.quantity, o.settlement_no]).sort(),
        );
        expect(ob, o.id).toHaveLength(1);
        expect(ob[0]).toMatchObject({ kind: 'upload', settlement_no: o.settlement_no });
        const rec = JSON.parse(ob[0]!.record) as { basicInfo: { costlistcode: string } };
        expect(rec.basicInfo.costlistcode, o.id).toBe(o.settlement_no);
      } else {
        out.completed++;
        expect({ status: o.status, no: o.settlement_no, at: o.settled_at, moved, ob }, o.id).toEqual({
          status: 'completed',
          no: null,
          at: null,
          moved: [],
          ob: [],
        });
      }
    }
    return out;
  } finally {
    app.close();
  }
}

describe('settlement under SIGKILL', () => {
  it('leaves every order fully settled or untouched, however often the process dies', async () => {
    const started = Date.now();
    const dir = tempDir('chedang-crash-');
    try {
      const t = await makeCore({ dir, clock: new FakeClock(Date.now()) });
      const basics = await seedBasics(t);
      // Enough stock for every order this test can make; the scarce part never gets any.
      await t.ok('stock.receive', { partId: basics.filter.id, quantity: 10_000_000, unitCostFen: 3500 });
      await t.ok('stock.receive', { partId: basics.oil.id, quantity: 10_000_000, unitCostFen: 5000 });
      const scarce = await t.ok('parts.create', { code: 'SCARCE-1', name: '缺货件', salePriceFen: 100 });
      const ids: Ids = {
        vehicle: basics.vehicle.id,
        filter: basics.filter.id,
        oil: basics.oil.id,
        scarce: scarce.id,
        made: 0,
      };
      await topUp(t, ids, MIN_POOL * 2);
      t.close();

      let kills = 0;
      let midLoop = 0;
      let midSettle = 0;
      let inFlightCommitted = 0;
      let refusals = 0;
      let mostPerRun = 0;
      let last: Check | undefined;
      const committed = new Map<string, string>();

      for (let i = 0; i < KILLS; i++) {
        const run = startChild(dir);
        try {
          await waitFor(run, (l) => l.some((x) => x.startsWith('ready ')), 20_000);
          await new Promise((r) => setTimeout(r, 30 + Math.floor(Math.random() * 370)));
        } finally {
          run.child.kill('SIGKILL');
        }
        const exit = await run.exit;
        kills++;
        // Killed — or, now and then, it had already emptied its queue and exited cleanly before the
        // kill came (settling is fast; the queue is sized from the previous runs). midLoop counts those.
        if (exit.signal !== 'SIGKILL')
          expect({ exit, last: run.lines.at(-1) }, run.stderr()).toEqual({
            exit: { code: 0, signal: null },
            last: 'idle',
          });
        if (!run.lines.includes('idle')) midLoop++;
        const tail = run.lines.at(-1) ?? '';
        const inFlight = tail.startsWith('begin ') ? tail.slice('begin '.length) : undefined;
        if (inFlight) midSettle++;
        const ends = run.lines.filter((l) => l.startsWith('end '));
        for (const l of ends) {
          const [, id, no] = l.split(' ');
          committed.set(id!, no!);
        }
        refusals += run.lines.filter((l) => l.startsWith('refused ')).length;
        mostPerRun = Math.max(mostPerRun, ends.length);

        last = await checkDatabase(dir);
        // What the child saw commit survived the kill, under the same number.
        for (const [id, no] of committed) expect(last.settledIds.get(id), id).toBe(no);
        // The settle the kill interrupted went either way (checked above); count which.
        if (inFlight && last.settledIds.has(inFlight)) inFlightCommitted++;

        // Keep the queue long enough that the next kill still lands mid-loop.
        const want = Math.max(MIN_POOL, 3 * mostPerRun);
        if (last.completed < want) {
          const p = await makeCore({ dir, clock: new FakeClock(Date.now()) });
          await topUp(p, ids, want - last.completed);
          p.close();
        }
      }

      // Finally let one child run to the end: everything but the never-in-stock orders gets settled.
      const final = startChild(dir);
      const exit = await final.exit;
      expect(exit, final.stderr()).toEqual({ code: 0, signal: null });
      expect(final.lines.at(-1)).toBe('idle');
      last = await checkDatabase(dir);
      const scarceOrders = Math.floor(ids.made / SCARCE_EVERY);
      expect(last.completed).toBe(scarceOrders);
      expect(last.settled).toBe(ids.made - scarceOrders);

      expect(kills).toBe(KILLS);
      expect(committed.size).toBeGreaterThan(0);
      expect(midLoop).toBeGreaterThanOrEqual(KILLS - 2);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `settle crash test: ${kills} SIGKILLs (${midLoop} mid-loop, ${midSettle} inside a settle call: ` +
          `${inFlightCommitted} of those had committed, ${midSettle - inFlightCommitted} rolled back), ` +
          `${committed.size} orders settled while being killed, ${last.settled} settled of ${ids.made} in the end, ` +
          `${refusals} refused settles rolled back, ${seconds} s`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
