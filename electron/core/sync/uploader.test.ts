/**
 * The uploader's logic with a fake clock and hand-fired timers against a scripted platform on
 * loopback: state transitions, FIFO, concurrency, back-off and its cap, Retry-After, token refresh,
 * wake-ups, recovery of `sending` at start, rejection and requeue, local holds, and the ledger.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { completedOrder, makeCore, seedBasics, type TestCore } from '../../../tests/support/core.js';
import { ManualTimers, type ScriptedPlatform, startScriptedPlatform } from '../../../tests/support/platform.js';
import { DEFAULT_BACKOFF } from './backoff.js';

let t: TestCore;
let p: ScriptedPlatform;
let timers: ManualTimers;
let basics: Awaited<ReturnType<typeof seedBasics>>;
const PASSWORD = 'pw"中/+secret';

beforeEach(async () => {
  timers = new ManualTimers();
  p = await startScriptedPlatform();
  // random() = 0 makes every back-off exactly half its nominal delay, so the schedule is exact.
  t = await makeCore({ uploader: { timers, random: () => 0, timeoutMs: 2_000 } });
  basics = await seedBasics(t);
  await t.ok('archive.configure', {
    adapter: 'lcippro-nested',
    baseUrl: `${p.url}/`,
    companyCode: '440100123456789',
    password: PASSWORD,
    cityCode: '440100',
  });
});

afterEach(async () => {
  t.close();
  await p.close();
});

const settle = async () => {
  const id = await completedOrder(t, basics.vehicle.id, basics.filter.id);
  const d = await t.ok('workOrders.settle', { id, paymentMethod: 'cash', oldPartsDisposition: 'none' });
  return d.archive[0]!.outboxId;
};
const rowOf = async (id: string) => (await t.ok('archive.ledger', { id })).record;
const run = async () => {
  t.app.core.sync.start();
  await t.app.core.sync.idle();
};

describe('uploader', () => {
  it('uploads a settled record: pending → sending → accepted, with a redacted ledger and an audit entry', async () => {
    const id = await settle();
    expect((await rowOf(id)).state).toBe('pending');
    await run();
    const { record, entries } = await t.ok('archive.ledger', { id });
    expect(record.state).toBe('accepted');
    expect(record.acceptedAt).toBe(t.clock.now());
    expect(record.attempts).toBe(1);
    expect(entries.map((e) => e.outcome)).toEqual(['token:ok', 'upload:ok']);
    const all = JSON.stringify(entries);
    expect(all).not.toContain('中/+secret');
    expect(all).not.toContain('tok-1');
    expect(entries[0]!.request).toContain('"companypassword":"***"');
    expect(entries[1]!.request).toContain('"access_token":"***"');
    expect(p.uploads()[0]!.body.access_token).toBe('tok-1');
    const audit = await t.ok('audit.list', { entity: 'outbox', entityId: id, limit: 10 });
    expect(audit.items.some((a) => a.userName === '档案上传服务')).toBe(true);
    const status = await t.ok('archive.status', {});
    expect(status.counts.accepted).toBe(1);
    expect(status.online).toBe(true);
    expect(status.lastSuccessAt).toBe(t.clock.now());
  });

  it('sends oldest first and never more than the concurrency bound at once', async () => {
    await t.ok('stock.receive', { partId: basics.filter.id, quantity: 100_000, unitCostFen: 3500 });
    const ids = [];
    for (let i = 0; i < 12; i++) ids.push(await settle());
    // Replies slow enough that all eight requests of the first window are being answered together.
    for (let i = 0; i < 12; i++) p.script('upload', { body: { code: '1', status: 'ok' }, delayMs: 300 });
    await run();
    expect(p.concurrent.max).toBe(8); // UploaderOptions.concurrency's default
    const order = p.uploads().map((u) => (u.body.basicInfo as { costlistcode: string }).costlistcode);
    const numbers = await Promise.all(ids.map(async (id) => (await rowOf(id)).settlementNo));
    expect(new Set(order.slice(0, 8))).toEqual(new Set(numbers.slice(0, 8)));
    expect(order.length).toBe(12);
    expect(p.tokens().length).toBe(1); // eight uploads started together shared one token request
  });

  it('after a transient failure, widens again from 2 in flight, one more per accepted upload', async () => {
    await t.ok('stock.receive', { partId: basics.filter.id, quantity: 100_000, unitCostFen: 3500 });
    await settle();
    // The attempt fails (503): the queue pauses and the window narrows to 2.
    p.script('upload', { status: 503, body: '' });
    t.app.core.sync.start();
    await t.app.core.sync.idle();
    expect((await t.ok('archive.status', {})).counts.pending).toBe(1);
    for (let i = 0; i < 11; i++) await settle();
    for (let i = 0; i < 12; i++) p.script('upload', { body: { code: '1', status: 'ok' }, delayMs: 40 });
    p.concurrent.max = 0;
    t.clock.advance(DEFAULT_BACKOFF.capMs);
    timers.fire();
    await t.app.core.sync.idle();
    expect((await t.ok('archive.status', {})).counts.accepted).toBe(12);
    // 2 at first, then one more per acceptance: it grows, but twelve records do not reach the bound of 8.
    expect(p.concurrent.max).toBeGreaterThan(2);
    expect(p.concurrent.max).toBeLessThan(8);
  });

  it('counts one failure for the uploads that were in flight together, not one each', async () => {
    for (let i = 0; i < 8; i++) await settle();
    for (let i = 0; i < 8; i++) p.script('upload', { status: 502, body: 'Bad Gateway', delayMs: 20 });
    t.app.core.sync.start();
    await t.app.core.sync.idle();
    const status = await t.ok('archive.status', {});
    expect(status.counts.pending).toBe(8);
    // random() = 0: the first failure waits half the base; eight failures counted apart would wait the cap.
    expect(status.nextAttemptAt! - t.clock.now()).toBe(DEFAULT_BACKOFF.baseMs / 2);
  });

  it('backs off exponentially with jitter up to the cap, then drains when the platform returns', async () => {
    const id = await settle();
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) p.script('token', { status: 502, body: 'Bad Gateway' });
    t.app.core.sync.start();
    await t.app.core.sync.idle();
    for (let i = 0; i < 9; i++) {
      const row = await rowOf(id);
      expect(row.state).toBe('pending');
      delays.push(row.nextAttemptAt! - t.clock.now());
      // The timer is armed for the next attempt, or for the idle look at the queue if that comes first.
      expect(timers.pending?.ms).toBe(Math.min(row.nextAttemptAt! - t.clock.now(), 60_000));
      t.clock.advance(row.nextAttemptAt! - t.clock.now());
      timers.fire();
      await t.app.core.sync.idle();
    }
    // random = 0 → half of min(cap, base · 2^(n−1)).
    const expected = Array.from(
      { length: 9 },
      (_, n) => Math.min(DEFAULT_BACKOFF.capMs, DEFAULT_BACKOFF.baseMs * 2 ** n) / 2,
    );
    expect(delays).toEqual(expected);
    expect(Math.max(...delays)).toBe(DEFAULT_BACKOFF.capMs / 2);
    const row = await rowOf(id);
    expect(row.state).toBe('accepted');
    expect(row.attempts).toBe(10);
    const status = await t.ok('archive.status', {});
    expect(status.lastError?.message).toContain('HTTP 502');
  });

  it('honours Retry-After from a 503 (and clamps an absurd one)', async () => {
    const id = await settle();
    p.script('upload', { status: 503, headers: { 'retry-after': '120' }, body: '' });
    await run();
    let row = await rowOf(id);
    expect(row.nextAttemptAt! - t.clock.now()).toBe(120_000);
    expect((await t.ok('archive.status', {})).nextAttemptAt).toBe(row.nextAttemptAt);
    p.script('upload', { status: 503, headers: { 'retry-after': String(7 * 86_400) }, body: '' });
    t.clock.advance(120_000);
    timers.fire();
    await t.app.core.sync.idle();
    row = await rowOf(id);
    expect(row.nextAttemptAt! - t.clock.now()).toBe(DEFAULT_BACKOFF.retryAfterCapMs);
  });

  it('treats a dropped connection, a timeout and a malformed reply as transient', async () => {
    const id = await settle();
    p.script('upload', { drop: true }, { body: '<html>proxy error</html>' }, { delayMs: 2_500, body: {} });
    t.app.core.sync.start();
    for (const expected of ['upload:error', 'upload:malformed', 'upload:error']) {
      await t.app.core.sync.idle();
      const { entries, record } = await t.ok('archive.ledger', { id });
      expect(record.state).toBe('pending');
      expect(entries.at(-1)!.outcome).toBe(expected);
      t.clock.advance(record.nextAttemptAt! - t.clock.now());
      timers.fire();
    }
    await t.app.core.sync.idle();
    expect((await rowOf(id)).state).toBe('accepted');
  });

  it('a rejection is retried once with a fresh token, then held for the clerk; requeue after the fix uploads it', async () => {
    const first = await settle(); // warms the token cache
    await run();
    expect((await rowOf(first)).state).toBe('accepted');
    const id = await settle();
    const reject = { body: { code: '-30', status: '数据校验不通过：车牌号码不存在' } };
    p.script('upload', reject, reject);
    t.app.core.sync.wake('manual');
    await t.app.core.sync.idle();
    const { record, entries } = await t.ok('archive.ledger', { id });
    expect(record.state).toBe('rejected');
    expect(record.lastError).toBe('-30 数据校验不通过：车牌号码不存在');
    expect(record.issues.at(-1)).toMatchObject({ code: 'platform_rejected', severity: 'error' });
    expect(record.issues.at(-1)!.message.zh).toContain('车牌号码不存在');
    expect(entries.map((e) => e.outcome)).toEqual(['upload:code -30', 'token:ok', 'upload:code -30']);
    // Not retried by the timer or a wake-up.
    const uploads = p.uploads().length;
    t.clock.advance(3_600_000);
    timers.fire();
    await t.app.core.sync.idle();
    expect(p.uploads().length).toBe(uploads);
    // The clerk fixes the plate and requeues.
    await t.ok('vehicles.update', { id: basics.vehicle.id, plate: '粤A54321' });
    const requeued = await t.ok('archive.requeue', { id });
    expect(requeued.state).toBe('pending');
    expect(requeued.plate).toBe('粤A54321');
    await t.app.core.sync.idle();
    expect((await rowOf(id)).state).toBe('accepted');
    expect((p.uploads().at(-1)!.body.basicInfo as { vehicleplatenumber: string }).vehicleplatenumber).toBe('粤A54321');
  });

  it('refreshes an invalid token and at least hourly', async () => {
    const a = await settle();
    await run();
    expect((await rowOf(a)).state).toBe('accepted');
    const b = await settle();
    p.script('upload', { body: { code: '-20', status: 'access_token无效或已过期' } });
    t.app.core.sync.wake('manual');
    await t.app.core.sync.idle();
    expect((await rowOf(b)).state).toBe('accepted');
    expect(p.tokens().length).toBe(2);
    t.clock.advance(61 * 60_000);
    const c = await settle();
    await t.app.core.sync.idle();
    expect((await rowOf(c)).state).toBe('accepted');
    expect(p.tokens().length).toBe(3);
    expect(p.uploads().at(-1)!.body.access_token).toBe('tok-3');
  });

  it('a refused account pauses the queue for the cap and says so, without touching the records', async () => {
    const id = await settle();
    p.script('token', { body: { code: '-11', status: '密码错误' } });
    await run();
    const row = await rowOf(id);
    expect(row.state).toBe('pending');
    expect(row.nextAttemptAt! - t.clock.now()).toBe(DEFAULT_BACKOFF.capMs);
    const status = await t.ok('archive.status', {});
    expect(status.lastError?.message).toContain('密码错误');
    expect(status.online).toBe(true);
    // Saving the account again (the clerk fixed the password) tries at once.
    await t.ok('archive.configure', {
      adapter: 'lcippro-nested',
      baseUrl: p.url,
      companyCode: '440100123456789',
      password: 'right',
      cityCode: '440100',
    });
    await t.app.core.sync.idle();
    expect((await rowOf(id)).state).toBe('accepted');
    expect(p.tokens().at(-1)!.body.companypassword).toBe('right');
  });

  it('wakes on a new record, and on the network coming back even while backing off', async () => {
    t.app.core.sync.start();
    await t.app.core.sync.idle();
    const id = await settle(); // the settle's change event wakes it
    await t.app.core.sync.idle();
    expect((await rowOf(id)).state).toBe('accepted');

    const id2 = await settle();
    p.script('upload', { status: 500, body: '' });
    await t.app.core.sync.idle();
    expect((await rowOf(id2)).state).toBe('pending');
    t.app.core.sync.wake('timer'); // a plain timer tick before the back-off ends does nothing
    await t.app.core.sync.idle();
    expect((await rowOf(id2)).state).toBe('pending');
    t.app.core.sync.wake('network');
    await t.app.core.sync.idle();
    expect((await rowOf(id2)).state).toBe('accepted');
  });

  it('returns rows left in `sending` by a crash to pending at start, and uploads them', async () => {
    const id = await settle();
    t.app.core.sqlite.prepare(`UPDATE outbox SET state = 'sending' WHERE id = ?`).run(id);
    await run();
    expect((await rowOf(id)).state).toBe('accepted');
  });

  it('holds a record the platform family cannot take (Foshan without a plate colour)', async () => {
    await t.ok('archive.configure', {
      adapter: 'foshan',
      baseUrl: p.url,
      companyCode: '440600123456789',
      cityCode: '440600',
    });
    t.app.core.sqlite.prepare('UPDATE vehicles SET plate_color = NULL').run();
    const id = await settle();
    await run();
    const row = await rowOf(id);
    expect(row.state).toBe('held');
    expect(row.issues.map((i) => i.code)).toContain('plate_color_required');
    expect(p.uploads().length).toBe(0);
  });

  it('does nothing without a configured platform, and an accepted record is never sent again', async () => {
    const id = await settle();
    await run();
    expect((await rowOf(id)).state).toBe('accepted');
    const sent = p.uploads().length;
    t.app.core.sync.stop();
    t.app.core.sync.start();
    await t.app.core.sync.idle();
    expect(p.uploads().length).toBe(sent);
    expect((await t.err('archive.requeue', { id })).code).toBe('conflict');
    expect(() => t.app.core.sqlite.prepare(`UPDATE outbox SET state = 'pending' WHERE id = ?`).run(id)).toThrow(
      /accepted_record_is_final/,
    );
  });

  it('takes a "duplicate" answer as accepted only when an earlier attempt may have landed unseen', async () => {
    const dup = { body: { code: '-5', status: '该结算清单编号已存在' } };
    const lost = await settle();
    p.script('upload', { drop: true });
    await run();
    expect((await rowOf(lost)).state).toBe('pending');
    p.script('upload', dup, dup);
    t.app.core.sync.wake('manual');
    await t.app.core.sync.idle();
    expect((await rowOf(lost)).state).toBe('accepted');

    const fresh = await settle();
    p.script('upload', dup, dup);
    await t.app.core.sync.idle();
    const row = await rowOf(fresh);
    expect(row.state).toBe('rejected');
    expect(row.lastError).toBe('-5 该结算清单编号已存在');
  });

  it('reads a reply that starts with a byte-order mark', async () => {
    const id = await settle();
    p.script('upload', { body: '\uFEFF{"code":1,"status":"上传成功"}' });
    await run();
    expect((await rowOf(id)).state).toBe('accepted');
  });

  it('holds a record whose order was reversed while its upload failed in flight', async () => {
    const id = await settle();
    const { workOrderId } = await rowOf(id);
    p.script('upload', { delayMs: 150, status: 503, body: '' });
    t.app.core.sync.start();
    await new Promise((r) => setTimeout(r, 50)); // the upload is in flight
    await t.ok('workOrders.reverse', { id: workOrderId, reason: '金额有误' });
    await t.app.core.sync.idle();
    const rows = (await t.ok('archive.records', { limit: 10 })).items;
    expect(rows.map((r) => [r.kind, r.state]).sort()).toEqual([
      ['correction', 'held'],
      ['upload', 'held'],
    ]);
    expect(rows.find((r) => r.kind === 'upload')!.issues.at(-1)!.code).toBe('reversed_before_upload');
  });
});
