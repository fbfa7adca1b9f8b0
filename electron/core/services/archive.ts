/**
 * 档案上传 — the API over the outbox, the upload ledger and the platform account: configure and test
 * the account, see the queue and every request of one record, requeue what the clerk fixed, export
 * the ledger, and the figures regulators watch (archive-interface.md §1) with the local quality score.
 */
import { and, eq, gte } from 'drizzle-orm';
import type { MethodOutput, ParsedInput } from '../../../shared/api/contract.js';
import { type ArchiveRecord, validateArchiveRecord } from '../../../shared/domain/archive-record.js';
import { cityByCode } from '../../../shared/domain/cities.js';
import { compactDate, dayStartMs } from '../../../shared/domain/dates.js';
import type { OutboxState } from '../../../shared/domain/enums.js';
import type { Issue } from '../../../shared/domain/issue.js';
import { QUALITY_FORMULA, qualityScore, recordQuality } from '../../../shared/domain/quality.js';
import { type Ctx, now, today } from '../context.js';
import { countRows } from '../db/count.js';
import { outbox } from '../db/schema.js';
import { prepared } from '../db/statements.js';
import { fail, failValidation, notFound, requireConfirmed } from '../errors.js';
import { adapterFor } from '../sync/adapters/index.js';
import { PlatformSession } from '../sync/session.js';
import {
  ARCHIVE_PASSWORD_SECRET,
  type ArchiveSettings,
  platformLabel,
  readArchiveSettings,
  writeArchiveSettings,
} from '../sync/settings.js';
import { audit } from './audit.js';
import { rebuildArchiveRecord } from './settlement.js';

type Platform = MethodOutput<'archive.configure'>;

export async function platformView(ctx: Ctx, s: ArchiveSettings): Promise<Platform> {
  return {
    adapter: s.adapter,
    adapterLabel: adapterFor(s.adapter).label,
    label: platformLabel(s),
    baseUrl: s.baseUrl,
    companyCode: s.companyCode,
    cityCode: s.cityCode,
    cityName: s.cityCode ? (cityByCode(s.cityCode)?.name ?? null) : null,
    demo: s.demo,
    hasPassword: (await ctx.core.secrets.get(ARCHIVE_PASSWORD_SECRET)) !== null,
    configuredAt: s.configuredAt,
  };
}

/**
 * Save the account. The password goes to the secret store first (asynchronous: the OS keychain in
 * the app), then the settings in one transaction; a failure in between leaves the old settings in
 * force with a new password stored, which the next save overwrites. The password is never audited.
 */
export async function configureArchive(ctx: Ctx, input: ParsedInput<'archive.configure'>): Promise<Platform> {
  const core = ctx.core;
  if (input.password !== undefined) {
    await core.secrets.set(ARCHIVE_PASSWORD_SECRET, input.password);
  } else if ((await core.secrets.get(ARCHIVE_PASSWORD_SECRET)) === null) {
    failValidation([
      {
        code: 'password_required',
        field: 'password',
        message: { zh: '请输入平台密码', en: 'Enter the platform password' },
        severity: 'error',
      },
    ]);
  }
  const next: ArchiveSettings = {
    adapter: input.adapter,
    baseUrl: input.baseUrl,
    companyCode: input.companyCode,
    cityCode: input.cityCode,
    demo: false,
    configuredAt: now(ctx),
  };
  applyArchiveSettings(ctx, next, input.password !== undefined);
  return platformView(ctx, next);
}

/** Store settings with their audit entry, tell every screen, and point the uploader at them. */
export function applyArchiveSettings(ctx: Ctx, next: ArchiveSettings, passwordChanged: boolean): void {
  const core = ctx.core;
  core.sqlite
    .transaction(() => {
      const before = readArchiveSettings(core.db);
      writeArchiveSettings(core.db, next, now(ctx));
      audit(ctx, 'settings', 'archive', before, { ...next, passwordChanged });
    })
    .immediate();
  core.events.emit({ type: 'changed', topics: ['archive'], method: ctx.method, at: now(ctx) });
  core.sync.reconfigure();
}

export async function testConnection(
  ctx: Ctx,
  input: ParsedInput<'archive.testConnection'>,
): Promise<MethodOutput<'archive.testConnection'>> {
  const saved = readArchiveSettings(ctx.core.db);
  const adapter = input.adapter ?? saved?.adapter;
  const baseUrl = input.baseUrl ?? saved?.baseUrl;
  const companyCode = input.companyCode ?? saved?.companyCode;
  const password = input.password ?? (await ctx.core.secrets.get(ARCHIVE_PASSWORD_SECRET));
  const missing: Issue[] = [];
  const need = (v: unknown, field: string, zh: string, en: string) => {
    if (v === undefined || v === null)
      missing.push({ code: `${field}_required`, field, message: { zh, en }, severity: 'error' });
  };
  need(adapter, 'adapter', '请选择接口类型', 'Choose the platform family');
  need(baseUrl, 'baseUrl', '请填写平台地址', 'Enter the platform address');
  need(companyCode, 'companyCode', '请填写企业编码', 'Enter the company code');
  need(password, 'password', '请输入平台密码', 'Enter the platform password');
  if (missing.length || !adapter || !baseUrl || !companyCode || !password) return failValidation(missing);

  const session = new PlatformSession({
    account: { baseUrl, companyCode, password },
    adapter: adapterFor(adapter),
    now: () => ctx.core.clock.now(),
    send: ctx.core.sync.send,
    timeoutMs: 15_000,
    tokenMaxAgeMs: 0,
  });
  const started = Date.now();
  const step = await session.testToken({ begin: () => ({ end: () => {} }) });
  const latencyMs = Date.now() - started;
  if (step.ok)
    return {
      ok: true,
      code: '1',
      message: { zh: '连接成功，平台已发放令牌', en: 'Connected: the platform issued a token' },
      latencyMs,
    };
  const r = step.result;
  if (r.kind === 'account' || r.kind === 'rejected')
    return {
      ok: false,
      code: r.reply.code,
      message: {
        zh: `平台拒绝了账号（代码 ${r.reply.code}）：${r.reply.message}；请核对企业编码和密码`,
        en: `The platform refused the account (code ${r.reply.code}): ${r.reply.message}. Check the company code and password`,
      },
      latencyMs,
    };
  if (r.kind === 'transient')
    return {
      ok: false,
      code: null,
      message: r.reachable
        ? {
            zh: `平台有应答但未能发放令牌：${r.message}；请核对平台地址和接口类型，或稍后再试`,
            en: `The platform answered but issued no token: ${r.message}. Check the address and the family, or try later`,
          }
        : {
            zh: `无法连接平台：${r.message}；请检查网络和平台地址`,
            en: `Cannot reach the platform: ${r.message}. Check the network and the address`,
          },
      latencyMs,
    };
  return { ok: false, code: null, message: { zh: '未知结果', en: 'Unknown result' }, latencyMs };
}

export async function archiveStatus(ctx: Ctx): Promise<MethodOutput<'archive.status'>> {
  const sqlite = ctx.core.sqlite;
  const counts = { pending: 0, sending: 0, accepted: 0, rejected: 0, held: 0 };
  // From the trigger-kept tally (migration 0003), not a count over ten years of accepted records.
  for (const r of prepared(sqlite, `SELECT state, n FROM state_counts WHERE entity = 'outbox'`).all() as {
    state: OutboxState;
    n: number;
  }[])
    counts[r.state] = r.n;
  const oldest = (
    prepared(sqlite, `SELECT min(created_at) AS t FROM outbox WHERE state IN ('pending', 'sending')`).get() as {
      t: number | null;
    }
  ).t;
  const s = readArchiveSettings(ctx.core.db);
  const u = ctx.core.sync.status();
  return {
    platform: s ? await platformView(ctx, s) : null,
    counts,
    oldestPendingAt: oldest,
    oldestPendingAgeMs: oldest === null ? null : Math.max(0, now(ctx) - oldest),
    lastSuccessAt: u.lastSuccessAt ?? lastAcceptedAt(ctx),
    lastError: u.lastError,
    nextAttemptAt: u.nextAttemptAt,
    online: u.online,
    running: u.running,
  };
}

const lastAcceptedAt = (ctx: Ctx): number | null =>
  // The partial index of 0002 answers at once; the planner would otherwise pick the state index
  // (its statistics average six states) and read every accepted record of ten years (~100 ms).
  (
    prepared(
      ctx.core.sqlite,
      `SELECT max(accepted_at) AS t FROM outbox INDEXED BY outbox_accepted_at_idx WHERE state = 'accepted'`,
    ).get() as {
      t: number | null;
    }
  ).t;

interface OutboxJoinRow {
  id: string;
  seq: number;
  kind: 'upload' | 'correction';
  work_order_id: string;
  settlement_no: string;
  settle_date: string | null;
  state: OutboxState;
  record: string;
  issues: string;
  attempts: number;
  next_attempt_at: number | null;
  last_error: string | null;
  accepted_at: number | null;
  created_at: number;
  updated_at: number;
}

const SELECT_ROWS = `SELECT o.id, o.seq, o.kind, o.work_order_id, o.settlement_no, w.settle_date, o.state, o.record,
        o.issues, o.attempts, o.next_attempt_at, o.last_error, o.accepted_at, o.created_at, o.updated_at
   FROM outbox o JOIN work_orders w ON w.id = o.work_order_id`;

const toRow = (r: OutboxJoinRow) => {
  const record = JSON.parse(r.record) as ArchiveRecord;
  return {
    id: r.id,
    seq: r.seq,
    kind: r.kind,
    workOrderId: r.work_order_id,
    settlementNo: r.settlement_no,
    settleDate: r.settle_date,
    vin: record.basicInfo.vin,
    plate: record.basicInfo.vehicleplatenumber,
    state: r.state,
    issues: JSON.parse(r.issues) as Issue[],
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    acceptedAt: r.accepted_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
};

export function archiveRecords(ctx: Ctx, q: ParsedInput<'archive.records'>): MethodOutput<'archive.records'> {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.state?.length) {
    where.push(`o.state IN (${q.state.map(() => '?').join(', ')})`);
    args.push(...q.state);
  }
  if (q.kind) {
    where.push('o.kind = ?');
    args.push(q.kind);
  }
  if (q.from) {
    where.push('w.settle_date >= ?');
    args.push(q.from);
  }
  if (q.to) {
    where.push('w.settle_date <= ?');
    args.push(q.to);
  }
  if (q.settlementNo) {
    where.push('o.settlement_no = ?');
    args.push(q.settlementNo);
  }
  const filter = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const sqlite = ctx.core.sqlite;
  const rows = sqlite
    .prepare(`${SELECT_ROWS}${filter} ORDER BY o.seq DESC LIMIT ? OFFSET ?`)
    .all(...args, q.limit, q.offset) as OutboxJoinRow[];
  const total = (
    sqlite
      .prepare(`SELECT count(*) AS n FROM outbox o JOIN work_orders w ON w.id = o.work_order_id${filter}`)
      .get(...args) as { n: number }
  ).n;
  return { items: rows.map(toRow), total };
}

const requireOutboxRow = (ctx: Ctx, id: string): OutboxJoinRow =>
  (prepared(ctx.core.sqlite, `${SELECT_ROWS} WHERE o.id = ?`).get(id) as OutboxJoinRow | undefined) ??
  notFound({ zh: '上传记录', en: 'Archive record' }, id);

interface LedgerRow {
  id: string;
  attempt: number;
  platform: string;
  company_code: string;
  settlement_no: string;
  request: string;
  response: string | null;
  http_status: number | null;
  outcome: string;
  error: string | null;
  started_at: number;
  finished_at: number | null;
}

const toLedger = (e: LedgerRow) => ({
  id: e.id,
  attempt: e.attempt,
  platform: e.platform,
  companyCode: e.company_code,
  settlementNo: e.settlement_no,
  request: e.request,
  response: e.response,
  httpStatus: e.http_status,
  outcome: e.outcome,
  error: e.error,
  startedAt: e.started_at,
  finishedAt: e.finished_at,
});

export function archiveLedger(ctx: Ctx, id: string): MethodOutput<'archive.ledger'> {
  const row = requireOutboxRow(ctx, id);
  const entries = prepared(
    ctx.core.sqlite,
    'SELECT * FROM upload_ledger WHERE outbox_id = ? ORDER BY started_at, rowid',
  ).all(id) as LedgerRow[];
  return { record: { ...toRow(row), record: JSON.parse(row.record) }, entries: entries.map(toLedger) };
}

/**
 * Requeue a held or rejected record after the clerk fixed what it names (the vehicle's VIN or plate,
 * the shop's registered name…): the record is rebuilt from the frozen order and today's vehicle and
 * shop data, checked again, and queued. If a check still fails nothing changes and the error says why.
 */
export function requeueRecord(ctx: Ctx, input: ParsedInput<'archive.requeue'>): MethodOutput<'archive.requeue'> {
  const row = requireOutboxRow(ctx, input.id);
  if (row.kind === 'correction')
    fail(
      'conflict',
      '更正记录不能重新上传：档案平台没有公开的更正接口，请联系平台更正已上传的记录',
      'A correction cannot be requeued: no platform publishes a correction call; ask the platform to correct the uploaded record',
    );
  if (row.state !== 'held' && row.state !== 'rejected')
    fail(
      'conflict',
      `此记录状态为“${row.state}”，只有“需处理”或“被退回”的记录可以重新上传`,
      `This record is ${row.state}; only held or rejected records can be requeued`,
    );
  const order = prepared(ctx.core.sqlite, 'SELECT status FROM work_orders WHERE id = ?').get(row.work_order_id) as {
    status: string;
  };
  if (order.status !== 'settled')
    fail('conflict', '该工单已冲红，记录不再上传', 'The order was reversed; its record is no longer uploaded');
  const record = rebuildArchiveRecord(ctx, row.work_order_id);
  const settings = readArchiveSettings(ctx.core.db);
  const issues = [
    ...validateArchiveRecord(record, { today: compactDate(today(ctx)) }),
    ...(settings ? adapterFor(settings.adapter).localChecks(record) : []),
  ];
  const kept = requireConfirmed(issues, input.confirm);
  const at = now(ctx);
  prepared(
    ctx.core.sqlite,
    `UPDATE outbox SET record = ?, issues = ?, state = 'pending', next_attempt_at = ?, last_error = NULL, updated_at = ?
      WHERE id = ?`,
  ).run(JSON.stringify(record), JSON.stringify(kept), at, at, row.id);
  audit(ctx, 'outbox', row.id, { state: row.state, record: JSON.parse(row.record) }, { state: 'pending', record });
  return toRow(requireOutboxRow(ctx, row.id));
}

const LEDGER_COLUMNS = [
  'started_at',
  'finished_at',
  'settlement_no',
  'attempt',
  'platform',
  'company_code',
  'outcome',
  'http_status',
  'error',
  'request',
  'response',
] as const;

const csvCell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export function exportLedger(ctx: Ctx, q: ParsedInput<'archive.exportLedger'>): MethodOutput<'archive.exportLedger'> {
  const tz = ctx.core.timezone;
  const from = q.from ? dayStartMs(q.from, tz) : 0;
  const to = q.to ? dayStartMs(q.to, tz) + 86_400_000 : Number.MAX_SAFE_INTEGER;
  const rows = prepared(
    ctx.core.sqlite,
    'SELECT * FROM upload_ledger WHERE started_at >= ? AND started_at < ? ORDER BY started_at, rowid',
  ).all(from, to) as LedgerRow[];
  const stamp = compactDate(today(ctx));
  if (q.format === 'json')
    return {
      filename: `chedang-upload-ledger-${stamp}.json`,
      contentType: 'application/json; charset=utf-8',
      rows: rows.length,
      content: JSON.stringify(rows.map(toLedger), null, 2),
    };
  const iso = (t: number | null) => (t === null ? '' : new Date(t).toISOString());
  const lines = rows.map((r) =>
    LEDGER_COLUMNS.map((c) => csvCell(c === 'started_at' || c === 'finished_at' ? iso(r[c]) : r[c])).join(','),
  );
  return {
    filename: `chedang-upload-ledger-${stamp}.csv`,
    contentType: 'text/csv; charset=utf-8',
    rows: rows.length,
    // The byte-order mark makes Excel on Chinese Windows read the file as UTF-8.
    content: `\ufeff${[LEDGER_COLUMNS.join(','), ...lines].join('\r\n')}\r\n`,
  };
}

const WEEK_MS = 7 * 86_400_000;

export function archiveKpis(ctx: Ctx, q: ParsedInput<'archive.kpis'>): MethodOutput<'archive.kpis'> {
  const sqlite = ctx.core.sqlite;
  const args = [q.from ?? '0000-00-00', q.to ?? '9999-99-99'];
  const settled = (
    prepared(
      sqlite,
      `SELECT count(*) AS n FROM work_orders WHERE +status = 'settled' AND settle_date BETWEEN ? AND ?`,
    ).get(...args) as { n: number }
  ).n;
  const accepted = prepared(
    sqlite,
    `SELECT o.record, o.accepted_at, w.settled_at FROM outbox o JOIN work_orders w ON w.id = o.work_order_id
      WHERE o.kind = 'upload' AND o.state = 'accepted' AND +w.status = 'settled' AND w.settle_date BETWEEN ? AND ?`,
  ).all(...args) as { record: string; accepted_at: number; settled_at: number }[];
  const delays = accepted.map((r) => r.accepted_at - r.settled_at).sort((a, b) => a - b);
  // The score covers every record the archive holds, as the archive's does: an order reversed after
  // its record was accepted is out of the order figures above, but its record stays on the platform.
  const uploaded = prepared(
    sqlite,
    `SELECT o.record, o.accepted_at FROM outbox o JOIN work_orders w ON w.id = o.work_order_id
      WHERE o.kind = 'upload' AND o.state = 'accepted' AND w.settle_date BETWEEN ? AND ?`,
  ).all(...args) as { record: string; accepted_at: number }[];
  const flags = uploaded.map((r) =>
    recordQuality((JSON.parse(r.record) as ArchiveRecord).basicInfo, r.accepted_at, ctx.core.timezone),
  );
  const since = now(ctx) - WEEK_MS;
  return {
    settledOrders: settled,
    acceptedOrders: accepted.length,
    acceptedShare: settled === 0 ? null : accepted.length / settled,
    medianSettleToAcceptedMs: median(delays),
    uploadsLast7Days: countRows(ctx.core.db, outbox, and(eq(outbox.state, 'accepted'), gte(outbox.acceptedAt, since))),
    qualityScore: qualityScore(flags),
    qualityFormula: QUALITY_FORMULA,
    qualityChecks: {
      records: flags.length,
      vinValid: flags.filter((f) => f.vinValid).length,
      plateValid: flags.filter((f) => f.plateValid).length,
      timely: flags.filter((f) => f.timely).length,
    },
  };
}

const median = (sorted: number[]): number | null => {
  if (sorted.length === 0) return null;
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m]! : Math.round((sorted[m - 1]! + sorted[m]!) / 2);
};
