import { describe, expect, it } from 'vitest';
import { foshan } from './foshan.js';
import { ACCOUNT, RECORD, reply, STAMP, TOKEN } from './test-fixture.js';

describe('foshan (GET form)', () => {
  it('token: GET with the URL-encoded JSON document, stamped in China Standard Time', () => {
    const req = foshan.tokenRequest(ACCOUNT, STAMP);
    expect(req).toEqual({
      method: 'GET',
      url: 'https://archive.example.gov.cn/api/getAccessToken.ashx?companydata=%7B%22header%22%3A%7B%22date%22%3A%2220261124%22%2C%22time%22%3A%22090203%22%7D%2C%22body%22%3A%7B%22companycode%22%3A%22440106000123456%22%2C%22companypassword%22%3A%22hc-pass-2026%22%7D%7D',
      headers: { Accept: 'application/json' },
    });
    expect(req.body).toBeUndefined();
  });

  it('upload: flat body with the plate colour, then the two lists', () => {
    const req = foshan.uploadRequest(ACCOUNT, TOKEN, RECORD, STAMP);
    expect(req).toEqual({
      method: 'GET',
      url: 'https://archive.example.gov.cn/api/upRepairInfo.ashx?repairdata=%7B%22access_token%22%3A%22f3a9c1d2e4b5%22%2C%22header%22%3A%7B%22date%22%3A%2220261124%22%2C%22time%22%3A%22090203%22%7D%2C%22body%22%3A%7B%22vehicleplatenumber%22%3A%22%E7%B2%A4B12345%22%2C%22companyname%22%3A%22%E5%B9%BF%E5%B7%9E%E5%B8%82%E5%A4%A9%E6%B2%B3%E5%8C%BA%E5%A5%BD%E8%BD%A6%E6%B1%BD%E8%BD%A6%E7%BB%B4%E4%BF%AE%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8%22%2C%22vin%22%3A%22LSJA24U62JG269225%22%2C%22repairdate%22%3A%2220261120%22%2C%22repairmileage%22%3A%2245210%22%2C%22settledate%22%3A%2220261124%22%2C%22faultdescription%22%3A%22%E5%AE%9A%E6%9C%9F%E4%BF%9D%E5%85%BB%EF%BC%8C%E6%9B%B4%E6%8D%A2%E6%9C%BA%E6%B2%B9%E6%9C%BA%E6%BB%A4%22%2C%22costlistcode%22%3A%22JS20261124-0001%22%2C%22vehicleplatecolor%22%3A%22%E8%93%9D%22%2C%22vehiclepartslist%22%3A%5B%7B%22partsname%22%3A%22%E6%9C%BA%E6%B2%B9%205W-30%22%2C%22partscode%22%3A%2208880-83717%22%2C%22partsquantity%22%3A%224.00%22%7D%2C%7B%22partsname%22%3A%22%E6%9C%BA%E6%B2%B9%E6%BB%A4%E6%B8%85%E5%99%A8%22%2C%22partscode%22%3A%2290915-YZZE1%22%2C%22partsquantity%22%3A%221.00%22%7D%5D%2C%22repairprojectlist%22%3A%5B%7B%22repairproject%22%3A%22%E6%9B%B4%E6%8D%A2%E6%9C%BA%E6%B2%B9%E6%9C%BA%E6%BB%A4%22%2C%22workinghours%22%3A%220.5%22%7D%2C%7B%22repairproject%22%3A%22%E5%9B%9B%E8%BD%AE%E5%AE%9A%E4%BD%8D%22%2C%22workinghours%22%3A%221.0%22%7D%5D%7D%7D',
      headers: { Accept: 'application/json' },
    });
  });

  it('the query decodes to exactly the documented JSON text', () => {
    const url = new URL(foshan.uploadRequest(ACCOUNT, TOKEN, RECORD, STAMP).url);
    expect(url.searchParams.get('repairdata')).toBe(
      '{"access_token":"f3a9c1d2e4b5","header":{"date":"20261124","time":"090203"},"body":{"vehicleplatenumber":"粤B12345","companyname":"广州市天河区好车汽车维修有限公司","vin":"LSJA24U62JG269225","repairdate":"20261120","repairmileage":"45210","settledate":"20261124","faultdescription":"定期保养，更换机油机滤","costlistcode":"JS20261124-0001","vehicleplatecolor":"蓝","vehiclepartslist":[{"partsname":"机油 5W-30","partscode":"08880-83717","partsquantity":"4.00"},{"partsname":"机油滤清器","partscode":"90915-YZZE1","partsquantity":"1.00"}],"repairprojectlist":[{"repairproject":"更换机油机滤","workinghours":"0.5"},{"repairproject":"四轮定位","workinghours":"1.0"}]}}',
    );
  });

  it('holds a record without a plate colour instead of guessing one', () => {
    expect(foshan.localChecks(RECORD)).toEqual([]);
    const [held, ...rest] = foshan.localChecks({ ...RECORD, vehicleplatecolor: '' });
    expect(rest).toEqual([]);
    expect(held).toMatchObject({ code: 'plate_color_required', field: 'vehicleplatecolor', severity: 'error' });
    expect(held?.message.zh).toContain('车牌颜色');
    expect(held?.message.en).toContain('plate colour');
  });

  it('reads lcippro-style replies at the top level', () => {
    expect(foshan.parseToken(reply('{"code":1,"status":"获取成功","access_token":"abc"}'))).toEqual({
      ok: true,
      code: '1',
      message: '获取成功',
      token: 'abc',
    });
    expect(foshan.parseUpload(reply('{"code":"-2","message":"参数格式不对"}'))).toEqual({
      ok: false,
      code: '-2',
      message: '参数格式不对',
    });
  });
});
