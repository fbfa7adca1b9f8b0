/**
 * Invariant checks read straight from SQLite, shared by the property and crash tests. Each returns a
 * list of human-readable problems (empty when all hold), so a failing test names every broken row.
 */
import type Database from 'better-sqlite3';

type Sqlite = Database.Database;

export interface LedgerOptions {
  /** When false, no part may ever show a negative on-hand. */
  allowNegativeStock?: boolean;
}

/**
 * The stock cache against the ledger, for every part: on-hand = Σ quantity, stock value = Σ value,
 * no value left behind when nothing is on hand, no negative value for goods on hand, and each movement's on_hand_after is the running sum
 * (in insertion order) — the cache is derived, so any drift is a bug.
 */
export function ledgerProblems(sqlite: Sqlite, opts: LedgerOptions = {}): string[] {
  const problems: string[] = [];
  const rows = sqlite
    .prepare(
      `SELECT p.id, p.code, p.on_hand, p.stock_value_fen,
              coalesce(sum(m.quantity), 0) AS q, coalesce(sum(m.value_fen), 0) AS v
         FROM parts p LEFT JOIN stock_movements m ON m.part_id = p.id
        GROUP BY p.id`,
    )
    .all() as { id: string; code: string; on_hand: number; stock_value_fen: number; q: number; v: number }[];
  const running = sqlite.prepare(
    'SELECT rowid, kind, quantity, on_hand_after FROM stock_movements WHERE part_id = ? ORDER BY rowid',
  );
  for (const r of rows) {
    if (r.on_hand !== r.q) problems.push(`${r.code}: on_hand ${r.on_hand} ≠ Σquantity ${r.q}`);
    if (r.stock_value_fen !== r.v) problems.push(`${r.code}: stock_value_fen ${r.stock_value_fen} ≠ Σvalue ${r.v}`);
    if (r.on_hand === 0 && r.stock_value_fen !== 0)
      problems.push(`${r.code}: nothing on hand but stock_value_fen ${r.stock_value_fen}`);
    if (!opts.allowNegativeStock && r.on_hand < 0) problems.push(`${r.code}: negative on_hand ${r.on_hand}`);
    // Goods on hand cannot be worth less than nothing (costs are never negative). Negative stock is
    // valued at an estimate until goods arrive, so there only the ledger sums are exact.
    if (!opts.allowNegativeStock && r.stock_value_fen < 0)
      problems.push(`${r.code}: on_hand ${r.on_hand} valued at ${r.stock_value_fen} fen`);
    let sum = 0;
    for (const m of running.all(r.id) as { rowid: number; kind: string; quantity: number; on_hand_after: number }[]) {
      sum += m.quantity;
      if (m.on_hand_after !== sum)
        problems.push(`${r.code}: ${m.kind} movement #${m.rowid} on_hand_after ${m.on_hand_after} ≠ running ${sum}`);
    }
  }
  return problems;
}

/** Settlement numbers: unique, and per prefix+day exactly 0001…n among committed orders. */
export function settlementNumberProblems(sqlite: Sqlite): string[] {
  const problems: string[] = [];
  const nos = (
    sqlite.prepare('SELECT settlement_no FROM work_orders WHERE settlement_no IS NOT NULL').all() as {
      settlement_no: string;
    }[]
  ).map((r) => r.settlement_no);
  if (new Set(nos).size !== nos.length) problems.push(`duplicate settlement numbers among ${nos.length}`);
  const byDay = new Map<string, number[]>();
  for (const no of nos) {
    const m = /^(.+\d{8})-(\d{4,})$/.exec(no);
    if (!m) {
      problems.push(`malformed settlement number ${no}`);
      continue;
    }
    byDay.set(m[1]!, [...(byDay.get(m[1]!) ?? []), Number(m[2])]);
  }
  for (const [day, seqs] of byDay) {
    const sorted = [...seqs].sort((a, b) => a - b);
    const gap = sorted.findIndex((s, i) => s !== i + 1);
    if (gap >= 0) problems.push(`${day}: sequence ${sorted.join(',')} is not 1…${sorted.length}`);
  }
  return problems;
}

/**
 * The trigger-kept derived tables of migration 0003 against the rows they summarise: state_counts
 * (orders per status, outbox rows per state) and vehicle_last_visits (each vehicle's latest 已结算
 * settle date).
 */
export function derivedCountProblems(sqlite: Sqlite): string[] {
  const problems: string[] = [];
  const counts = sqlite
    .prepare(
      `SELECT 'work_orders' AS entity, status AS state, count(*) AS n FROM work_orders GROUP BY status
       UNION ALL SELECT 'outbox', state, count(*) FROM outbox GROUP BY state`,
    )
    .all() as { entity: string; state: string; n: number }[];
  const kept = new Map(
    (
      sqlite.prepare('SELECT entity, state, n FROM state_counts').all() as {
        entity: string;
        state: string;
        n: number;
      }[]
    ).map((r) => [`${r.entity}:${r.state}`, r.n]),
  );
  for (const c of counts) {
    const k = `${c.entity}:${c.state}`;
    if (kept.get(k) !== c.n) problems.push(`state_counts ${k} = ${kept.get(k)}, rows say ${c.n}`);
    kept.delete(k);
  }
  for (const [k, n] of kept) if (n !== 0) problems.push(`state_counts ${k} = ${n} with no such rows`);
  const visits = sqlite
    .prepare(
      `SELECT w.vehicle_id, w.last, l.last_settle_date AS kept FROM
         (SELECT vehicle_id, max(settle_date) AS last FROM work_orders WHERE status = 'settled' GROUP BY vehicle_id) w
         LEFT JOIN vehicle_last_visits l ON l.vehicle_id = w.vehicle_id
       WHERE l.last_settle_date IS NOT w.last
       UNION ALL
       SELECT l.vehicle_id, NULL, l.last_settle_date FROM vehicle_last_visits l
        WHERE NOT EXISTS (SELECT 1 FROM work_orders w WHERE w.vehicle_id = l.vehicle_id AND +w.status = 'settled')`,
    )
    .all() as { vehicle_id: string; last: string | null; kept: string | null }[];
  for (const v of visits) problems.push(`vehicle ${v.vehicle_id}: last visit kept ${v.kept}, orders say ${v.last}`);
  return problems;
}
