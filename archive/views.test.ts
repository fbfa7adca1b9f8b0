import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localDate } from '../shared/domain/dates.js';
import { QUALITY_FORMULA } from '../shared/domain/quality.js';
import {
  BAD_CHECK_VIN,
  DAY_MS,
  fixture,
  get,
  lcipproToken,
  lcipproUpload,
  OTHER_SHOP,
  SHOP,
  startTestArchive,
  type TestArchive,
  VIN,
} from './test-support.js';
import type { ArchiveMetrics } from './views.js';

let a: TestArchive;
beforeEach(async () => {
  a = await startTestArchive();
});
afterEach(() => a.close());

const daysAgo = (n: number) => localDate(a.clock.t - n * DAY_MS, 'Asia/Shanghai');
const otherRecord = (over = {}) => fixture(a.clock, { companyName: OTHER_SHOP.companyname, ...over });

describe('owner view', () => {
  it("lists a vehicle's visits at every shop, newest settlement first", async () => {
    const t1 = await lcipproToken(a.url);
    const t2 = await lcipproToken(a.url, OTHER_SHOP);
    const old = fixture(a.clock, { repairDate: daysAgo(40), settleDate: daysAgo(39), mileageKm: 40000 });
    expect((await lcipproUpload(a.url, t1, old)).json.code).toBe('1');
    expect(
      (
        await lcipproUpload(
          a.url,
          t2,
          otherRecord({ settlementNo: 'FS-9', labour: [{ item: '四轮定位', hoursTenths: 10 }], parts: [] }),
        )
      ).json.code,
    ).toBe('1');
    expect(
      (await lcipproUpload(a.url, t1, fixture(a.clock, { vin: 'LDC613P23A1305189', settlementNo: 'JS-0002' }))).json
        .code,
    ).toBe('1');

    const r = await get<{ vin: string; count: number; records: Record<string, unknown>[] }>(
      `${a.url}/owner/vehicles/${VIN.toLowerCase()}/records`,
    );
    expect(r.status).toBe(200);
    expect(r.json.vin).toBe(VIN);
    expect(r.json.count).toBe(2);
    expect(r.json.records.map((x) => x.companyname)).toEqual([OTHER_SHOP.companyname, SHOP.companyname]);
    expect(r.json.records[0]).toEqual({
      companycode: OTHER_SHOP.companycode,
      companyname: OTHER_SHOP.companyname,
      costlistcode: 'FS-9',
      vehicleplatenumber: '粤B12345',
      repairdate: daysAgo(0).replaceAll('-', ''),
      settledate: daysAgo(0).replaceAll('-', ''),
      mileageKm: 45210,
      faultDescription: '定期保养，左前轮异响',
      items: [{ name: '四轮定位', hours: '1.0' }],
      parts: [],
      totalHours: '1.0',
      receivedAt: a.clock.t,
    });
    expect(r.json.records[1]).toMatchObject({
      mileageKm: 40000,
      items: [
        { name: '更换机油机滤', hours: '0.5' },
        { name: '检查左前轮轴承', hours: '2.5' },
      ],
      parts: [
        { name: '机油 5W-30', code: 'OIL-5W30-4L', quantity: '4.00' },
        { name: '机油滤清器', code: '15400-RTA-003', quantity: '1.00' },
      ],
      totalHours: '3.0',
    });
  });

  it('answers an empty history for an unknown vehicle', async () => {
    const r = await get<{ count: number; records: unknown[] }>(`${a.url}/owner/vehicles/LBV5S3102ESJ25655/records`);
    expect(r.json).toEqual({ vin: 'LBV5S3102ESJ25655', count: 0, records: [] });
  });
});

describe('metrics', () => {
  it('counts uploads, resends, 7-day connectivity and quality per company and per city', async () => {
    a.server.seedCompany({ companycode: '440103000000001', password: 'p', companyname: null, areacode: '440103' });
    const start = a.clock.t;
    expect((await lcipproUpload(a.url, await lcipproToken(a.url, OTHER_SHOP), otherRecord())).json.code).toBe('1');

    a.clock.advance(8 * DAY_MS);
    const t = await lcipproToken(a.url);
    const good = fixture(a.clock);
    expect((await lcipproUpload(a.url, t, good)).json.code).toBe('1');
    expect((await lcipproUpload(a.url, t, good)).json.status).toBe('记录已存在，内容一致');
    expect(
      (await lcipproUpload(a.url, t, fixture(a.clock, { vin: BAD_CHECK_VIN, settlementNo: 'JS-2' }))).json.code,
    ).toBe('1');
    a.clock.advance(1000);
    const late = fixture(a.clock, { repairDate: daysAgo(3), settleDate: daysAgo(3), settlementNo: 'JS-3' });
    expect((await lcipproUpload(a.url, t, late)).json.code).toBe('1');
    const lastAt = a.clock.t;

    const m = (await get<ArchiveMetrics>(`${a.url}/admin/metrics`)).json;
    expect(m.formula).toEqual(QUALITY_FORMULA);
    expect(m.windowDays).toBe(7);
    expect(m.companies).toEqual([
      {
        companycode: '440103000000001',
        companyname: null,
        areacode: '440103',
        city: '广州市',
        uploads: 0,
        resends: 0,
        lastUploadAt: null,
        uploadedInLast7Days: false,
        qualityScore: null,
      },
      {
        companycode: SHOP.companycode,
        companyname: SHOP.companyname,
        areacode: '440106',
        city: '广州市',
        uploads: 3,
        resends: 1,
        lastUploadAt: lastAt,
        uploadedInLast7Days: true,
        // 100 (clean), 60 (VIN check digit), 70 (settled 3 days before it arrived)
        qualityScore: 76.7,
      },
      {
        companycode: OTHER_SHOP.companycode,
        companyname: OTHER_SHOP.companyname,
        areacode: '440604',
        city: '佛山市',
        uploads: 1,
        resends: 0,
        lastUploadAt: start,
        uploadedInLast7Days: false,
        qualityScore: 100,
      },
    ]);
    expect(m.cities).toEqual([
      {
        areacode: '440100',
        city: '广州市',
        companies: 2,
        uploads: 3,
        connectedLast7DaysShare: 0.5,
        qualityScore: 76.7,
      },
      { areacode: '440600', city: '佛山市', companies: 1, uploads: 1, connectedLast7DaysShare: 0, qualityScore: 100 },
    ]);

    const one = (await get<ArchiveMetrics>(`${a.url}/admin/metrics?company=${OTHER_SHOP.companycode}`)).json;
    expect(one.companies.map((c) => c.companycode)).toEqual([OTHER_SHOP.companycode]);
    expect(one.cities.map((c) => c.city)).toEqual(['佛山市']);
  });

  it('drops a company from the 7-day window exactly 7 days after its last upload', async () => {
    expect((await lcipproUpload(a.url, await lcipproToken(a.url), fixture(a.clock))).json.code).toBe('1');
    const shop = () => a.server.metrics(SHOP.companycode).companies[0]!;
    a.clock.advance(7 * DAY_MS - 1);
    expect(shop().uploadedInLast7Days).toBe(true);
    a.clock.advance(1);
    expect(shop().uploadedInLast7Days).toBe(false);
    expect(a.server.metrics(SHOP.companycode).cities[0]?.connectedLast7DaysShare).toBe(0);
  });

  it('names no city for an area outside Guangdong', async () => {
    a.server.seedCompany({ companycode: 'SH-1', password: 'p', companyname: null, areacode: '310104' });
    expect(a.server.metrics('SH-1').companies[0]).toMatchObject({ city: null, areacode: '310104' });
    expect(a.server.metrics('SH-1').cities).toEqual([
      { areacode: '310100', city: null, companies: 1, uploads: 0, connectedLast7DaysShare: 0, qualityScore: null },
    ]);
  });
});
