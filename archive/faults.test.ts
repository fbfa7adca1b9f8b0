import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkFaults, FaultError, FaultInjector, NO_FAULTS } from './faults.js';
import {
  adminRecords,
  fixture,
  LCIPPRO,
  lcipproToken,
  lcipproUpload,
  post,
  SHOP,
  startTestArchive,
  type TestArchive,
  VIN,
} from './test-support.js';

let a: TestArchive;
beforeEach(async () => {
  a = await startTestArchive();
});
afterEach(() => a.close());

const faultLog = () =>
  (
    a.server.db.prepare('SELECT fault FROM requests WHERE fault IS NOT NULL ORDER BY id').all() as { fault: string }[]
  ).map((r) => r.fault);

describe('fault injection', () => {
  it('is off by default', async () => {
    expect(a.server.faults()).toEqual(NO_FAULTS);
    expect((await fetch(`${a.url}/admin/faults`).then((r) => r.json())) as unknown).toEqual(NO_FAULTS);
  });

  it('errorRate: HTTP 503 with Retry-After, on protocol endpoints only', async () => {
    a.server.setFaults({ errorRate: 1, retryAfterSeconds: 7 });
    const r = await post(`${a.url}${LCIPPRO.token}`, { companycode: SHOP.companycode, companypassword: SHOP.password });
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('7');
    expect((await fetch(`${a.url}/time`)).status).toBe(503);
    expect((await fetch(`${a.url}/admin/metrics`)).status).toBe(200);
    expect((await fetch(`${a.url}/admin/records`)).status).toBe(200);
    expect((await fetch(`${a.url}/owner/vehicles/${VIN}/records`)).status).toBe(200);
    expect(faultLog()).toEqual(['error', 'error']);
  });

  it('latencyMs: delays protocol replies, not admin ones', async () => {
    a.server.setFaults({ latencyMs: 1500 });
    let t = Date.now();
    expect((await fetch(`${a.url}/admin/faults`)).status).toBe(200);
    expect(Date.now() - t).toBeLessThan(1000);
    t = Date.now();
    expect((await fetch(`${a.url}/time`)).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(1400);
  });

  it('dropBeforeCommitRate: the connection dies and nothing is stored', async () => {
    const token = await lcipproToken(a.url);
    a.server.setFaults({ dropBeforeCommitRate: 1 });
    await expect(lcipproUpload(a.url, token, fixture(a.clock))).rejects.toThrow();
    expect(await adminRecords(a.url)).toEqual([]);
    a.server.setFaults({ dropBeforeCommitRate: 0 });
    expect((await lcipproUpload(a.url, token, fixture(a.clock))).json.status).toBe('上传成功');
    expect(faultLog()).toEqual(['drop_before_commit']);
  });

  it('dropAfterCommitRate: stored, then the connection dies; the retry is an identical resend', async () => {
    const token = await lcipproToken(a.url);
    a.server.setFaults({ dropAfterCommitRate: 1 });
    await expect(lcipproUpload(a.url, token, fixture(a.clock))).rejects.toThrow();
    expect((await adminRecords(a.url)).map((r) => r.costlistcode)).toEqual(['JS-0001']);
    a.server.setFaults({ dropAfterCommitRate: 0 });
    expect((await lcipproUpload(a.url, token, fixture(a.clock))).json).toEqual({
      code: '1',
      status: '记录已存在，内容一致',
    });
    expect(faultLog()).toEqual(['drop_after_commit']);
  });

  it('malformedRate: HTTP 200 with a truncated JSON or an HTML page, after storing', async () => {
    const token = await lcipproToken(a.url);
    a.server.setFaults({ malformedRate: 1, seed: 3 });
    const kinds = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const r = await lcipproUpload(a.url, token, fixture(a.clock, { settlementNo: `JS-M${i}` }));
      expect(r.status).toBe(200);
      expect(r.json).toBeUndefined();
      kinds.add(r.headers.get('content-type')?.startsWith('text/html') ? 'html' : 'truncated');
      if (!r.headers.get('content-type')?.startsWith('text/html')) expect(r.text.startsWith('{"code":"1"')).toBe(true);
    }
    expect(kinds).toEqual(new Set(['html', 'truncated']));
    expect((await adminRecords(a.url)).length).toBe(12);
  });

  it('tokenExpiryRate: a valid token is treated as expired (-20)', async () => {
    const token = await lcipproToken(a.url);
    a.server.setFaults({ tokenExpiryRate: 1 });
    expect((await lcipproUpload(a.url, token, fixture(a.clock))).json).toEqual({
      code: '-20',
      status: 'access_token无效或已过期',
    });
    a.server.setFaults({ tokenExpiryRate: 0 });
    expect((await lcipproUpload(a.url, token, fixture(a.clock))).json.code).toBe('1');
    expect(faultLog()).toEqual(['token_expiry']);
  });

  it('is deterministic for a seed', async () => {
    const run = async () => {
      a.server.setFaults({ errorRate: 0.5, seed: 42 });
      const statuses: number[] = [];
      for (let i = 0; i < 16; i++) statuses.push((await fetch(`${a.url}/time`)).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 503]));
  });

  it('is set through POST /admin/faults, validated, and through the start options', async () => {
    const set = await post<unknown>(`${a.url}/admin/faults`, { errorRate: 0.25, seed: 9 });
    expect(set.status).toBe(200);
    expect(set.json).toEqual({ ...NO_FAULTS, errorRate: 0.25, seed: 9 });
    expect(a.server.faults().errorRate).toBe(0.25);
    const bad = await post<{ error: { code: string; message: { zh: string; en: string } } }>(`${a.url}/admin/faults`, {
      errorRate: 2,
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toEqual({
      zh: 'errorRate 应为 0 到 1 之间的数',
      en: 'errorRate must be a number from 0 to 1',
    });
    expect((await post(`${a.url}/admin/faults`, { explode: 1 })).status).toBe(400);
    expect((await post(`${a.url}/admin/faults`, '[')).status).toBe(400);

    const b = await startTestArchive({ faults: { errorRate: 1 } });
    try {
      expect((await fetch(`${b.url}/time`)).status).toBe(503);
    } finally {
      await b.close();
    }
  });
});

describe('FaultInjector', () => {
  it('refuses settings outside their ranges', () => {
    expect(() => checkFaults({ dropAfterCommitRate: -0.1 })).toThrow(FaultError);
    expect(() => checkFaults({ latencyMs: Number.NaN })).toThrow(FaultError);
    expect(() => checkFaults({ seed: 1.5 })).toThrow(FaultError);
    expect(() => checkFaults({ retryAfterSeconds: 0.5 })).toThrow(FaultError);
    expect(() => checkFaults(null)).toThrow(FaultError);
    expect(checkFaults({ malformedRate: 1, latencyMs: 0 })).toEqual({ malformedRate: 1, latencyMs: 0 });
  });

  it('draws nothing at rate 0 and everything at rate 1', () => {
    const off = new FaultInjector();
    const on = new FaultInjector({
      errorRate: 1,
      dropBeforeCommitRate: 1,
      dropAfterCommitRate: 1,
      malformedRate: 1,
      tokenExpiryRate: 1,
    });
    for (let i = 0; i < 50; i++) {
      expect(off.draw()).toEqual({
        latencyMs: 0,
        error: false,
        dropBeforeCommit: false,
        dropAfterCommit: false,
        malformed: null,
        tokenExpired: false,
      });
      expect(on.draw()).toMatchObject({
        error: true,
        dropBeforeCommit: true,
        dropAfterCommit: true,
        tokenExpired: true,
      });
    }
  });
});
