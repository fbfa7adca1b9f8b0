/**
 * Lookups through the trigram FTS5 indexes (resources/migrations/0001_search_and_guards.sql).
 *
 * A trigram index answers any substring of three or more characters — a plate fragment (粤B1),
 * a VIN tail, the middle of a phone number, a part code — from the index, without scanning.
 * Shorter queries (pinyin initials like `zs`, a single character) cannot use trigrams, so they
 * fall back to prefix range scans on ordinary B-tree indexes.
 */
import type { Ctx } from '../context.js';
import { prepared } from '../db/statements.js';

export type Searchable = 'customers' | 'vehicles' | 'parts';

/**
 * Columns with a B-tree index used for 1–2 character prefix queries, and how the query's case is
 * folded to match what the column stores (names are stored as typed, so they are matched as typed).
 */
const PREFIX_COLUMNS: Record<Searchable, { col: string; fold?: 'upper' | 'lower' }[]> = {
  customers: [{ col: 'initials', fold: 'lower' }, { col: 'phone' }, { col: 'name' }],
  vehicles: [{ col: 'plate', fold: 'upper' }],
  parts: [{ col: 'code', fold: 'upper' }, { col: 'name' }],
};

const MAX_CODE_POINT = String.fromCodePoint(0x10ffff);

/** Trims and drops separators people type into plates and codes (spaces, dots, middle dots). */
export const normaliseQuery = (q: string): string => q.trim().replace(/[\s·.]+/g, '');

/** An FTS5 string literal: the whole query as one phrase, quotes doubled. */
const phrase = (q: string) => `"${q.replace(/"/g, '""')}"`;

export function searchIds(ctx: Ctx, table: Searchable, rawQuery: string, limit: number): string[] {
  return searchRows<{ id: string }>(ctx, table, rawQuery, limit).map((r) => r.id);
}

/**
 * Like `searchIds`, but each hit comes with the columns the caller needs, in the same statement:
 * `select` names them (the searched table is `t`), `join` adds LEFT JOINs for related columns.
 * One statement per lookup instead of ids first and rows after.
 */
export function searchRows<T extends { id: string }>(
  ctx: Ctx,
  table: Searchable,
  rawQuery: string,
  limit: number,
  select = 't.id',
  join = '',
): T[] {
  const q = normaliseQuery(rawQuery);
  if (!q) return [];
  const s = ctx.core.sqlite;
  if ([...q].length >= 3) {
    return prepared(
      s,
      `SELECT ${select} FROM ${table}_fts f JOIN ${table} t ON t.rowid = f.rowid ${join}
         WHERE ${table}_fts MATCH ? ORDER BY f.rank LIMIT ?`,
    ).all(phrase(q), limit) as T[];
  }
  const rows = new Map<string, T>();
  for (const { col, fold } of PREFIX_COLUMNS[table]) {
    const p = fold === 'upper' ? q.toUpperCase() : fold === 'lower' ? q.toLowerCase() : q;
    const found = prepared(
      s,
      `SELECT ${select} FROM ${table} t ${join} WHERE t.${col} >= ? AND t.${col} < ? ORDER BY t.${col} LIMIT ?`,
    ).all(p, p + MAX_CODE_POINT, limit) as T[];
    for (const r of found) if (!rows.has(r.id)) rows.set(r.id, r);
    if (rows.size >= limit) break;
  }
  return [...rows.values()].slice(0, limit);
}

/** Rows fetched by id (any order) put back in the order the index ranked the ids. */
export const inRankOrder = <T extends { id: string }>(ids: readonly string[], rows: readonly T[]): T[] => {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
};

/** `?, ?, ?` for an IN list of the ids. */
export const placeholders = (ids: readonly unknown[]): string => ids.map(() => '?').join(',');
