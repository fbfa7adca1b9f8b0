/** The one record every wire-format test sends (the brief's worked example, archive-interface.md §2). */
import { type ArchiveRecord, buildArchiveRecord } from '../../../../shared/domain/archive-record.js';
import type { PlatformAccount, WireResponse } from './types.js';

export const RECORD: ArchiveRecord = buildArchiveRecord({
  companyName: '广州市天河区好车汽车维修有限公司',
  vin: 'LSJA24U62JG269225',
  plate: '粤B12345',
  plateColor: 'blue',
  repairDate: '2026-11-20',
  settleDate: '2026-11-24',
  mileageKm: 45210,
  faultDescription: '定期保养，更换机油机滤',
  settlementNo: 'JS20261124-0001',
  labour: [
    { item: '更换机油机滤', hoursTenths: 5 },
    { item: '四轮定位', hoursTenths: 10 },
  ],
  parts: [
    { name: '机油 5W-30', code: '08880-83717', quantityHundredths: 400 },
    { name: '机油滤清器', code: '90915-YZZE1', quantityHundredths: 100 },
  ],
});

/** The trailing slash must not double up in the URLs. */
export const ACCOUNT: PlatformAccount = {
  baseUrl: 'https://archive.example.gov.cn/api/',
  companyCode: '440106000123456',
  password: 'hc-pass-2026',
};

export const TOKEN = 'f3a9c1d2e4b5';

/** 2026-11-24 01:02:03 UTC = 09:02:03 in China. */
export const STAMP = Date.UTC(2026, 10, 24, 1, 2, 3);

export const reply = (body: string, status = 200): WireResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body,
});
