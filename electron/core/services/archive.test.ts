/**
 * The archive.* API against the real reference archive on loopback: account configuration and its
 * secrecy, the connection test, the record list, requeue after a fix, the ledger export and the KPIs.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ArchiveServer, startArchiveServer } from '../../../archive/server.js';
import { completedOrder, makeCore, seedBasics, type TestCore, tempDir } from '../../../tests/support/core.js';

const COMPANY = { companycode: '440106000000001', password: 'tianhe-密码"2026', areacode: '440106' };
const SHOP_NAME = '广州市示例汽车维修有限公司';

let t: TestCore;
let archive: ArchiveServer;
let basics: Awaited<ReturnType<typeof seedBasics>>;
const clerk = { id: null, name: '前台小李', role: 'clerk' as const };

const configure = (over: Record<string, unknown> = {}) =>
  t.ok('archive.configure', {
    adapter: 'lcippro-nested',
    baseUrl: archive.url,
    companyCode: COMPANY.companycode,
    password: COMPANY.password,
    cityCode: '440100',
    ...over,
  });

const settle = async () => {
  const id = await completedOrder(t, basics.vehicle.id, basics.filter.id);
  return (await t.ok('workOrders.settle', { id, paymentMethod: 'cash', oldPartsDisposition: 'none' })).archive[0]!;
};

beforeEach(async () => {
  t = await makeCore({ uploader: { backoff: { baseMs: 20, capMs: 100, retryAfterCapMs: 100 } } });
  archive = await startArchiveServer({ dataDir: tempDir('chedang-arch-'), port: 0, now: t.clock.now });
  archive.seedCompany({ ...COMPANY, companyname: SHOP_NAME });
  basics = await seedBasics(t);
});

afterEach(async () => {
  t.close();
  await archive.close();
});

describe('archive.configure', () => {
  it('needs a password the first time, is for the manager only, and never shows the password', async () => {
    const e = await t.err('archive.configure', {
      adapter: 'lcippro-nested',
      baseUrl: archive.url,
      companyCode: COMPANY.companycode,
      cityCode: null,
    });
    expect(e.fields.map((f) => f.field)).toEqual(['password']);
    expect((await t.err('archive.configure', { ...basicsInput(), password: 'x' }, clerk)).code).toBe('forbidden');
    const bad = await t.err('archive.configure', { ...basicsInput(), baseUrl: 'ftp://x', cityCode: '110100' });
    expect(bad.fields.map((f) => f.field).sort()).toEqual(['baseUrl', 'cityCode']);

    const view = await configure({ baseUrl: `${archive.url}///` });
    expect(view).toMatchObject({
      baseUrl: archive.url,
      hasPassword: true,
      demo: false,
      cityName: '广州市',
      label: { zh: '广州市 · lcippro 标准接口（嵌套）' },
    });
    // Changing the URL alone keeps the saved password.
    expect((await configure({ password: undefined })).hasPassword).toBe(true);
    const everything = JSON.stringify([
      await t.ok('archive.status', {}),
      await t.ok('audit.list', { limit: 200 }),
      t.app.core.sqlite.prepare('SELECT * FROM settings').all(),
    ]);
    expect(everything).not.toContain('tianhe-密码');
    expect(everything).not.toContain(JSON.stringify(COMPANY.password).slice(1, -1));
  });
});

const basicsInput = () => ({
  adapter: 'lcippro-nested' as const,
  baseUrl: archive.url,
  companyCode: COMPANY.companycode,
  cityCode: '440100',
});

describe('archive.testConnection', () => {
  it('reports success, a refused account and an unreachable platform in words a clerk can act on', async () => {
    const { cityCode: _c, ...account } = basicsInput();
    const unsaved = await t.ok('archive.testConnection', { ...account, password: COMPANY.password });
    expect(unsaved).toMatchObject({ ok: true, code: '1' });
    await configure();
    expect((await t.ok('archive.testConnection', {})).ok).toBe(true);
    const wrong = await t.ok('archive.testConnection', { password: 'wrong' });
    expect(wrong).toMatchObject({ ok: false, code: '-11' });
    expect(wrong.message.zh).toContain('企业编码和密码');
    const unknown = await t.ok('archive.testConnection', { companyCode: '440106999999999' });
    expect(unknown).toMatchObject({ ok: false, code: '-10' });
    const closed = await startArchiveServer({ dataDir: tempDir('chedang-arch-'), port: 0 });
    const deadUrl = closed.url;
    await closed.close();
    const down = await t.ok('archive.testConnection', { baseUrl: deadUrl });
    expect(down).toMatchObject({ ok: false, code: null });
    expect(down.message.zh).toContain('无法连接平台');
  });

  it('says what is missing when nothing is configured', async () => {
    const e = await t.err('archive.testConnection', {});
    expect(e.fields.map((f) => f.field)).toEqual(['adapter', 'baseUrl', 'companyCode', 'password']);
  });
});

describe('records, requeue, ledger export and KPIs', () => {
  it('holds a record the shop cannot send truthfully, refuses a requeue until fixed, then uploads it', async () => {
    await configure();
    t.app.core.sqlite.prepare(`UPDATE shop SET name = ''`).run();
    const row = await settle();
    expect(row.state).toBe('held');
    expect(row.issues.map((i) => i.code)).toContain('company_name_required');

    const refused = await t.err('archive.requeue', { id: row.outboxId });
    expect(refused.code).toBe('validation_failed');
    expect(refused.fields.map((f) => f.code)).toContain('company_name_required');
    expect((await t.ok('archive.ledger', { id: row.outboxId })).record.state).toBe('held');

    await t.ok('shop.update', { name: SHOP_NAME });
    const requeued = await t.ok('archive.requeue', { id: row.outboxId }, clerk);
    expect(requeued).toMatchObject({ state: 'pending', issues: [] });
    t.app.startSync();
    await t.app.core.sync.idle();
    const { record, entries } = await t.ok('archive.ledger', { id: row.outboxId });
    expect(record.state).toBe('accepted');
    expect((record.record as { basicInfo: { companyname: string } }).basicInfo.companyname).toBe(SHOP_NAME);
    expect(entries.map((e) => e.outcome)).toEqual(['token:ok', 'upload:ok']);
    expect(archive.metrics(COMPANY.companycode).companies[0]!.uploads).toBe(1);
  });

  it('will not requeue the record of a reversed order, nor a correction', async () => {
    const row = await settle();
    await t.ok('workOrders.reverse', { id: await orderOf(row.outboxId), reason: '金额有误' });
    const list = await t.ok('archive.records', { limit: 10 });
    expect(list.items.map((r) => [r.kind, r.state])).toEqual([['upload', 'held']]);
    expect((await t.err('archive.requeue', { id: row.outboxId })).code).toBe('conflict');
  });

  it('filters records by state, kind, date and number, newest first', async () => {
    await configure();
    const a = await settle();
    t.app.startSync();
    await t.app.core.sync.idle();
    t.app.core.sync.stop();
    t.clock.advance(86_400_000);
    const b = await settle();
    const all = await t.ok('archive.records', { limit: 10 });
    expect(all.items.map((r) => r.id)).toEqual([b.outboxId, a.outboxId]);
    expect(all.total).toBe(2);
    expect((await t.ok('archive.records', { state: ['pending'], limit: 10 })).items.map((r) => r.id)).toEqual([
      b.outboxId,
    ]);
    expect((await t.ok('archive.records', { from: '2026-11-25', limit: 10 })).total).toBe(1);
    expect((await t.ok('archive.records', { to: '2026-11-24', limit: 10 })).items[0]!.state).toBe('accepted');
    const one = all.items[1]!;
    expect((await t.ok('archive.records', { settlementNo: one.settlementNo, limit: 10 })).total).toBe(1);
    expect(one).toMatchObject({ vin: 'LSJA24U62JG269225', plate: '粤A12345', settleDate: '2026-11-24' });
  });

  it('exports the ledger as CSV for Excel and as JSON, with no password or token in it', async () => {
    await configure();
    await settle();
    await settle();
    t.app.startSync();
    await t.app.core.sync.idle();
    const csv = await t.ok('archive.exportLedger', { format: 'csv' });
    expect(csv.filename).toBe('chedang-upload-ledger-20261124.csv');
    expect(csv.rows).toBe(3); // one token call, two uploads
    const lines = csv.content.split('\r\n');
    expect(lines[0]).toBe(
      '\ufeffstarted_at,finished_at,settlement_no,attempt,platform,company_code,outcome,http_status,error,request,response',
    );
    expect(csv.content).toContain('upload:ok');
    const json = await t.ok('archive.exportLedger', { format: 'json', from: '2026-11-24', to: '2026-11-24' });
    const entries = JSON.parse(json.content) as { request: string; response: string }[];
    expect(entries).toHaveLength(3);
    for (const text of [csv.content, json.content]) {
      expect(text).not.toContain('tianhe-');
      // Every token, in the token replies and in the uploads, shows as ***.
      const shown = [...text.matchAll(/access_token[\\"]*:[\\"]*([^"\\,]*)/g)].map((m) => m[1]);
      expect(shown.length).toBeGreaterThanOrEqual(3);
      expect(new Set(shown)).toEqual(new Set(['***']));
    }
    expect((await t.ok('archive.exportLedger', { format: 'json', from: '2026-11-25' })).rows).toBe(0);
    expect((await t.err('archive.exportLedger', { format: 'csv' }, clerk)).code).toBe('forbidden');
  });

  it('computes the KPIs from settled orders and accepted uploads', async () => {
    expect(await t.ok('archive.kpis', {})).toMatchObject({
      settledOrders: 0,
      acceptedShare: null,
      medianSettleToAcceptedMs: null,
      qualityScore: null,
    });
    await configure();
    await settle();
    await settle();
    t.clock.advance(90_000);
    t.app.startSync();
    await t.app.core.sync.idle();
    await settle(); // still pending: the uploader is stopped below before it runs
    const k = await t.ok('archive.kpis', {});
    expect(k.settledOrders).toBe(3);
    expect(k.acceptedOrders).toBeGreaterThanOrEqual(2);
    expect(k.qualityScore).toBe(100);
    expect(k.qualityFormula.zh.length).toBeGreaterThan(10);
    expect(k.uploadsLast7Days).toBe(k.acceptedOrders);
    expect(k.medianSettleToAcceptedMs).toBeGreaterThanOrEqual(0);
  });
});

const orderOf = async (outboxId: string) => (await t.ok('archive.ledger', { id: outboxId })).record.workOrderId;
