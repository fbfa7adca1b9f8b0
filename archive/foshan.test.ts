import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArchiveRecord } from '../shared/domain/archive-record.js';
import { headerFor } from './china-time.js';
import {
  adminRecords,
  fixture,
  foshanGet,
  foshanRepairData,
  OTHER_SHOP,
  startTestArchive,
  type TestArchive,
} from './test-support.js';

let a: TestArchive;
beforeEach(async () => {
  a = await startTestArchive();
});
afterEach(() => a.close());

const record = (over: (r: ArchiveRecord) => void = () => {}) => {
  const r = fixture(a.clock, { companyName: OTHER_SHOP.companyname });
  over(r);
  return r;
};

const token = async (stampMs = a.clock.t) => {
  const r = await foshanGet(a.url, '/getAccessToken.ashx', 'companydata', {
    header: headerFor(stampMs),
    body: { companycode: OTHER_SHOP.companycode, companypassword: OTHER_SHOP.password },
  });
  return r.json;
};

const upload = async (r: ArchiveRecord, stampMs = a.clock.t) =>
  (
    await foshanGet(
      a.url,
      '/upRepairInfo.ashx',
      'repairdata',
      foshanRepairData((await token()).access_token as string, stampMs, r),
    )
  ).json;

describe('Foshan GET form', () => {
  it('issues a token and stores a flat record with its plate colour', async () => {
    expect(await token()).toMatchObject({ code: '1', status: '获取成功' });
    expect(await upload(record())).toEqual({ code: '1', status: '上传成功' });
    expect(await upload(record())).toEqual({ code: '1', status: '记录已存在，内容一致' });
    expect(await adminRecords(a.url, OTHER_SHOP.companycode)).toEqual([
      expect.objectContaining({ protocol: 'foshan', form: 'flat', resends: 1 }),
    ]);
  });

  it('compares the plate colour for idempotency', async () => {
    expect((await upload(record())).code).toBe('1');
    expect(
      await upload(
        record((r) => {
          r.vehicleplatecolor = '黄';
        }),
      ),
    ).toEqual({ code: '-31', status: '结算清单编号已存在且内容不同' });
  });

  it('accepts each of the seven colours and refuses any other with -30', async () => {
    const colours = ['蓝', '黄', '绿', '渐变绿', '黄绿', '白', '黑'];
    for (const [i, c] of colours.entries()) {
      const r = record((x) => {
        x.vehicleplatecolor = c;
        x.basicInfo.costlistcode = `JS-C${i}`;
      });
      expect((await upload(r)).code, c).toBe('1');
    }
    const purple = await upload(
      record((r) => {
        r.vehicleplatecolor = '紫';
      }),
    );
    expect(purple.code).toBe('-30');
    expect(purple.status).toContain('【body.vehicleplatecolor】车牌颜色“紫”无效');
    const empty = await upload(
      record((r) => {
        r.vehicleplatecolor = '';
      }),
    );
    expect(empty.code).toBe('-30');
    expect(empty.status).toContain('车牌颜色不能为空');
  });

  it('answers -1 without a colour and names fields inside body', async () => {
    const access = (await token()).access_token as string;
    const data = foshanRepairData(access, a.clock.t, record()) as { body: Record<string, unknown> };
    delete data.body.vehicleplatecolor;
    delete data.body.vin;
    expect((await foshanGet(a.url, '/upRepairInfo.ashx', 'repairdata', data)).json).toEqual({
      code: '-1',
      status: '参数无效：缺少 body.vin、body.vehicleplatecolor',
    });
    const shortVin = await upload(
      record((r) => {
        r.basicInfo.vin = 'LSJA24U62';
      }),
    );
    expect(shortVin.status).toContain('【body.vin】车辆识别代号应为17位');
  });

  it('checks the header time the same way (-3)', async () => {
    expect(await token(a.clock.t - 6 * 60_000)).toEqual({ code: '-3', status: '请求时间无效' });
    expect(await upload(record(), a.clock.t + 6 * 60_000)).toEqual({ code: '-3', status: '请求时间无效' });
    expect(await adminRecords(a.url)).toEqual([]);
  });

  it('answers -1 without the query parameter and -2 for JSON that does not parse', async () => {
    expect((await fetch(`${a.url}/getAccessToken.ashx`).then((r) => r.json())) as unknown).toEqual({
      code: '-1',
      status: '参数无效：缺少 companydata',
    });
    const bad = (await fetch(`${a.url}/upRepairInfo.ashx?repairdata=%7B%22header`).then((r) => r.json())) as {
      code: string;
    };
    expect(bad.code).toBe('-2');
  });

  it('answers -11 for a wrong password', async () => {
    const r = await foshanGet(a.url, '/getAccessToken.ashx', 'companydata', {
      header: headerFor(a.clock.t),
      body: { companycode: OTHER_SHOP.companycode, companypassword: 'wrong' },
    });
    expect(r.json).toEqual({ code: '-11', status: '密码错误' });
  });
});
