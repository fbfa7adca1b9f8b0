/**
 * The core as one object: open the database, seed the shop profile and default manager, wire the
 * dispatcher. Transports (HTTP host, Electron IPC, tests) only ever talk to `core.call`.
 */

import { type CallResult, createDispatcher } from './api/dispatch.js';
import { coreHandlers } from './api/handlers.js';
import { type Clock, systemClock } from './clock.js';
import type { Actor, Core } from './context.js';
import { openDatabase } from './db/open.js';
import { EventBus } from './events.js';
import { resolveMigrationsDir } from './paths.js';
import { ensureShop, readShop } from './services/shop.js';
import { ensureOwner, findUser } from './services/users.js';

export interface CoreOptions {
  dataDir: string;
  migrationsDir?: string;
  clock?: Clock;
  validateOutput?: boolean;
  log?: (msg: string, err?: unknown) => void;
}

export interface CoreApp {
  core: Core;
  /** The built-in manager who acts for local, unauthenticated callers (single-user mode). */
  owner: Actor;
  schemaVersion: number;
  backupFile: string | null;
  call(method: string, input: unknown, actor?: Actor): Promise<CallResult>;
  /** The actor for a user id, or undefined when there is no such active user. */
  actorFor(userId: string): Actor | undefined;
  close(): void;
}

export async function createCore(opts: CoreOptions): Promise<CoreApp> {
  const clock = opts.clock ?? systemClock;
  const opened = await openDatabase({
    dataDir: opts.dataDir,
    migrationsDir: opts.migrationsDir ?? resolveMigrationsDir(),
    now: () => clock.now(),
  });
  const { sqlite, db } = opened;
  const owner = sqlite.transaction(() => {
    ensureShop(db, clock.now());
    return ensureOwner(db, clock.now());
  })();
  const core: Core = {
    sqlite,
    db,
    clock,
    events: new EventBus(),
    dataDir: opts.dataDir,
    timezone: readShop(db).timezone,
  };
  const dispatch = createDispatcher(core, coreHandlers, {
    validateOutput: opts.validateOutput ?? process.env.CHEDANG_VALIDATE_OUTPUT === '1',
    ...(opts.log ? { log: opts.log } : {}),
  });
  let closed = false;
  return {
    core,
    owner,
    schemaVersion: opened.schemaVersion,
    backupFile: opened.backupFile,
    call: (method, input, actor = owner) => dispatch(method, input, actor),
    actorFor: (userId) => {
      const u = findUser(db, userId);
      return u?.active ? { id: u.id, name: u.name, role: u.role } : undefined;
    },
    close: () => {
      if (closed) return;
      closed = true;
      sqlite.close();
    },
  };
}
