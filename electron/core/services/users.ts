/** 用户: the people at the shop and their roles (店长 / 前台 / 技师). */
import { asc, eq } from 'drizzle-orm';
import type { ParsedInput } from '../../../shared/api/contract.js';
import { ROLE_LABEL } from '../../../shared/domain/enums.js';
import { type Actor, type Ctx, now } from '../context.js';
import { newId } from '../db/ids.js';
import type { Db } from '../db/open.js';
import { users } from '../db/schema.js';
import { fail, notFound } from '../errors.js';
import { hashPin } from './access.js';
import { audit } from './audit.js';

type UserRow = typeof users.$inferSelect;
const USER = { zh: '用户', en: 'user' };

/** The API never shows PIN hashes. */
export const userToApi = (u: UserRow) => ({
  id: u.id,
  name: u.name,
  role: u.role,
  phone: u.phone,
  active: u.active,
  hasPin: u.pinHash !== '',
  createdAt: u.createdAt,
});

/**
 * A new database gets one manager, so a one-person shop works at once (single-user mode);
 * returns that default user as the actor for local, unauthenticated calls.
 */
export const ensureOwner = (db: Db, at: number): Actor => {
  const existing = db.select().from(users).where(eq(users.role, 'manager')).orderBy(asc(users.createdAt)).get();
  if (existing) return { id: existing.id, name: existing.name, role: existing.role };
  const id = newId();
  db.insert(users).values({ id, name: ROLE_LABEL.manager.zh, role: 'manager', createdAt: at, updatedAt: at }).run();
  return { id, name: ROLE_LABEL.manager.zh, role: 'manager' };
};

export const findUser = (db: Db, id: string): UserRow | undefined =>
  db.select().from(users).where(eq(users.id, id)).get();

export const requireUser = (ctx: Ctx, id: string, field: string): UserRow => {
  const u = findUser(ctx.core.db, id);
  if (!u) return notFound(USER, id, field);
  if (!u.active)
    return fail('validation_failed', `用户「${u.name}」已停用`, `User "${u.name}" is deactivated`, [
      {
        code: 'user_inactive',
        field,
        message: { zh: '该用户已停用', en: 'this user is deactivated' },
        severity: 'error',
      },
    ]);
  return u;
};

export const listUsers = (ctx: Ctx) =>
  ctx.core.db.select().from(users).orderBy(asc(users.createdAt)).all().map(userToApi);

const assertNameFree = (ctx: Ctx, name: string, exceptId?: string) => {
  const other = ctx.core.db.select().from(users).where(eq(users.name, name)).get();
  if (other && other.id !== exceptId)
    fail('duplicate', `已有名为「${name}」的用户`, `A user named "${name}" already exists`, [
      {
        code: 'user_name_taken',
        field: 'name',
        message: { zh: '用户名已存在', en: 'name already taken' },
        severity: 'error',
      },
    ]);
};

export const createUser = (ctx: Ctx, input: ParsedInput<'users.create'>) => {
  assertNameFree(ctx, input.name);
  const at = now(ctx);
  const row: UserRow = {
    id: newId(),
    name: input.name,
    role: input.role,
    phone: input.phone ?? '',
    pinHash: input.pin ? hashPin(input.pin) : '',
    pinFailures: 0,
    pinLockedUntil: null,
    active: true,
    createdAt: at,
    updatedAt: at,
  };
  ctx.core.db.insert(users).values(row).run();
  audit(ctx, 'user', row.id, null, userToApi(row));
  return userToApi(row);
};

export const updateUser = (ctx: Ctx, input: ParsedInput<'users.update'>) => {
  const before = findUser(ctx.core.db, input.id) ?? notFound(USER, input.id);
  if (input.name) assertNameFree(ctx, input.name, input.id);
  const { id, ...patch } = input;
  // The shop must keep one active manager, or nobody could ever reverse an order or manage users.
  const losesManager =
    before.role === 'manager' && ((patch.role && patch.role !== 'manager') || patch.active === false);
  if (losesManager) {
    const managers = ctx.core.db
      .select()
      .from(users)
      .where(eq(users.role, 'manager'))
      .all()
      .filter((u) => u.active);
    if (managers.length <= 1)
      fail('conflict', '至少需要保留一名在职店长', 'At least one active manager must remain', [
        {
          code: 'last_manager',
          field: patch.role ? 'role' : 'active',
          message: { zh: '这是最后一名店长', en: 'this is the last manager' },
          severity: 'error',
        },
      ]);
  }
  ctx.core.db
    .update(users)
    .set({ ...patch, updatedAt: now(ctx) })
    .where(eq(users.id, id))
    .run();
  const after = findUser(ctx.core.db, id)!;
  audit(ctx, 'user', id, userToApi(before), userToApi(after));
  return userToApi(after);
};
