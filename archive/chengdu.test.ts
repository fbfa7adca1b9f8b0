import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from './replies.js';
import {
  adminRecords,
  chengduBody,
  chengduReqInfo,
  fixture,
  post,
  SHOP,
  startTestArchive,
  type TestArchive,
} from './test-support.js';

let a: TestArchive;
beforeEach(async () => {
  a = await startTestArchive();
});
afterEach(() => a.close());

type Wrapped = { respInfo: Reply };
const MINUTE = 60_000;

/** What the client does: read the platform clock, then stamp the header with it. */
const platformTime = async (): Promise<number> => {
  const r = await fetch(`${a.url}/time`);
  const text = await r.text();
  expect(text).toMatch(/^\d+$/);
  return Number(text);
};

const token = async (stampMs?: number) => {
  const stamp = stampMs ?? (await platformTime());
  return post<Wrapped>(
    `${a.url}/carhealth/token`,
    chengduBody(stamp, { companycode: SHOP.companycode, companypassword: SHOP.password }),
  );
};

describe('Chengdu transaction wrapper', () => {
  it('GET /time answers the server clock as a bare epoch-ms number', async () => {
    expect(await platformTime()).toBe(a.clock.t);
  });

  it('issues a token and stores a record, replies wrapped in respInfo', async () => {
    const t = await token();
    expect(t.json.respInfo).toMatchObject({ code: '1', status: '获取成功' });
    const access = t.json.respInfo.access_token as string;
    const stamp = await platformTime();
    const up = await post<Wrapped>(
      `${a.url}/carhealth/record`,
      chengduBody(stamp, chengduReqInfo(access, fixture(a.clock))),
    );
    expect(up.json).toEqual({ respInfo: { code: '1', status: '上传成功' } });
    const again = await post<Wrapped>(
      `${a.url}/carhealth/record`,
      chengduBody(stamp, chengduReqInfo(access, fixture(a.clock))),
    );
    expect(again.json).toEqual({ respInfo: { code: '1', status: '记录已存在，内容一致' } });
    const changed = fixture(a.clock, { mileageKm: 50000 });
    expect(
      (await post<Wrapped>(`${a.url}/carhealth/record`, chengduBody(stamp, chengduReqInfo(access, changed)))).json
        .respInfo.code,
    ).toBe('-31');
    expect(await adminRecords(a.url)).toEqual([
      expect.objectContaining({ protocol: 'chengdu', form: 'nested', resends: 1 }),
    ]);
  });

  it('answers -3 for a header more than five minutes from the server clock, either way', async () => {
    expect((await token(a.clock.t - 5 * MINUTE)).json.respInfo.code).toBe('1');
    expect((await token(a.clock.t + 5 * MINUTE)).json.respInfo.code).toBe('1');
    expect((await token(a.clock.t - 6 * MINUTE)).json).toEqual({ respInfo: { code: '-3', status: '请求时间无效' } });
    expect((await token(a.clock.t + 6 * MINUTE)).json.respInfo.code).toBe('-3');
    const access = (await token()).json.respInfo.access_token as string;
    const late = await post<Wrapped>(
      `${a.url}/carhealth/record`,
      chengduBody(a.clock.t - 10 * MINUTE, chengduReqInfo(access, fixture(a.clock))),
    );
    expect(late.json.respInfo.code).toBe('-3');
    expect(await adminRecords(a.url)).toEqual([]);
  });

  it('reads the header as China Standard Time, not the machine zone', async () => {
    // 8 hours off is exactly what a header stamped in UTC would be.
    expect((await token(a.clock.t - 8 * 3600_000)).json.respInfo.code).toBe('-3');
  });

  it('answers -1 for a missing wrapper part and -2 for a malformed header', async () => {
    const send = (body: unknown) => post<Wrapped>(`${a.url}/carhealth/token`, body);
    expect((await send({ companycode: SHOP.companycode })).json.respInfo).toEqual({
      code: '-1',
      status: '参数无效：缺少 transaction',
    });
    expect((await send({ transaction: { body: { reqInfo: {} } } })).json.respInfo.status).toBe(
      '参数无效：缺少 transaction.header',
    );
    expect((await send({ transaction: { header: {}, body: { reqInfo: {} } } })).json.respInfo.status).toBe(
      '参数无效：缺少 transaction.header.date、transaction.header.time',
    );
    const bad = await send({ transaction: { header: { date: '2026-11-24', time: '093000' }, body: { reqInfo: {} } } });
    expect(bad.json.respInfo.code).toBe('-2');
    expect(bad.json.respInfo.status).toContain('transaction.header.date 应为 yyyyMMdd');
  });

  it('validates the record exactly like lcippro (-30 in respInfo)', async () => {
    const access = (await token()).json.respInfo.access_token as string;
    const r = fixture(a.clock, { vin: 'LSJA24U62JG2692' });
    const up = await post<Wrapped>(`${a.url}/carhealth/record`, chengduBody(a.clock.t, chengduReqInfo(access, r)));
    expect(up.json.respInfo.code).toBe('-30');
    expect(up.json.respInfo.status).toContain('【basicInfo.vin】车辆识别代号应为17位');
  });

  it('answers -20 inside respInfo for an unknown token', async () => {
    const up = await post<Wrapped>(
      `${a.url}/carhealth/record`,
      chengduBody(a.clock.t, chengduReqInfo('nope', fixture(a.clock))),
    );
    expect(up.json).toEqual({ respInfo: { code: '-20', status: 'access_token无效或已过期' } });
  });
});
