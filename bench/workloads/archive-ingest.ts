/**
 * archive.ingest — the reference archive taking records from 16 concurrent clients, each on its own
 * keep-alive connection with one request in flight (20,000 records; quick 1,000). The archive runs
 * as its own process (`node dist/archive/main.js`) with its shipped durability: WAL with
 * synchronous=FULL, every record committed (record row and request-log row in the same transaction)
 * before its reply is written; concurrent requests share commits (shared/sqlite/group-commit.ts).
 * Target: ≥ 2,000 records/s (a Guangdong day, ~133,000 records, in about a minute).
 *
 * Baseline in the same run: raw SQLite inserts of the same rows (the record row and its request-log
 * row, values computed beforehand) into a fresh archive database with the same schema and pragmas,
 * one durable transaction per record — what the archive itself did before group commit, without
 * any HTTP, parsing or validation.
 */
import http from 'node:http';
import path from 'node:path';
import { canonicalContent } from '../../archive/record-input.js';
import { openArchiveDb, statements } from '../../archive/store.js';
import { adapterFor } from '../../electron/core/sync/adapters/index.js';
import type { WireRequest } from '../../electron/core/sync/adapters/types.js';
import type { ArchiveRecord } from '../../shared/domain/archive-record.js';
import { recordQuality } from '../../shared/domain/quality.js';
import { nowMs, round } from '../lib/stats.js';
import type { BenchResult, Workload } from '../lib/types.js';
import {
  AREA_CODE,
  COMPANY_CODE,
  chinaToday,
  generateRecords,
  SHOP_NAME,
  sendHttp,
  spawnArchive,
  wireRequests,
} from './sync-support.js';

const CLIENTS = 16;
const TARGET = 2_000;

/** 16 clients, each sending its share of `requests` one after the other on one kept-alive connection. */
async function ingest(requests: WireRequest[]): Promise<{ ms: number; refused: number }> {
  let next = 0;
  let refused = 0;
  const adapter = adapterFor('lcippro-nested');
  const client = async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let i = next++; i < requests.length; i = next++) {
        const res = await sendHttp(requests[i]!, agent);
        if (res.status !== 200 || adapter.parseUpload(res)?.ok !== true) refused++;
      }
    } finally {
      agent.destroy();
    }
  };
  const t0 = nowMs();
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return { ms: nowMs() - t0, refused };
}

/** The same rows straight into SQLite: one IMMEDIATE transaction (one fsync) per record. */
function rawInserts(dir: string, records: readonly ArchiveRecord[]): number {
  const db = openArchiveDb(dir);
  try {
    const sql = statements(db);
    sql.seedCompany.run(COMPANY_CODE, SHOP_NAME, AREA_CODE, 'not-a-real-hash', Date.now());
    const at = Date.now();
    const rows = records.map((r) => {
      const q = recordQuality(r.basicInfo, at, 'Asia/Shanghai');
      return {
        record: [
          COMPANY_CODE,
          r.basicInfo.costlistcode,
          r.basicInfo.vin,
          r.basicInfo.settledate,
          Number(r.basicInfo.repairmileage),
          canonicalContent(r),
          'lcippro',
          'nested',
          at,
          q.vinValid ? 1 : 0,
          q.plateValid ? 1 : 0,
          q.timely ? 1 : 0,
          '[]',
        ] as const,
        log: [
          at,
          'POST',
          '/restservices/lcipprodatarest/lcipprocarfixrecordadd/query',
          'lcippro.upload',
          COMPANY_CODE,
          r.basicInfo.costlistcode,
          200,
          '1',
          '上传成功',
          null,
          1,
        ] as const,
      };
    });
    const insert = db.transaction((row: (typeof rows)[number]) => {
      sql.insertRecord.run(...row.record);
      sql.logRequest.run(...row.log);
    });
    const t0 = nowMs();
    for (const row of rows) insert.immediate(row);
    return nowMs() - t0;
  } finally {
    db.close();
  }
}

export const workload: Workload = {
  name: 'archive-ingest',
  needsDataset: false,
  async run(ctx): Promise<BenchResult[]> {
    const n = ctx.scale === 'quick' ? 1_000 : 20_000;
    const records = generateRecords({ n, today: chinaToday(), companyName: SHOP_NAME, prefix: 'JS-INGEST' });
    const archive = await spawnArchive(path.join(ctx.tmpDir, 'archive'));
    let product: { ms: number; refused: number };
    let archiveCpuMs: number | null = null;
    try {
      const requests = await wireRequests(archive.url, records);
      const cpu0 = archive.cpuMs();
      product = await ingest(requests);
      const cpu1 = archive.cpuMs();
      if (cpu0 !== null && cpu1 !== null) archiveCpuMs = cpu1 - cpu0;
      if (product.refused > 0) throw new Error(`archive.ingest: ${product.refused} of ${n} records refused`);
      const m = (await (await fetch(`${archive.url}/admin/metrics`)).json()) as { companies: { uploads: number }[] };
      if (m.companies[0]?.uploads !== n) throw new Error(`archive.ingest: ${m.companies[0]?.uploads} of ${n} stored`);
    } finally {
      await archive.close();
    }
    const rawMs = rawInserts(path.join(ctx.tmpDir, 'raw'), records);
    const rate = (n * 1000) / product.ms;
    const rawRate = (n * 1000) / rawMs;
    ctx.log(`  archive: ${rate.toFixed(0)} records/s; raw inserts: ${rawRate.toFixed(0)} records/s`);
    return [
      {
        id: 'archive.ingest',
        unit: 'records/s',
        n,
        p50: round(rate, 0),
        p95: round(rate, 0),
        baseline_p95: round(rawRate, 0),
        ratio: round(rate / rawRate, 2),
        target: `≥ ${TARGET.toLocaleString('en')} records/s`,
        met: rate >= TARGET,
        archive_cpu_ms_per_record: archiveCpuMs === null ? null : round(archiveCpuMs / n, 3),
        note:
          `${n} records from ${CLIENTS} keep-alive clients in ${(product.ms / 1000).toFixed(2)} s; ` +
          `durable: WAL + synchronous=FULL, committed before each reply, concurrent requests sharing commits; ` +
          `archive CPU ${archiveCpuMs === null ? '?' : (archiveCpuMs / n).toFixed(3)} ms/record; ` +
          `baseline: the same record + request-log rows as raw inserts, one durable transaction per record`,
      },
    ];
  },
};
