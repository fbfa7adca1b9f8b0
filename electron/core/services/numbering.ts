/**
 * Human document numbers: work orders `WO20261124-0001`, settlement sheets `JS20261124-0001`
 * (the archive's costlistcode), reversals `HC20261124-0001`. Allocated from the counters table inside
 * the caller's transaction, so a rolled-back settle gives its number back and a committed one is
 * never reused; unique indexes stand behind it.
 */
import { compactDate } from '../../../shared/domain/dates.js';
import type { Ctx } from '../context.js';
import { prepared } from '../db/statements.js';

export const allocateNumber = (ctx: Ctx, prefix: string, day: string): string => {
  const key = `${prefix}${compactDate(day)}`;
  const row = prepared(
    ctx.core.sqlite,
    `INSERT INTO counters (name, value) VALUES (?, 1)
       ON CONFLICT(name) DO UPDATE SET value = value + 1
       RETURNING value`,
  ).get(key) as { value: number };
  return `${key}-${String(row.value).padStart(4, '0')}`;
};
