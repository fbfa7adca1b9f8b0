import { describe, expect, it } from 'vitest';
import { lcipproNested, lcipproStringified } from './lcippro.js';
import { ACCOUNT, RECORD, reply, STAMP, TOKEN } from './test-fixture.js';

const POST_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', Accept: 'application/json' };

describe.each([lcipproNested, lcipproStringified])('$id token call', (adapter) => {
  it('posts the company code and password', () => {
    expect(adapter.tokenRequest(ACCOUNT, STAMP)).toEqual({
      method: 'POST',
      url: 'https://archive.example.gov.cn/api/restservices/lcipprodatarest/lcipprogetaccesstoken/query',
      headers: POST_HEADERS,
      body: '{"companycode":"440106000123456","companypassword":"hc-pass-2026"}',
    });
  });

  it('reads the token reply and the documented token errors', () => {
    expect(adapter.parseToken(reply('{"code":"1","status":"获取成功","access_token":"abc"}'))).toEqual({
      ok: true,
      code: '1',
      message: '获取成功',
      token: 'abc',
    });
    expect(adapter.parseToken(reply('{"code":"-11","status":"密码错误"}'))).toEqual({
      ok: false,
      code: '-11',
      message: '密码错误',
    });
    expect(adapter.parseToken(reply('{"code":-10,"msg":"企业不存在"}'))).toEqual({
      ok: false,
      code: '-10',
      message: '企业不存在',
    });
  });

  it('never sends a plate colour and has no local checks', () => {
    expect(adapter.uploadRequest(ACCOUNT, TOKEN, RECORD, STAMP).body).not.toContain('vehicleplatecolor');
    expect(adapter.localChecks({ ...RECORD, vehicleplatecolor: '' })).toEqual([]);
  });
});

describe('lcippro upload', () => {
  const url = 'https://archive.example.gov.cn/api/restservices/lcipprodatarest/lcipprocarfixrecordadd/query';

  it('nested: the three blocks as JSON object and arrays, fields in table order', () => {
    const req = lcipproNested.uploadRequest(ACCOUNT, TOKEN, RECORD, STAMP);
    expect(req.method).toBe('POST');
    expect(req.url).toBe(url);
    expect(req.headers).toEqual(POST_HEADERS);
    expect(req.body).toBe(
      '{"access_token":"f3a9c1d2e4b5","basicInfo":{"vehicleplatenumber":"粤B12345","companyname":"广州市天河区好车汽车维修有限公司","vin":"LSJA24U62JG269225","repairdate":"20261120","repairmileage":"45210","settledate":"20261124","faultdescription":"定期保养，更换机油机滤","costlistcode":"JS20261124-0001"},"vehiclepartslist":[{"partsname":"机油 5W-30","partscode":"08880-83717","partsquantity":"4.00"},{"partsname":"机油滤清器","partscode":"90915-YZZE1","partsquantity":"1.00"}],"repairprojectlist":[{"repairproject":"更换机油机滤","workinghours":"0.5"},{"repairproject":"四轮定位","workinghours":"1.0"}]}',
    );
  });

  it('stringified: each block is the JSON text of itself', () => {
    const req = lcipproStringified.uploadRequest(ACCOUNT, TOKEN, RECORD, STAMP);
    expect(req.method).toBe('POST');
    expect(req.url).toBe(url);
    expect(req.headers).toEqual(POST_HEADERS);
    expect(req.body).toBe(
      String.raw`{"access_token":"f3a9c1d2e4b5","basicInfo":"{\"vehicleplatenumber\":\"粤B12345\",\"companyname\":\"广州市天河区好车汽车维修有限公司\",\"vin\":\"LSJA24U62JG269225\",\"repairdate\":\"20261120\",\"repairmileage\":\"45210\",\"settledate\":\"20261124\",\"faultdescription\":\"定期保养，更换机油机滤\",\"costlistcode\":\"JS20261124-0001\"}","vehiclepartslist":"[{\"partsname\":\"机油 5W-30\",\"partscode\":\"08880-83717\",\"partsquantity\":\"4.00\"},{\"partsname\":\"机油滤清器\",\"partscode\":\"90915-YZZE1\",\"partsquantity\":\"1.00\"}]","repairprojectlist":"[{\"repairproject\":\"更换机油机滤\",\"workinghours\":\"0.5\"},{\"repairproject\":\"四轮定位\",\"workinghours\":\"1.0\"}]"}`,
    );
  });

  it('an empty parts list is sent as [] (labour-only job)', () => {
    const labourOnly = { ...RECORD, vehiclepartslist: [] };
    expect(lcipproNested.uploadRequest(ACCOUNT, TOKEN, labourOnly, STAMP).body).toContain('"vehiclepartslist":[],');
    expect(lcipproStringified.uploadRequest(ACCOUNT, TOKEN, labourOnly, STAMP).body).toContain(
      '"vehiclepartslist":"[]",',
    );
  });

  it('field order does not depend on how the record object was assembled', () => {
    const b = RECORD.basicInfo;
    const shuffled = {
      vehicleplatecolor: RECORD.vehicleplatecolor,
      repairprojectlist: RECORD.repairprojectlist.map((p) => ({
        workinghours: p.workinghours,
        repairproject: p.repairproject,
      })),
      vehiclepartslist: RECORD.vehiclepartslist.map((p) => ({
        partsquantity: p.partsquantity,
        partscode: p.partscode,
        partsname: p.partsname,
      })),
      basicInfo: {
        costlistcode: b.costlistcode,
        faultdescription: b.faultdescription,
        settledate: b.settledate,
        repairmileage: b.repairmileage,
        repairdate: b.repairdate,
        vin: b.vin,
        companyname: b.companyname,
        vehicleplatenumber: b.vehicleplatenumber,
      },
    };
    expect(lcipproNested.uploadRequest(ACCOUNT, TOKEN, shuffled, STAMP)).toEqual(
      lcipproNested.uploadRequest(ACCOUNT, TOKEN, RECORD, STAMP),
    );
  });

  it('reads the upload reply', () => {
    expect(lcipproNested.parseUpload(reply('{"code":"1","status":"上传成功"}'))).toEqual({
      ok: true,
      code: '1',
      message: '上传成功',
    });
    expect(lcipproStringified.parseUpload(reply('{"code":"-31","status":"结算清单编号已存在且内容不同"}'))).toEqual({
      ok: false,
      code: '-31',
      message: '结算清单编号已存在且内容不同',
    });
  });
});
