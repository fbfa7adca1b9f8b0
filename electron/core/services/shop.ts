/** 维修企业信息: the single shop profile row, created on first start. */
import { eq } from 'drizzle-orm';
import type { ParsedInput } from '../../../shared/api/contract.js';
import { checkCreditCode } from '../../../shared/domain/credit-code.js';
import { type Ctx, now } from '../context.js';
import type { Db } from '../db/open.js';
import { shop } from '../db/schema.js';
import { preparedQuery } from '../db/statements.js';
import { failValidation } from '../errors.js';
import { audit } from './audit.js';

export type ShopRow = typeof shop.$inferSelect;

/** Creates the profile row on a new database; idempotent. */
export const ensureShop = (db: Db, at: number): void => {
  db.insert(shop).values({ id: 1, updatedAt: at }).onConflictDoNothing().run();
};

export const readShop = (db: Db): ShopRow => {
  const row = preparedQuery(db, 'shop', () => db.select().from(shop).where(eq(shop.id, 1)).prepare()).get();
  if (!row) throw new Error('shop profile row missing: ensureShop() runs at start-up');
  return row;
};

const toApi = ({ id: _id, ...rest }: ShopRow) => rest;

export const getShop = (ctx: Ctx) => toApi(readShop(ctx.core.db));

export const updateShop = (ctx: Ctx, input: ParsedInput<'shop.update'>) => {
  const before = readShop(ctx.core.db);
  if (input.creditCode) {
    const { code, issues } = checkCreditCode(input.creditCode, 'creditCode');
    if (issues.length) failValidation(issues);
    input = { ...input, creditCode: code };
  }
  ctx.core.db
    .update(shop)
    .set({ ...input, updatedAt: now(ctx) })
    .where(eq(shop.id, 1))
    .run();
  const after = readShop(ctx.core.db);
  ctx.core.timezone = after.timezone;
  audit(ctx, 'shop', '1', toApi(before), toApi(after));
  return toApi(after);
};
