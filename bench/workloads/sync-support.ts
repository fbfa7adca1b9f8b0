/**
 * Fixtures the sync and archive workloads share (sync-drain, sync-weaklink, archive-ingest). Not a
 * workload itself (it exports no `workload`, so bench/run.ts skips it).
 *
 *   spawnArchive   the reference archive as its own process (`node dist/archive/main.js`), so its CPU
 *                  is not counted as the client's; one seeded company
 *   shopWithQueue  a real core on a temp folder, configured for that archive, with n pending records:
 *                  a few orders settled through the real settle path, the rest built by the product's
 *                  own record builder (buildArchiveRecord) with varied VINs, plates and lines, so
 *                  10,000 records take a second to prepare rather than minutes of API calls
 *   wireRequests   the exact upload requests the product's adapter builds for those records
 *   sendOnce       one request on a fresh connection (no agent), as a public client uploads
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newId } from '../../electron/core/db/ids.js';
import { adapterFor } from '../../electron/core/sync/adapters/index.js';
import type { AdapterId, WireRequest, WireResponse } from '../../electron/core/sync/adapters/types.js';
import { type ArchiveRecord, buildArchiveRecord, validateArchiveRecord } from '../../shared/domain/archive-record.js';
import { withCheckDigit } from '../../shared/domain/vin.js';
import { completedOrder, FakeClock, makeCore, seedBasics, type TestCore } from '../../tests/support/core.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ARCHIVE_MAIN = path.resolve(here, '../../dist/archive/main.js');

/** The shop's registered name in seedBasics, which the archive checks records against. */
export const SHOP_NAME = '广州市示例汽车维修有限公司';
export const COMPANY_CODE = '440106000000123';
export const PASSWORD = 'bench-密码/+"';
export const AREA_CODE = '440106';

export interface ArchiveProcess {
  url: string;
  pid: number;
  /** User + system CPU of the archive process so far, in ms (from /proc; null where unavailable). */
  cpuMs(): number | null;
  close(): Promise<void>;
}

/** Reads utime + stime of a process from /proc (Linux), in ms. */
const procCpuMs = (pid: number): number | null => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on every Linux this runs on
  } catch {
    return null;
  }
};

/**
 * Start `node dist/archive/main.js` on a free loopback port with one seeded company. `args` are more
 * archive flags; `nodeArgs` go to node (e.g. `--cpu-prof` to see where the archive spends its time).
 */
export async function spawnArchive(
  dataDir: string,
  opts: { args?: string[]; nodeArgs?: string[] } = {},
): Promise<ArchiveProcess> {
  if (!fs.existsSync(ARCHIVE_MAIN)) throw new Error(`${ARCHIVE_MAIN} is missing: run node build/build.mjs first`);
  fs.mkdirSync(dataDir, { recursive: true });
  const seed = path.join(dataDir, 'seed.json');
  fs.writeFileSync(
    seed,
    JSON.stringify([{ companycode: COMPANY_CODE, password: PASSWORD, companyname: SHOP_NAME, areacode: AREA_CODE }]),
  );
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(opts.nodeArgs ?? []),
      ARCHIVE_MAIN,
      ...['--port', '0', '--data-dir', path.join(dataDir, 'archive'), '--seed', seed],
      ...(opts.args ?? []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const onData = (c: Buffer) => {
      out += c.toString('utf8');
      const m = /running: (http:\/\/\S+)/.exec(out);
      if (m) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`archive exited (${code}) before listening: ${stderr}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    pid: child.pid!,
    cpuMs: () => procCpuMs(child.pid!),
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface ShopWithQueue {
  t: TestCore;
  /** The records queued, oldest first. */
  records: ArchiveRecord[];
  close(): void;
}

const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXY';
const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const JOBS = [
  { item: '更换机油机滤', hoursTenths: 5, fault: '定期保养' },
  { item: '更换前刹车片', hoursTenths: 10, fault: '刹车异响' },
  { item: '四轮定位', hoursTenths: 8, fault: '方向跑偏' },
  { item: '更换蓄电池', hoursTenths: 3, fault: '冷车启动困难' },
  { item: '空调系统检修', hoursTenths: 15, fault: '空调不制冷，出风口有异味' },
];
const PARTS = [
  { name: '机油滤清器', code: '90915-YZZD1' },
  { name: '全合成机油 0W-20', code: '0W20-4L' },
  { name: '前刹车片', code: '04465-33450' },
  { name: '蓄电池 60Ah', code: 'L2-400' },
  { name: '空调滤芯', code: '87139-30040' },
];

/** A deterministic PRNG (mulberry32), so every run builds the same records. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};

/**
 * A core on `dir` (real clock, real SQLite), configured for the archive at `archiveUrl`, with `n`
 * pending uploads. `realSettles` orders go through workOrders.settle; the others copy their dates and
 * shop from those and vary the vehicle and the work, through buildArchiveRecord, and are checked with
 * validateArchiveRecord (so every one is a record the archive accepts). The uploader is not started.
 */
export async function shopWithQueue(opts: {
  dir: string;
  archiveUrl: string;
  n: number;
  adapter?: AdapterId;
  realSettles?: number;
  uploader?: NonNullable<Parameters<typeof makeCore>[0]>['uploader'];
}): Promise<ShopWithQueue> {
  const clock = Object.assign(new FakeClock(), { now: () => Date.now() });
  const t = await makeCore({ dir: opts.dir, clock, ...(opts.uploader ? { uploader: opts.uploader } : {}) });
  const basics = await seedBasics(t);
  await t.ok('stock.receive', { partId: basics.filter.id, quantity: 100_000, unitCostFen: 3500 });
  await t.ok('archive.configure', {
    adapter: opts.adapter ?? 'lcippro-nested',
    baseUrl: opts.archiveUrl,
    companyCode: COMPANY_CODE,
    password: PASSWORD,
    cityCode: '440100',
  });
  const real = Math.min(opts.n, opts.realSettles ?? 5);
  const settled: { workOrderId: string; record: ArchiveRecord }[] = [];
  for (let i = 0; i < real; i++) {
    const id = await completedOrder(t, basics.vehicle.id, basics.filter.id);
    const d = await t.ok('workOrders.settle', { id, paymentMethod: 'cash', oldPartsDisposition: 'none' });
    const row = t.app.core.sqlite
      .prepare(`SELECT record FROM outbox WHERE work_order_id = ? AND kind = 'upload'`)
      .get(d.order.id) as { record: string };
    settled.push({ workOrderId: id, record: JSON.parse(row.record) as ArchiveRecord });
  }
  const template = settled[0]!.record.basicInfo;
  const generated = generateRecords({
    n: opts.n - real,
    today: template.settledate,
    companyName: template.companyname,
    prefix: template.costlistcode,
    from: real,
  });
  const sqlite = t.app.core.sqlite;
  const insert = sqlite.prepare(
    `INSERT INTO outbox (id, seq, kind, work_order_id, settlement_no, state, record, issues, attempts,
       next_attempt_at, created_at, updated_at)
     VALUES (?, ?, 'upload', ?, ?, 'pending', ?, '[]', 0, ?, ?, ?)`,
  );
  sqlite.transaction(() => {
    let seq = (sqlite.prepare('SELECT max(seq) AS s FROM outbox').get() as { s: number }).s;
    const now = Date.now();
    generated.forEach((record, i) => {
      // Any settled order will do as the row's order: the archive sees only the record.
      const owner = settled[i % settled.length]!.workOrderId;
      insert.run(newId(), ++seq, owner, record.basicInfo.costlistcode, JSON.stringify(record), now, now, now);
    });
  })();
  return { t, records: [...settled.map((s) => s.record), ...generated], close: () => t.close() };
}

/** Today in China (yyyyMMdd): the archive dates records by China Standard Time. */
export const chinaToday = (at = Date.now()): string =>
  new Date(at + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');

/**
 * `n` valid records of one shop settled `today` (yyyyMMdd), numbered `<prefix>-<from + i>`, built by
 * the product's record builder with varied VINs (correct check digits), Guangdong plates, jobs and
 * parts, and checked by the product's validator. Deterministic: the same arguments, the same records.
 */
export function generateRecords(opts: {
  n: number;
  today: string;
  companyName: string;
  prefix: string;
  from?: number;
}): ArchiveRecord[] {
  const rnd = prng(20261124 + (opts.from ?? 0));
  const pick = <T>(xs: readonly T[] | string): T => xs[Math.floor(rnd() * xs.length)] as T;
  const { today } = opts;
  const isoDay = `${today.slice(0, 4)}-${today.slice(4, 6)}-${today.slice(6)}`;
  return Array.from({ length: opts.n }, (_, k) => {
    const vin = withCheckDigit(`L${Array.from({ length: 16 }, () => pick<string>(VIN_CHARS)).join('')}`);
    const job = pick(JOBS);
    const nParts = 1 + Math.floor(rnd() * 3);
    const settlementNo = `${opts.prefix}-${String((opts.from ?? 0) + k).padStart(5, '0')}`;
    const record = buildArchiveRecord({
      companyName: opts.companyName,
      vin,
      plate: `粤${pick<string>(PLATE_LETTERS)}${String(Math.floor(rnd() * 100_000)).padStart(5, '0')}`,
      plateColor: 'blue',
      repairDate: isoDay,
      settleDate: isoDay,
      mileageKm: 5_000 + Math.floor(rnd() * 200_000),
      faultDescription: job.fault,
      settlementNo,
      labour: [{ item: job.item, hoursTenths: job.hoursTenths }],
      parts: Array.from({ length: nParts }, () => pick(PARTS)).map((p) => ({
        ...p,
        quantityHundredths: 100 * (1 + Math.floor(rnd() * 4)),
      })),
    });
    const errors = validateArchiveRecord(record, { today }).filter((x) => x.severity === 'error');
    if (errors.length > 0) throw new Error(`fixture record ${settlementNo} is invalid: ${errors[0]!.message.en}`);
    return record;
  });
}

/** The upload requests the product's adapter builds for `records`, with a token from the archive. */
export async function wireRequests(
  archiveUrl: string,
  records: readonly ArchiveRecord[],
  adapterId: AdapterId = 'lcippro-nested',
): Promise<WireRequest[]> {
  const adapter = adapterFor(adapterId);
  const account = { baseUrl: archiveUrl, companyCode: COMPANY_CODE, password: PASSWORD };
  const res = await sendOnce(adapter.tokenRequest(account, Date.now()));
  const token = adapter.parseToken(res)?.token;
  if (!token) throw new Error(`no token from the archive: ${res.status} ${res.body}`);
  return records.map((r) => adapter.uploadRequest(account, token, r, Date.now()));
}

/**
 * One request on a new TCP connection, closed after the reply (`agent: false`): how the public
 * clients upload, one record after the other.
 */
export const sendOnce = (req: WireRequest): Promise<WireResponse> => sendHttp(req, false);

/** One request through `agent` (a keep-alive agent reuses connections), or on its own connection. */
export function sendHttp(req: WireRequest, agent: http.Agent | false): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(req.url);
    const body = req.body === undefined ? undefined : Buffer.from(req.body, 'utf8');
    const r = http.request(
      url,
      {
        method: req.method,
        agent,
        headers: {
          ...req.headers,
          ...(body ? { 'content-length': body.length } : {}),
          ...(agent === false ? { connection: 'close' } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers[k] = v;
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    r.end(body);
  });
}

/** Whether a reply is the platform's success (`code` "1"). */
export const acceptedReply = (res: WireResponse, adapterId: AdapterId = 'lcippro-nested'): boolean =>
  res.status === 200 && adapterFor(adapterId).parseUpload(res)?.ok === true;
