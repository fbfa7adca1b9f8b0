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
import { createSecretStore, type SecretStore } from './sync/secret-store.js';
import { Uploader, type UploaderOptions } from './sync/uploader.js';

export interface CoreOptions {
  dataDir: string;
  migrationsDir?: string;
  clock?: Clock;
  validateOutput?: boolean;
  log?: (msg: string, err?: unknown) => void;
  /** Default: an encrypted file in the data folder (headless mode). */
  secrets?: SecretStore;
  /** Uploader tuning (tests use a fake clock's timers, short back-offs, small timeouts). */
  uploader?: Omit<UploaderOptions, 'core' | 'secrets'>;
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
  /** Start uploading the outbox to the configured archive platform. */
  startSync(): void;
  close(): void;
}

export async function createCore(opts: CoreOptions): Promise<CoreApp> {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? ((msg: string, err?: unknown) => console.error(msg, err ?? ''));
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
  const core = {
    sqlite,
    db,
    clock,
    events: new EventBus(),
    dataDir: opts.dataDir,
    timezone: readShop(db).timezone,
    secrets: opts.secrets ?? createSecretStore('file', opts.dataDir, (m) => log(m)),
  } as Core;
  core.sync = new Uploader({ core, secrets: core.secrets, log: (m) => log(m), ...opts.uploader });
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
    startSync: () => core.sync.start(),
    close: () => {
      if (closed) return;
      closed = true;
      core.sync.stop();
      // Keep the planner's statistics fresh for the next start (cheap: see db/open.ts).
      try {
        sqlite.pragma('optimize');
      } catch {
        // A read-only or busy file keeps its old statistics; closing matters more.
      }
      sqlite.close();
    },
  };
}
