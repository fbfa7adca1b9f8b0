/**
 * Test harness for the reference archive: a real server on a loopback port in a fresh temp folder,
 * a controllable clock, the standard record fixture and one helper per platform family that sends
 * exactly what docs/archive-protocol.md says a client sends.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ArchiveRecord, type ArchiveSource, buildArchiveRecord } from '../shared/domain/archive-record.js';
import { localDate } from '../shared/domain/dates.js';
import { CHINA_TIME_ZONE, headerFor } from './china-time.js';
import type { Reply } from './replies.js';
import { type ArchiveServer, type ArchiveServerOptions, startArchiveServer } from './server.js';

export class TestClock {
  constructor(public t = Date.now()) {}
  now = () => this.t;
  advance(ms: number) {
    this.t += ms;
  }
  /** Today in China, YYYY-MM-DD. */
  today() {
    return localDate(this.t, CHINA_TIME_ZONE);
  }
}

export const DAY_MS = 86_400_000;

export const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'chedang-archive-'));

export const VIN = 'LSJA24U62JG269225';
/** VIN with position 9 changed: the check digit fails (a warning, accepted). */
export const BAD_CHECK_VIN = 'LSJA24U52JG269225';

export const SHOP = {
  companycode: '440106000000001',
  password: 'tianhe-2026',
  companyname: '广州市天河区车档汽车维修有限公司',
  areacode: '440106',
};
export const OTHER_SHOP = {
  companycode: '440604000000001',
  password: 'chancheng-2026',
  companyname: '佛山市禅城区顺安汽车维修服务部',
  areacode: '440604',
};

/** The standard record: VIN LSJA24U62JG269225, plate 粤B12345, settled today (China time). */
export const fixture = (clock: TestClock, over: Partial<ArchiveSource> = {}): ArchiveRecord =>
  buildArchiveRecord({
    companyName: SHOP.companyname,
    vin: VIN,
    plate: '粤B12345',
    plateColor: 'blue',
    repairDate: clock.today(),
    settleDate: clock.today(),
    mileageKm: 45210,
    faultDescription: '定期保养，左前轮异响',
    settlementNo: 'JS-0001',
    labour: [
      { item: '更换机油机滤', hoursTenths: 5 },
      { item: '检查左前轮轴承', hoursTenths: 25 },
    ],
    parts: [
      { name: '机油 5W-30', code: 'OIL-5W30-4L', quantityHundredths: 400 },
      { name: '机油滤清器', code: '15400-RTA-003', quantityHundredths: 100 },
    ],
    ...over,
  });

export interface TestArchive {
  server: ArchiveServer;
  url: string;
  clock: TestClock;
  dir: string;
  close(): Promise<void>;
}

export async function startTestArchive(
  opts: { dir?: string; clock?: TestClock; seed?: boolean } & Partial<ArchiveServerOptions> = {},
): Promise<TestArchive> {
  const dir = opts.dir ?? tempDir();
  const clock = opts.clock ?? new TestClock();
  const server = await startArchiveServer({ port: 0, now: clock.now, ...opts, dataDir: dir });
  if (opts.seed !== false) {
    server.seedCompany(SHOP);
    server.seedCompany(OTHER_SHOP);
  }
  return { server, url: server.url, clock, dir, close: () => server.close() };
}

export const LCIPPRO = {
  token: '/restservices/lcipprodatarest/lcipprogetaccesstoken/query',
  upload: '/restservices/lcipprodatarest/lcipprocarfixrecordadd/query',
  register: '/restservices/lcipprodatarest/lcipproaccountcompany/query',
};

export interface HttpReply<T = Reply> {
  status: number;
  headers: Headers;
  text: string;
  json: T;
}

const toReply = async <T>(r: Response): Promise<HttpReply<T>> => {
  const text = await r.text();
  let json: T;
  try {
    json = JSON.parse(text) as T;
  } catch {
    json = undefined as T;
  }
  return { status: r.status, headers: r.headers, text, json };
};

export const post = async <T = Reply>(url: string, body: unknown): Promise<HttpReply<T>> =>
  toReply<T>(
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );

export const get = async <T = unknown>(url: string): Promise<HttpReply<T>> => toReply<T>(await fetch(url));

export const lcipproToken = async (base: string, shop: { companycode: string; password: string } = SHOP) => {
  const r = await post(`${base}${LCIPPRO.token}`, { companycode: shop.companycode, companypassword: shop.password });
  if (r.json?.code !== '1') throw new Error(`token failed: ${r.text}`);
  return r.json.access_token as string;
};

/** The lcippro upload body, nested or with each block as JSON text. */
export const lcipproBody = (token: string, r: ArchiveRecord, form: 'nested' | 'stringified' = 'nested') => {
  const blocks = {
    basicInfo: r.basicInfo,
    vehiclepartslist: r.vehiclepartslist,
    repairprojectlist: r.repairprojectlist,
  };
  return {
    access_token: token,
    ...(form === 'nested'
      ? blocks
      : Object.fromEntries(Object.entries(blocks).map(([k, v]) => [k, JSON.stringify(v)]))),
  };
};

export const lcipproUpload = (
  base: string,
  token: string,
  r: ArchiveRecord,
  form: 'nested' | 'stringified' = 'nested',
) => post(`${base}${LCIPPRO.upload}`, lcipproBody(token, r, form));

/** The Chengdu transaction wrapper around a reqInfo, stamped at `stampMs`. */
export const chengduBody = (stampMs: number, reqInfo: unknown) => ({
  transaction: { header: headerFor(stampMs), body: { reqInfo } },
});

export const chengduReqInfo = (token: string, r: ArchiveRecord) => ({
  access_token: token,
  basicInfo: r.basicInfo,
  vehiclepartslist: r.vehiclepartslist,
  repairprojectlist: r.repairprojectlist,
});

/** Foshan's GET form: `{base}{path}?{param}=<encodeURIComponent(JSON)>`. */
export const foshanGet = (base: string, path: string, param: string, payload: unknown) =>
  get<Reply>(`${base}${path}?${param}=${encodeURIComponent(JSON.stringify(payload))}`);

export const foshanRepairData = (token: string, stampMs: number, r: ArchiveRecord) => ({
  access_token: token,
  header: headerFor(stampMs),
  body: {
    ...r.basicInfo,
    vehicleplatecolor: r.vehicleplatecolor,
    vehiclepartslist: r.vehiclepartslist,
    repairprojectlist: r.repairprojectlist,
  },
});

export interface AdminRecord {
  companycode: string;
  costlistcode: string;
  vin: string;
  receivedAt: number;
  resends: number;
  protocol: string;
  form: string;
  quality: { vinValid: boolean; plateValid: boolean; timely: boolean };
  warnings: string[];
}

export const adminRecords = async (base: string, company?: string): Promise<AdminRecord[]> =>
  (await get<{ records: AdminRecord[] }>(`${base}/admin/records${company ? `?company=${company}` : ''}`)).json.records;
