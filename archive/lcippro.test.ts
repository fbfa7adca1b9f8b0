import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArchiveRecord } from '../shared/domain/archive-record.js';
import {
  adminRecords,
  BAD_CHECK_VIN,
  DAY_MS,
  fixture,
  LCIPPRO,
  lcipproBody,
  lcipproToken,
  lcipproUpload,
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

const mutate = (over: (r: ArchiveRecord) => void): ArchiveRecord => {
  const r = fixture(a.clock);
  over(r);
  return r;
};

describe('lcippro token', () => {
  it('issues a token for the right password', async () => {
    const r = await post(`${a.url}${LCIPPRO.token}`, { companycode: SHOP.companycode, companypassword: SHOP.password });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(r.json).toMatchObject({ code: '1', status: '获取成功' });
    expect(r.json.access_token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers -10 for an unknown company and -11 for a wrong password', async () => {
    expect(
      (await post(`${a.url}${LCIPPRO.token}`, { companycode: '440106999999999', companypassword: 'x' })).json,
    ).toEqual({ code: '-10', status: '企业不存在' });
    expect(
      (await post(`${a.url}${LCIPPRO.token}`, { companycode: SHOP.companycode, companypassword: 'wrong' })).json,
    ).toEqual({ code: '-11', status: '密码错误' });
  });

  it('answers -1 for missing fields and -2 for wrong types or a body that is not JSON', async () => {
    expect((await post(`${a.url}${LCIPPRO.token}`, { companycode: SHOP.companycode })).json).toEqual({
      code: '-1',
      status: '参数无效：缺少 companypassword',
    });
    expect((await post(`${a.url}${LCIPPRO.token}`, { companycode: 440106, companypassword: 'x' })).json).toEqual({
      code: '-2',
      status: '参数格式不对：companycode 应为字符串',
    });
    expect((await post(`${a.url}${LCIPPRO.token}`, '{"companycode":')).json.code).toBe('-2');
    expect((await post(`${a.url}${LCIPPRO.token}`, '')).json.code).toBe('-1');
  });

  it('stores the password hashed, never in clear', () => {
    const row = a.server.db
      .prepare('SELECT password_hash FROM companies WHERE companycode = ?')
      .get(SHOP.companycode) as {
      password_hash: string;
    };
    expect(row.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(row.password_hash).not.toContain(SHOP.password);
  });

  it('answers 405 in the family shape for the wrong method', async () => {
    const r = await fetch(`${a.url}${LCIPPRO.token}`);
    expect(r.status).toBe(405);
    expect(await r.json()).toEqual({ code: '-1', status: '参数无效：该接口只接受 POST 请求' });
  });
});

describe('lcippro upload', () => {
  it('stores a nested record and records the form', async () => {
    const token = await lcipproToken(a.url);
    const r = await lcipproUpload(a.url, token, fixture(a.clock));
    expect(r.json).toEqual({ code: '1', status: '上传成功' });
    const [stored, ...rest] = await adminRecords(a.url, SHOP.companycode);
    expect(rest).toEqual([]);
    expect(stored).toMatchObject({
      costlistcode: 'JS-0001',
      vin: 'LSJA24U62JG269225',
      receivedAt: a.clock.t,
      resends: 0,
      protocol: 'lcippro',
      form: 'nested',
      quality: { vinValid: true, plateValid: true, timely: true },
      warnings: [],
    });
  });

  it('accepts the stringified form, and the same record in the other form is an identical resend', async () => {
    const token = await lcipproToken(a.url);
    expect((await lcipproUpload(a.url, token, fixture(a.clock), 'stringified')).json.code).toBe('1');
    expect((await adminRecords(a.url))[0]?.form).toBe('stringified');
    expect((await lcipproUpload(a.url, token, fixture(a.clock), 'nested')).json).toEqual({
      code: '1',
      status: '记录已存在，内容一致',
    });
    const mixed = { ...lcipproBody(token, fixture(a.clock, { settlementNo: 'JS-0002' })) } as Record<string, unknown>;
    mixed.basicInfo = JSON.stringify(mixed.basicInfo);
    expect((await post(`${a.url}${LCIPPRO.upload}`, mixed)).json.code).toBe('1');
    expect((await adminRecords(a.url)).map((r) => r.form)).toEqual(['stringified', 'mixed']);
  });

  it('counts an identical resend, even with a new token, and refuses different content with -31', async () => {
    const token = await lcipproToken(a.url);
    expect((await lcipproUpload(a.url, token, fixture(a.clock))).json.code).toBe('1');
    const again = await lcipproUpload(a.url, await lcipproToken(a.url), fixture(a.clock));
    expect(again.json).toEqual({ code: '1', status: '记录已存在，内容一致' });
    const changed = mutate((r) => {
      r.basicInfo.repairmileage = '45211';
    });
    expect((await lcipproUpload(a.url, token, changed)).json).toEqual({
      code: '-31',
      status: '结算清单编号已存在且内容不同',
    });
    const [stored] = await adminRecords(a.url);
    expect(stored?.resends).toBe(1);
    expect(a.server.metrics().companies.find((c) => c.companycode === SHOP.companycode)).toMatchObject({
      uploads: 1,
      resends: 1,
    });
  });

  it('answers an identical resend with success even after "today" has moved on', async () => {
    const token = await lcipproToken(a.url);
    const r = fixture(a.clock);
    expect((await lcipproUpload(a.url, token, r)).json.code).toBe('1');
    a.clock.advance(30 * DAY_MS);
    expect((await lcipproUpload(a.url, await lcipproToken(a.url), r)).json.code).toBe('1');
  });

  it('keeps costlistcode unique per company, not across companies', async () => {
    await a.server.seedCompany({
      companycode: '440106000000002',
      password: 'p',
      companyname: null,
      areacode: '440106',
    });
    const t1 = await lcipproToken(a.url);
    const t2 = await lcipproToken(a.url, { companycode: '440106000000002', password: 'p' });
    expect((await lcipproUpload(a.url, t1, fixture(a.clock))).json.status).toBe('上传成功');
    expect((await lcipproUpload(a.url, t2, fixture(a.clock))).json.status).toBe('上传成功');
  });

  it('answers -1 naming the missing field or block', async () => {
    const token = await lcipproToken(a.url);
    const noVin = lcipproBody(token, fixture(a.clock)) as { basicInfo: Record<string, unknown> };
    delete noVin.basicInfo.vin;
    expect((await post(`${a.url}${LCIPPRO.upload}`, noVin)).json).toEqual({
      code: '-1',
      status: '参数无效：缺少 basicInfo.vin',
    });
    const noParts = lcipproBody(token, fixture(a.clock)) as Record<string, unknown>;
    delete noParts.vehiclepartslist;
    expect((await post(`${a.url}${LCIPPRO.upload}`, noParts)).json).toEqual({
      code: '-1',
      status: '参数无效：缺少 vehiclepartslist',
    });
    const noHours = lcipproBody(token, fixture(a.clock)) as { repairprojectlist: Record<string, unknown>[] };
    delete noHours.repairprojectlist[1]!.workinghours;
    expect((await post(`${a.url}${LCIPPRO.upload}`, noHours)).json.status).toBe(
      '参数无效：缺少 repairprojectlist[1].workinghours',
    );
  });

  it('answers -2 for values that are not strings or not in the wire format', async () => {
    const token = await lcipproToken(a.url);
    const send = async (over: (r: ArchiveRecord) => void) => (await lcipproUpload(a.url, token, mutate(over))).json;
    expect(
      await send((r) => {
        r.repairprojectlist[0]!.workinghours = '0.50';
      }),
    ).toEqual({
      code: '-2',
      status: '参数格式不对：repairprojectlist[0].workinghours 应为一位小数（如 2.5），当前为“0.50”',
    });
    expect(
      (
        await send((r) => {
          r.vehiclepartslist[0]!.partsquantity = '4';
        })
      ).status,
    ).toContain('vehiclepartslist[0].partsquantity 应为两位小数');
    expect(
      (
        await send((r) => {
          r.basicInfo.repairmileage = '45210.5';
        })
      ).status,
    ).toContain('basicInfo.repairmileage 应为整数公里数');
    expect(
      (
        await send((r) => {
          r.basicInfo.settledate = '2026-11-24';
        })
      ).status,
    ).toContain('basicInfo.settledate 应为 yyyyMMdd 格式的日期');
    expect(
      await send((r) => {
        (r.basicInfo as unknown as Record<string, unknown>).repairmileage = 45210;
      }),
    ).toEqual({ code: '-2', status: '参数格式不对：basicInfo.repairmileage 应为字符串' });
    const notJson = { ...lcipproBody(token, fixture(a.clock)), basicInfo: '{"vin":' };
    expect((await post(`${a.url}${LCIPPRO.upload}`, notJson)).json.status).toBe(
      '参数格式不对：basicInfo 不是有效的 JSON 文本',
    );
    expect((await adminRecords(a.url)).length).toBe(0);
  });

  it('answers -30 with the field and the reason for broken §2/§5 rules', async () => {
    const token = await lcipproToken(a.url);
    const send = async (over: (r: ArchiveRecord) => void) => (await lcipproUpload(a.url, token, mutate(over))).json;
    const shortVin = await send((r) => {
      r.basicInfo.vin = 'LSJA24U62JG26922';
    });
    expect(shortVin.code).toBe('-30');
    expect(shortVin.status).toBe('数据校验不通过：【basicInfo.vin】车辆识别代号应为17位，当前为16位；请对照行驶证核对');
    const tomorrow = await send((r) => {
      const t = new Date(a.clock.t + DAY_MS + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
      r.basicInfo.settledate = t;
      r.basicInfo.repairdate = t;
    });
    expect(tomorrow.code).toBe('-30');
    expect(tomorrow.status).toContain('【basicInfo.settledate】结算日期');
    expect(tomorrow.status).toContain('晚于今天');
    const noProjects = await send((r) => {
      r.repairprojectlist = [];
    });
    expect(noProjects.status).toContain('【repairprojectlist】至少需要一个维修项目');
    const badPlate = await send((r) => {
      r.basicInfo.vehicleplatenumber = '粤B1234';
    });
    expect(badPlate.status).toContain('【basicInfo.vehicleplatenumber】');
    const renamed = await send((r) => {
      r.basicInfo.companyname = '别的名字汽修厂';
    });
    expect(renamed).toEqual({
      code: '-30',
      status:
        '数据校验不通过：【basicInfo.companyname】维修企业名称“别的名字汽修厂”与平台登记的名称“广州市天河区车档汽车维修有限公司”不一致；应与注册时完全一致',
    });
    expect((await adminRecords(a.url)).length).toBe(0);
  });

  it('accepts a VIN check-digit mismatch and an odometer rollback as warnings that only cost quality', async () => {
    const token = await lcipproToken(a.url);
    expect((await lcipproUpload(a.url, token, fixture(a.clock, { vin: BAD_CHECK_VIN }))).json.code).toBe('1');
    expect(
      (
        await lcipproUpload(
          a.url,
          token,
          fixture(a.clock, { vin: BAD_CHECK_VIN, settlementNo: 'JS-0002', mileageKm: 100 }),
        )
      ).json.code,
    ).toBe('1');
    const [first, second] = await adminRecords(a.url);
    expect(first).toMatchObject({
      quality: { vinValid: false, plateValid: true, timely: true },
      warnings: ['vin_check_digit'],
    });
    expect(second?.warnings).toEqual(['vin_check_digit', 'mileage_rollback']);
  });

  it('accepts an unplated vehicle sent as 无牌', async () => {
    const token = await lcipproToken(a.url);
    expect((await lcipproUpload(a.url, token, fixture(a.clock, { plate: null }))).json.code).toBe('1');
    expect((await adminRecords(a.url))[0]?.quality.plateValid).toBe(true);
  });

  it('answers -20 for a missing, unknown or expired token', async () => {
    const r = fixture(a.clock);
    const body = lcipproBody('', r) as Record<string, unknown>;
    delete body.access_token;
    const expected = { code: '-20', status: 'access_token无效或已过期' };
    expect((await post(`${a.url}${LCIPPRO.upload}`, body)).json).toEqual(expected);
    expect((await lcipproUpload(a.url, 'f'.repeat(64), r)).json).toEqual(expected);
    const token = await lcipproToken(a.url);
    a.clock.advance(2 * 3600_000 - 1);
    expect((await lcipproUpload(a.url, token, r)).json.code).toBe('1');
    a.clock.advance(1);
    expect((await lcipproUpload(a.url, token, r)).json).toEqual(expected);
  });

  it('answers -99 when something unexpected breaks, and keeps serving', async () => {
    const logs: string[] = [];
    const b = await startTestArchive({ log: (m) => logs.push(m) });
    try {
      const token = await lcipproToken(b.url);
      b.server.db.exec('DROP TABLE records');
      expect((await lcipproUpload(b.url, token, fixture(b.clock))).json).toEqual({ code: '-99', status: '系统异常' });
      expect(logs.join('\n')).toContain('lcippro.upload failed');
      expect((await fetch(`${b.url}/time`)).status).toBe(200);
    } finally {
      await b.close();
    }
  });

  it('keeps a request log without passwords', async () => {
    const token = await lcipproToken(a.url);
    await lcipproUpload(a.url, token, fixture(a.clock));
    const rows = a.server.db
      .prepare('SELECT endpoint, companycode, costlistcode, code, http_status FROM requests')
      .all();
    expect(rows).toEqual([
      { endpoint: 'lcippro.token', companycode: SHOP.companycode, costlistcode: null, code: '1', http_status: 200 },
      {
        endpoint: 'lcippro.upload',
        companycode: SHOP.companycode,
        costlistcode: 'JS-0001',
        code: '1',
        http_status: 200,
      },
    ]);
    expect(JSON.stringify(a.server.db.prepare('SELECT * FROM requests').all())).not.toContain(SHOP.password);
  });
});

describe('lcippro registration', () => {
  const registration = {
    companyname: '广州市越秀区示例汽车维修有限公司',
    companypassword: 'yuexiu-2026',
    companyaddress: '广州市越秀区示例路1号',
    companyadministrativedivisioncode: '440104',
    companyroadtransportationlicense: '粤交运管许可穗字440100000001号',
    companyunifiedsocialcreditidentifier: '91430100MA4M76GY99',
    companycategory: '二类',
    companylinkmanname: '张三',
    companylinkmantel: '13800000000',
  };

  it('issues a 15-digit code beginning with the area code, and the account works', async () => {
    const r = await post(`${a.url}${LCIPPRO.register}`, registration);
    expect(r.json).toEqual({ code: '1', status: '注册成功', companycode: '440104000000001' });
    const token = await lcipproToken(a.url, { companycode: '440104000000001', password: 'yuexiu-2026' });
    const record = fixture(a.clock, { companyName: registration.companyname });
    expect((await lcipproUpload(a.url, token, record)).json.code).toBe('1');
    expect(a.server.metrics('440104000000001').companies).toEqual([
      expect.objectContaining({ companyname: registration.companyname, city: '广州市', uploads: 1 }),
    ]);
  });

  it('numbers companies per area and answers a repeated registration with the same code', async () => {
    expect((await post(`${a.url}${LCIPPRO.register}`, registration)).json.companycode).toBe('440104000000001');
    const second = { ...registration, companyunifiedsocialcreditidentifier: '91430103MACWD65H6H' };
    expect((await post(`${a.url}${LCIPPRO.register}`, second)).json.companycode).toBe('440104000000002');
    expect((await post(`${a.url}${LCIPPRO.register}`, registration)).json).toEqual({
      code: '1',
      status: '注册成功',
      companycode: '440104000000001',
    });
    const other = await post(`${a.url}${LCIPPRO.register}`, { ...registration, companypassword: 'someone-else' });
    expect(other.json.code).toBe('-30');
    expect(other.text).not.toContain('440104000000001');
  });

  it('validates the fields', async () => {
    const send = async (over: Record<string, unknown>) =>
      (await post(`${a.url}${LCIPPRO.register}`, { ...registration, ...over })).json;
    expect(await send({ companypassword: '' })).toEqual({ code: '-1', status: '参数无效：缺少 companypassword' });
    expect((await send({ companyadministrativedivisioncode: undefined })).code).toBe('-1');
    expect((await send({ companylinkmantel: 13800000000 })).status).toBe('参数格式不对：companylinkmantel 应为字符串');
    expect((await send({ companyadministrativedivisioncode: '4401' })).code).toBe('-2');
    expect((await send({ companyadministrativedivisioncode: '990100' })).code).toBe('-2');
    const badCheck = await send({ companyunifiedsocialcreditidentifier: '91430100MA4M76GY98' });
    expect(badCheck.code).toBe('-30');
    expect(badCheck.status).toContain('【companyunifiedsocialcreditidentifier】统一社会信用代码校验位不符');
  });
});
