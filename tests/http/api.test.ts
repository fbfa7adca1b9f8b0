/**
 * The HTTP API end to end: the in-process host on loopback for the transport's own rules, then the
 * issue's definition of done against a real `node dist/core/serve.js` process, killed and restarted
 * on the same data folder.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadMigrations } from '../../electron/core/db/open.js';
import { type HttpHost, MAX_BODY_BYTES, startHttpHost } from '../../electron/core/http/server.js';
import { resolveMigrationsDir } from '../../electron/core/paths.js';
import { contract, METHOD_NAMES, type MethodOutput } from '../../shared/api/contract.js';
import { ApiErrorSchema, ERROR_STATUS } from '../../shared/api/errors.js';
import { completedOrder, makeCore, seedBasics, type TestCore, tempDir, VINS } from '../support/core.js';
import {
  callApi,
  freePort,
  REPO_ROOT,
  type Reply,
  rawRequest,
  type ServeProcess,
  startServe,
} from '../support/http.js';

/** Every error answer has the one shape, both languages filled in, and the status its code implies. */
const expectApiError = (r: Reply, status: number, code: string) => {
  expect(r.status, r.text).toBe(status);
  const body = ApiErrorSchema.parse(r.json);
  expect(body.error.code).toBe(code);
  expect(ERROR_STATUS[body.error.code as keyof typeof ERROR_STATUS]).toBe(status);
  expect(body.error.message.zh.length).toBeGreaterThan(0);
  expect(body.error.message.en.length).toBeGreaterThan(0);
  return body.error;
};

const ok = <T>(r: Reply): T => {
  expect(r.status, r.text).toBe(200);
  return r.json as T;
};

describe('HTTP host (in process)', () => {
  let t: TestCore;
  let host: HttpHost;
  let base: string;
  beforeAll(async () => {
    t = await makeCore();
    host = await startHttpHost({ app: t.app, host: '127.0.0.1', port: 0, version: '9.9.9-test' });
    base = host.url;
  });
  afterAll(async () => {
    await host?.close();
    t?.close();
    if (t) fs.rmSync(t.dir, { recursive: true, force: true });
  });

  it('answers GET /api/health with the versions', async () => {
    const r = await rawRequest(base, { method: 'GET', path: '/api/health' });
    expect(r.json).toMatchObject({
      ok: true,
      app: 'chedang',
      version: '9.9.9-test',
      schemaVersion: loadMigrations(resolveMigrationsDir()).length,
    });
    expect(typeof (r.json as { time: unknown }).time).toBe('number');
  });

  it('serves an OpenAPI 3.1 document with a POST path for every method', async () => {
    const r = await rawRequest(base, { method: 'GET', path: '/api/openapi.json' });
    expect(r.status).toBe(200);
    // No OpenAPI validator ships with the project: check the parts of the 3.1 structure that tools rely on.
    const JsonSchema = z.union([z.record(z.string(), z.unknown()), z.boolean()]);
    const Operation = z.object({
      operationId: z.string().min(1),
      summary: z.string().min(1),
      requestBody: z.object({
        required: z.literal(true),
        content: z.object({ 'application/json': z.object({ schema: JsonSchema }) }),
      }),
      responses: z
        .record(
          z.string().regex(/^[1-5]\d\d$/),
          z.object({
            description: z.string(),
            content: z.object({ 'application/json': z.object({ schema: JsonSchema }) }),
          }),
        )
        .refine((rs) => '200' in rs, 'a 200 response'),
    });
    const Doc = z.object({
      openapi: z.string().regex(/^3\.1\.\d+$/),
      info: z.object({ title: z.string().min(1), version: z.literal('9.9.9-test') }),
      paths: z.record(z.string().regex(/^\/api\//), z.strictObject({ post: Operation })),
      components: z.object({ schemas: z.record(z.string(), JsonSchema) }),
    });
    const doc = Doc.parse(r.json);
    expect(Object.keys(doc.paths).sort()).toEqual(METHOD_NAMES.map((m) => `/api/${m}`).sort());
    const ids = Object.values(doc.paths).map((p) => p.post.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of METHOD_NAMES) expect(doc.paths[`/api/${m}`]!.post.operationId).toBe(m);
    // Every $ref points at something that exists in the document.
    const refs = [...r.text.matchAll(/"\$ref":"([^"]+)"/g)].map((x) => x[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref.startsWith('#/'), ref).toBe(true);
      const target = ref
        .slice(2)
        .split('/')
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], r.json);
      if (ref.startsWith('#/components/')) expect(target, ref).toBeDefined();
    }
    expect(doc.components.schemas.ApiError).toBeDefined();
  });

  it('refuses an unknown method with 404 unknown_method', async () => {
    expectApiError(await callApi(base, 'workOrders.teleport', {}), 404, 'unknown_method');
    expectApiError(await callApi(base, '__proto__', {}), 404, 'unknown_method');
    expectApiError(await callApi(base, 'constructor', {}), 404, 'unknown_method');
  });

  it('refuses GET on a method with 405 and says which verb works', async () => {
    const r = await rawRequest(base, { method: 'GET', path: '/api/shop.get' });
    expectApiError(r, 405, 'method_not_allowed');
    expect(r.headers.allow).toBe('POST');
  });

  it('refuses malformed JSON with 400', async () => {
    const r = await rawRequest(base, {
      method: 'POST',
      path: '/api/customers.create',
      headers: { 'content-type': 'application/json' },
      body: '{"kind": "person", "name": ',
    });
    expectApiError(r, 400, 'invalid_input');
  });

  it('refuses a body that is not JSON by content type with 415', async () => {
    const r = await rawRequest(base, {
      method: 'POST',
      path: '/api/customers.create',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ kind: 'person', name: '张三' }),
    });
    expectApiError(r, 415, 'unsupported_media_type');
    const form = await rawRequest(base, {
      method: 'POST',
      path: '/api/customers.create',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'kind=person&name=x',
    });
    expectApiError(form, 415, 'unsupported_media_type');
  });

  it('refuses a body over 1 MiB with 413 and keeps serving', async () => {
    const huge = JSON.stringify({ kind: 'person', name: 'x'.repeat(MAX_BODY_BYTES) });
    expectApiError(await callApi(base, 'customers.create', JSON.parse(huge)), 413, 'payload_too_large');
    // Chunked, so the limit is enforced while reading and not only from Content-Length.
    const chunked = await new Promise<Reply>((resolve) => {
      const url = new URL(base);
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: '/api/system.ping',
          headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
          agent: false,
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => {
            text += c.toString('utf8');
          });
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: JSON.parse(text) }),
          );
        },
      );
      // The server may cut the upload short once it has answered; that is the point.
      req.on('error', () => {});
      const piece = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent <= MAX_BODY_BYTES + piece.length) {
          sent += piece.length;
          if (!req.write(piece)) {
            req.once('drain', pump);
            return;
          }
        }
        req.end();
      };
      pump();
    });
    expectApiError(chunked, 413, 'payload_too_large');
    expect(ok(await callApi(base, 'system.ping', {}))).toEqual({ ok: true });
    // Just under the limit still goes through to validation.
    const under = await callApi(base, 'customers.create', { kind: 'person', name: 'y'.repeat(MAX_BODY_BYTES - 100) });
    expectApiError(under, 400, 'invalid_input');
  });

  it('refuses invalid input with 400 naming every field, in Chinese and English', async () => {
    const r = await callApi(base, 'vehicles.create', {
      plate: 12345,
      lastMileageKm: -1,
      owner: { kind: 'alien', name: '' },
      confirm: 'vin_check_digit',
    });
    const e = expectApiError(r, 400, 'invalid_input');
    expect(e.fields.map((f) => f.field).sort()).toEqual([
      'confirm',
      'lastMileageKm',
      'owner.kind',
      'owner.name',
      'plate',
    ]);
    for (const f of e.fields) {
      expect(f.severity).toBe('error');
      expect(f.message.zh.length).toBeGreaterThan(0);
      expect(f.message.en.length).toBeGreaterThan(0);
      expect(f.message.en).toContain(f.field!);
    }
    const nested = await callApi(base, 'stock.stocktake', { counts: [{ partId: 'nope', counted: 1.5 }] });
    expect(expectApiError(nested, 400, 'invalid_input').fields.map((f) => f.field)).toEqual([
      'counts[0].partId',
      'counts[0].counted',
    ]);
    const extra = expectApiError(await callApi(base, 'system.ping', { sneaky: 1 }), 400, 'invalid_input');
    expect(extra.fields[0]!.message.en).toContain('sneaky');
  });

  it('answers only requests addressed to a loopback name (DNS rebinding)', async () => {
    const evil = await rawRequest(base, { method: 'GET', path: '/api/health', headers: { host: 'evil.example:80' } });
    expectApiError(evil, 403, 'forbidden');
    const post = await rawRequest(base, {
      method: 'POST',
      path: '/api/shop.update',
      headers: { host: 'attacker.test', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'pwned' }),
    });
    expectApiError(post, 403, 'forbidden');
    expect(ok<MethodOutput<'shop.get'>>(await callApi(base, 'shop.get', {})).name).not.toBe('pwned');
    const port = new URL(base).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`])
      expect((await rawRequest(base, { method: 'GET', path: '/api/health', headers: { host } })).status).toBe(200);
  });

  it('refuses a wrong, unknown or ended token with 401, and no longer knows X-Chedang-User', async () => {
    // The old impersonation header is gone: it is ignored, so the caller stays the owner it always was.
    const temp = ok<MethodOutput<'users.create'>>(
      await callApi(base, 'users.create', { name: '临时工', role: 'clerk', pin: '4321' }),
    );
    const me = ok<MethodOutput<'auth.me'>>(await callApi(base, 'auth.me', {}, { 'x-chedang-user': temp.id }));
    expect(me.user?.id).toBe(t.app.owner.id);
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    expectApiError(await callApi(base, 'shop.get', {}, bearer('A'.repeat(43))), 401, 'unauthenticated');
    expectApiError(
      await callApi(base, 'shop.get', {}, { authorization: "Bearer ' OR 1=1 --" }),
      401,
      'unauthenticated',
    );
    const session = ok<MethodOutput<'auth.login'>>(await callApi(base, 'auth.login', { userId: temp.id, pin: '4321' }));
    ok(await callApi(base, 'shop.get', {}, bearer(session.token)));
    ok(await callApi(base, 'users.update', { id: temp.id, active: false }));
    expectApiError(await callApi(base, 'shop.get', {}, bearer(session.token)), 401, 'unauthenticated');
  });

  it('lets only a manager reverse a settled order', async () => {
    const basics = await seedBasics(t);
    const id = await completedOrder(t, basics.vehicle.id, basics.filter.id);
    await t.ok('workOrders.settle', { id, paymentMethod: 'cash', oldPartsDisposition: 'customer_keeps' });
    const clerk = ok<MethodOutput<'users.create'>>(
      await callApi(base, 'users.create', { name: '小王', role: 'clerk', pin: '1111' }),
    );
    const manager = ok<MethodOutput<'users.create'>>(
      await callApi(base, 'users.create', { name: '李店长', role: 'manager', pin: '2222' }),
    );
    // Each signs in on this PC with their PIN; the session token says who calls.
    const as = async (userId: string, pin: string) => ({
      authorization: `Bearer ${ok<MethodOutput<'auth.login'>>(await callApi(base, 'auth.login', { userId, pin })).token}`,
    });
    const asClerk = await as(clerk.id, '1111');
    const asManager = await as(manager.id, '2222');
    const input = { id, reason: '客户要求重开发票' };
    expectApiError(await callApi(base, 'workOrders.reverse', input, asClerk), 403, 'forbidden');
    expect((await t.ok('workOrders.get', { id })).order.status).toBe('settled');
    // The clerk may still do desk work, so the 403 above is the role rule and not a broken login.
    ok(await callApi(base, 'workOrders.get', { id }, asClerk));
    const r = ok<MethodOutput<'workOrders.reverse'>>(await callApi(base, 'workOrders.reverse', input, asManager));
    expect(r.order.order.status).toBe('reversed');
    expect(r.reversal.createdBy).toBe(manager.id);
  });

  it('pushes a `changed` event on GET /api/events after a write', async () => {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new Error('no change event within 10 s')), 10_000);
    try {
      const res = await fetch(`${base}/api/events`, { signal: abort.signal });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buf = '';
      const readUntil = async (pred: (s: string) => boolean) => {
        while (!pred(buf)) {
          const { value, done } = await reader.read();
          if (done) throw new Error(`event stream ended: ${buf}`);
          buf += decoder.decode(value, { stream: true });
        }
      };
      // The stream is registered once its first frame arrives; only then is a write sure to be seen.
      await readUntil((s) => s.includes('retry:'));
      ok(await callApi(base, 'customers.create', { kind: 'person', name: '赵六', phone: '13900139000' }));
      await readUntil((s) => /event: changed\ndata: .*customers\.create.*\n\n/.test(s));
      const frame = buf.split('\n\n').find((f) => f.includes('customers.create'))!;
      const data = JSON.parse(
        frame
          .split('\n')
          .find((l) => l.startsWith('data: '))!
          .slice(6),
      );
      expect(data).toMatchObject({ type: 'changed', method: 'customers.create' });
      expect(data.topics).toContain('customers');
      await reader.cancel();
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The definition of done, over HTTP against the real serve process

describe('serve process: reception to settlement, surviving a restart', () => {
  let dataDir: string;
  let serve: ServeProcess | undefined;
  beforeAll(() => {
    execFileSync(process.execPath, ['build/build.mjs', '--quiet'], { cwd: REPO_ROOT, stdio: 'inherit' });
    dataDir = tempDir('chedang-serve-');
  }, 120_000);
  afterAll(async () => {
    await serve?.stop('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the front desk day and keeps it after SIGTERM and restart', async () => {
    serve = await startServe(dataDir, await freePort());
    const call = (m: string, input: unknown) => callApi(serve!.url, m, input);
    const must = async <T>(m: keyof typeof contract, input: unknown): Promise<T> => {
      const r = await call(m, input);
      expect(r.status, `${m}: ${r.text}\n${serve!.output()}`).toBe(200);
      // The reply is exactly what the contract promises, as a client generated from openapi.json would read it.
      contract[m].output.parse(r.json);
      return r.json as T;
    };

    await must('shop.update', {
      name: '广州市示例汽车维修有限公司',
      creditCode: '91430100MA4M76GY99',
      labourRateFen: 8000,
    });
    const customer = await must<MethodOutput<'customers.create'>>('customers.create', {
      kind: 'person',
      name: '张三',
      phone: '138 0013 8000',
    });
    const badVin = await call('vehicles.create', { vin: 'LSJA24U62JG26922', plate: '粤A12345', ownerId: customer.id });
    const refused = expectApiError(badVin, 422, 'validation_failed');
    expect(refused.fields[0]!.field).toBe('vin');
    const vehicle = await must<MethodOutput<'vehicles.create'>>('vehicles.create', {
      vin: VINS[0],
      plate: '粤A12345',
      brandModel: '丰田凯美瑞',
      ownerId: customer.id,
    });
    const part = await must<MethodOutput<'parts.create'>>('parts.create', {
      code: '90915-YZZD1',
      name: '机油滤清器',
      salePriceFen: 6800,
    });
    const received = await must<MethodOutput<'stock.receive'>>('stock.receive', {
      partId: part.id,
      quantity: 1000,
      unitCostFen: 3500,
    });
    expect(received.onHandAfter).toBe(1000);
    const created = await must<MethodOutput<'workOrders.create'>>('workOrders.create', {
      vehicleId: vehicle.id,
      mileageInKm: 35210,
      faultDescription: '定期保养',
      repairCategory: 'level1_maintenance',
    });
    const id = created.order.id;
    await must('workOrders.addLabour', { workOrderId: id, item: '更换机油机滤', hoursTenths: 5 });
    await must('workOrders.addPart', { workOrderId: id, partId: part.id, quantity: 100 });
    await must('workOrders.setStatus', { id, status: 'in_progress' });
    await must('workOrders.complete', { id, mileageOutKm: 35212 });
    const settled = await must<MethodOutput<'workOrders.settle'>>('workOrders.settle', {
      id,
      paymentMethod: 'wechat',
      oldPartsDisposition: 'customer_keeps',
      expectedTotalFen: 4000 + 6800,
    });
    const settlementNo = settled.order.settlementNo!;
    expect(settlementNo).toMatch(/^JS\d{8}-0001$/);

    const checkAll = async () => {
      expectApiError(
        await call('workOrders.addLabour', { workOrderId: id, item: '补做', hoursTenths: 1 }),
        409,
        'conflict',
      );
      expect((await must<MethodOutput<'parts.get'>>('parts.get', { id: part.id })).onHand).toBe(900);
      const history = await must<MethodOutput<'vehicles.history'>>('vehicles.history', { id: vehicle.id });
      expect(history.vehicle.owner?.id).toBe(customer.id);
      expect(history.visits).toHaveLength(1);
      expect(history.visits[0]).toMatchObject({
        workOrderId: id,
        status: 'settled',
        settlementNo,
        mileageInKm: 35210,
        totalFen: 10_800,
        labour: [{ item: '更换机油机滤', hoursTenths: 5, amountFen: 4000 }],
        parts: [{ name: '机油滤清器', code: '90915-YZZD1', quantity: 100, amountFen: 6800 }],
      });
      const detail = await must<MethodOutput<'workOrders.get'>>('workOrders.get', { id });
      expect(detail.order).toMatchObject({ status: 'settled', settlementNo, totalFen: 10_800 });
      expect(detail.archive).toHaveLength(1);
      // A fresh data folder runs the demo archive (演示平台): the record uploads with no one doing anything.
      for (let i = 0; i < 100; i++) {
        const s = await must<MethodOutput<'archive.status'>>('archive.status', {});
        if (s.counts.accepted === 1) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const status = await must<MethodOutput<'archive.status'>>('archive.status', {});
      expect(status.counts).toMatchObject({ accepted: 1, pending: 0, sending: 0 });
      expect(status.platform).toMatchObject({ demo: true, label: { zh: '演示平台' } });
      const record = detail.archive[0]!.record as { basicInfo: Record<string, string> };
      expect(record.basicInfo.costlistcode).toBe(settlementNo);
      expect(record.basicInfo.vin).toBe(VINS[0]);
      expect((await must<MethodOutput<'audit.verify'>>('audit.verify', {})).ok).toBe(true);
    };
    await checkAll();

    expect(await serve.stop('SIGTERM')).toBe(0);
    serve = undefined;
    // A fresh port: the old one may briefly be taken by someone else, and the data folder is what matters.
    serve = await startServe(dataDir, await freePort());
    await checkAll();
    // Numbers continue after the restart; nothing was handed out twice.
    const second = await must<MethodOutput<'workOrders.create'>>('workOrders.create', {
      vehicleId: vehicle.id,
      mileageInKm: 35300,
      repairCategory: 'minor_repair',
    });
    expect(second.order.number).not.toBe(created.order.number);
    expect(second.order.number.slice(-4)).toBe('0002');
  }, 120_000);
});
