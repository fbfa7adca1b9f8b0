import { describe, expect, it } from 'vitest';
import { chengdu } from './chengdu.js';
import { ACCOUNT, RECORD, reply, STAMP, TOKEN } from './test-fixture.js';

const POST_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', Accept: 'application/json' };

describe('chengdu (transaction wrapper)', () => {
  it('reads the platform clock from GET {base}/time', () => {
    expect(chengdu.timeRequest?.(ACCOUNT)).toEqual({
      method: 'GET',
      url: 'https://archive.example.gov.cn/api/time',
      headers: { Accept: 'application/json' },
    });
    expect(chengdu.parseTime?.(reply('1795482123000'))).toBe(1795482123000);
    expect(chengdu.parseTime?.(reply('{"respInfo":{"servertime":"1795482123000"}}'))).toBe(1795482123000);
    expect(chengdu.parseTime?.(reply('<html>502</html>'))).toBeNull();
  });

  it('wraps the token call, stamped in China Standard Time', () => {
    expect(chengdu.tokenRequest(ACCOUNT, STAMP)).toEqual({
      method: 'POST',
      url: 'https://archive.example.gov.cn/api/carhealth/token',
      headers: POST_HEADERS,
      body: '{"transaction":{"header":{"date":"20261124","time":"090203"},"body":{"reqInfo":{"companycode":"440106000123456","companypassword":"hc-pass-2026"}}}}',
    });
  });

  it('wraps the record with nested blocks, no plate colour', () => {
    expect(chengdu.uploadRequest(ACCOUNT, TOKEN, RECORD, STAMP)).toEqual({
      method: 'POST',
      url: 'https://archive.example.gov.cn/api/carhealth/record',
      headers: POST_HEADERS,
      body: '{"transaction":{"header":{"date":"20261124","time":"090203"},"body":{"reqInfo":{"access_token":"f3a9c1d2e4b5","basicInfo":{"vehicleplatenumber":"粤B12345","companyname":"广州市天河区好车汽车维修有限公司","vin":"LSJA24U62JG269225","repairdate":"20261120","repairmileage":"45210","settledate":"20261124","faultdescription":"定期保养，更换机油机滤","costlistcode":"JS20261124-0001"},"vehiclepartslist":[{"partsname":"机油 5W-30","partscode":"08880-83717","partsquantity":"4.00"},{"partsname":"机油滤清器","partscode":"90915-YZZE1","partsquantity":"1.00"}],"repairprojectlist":[{"repairproject":"更换机油机滤","workinghours":"0.5"},{"repairproject":"四轮定位","workinghours":"1.0"}]}}}}',
    });
  });

  it('stamps across the UTC date line: 16:30 UTC is the next day in China', () => {
    const body = chengdu.tokenRequest(ACCOUNT, Date.UTC(2026, 11, 31, 16, 30, 0, 999)).body;
    expect(body).toContain('"header":{"date":"20270101","time":"003000"}');
  });

  it('reads replies inside respInfo only', () => {
    expect(chengdu.parseToken(reply('{"respInfo":{"code":"1","status":"获取成功","access_token":"abc"}}'))).toEqual({
      ok: true,
      code: '1',
      message: '获取成功',
      token: 'abc',
    });
    expect(chengdu.parseUpload(reply('{"respInfo":{"code":-3,"status":"请求时间无效"}}'))).toEqual({
      ok: false,
      code: '-3',
      message: '请求时间无效',
    });
    expect(chengdu.parseUpload(reply('{"respInfo":{"code":1}}'))).toEqual({ ok: true, code: '1', message: '' });
    // A top-level lcippro reply is not what this platform speaks.
    expect(chengdu.parseUpload(reply('{"code":"1","status":"上传成功"}'))).toBeNull();
    expect(chengdu.parseUpload(reply('{"respInfo":"ok"}'))).toBeNull();
    expect(chengdu.parseUpload(reply('{"respInfo":{"status":"上传成功"}}'))).toBeNull();
  });

  it('has no local checks of its own', () => {
    expect(chengdu.localChecks({ ...RECORD, vehicleplatecolor: '' })).toEqual([]);
  });
});
