/**
 * 审计日志: every write appends who, when, which method and the entity before/after. Rows are
 * hash-chained (hash = sha256(prevHash ‖ canonical row)) so an edit or deletion made behind the
 * app's back is detectable by `audit.verify`; triggers also refuse UPDATE/DELETE on the table.
 */
import { createHash } from 'node:crypto';
import type { Ctx } from '../context.js';
import { prepared } from '../db/statements.js';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so the same content always hashes the same. */
export const canonicalJson = (v: unknown): string =>
  JSON.stringify(v, (_k, val) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(
          Object.entries(val as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : val,
  ) ?? 'null';

interface AuditRow {
  seq: number;
  at: number;
  user_id: string | null;
  user_name: string;
  method: string;
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

const rowHash = (prevHash: string, r: Omit<AuditRow, 'seq' | 'prev_hash' | 'hash'>): string =>
  createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson([r.at, r.user_id, r.user_name, r.method, r.entity, r.entity_id, r.before, r.after]))
    .digest('hex');

export function audit(ctx: Ctx, entity: string, entityId: string, before: unknown, after: unknown): void {
  const s = ctx.core.sqlite;
  const prev =
    (prepared(s, 'SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined)?.hash ??
    GENESIS_HASH;
  const row = {
    at: ctx.core.clock.now(),
    user_id: ctx.actor.id,
    user_name: ctx.actor.name,
    method: ctx.method,
    entity,
    entity_id: entityId,
    before: before === undefined || before === null ? null : canonicalJson(before),
    after: after === undefined || after === null ? null : canonicalJson(after),
  };
  prepared(
    s,
    `INSERT INTO audit_log (at, user_id, user_name, method, entity, entity_id, before, after, prev_hash, hash)
     VALUES (@at, @user_id, @user_name, @method, @entity, @entity_id, @before, @after, @prev_hash, @hash)`,
  ).run({ ...row, prev_hash: prev, hash: rowHash(prev, row) });
}

export function listAudit(ctx: Ctx, q: { entity?: string; entityId?: string; limit: number; offset: number }) {
  const where: string[] = [];
  const args: Record<string, unknown> = { limit: q.limit, offset: q.offset };
  if (q.entity) {
    where.push('entity = @entity');
    args.entity = q.entity;
  }
  if (q.entityId) {
    where.push('entity_id = @entityId');
    args.entityId = q.entityId;
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const s = ctx.core.sqlite;
  const total = (prepared(s, `SELECT count(*) AS n FROM audit_log ${w}`).get(args) as { n: number }).n;
  const rows = prepared(s, `SELECT * FROM audit_log ${w} ORDER BY seq DESC LIMIT @limit OFFSET @offset`).all(
    args,
  ) as AuditRow[];
  return {
    total,
    items: rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      userId: r.user_id,
      userName: r.user_name,
      method: r.method,
      entity: r.entity,
      entityId: r.entity_id,
      before: r.before === null ? null : JSON.parse(r.before),
      after: r.after === null ? null : JSON.parse(r.after),
      hash: r.hash,
    })),
  };
}

/** Walks the whole chain; returns the first row whose hash does not follow from its predecessor. */
export function verifyAudit(ctx: Ctx): { ok: boolean; checked: number; brokenAt: number | null } {
  let prev = GENESIS_HASH;
  let checked = 0;
  for (const r of prepared(
    ctx.core.sqlite,
    'SELECT * FROM audit_log ORDER BY seq',
  ).iterate() as IterableIterator<AuditRow>) {
    if (r.prev_hash !== prev || rowHash(prev, r) !== r.hash) return { ok: false, checked, brokenAt: r.seq };
    prev = r.hash;
    checked++;
  }
  return { ok: true, checked, brokenAt: null };
}
