/**
 * What a seeded database must satisfy before anyone times anything on it: SQLite's own integrity
 * check, the foreign keys, and the product's invariants — the stock ledger and settlement numbers
 * (tests/support/ledger.ts, shared with the property and crash tests), order totals, one archive
 * record per settlement, the audit chain (`audit.verify`) — plus valid VINs and plates throughout.
 * Returns every problem found (empty when all hold).
 */
import type { CoreApp } from '../../electron/core/app.js';
import type { Sqlite } from '../../electron/core/db/open.js';
import { checkPlate } from '../../shared/domain/plate.js';
import { checkVin } from '../../shared/domain/vin.js';
import { derivedCountProblems, ledgerProblems, settlementNumberProblems } from '../../tests/support/ledger.js';

const rowsOf = <T>(s: Sqlite, sql: string) => s.prepare(sql).all() as T[];

export function identityProblems(s: Sqlite): string[] {
  const problems: string[] = [];
  for (const v of s.prepare('SELECT id, vin, plate, unplated FROM vehicles').iterate() as IterableIterator<{
    id: string;
    vin: string | null;
    plate: string | null;
    unplated: number;
  }>) {
    const vin = checkVin(v.vin ?? '');
    if (vin.issues.length) problems.push(`vehicle ${v.id}: VIN ${v.vin} ${vin.issues.map((i) => i.code).join(',')}`);
    if (v.unplated) {
      if (v.plate !== null) problems.push(`vehicle ${v.id}: unplated with plate ${v.plate}`);
    } else {
      const p = checkPlate(v.plate ?? '');
      if (p.issues.length || p.plate !== v.plate)
        problems.push(`vehicle ${v.id}: plate ${v.plate} ${p.issues.map((i) => i.code).join(',')}`);
    }
  }
  return problems;
}

export async function datasetProblems(app: CoreApp): Promise<string[]> {
  const s = app.core.sqlite;
  const problems: string[] = [];
  const integrity = s.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
  const fk = s.pragma('foreign_key_check') as unknown[];
  if (fk.length) problems.push(`${fk.length} foreign-key violations`);
  problems.push(
    ...ledgerProblems(s),
    ...settlementNumberProblems(s),
    ...derivedCountProblems(s),
    ...identityProblems(s),
  );

  for (const r of rowsOf<{ number: string }>(
    s,
    `SELECT w.number FROM work_orders w WHERE
        labour_total_fen IS NOT (SELECT coalesce(sum(amount_fen), 0) FROM labour_lines WHERE work_order_id = w.id)
     OR parts_total_fen IS NOT (SELECT coalesce(sum(amount_fen), 0) FROM part_lines WHERE work_order_id = w.id)
     OR total_fen IS NOT labour_total_fen + parts_total_fen + other_fee_fen - discount_fen`,
  ))
    problems.push(`${r.number}: totals do not add up`);
  for (const r of rowsOf<{ number: string; n: number }>(
    s,
    `SELECT w.number, (SELECT count(*) FROM outbox o WHERE o.work_order_id = w.id AND o.kind = 'upload') AS n
       FROM work_orders w WHERE w.status IN ('settled', 'reversed') AND n IS NOT 1`,
  ))
    problems.push(`${r.number}: ${r.n} archive records`);
  const verify = await app.call('audit.verify', {});
  if (!verify.ok || !(verify.value as { ok: boolean }).ok) problems.push(`audit chain: ${JSON.stringify(verify)}`);
  return problems;
}
