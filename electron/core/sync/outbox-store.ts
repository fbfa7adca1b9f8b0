/**
 * The uploader's reads and writes of the outbox and the upload ledger. Each state change is one
 * short IMMEDIATE transaction with its audit entry, written before the uploader moves on, so a kill
 * at any instant leaves a state the next start can resume from (architecture.md, sync rule 3).
 */
import type { ArchiveRecord } from '../../../shared/domain/archive-record.js';
import type { Issue } from '../../../shared/domain/issue.js';
import type { Actor, Core, Ctx } from '../context.js';
import { newId } from '../db/ids.js';
import { prepared } from '../db/statements.js';
import { audit } from '../services/audit.js';

/** Who the audit log names for the uploader's own changes. */
export const SYNC_ACTOR: Actor = { id: null, name: '档案上传服务', role: 'manager' };
export const SYNC_METHOD = 'archive.sync';

export interface DueRow {
  id: string;
  seq: number;
  settlementNo: string;
  record: ArchiveRecord;
  issues: Issue[];
  attempts: number;
}

interface RawRow {
  id: string;
  seq: number;
  settlement_no: string;
  record: string;
  issues: string;
  attempts: number;
}

const ctxOf = (core: Core): Ctx => ({ core, actor: SYNC_ACTOR, method: SYNC_METHOD });

const inTx = <T>(core: Core, fn: () => T): T => core.sqlite.transaction(fn).immediate();

/** At start: an upload cut off by a crash or a quit is simply pending again (the platform is idempotent). */
export function recoverSending(core: Core): number {
  return inTx(core, () => {
    const n = prepared(core.sqlite, `UPDATE outbox SET state = 'pending', updated_at = ? WHERE state = 'sending'`).run(
      core.clock.now(),
    ).changes;
    return n;
  });
}

/** Every waiting upload is due now (the uploader was told the reason to wait may be gone). */
export function dueNow(core: Core): void {
  const at = core.clock.now();
  prepared(
    core.sqlite,
    `UPDATE outbox SET next_attempt_at = ? WHERE state = 'pending' AND kind = 'upload' AND next_attempt_at > ?`,
  ).run(at, at);
}

/**
 * Ids of up to `count` of the oldest due uploads (FIFO by seq), skipping rows already in flight.
 * Rows in flight stay `pending` until their first request is written, so they are read past here;
 * reading ids only keeps that cheap (the uploader asks once per finished upload).
 */
function dueIds(core: Core, now: number, inFlight: ReadonlySet<string>, count: number): string[] {
  const rows = prepared(
    core.sqlite,
    `SELECT id FROM outbox WHERE state = 'pending' AND kind = 'upload' AND coalesce(next_attempt_at, 0) <= ?
      ORDER BY seq LIMIT ?`,
  ).all(now, inFlight.size + count) as { id: string }[];
  const ids: string[] = [];
  for (const r of rows) if (!inFlight.has(r.id) && ids.length < count) ids.push(r.id);
  return ids;
}

/** Whether an upload not already in flight is due now. */
export const hasDue = (core: Core, now: number, inFlight: ReadonlySet<string>): boolean =>
  dueIds(core, now, inFlight, 1).length > 0;

/** Up to `count` of the oldest due uploads (FIFO by seq), skipping rows already in flight. */
export function dueRows(core: Core, now: number, inFlight: ReadonlySet<string>, count: number): DueRow[] {
  const read = prepared(
    core.sqlite,
    'SELECT id, seq, settlement_no, record, issues, attempts FROM outbox WHERE id = ?',
  );
  return dueIds(core, now, inFlight, count).map((id) => {
    const r = read.get(id) as RawRow;
    return {
      id: r.id,
      seq: r.seq,
      settlementNo: r.settlement_no,
      record: JSON.parse(r.record) as ArchiveRecord,
      issues: JSON.parse(r.issues) as Issue[],
      attempts: r.attempts,
    };
  });
}

/** The earliest moment a pending upload becomes due, or null when none waits. */
export function earliestPending(core: Core): number | null {
  const r = prepared(
    core.sqlite,
    `SELECT min(coalesce(next_attempt_at, 0)) AS t FROM outbox WHERE state = 'pending' AND kind = 'upload'`,
  ).get() as { t: number | null };
  return r.t;
}

/** pending → sending, counting the attempt. False when the row changed meanwhile (requeued, reversed). */
export function markSending(core: Core, id: string): number | null {
  return inTx(core, () => {
    const at = core.clock.now();
    const r = prepared(
      core.sqlite,
      `UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ?
        WHERE id = ? AND state = 'pending' RETURNING attempts`,
    ).get(at, id) as { attempts: number } | undefined;
    return r ? r.attempts : null;
  });
}

type Final =
  | { state: 'accepted' }
  | { state: 'rejected'; error: string; issues: Issue[] }
  | { state: 'held'; error: string; issues: Issue[] }
  | { state: 'pending'; error: string; nextAttemptAt: number };

/** sending (or pending, for local holds) → the outcome, with its audit entry. */
export function settle(core: Core, id: string, outcome: Final): boolean {
  return inTx(core, () => {
    const at = core.clock.now();
    let changes: number;
    switch (outcome.state) {
      case 'accepted':
        changes = prepared(
          core.sqlite,
          `UPDATE outbox SET state = 'accepted', accepted_at = ?, next_attempt_at = NULL, last_error = NULL,
                  updated_at = ? WHERE id = ? AND state = 'sending'`,
        ).run(at, at, id).changes;
        break;
      case 'rejected':
      case 'held':
        changes = prepared(
          core.sqlite,
          `UPDATE outbox SET state = ?, issues = ?, next_attempt_at = NULL, last_error = ?, updated_at = ?
            WHERE id = ? AND state IN ('sending', 'pending')`,
        ).run(outcome.state, JSON.stringify(outcome.issues), outcome.error, at, id).changes;
        break;
      case 'pending':
        changes = prepared(
          core.sqlite,
          `UPDATE outbox SET state = 'pending', next_attempt_at = ?, last_error = ?, updated_at = ?
            WHERE id = ? AND state = 'sending'`,
        ).run(outcome.nextAttemptAt, outcome.error, at, id).changes;
        break;
    }
    // Transient retries are in the ledger; the audit log records the decisions that end an upload.
    if (changes > 0 && outcome.state !== 'pending') {
      audit(ctxOf(core), 'outbox', id, { state: 'sending' }, outcome.state === 'accepted' ? outcome : { ...outcome });
    }
    return changes > 0;
  });
}

export interface LedgerEntry {
  outboxId: string;
  attempt: number;
  platform: string;
  companyCode: string;
  settlementNo: string;
  /** Redacted request: `METHOD URL` then the body. */
  request: string;
  outcome: string;
}

/** Write the request before it leaves, so even a kill mid-flight leaves a trace of the attempt. */
export function beginLedger(core: Core, e: LedgerEntry): string {
  const id = newId();
  prepared(
    core.sqlite,
    `INSERT INTO upload_ledger (id, outbox_id, attempt, platform, company_code, settlement_no, request, outcome, started_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, e.outboxId, e.attempt, e.platform, e.companyCode, e.settlementNo, e.request, e.outcome, core.clock.now());
  return id;
}

export function endLedger(
  core: Core,
  id: string,
  r: { response: string | null; httpStatus: number | null; outcome: string; error: string | null },
): void {
  prepared(
    core.sqlite,
    `UPDATE upload_ledger SET response = ?, http_status = ?, outcome = ?, error = ?, finished_at = ?
      WHERE id = ? AND finished_at IS NULL`,
  ).run(r.response, r.httpStatus, r.outcome, r.error, core.clock.now(), id);
}

/**
 * Whether an earlier upload of this row may have reached the platform without us learning the answer
 * (connection dropped, timeout, a garbled or 5xx reply, or a kill mid-request).
 */
export function hadUnknownUpload(core: Core, outboxId: string, beforeAttempt: number): boolean {
  return (
    prepared(
      core.sqlite,
      `SELECT 1 FROM upload_ledger WHERE outbox_id = ? AND attempt < ?
          AND (outcome IN ('upload:sent', 'upload:error', 'upload:malformed') OR outcome LIKE 'upload:http 5%')
        LIMIT 1`,
    ).get(outboxId, beforeAttempt) !== undefined
  );
}

/** Whether the row's order was reversed (冲红) — possibly while its upload was in flight. */
export function orderReversed(core: Core, outboxId: string): boolean {
  return (
    prepared(
      core.sqlite,
      `SELECT 1 FROM outbox o JOIN work_orders w ON w.id = o.work_order_id WHERE o.id = ? AND w.status = 'reversed'`,
    ).get(outboxId) !== undefined
  );
}
