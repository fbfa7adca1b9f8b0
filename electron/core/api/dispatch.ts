/**
 * The single entry for every call, whatever the transport (HTTP, Electron IPC, in-process tests):
 * method lookup → role check → input validation → handler (writes in one IMMEDIATE transaction) →
 * typed result or typed error. Nothing thrown inside escapes as anything but an ApiErrorBody.
 */
import { isDeepStrictEqual } from 'node:util';
import { contract, isMethodName, type MethodName } from '../../../shared/api/contract.js';
import { type ApiErrorBody, ERROR_STATUS, type ErrorCode } from '../../../shared/api/errors.js';
import { zodIssuesToIssues } from '../../../shared/api/zod-issues.js';
import { ROLE_LABEL } from '../../../shared/domain/enums.js';
import type { Actor, Caller, Core, Ctx } from '../context.js';
import { DomainError } from '../errors.js';
import type { Topic } from '../events.js';
import type { Handlers } from './handlers.js';

export type CallResult =
  | { ok: true; value: unknown }
  | { ok: false; status: number; error: ApiErrorBody; retryAfterSec?: number };

/** Stands in for "nobody" in a public method's context (`ctx.anonymous`); the least-privileged role. */
export const ANONYMOUS: Actor = { id: null, name: '未登录', role: 'technician' };

export interface DispatchOptions {
  /** Validate every output against its schema and refuse extra keys (tests turn this on). */
  validateOutput?: boolean;
  log?: (msg: string, err?: unknown) => void;
}

const err = (code: ErrorCode, zh: string, en: string, fields: ApiErrorBody['fields'] = []): CallResult => ({
  ok: false,
  status: ERROR_STATUS[code],
  error: { code, message: { zh, en }, fields },
});

/** What else a write touches, so open screens refresh the right lists. */
const EXTRA_TOPICS: Partial<Record<MethodName, Topic[]>> = {
  'vehicles.create': ['customers'],
  'customers.merge': ['vehicles', 'workOrders'],
  'workOrders.create': ['vehicles'],
  'workOrders.complete': ['vehicles'],
  'workOrders.settle': ['stock', 'parts', 'archive', 'vehicles'],
  'workOrders.reverse': ['stock', 'parts', 'archive', 'vehicles'],
  'stock.receive': ['parts'],
  'stock.adjust': ['parts'],
  'stock.stocktake': ['parts'],
};
const topicsOf = (m: MethodName): Topic[] => [m.split('.')[0] as Topic, ...(EXTRA_TOPICS[m] ?? [])];

/** SQLite refusals that the schema's triggers and unique indexes raise, mapped to API errors. */
const fromSqliteError = (e: { code?: string; message: string }): CallResult | undefined => {
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
    return err('duplicate', '该记录已存在', 'This record already exists');
  if (e.code === 'SQLITE_CONSTRAINT_TRIGGER')
    return err('conflict', `数据库拒绝了此修改（${e.message}）`, `The database refused this change (${e.message})`);
  if (e.code === 'SQLITE_CONSTRAINT_FOREIGNKEY')
    return err('validation_failed', '引用的记录不存在', 'A referenced record does not exist');
  if (e.code === 'SQLITE_BUSY')
    return err('conflict', '数据库正忙，请稍后重试', 'The database is busy; retry in a moment');
  return undefined;
};

export function createDispatcher(core: Core, handlers: Handlers, opts: DispatchOptions = {}) {
  const log = opts.log ?? ((msg, e) => console.error(msg, e));

  /**
   * `actor` null: nobody is signed in (multi-user mode before sign-in, an unpaired LAN client asking to
   * pair) — only `public` methods run, anything else is 401. A role not declared for the method is 403.
   */
  return async function dispatch(
    methodName: string,
    rawInput: unknown,
    actor: Actor | null,
    caller?: Caller,
  ): Promise<CallResult> {
    if (!isMethodName(methodName))
      return err(
        'unknown_method',
        `没有名为「${methodName.slice(0, 80)}」的接口`,
        `There is no method named "${methodName.slice(0, 80)}"`,
      );
    const spec = contract[methodName];
    if (!actor) {
      if (!('public' in spec && spec.public)) return err('unauthenticated', '请先登录', 'Sign in first');
    } else if (!spec.roles.includes(actor.role))
      return err(
        'forbidden',
        `「${ROLE_LABEL[actor.role].zh}」无权执行此操作`,
        `The ${ROLE_LABEL[actor.role].en} role may not call ${methodName}`,
      );
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success)
      return err('invalid_input', '请求参数有误', 'The request is invalid', zodIssuesToIssues(parsed.error));

    const ctx: Ctx = {
      core,
      actor: actor ?? ANONYMOUS,
      method: methodName,
      ...(caller ? { caller } : {}),
      ...(actor ? {} : { anonymous: true }),
    };
    const handler = handlers[methodName] as (ctx: Ctx, input: unknown) => unknown;
    try {
      let value: unknown;
      if (spec.writes) {
        value = core.sqlite
          .transaction(() => {
            const v = handler(ctx, parsed.data);
            if (v instanceof Promise) throw new Error(`write handler ${methodName} must be synchronous`);
            return v;
          })
          .immediate();
        core.events.emit({ type: 'changed', topics: topicsOf(methodName), method: methodName, at: core.clock.now() });
      } else {
        value = await handler(ctx, parsed.data);
      }
      if (opts.validateOutput) {
        const json = JSON.parse(JSON.stringify(value));
        const checked = spec.output.safeParse(json);
        if (!checked.success || !isDeepStrictEqual(checked.data, json)) {
          log(`output of ${methodName} does not match the contract`, checked.success ? 'extra keys' : checked.error);
          return err(
            'internal',
            '内部错误：返回值不符合接口定义',
            `Internal error: ${methodName} returned data outside its contract`,
          );
        }
      }
      return { ok: true, value };
    } catch (e) {
      if (e instanceof DomainError)
        return {
          ok: false,
          status: ERROR_STATUS[e.code],
          error: { code: e.code, message: e.bilingual, fields: e.fields },
          ...(e.retryAfterSec !== undefined ? { retryAfterSec: e.retryAfterSec } : {}),
        };
      const mapped =
        e && typeof e === 'object' && 'code' in e
          ? fromSqliteError(e as { code?: string; message: string })
          : undefined;
      if (mapped) return mapped;
      log(`internal error in ${methodName}`, e);
      return err('internal', '内部错误，操作未完成，数据未改动', 'Internal error; nothing was changed');
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
