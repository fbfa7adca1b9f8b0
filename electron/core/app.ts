/**
 * The core as one object: open the database, seed the shop profile and default manager, wire the
 * dispatcher. Transports (HTTP host, Electron IPC, tests) only ever talk to `core.call`.
 */

import { type CallResult, createDispatcher } from './api/dispatch.js';
import { coreHandlers } from './api/handlers.js';
import { type Clock, systemClock } from './clock.js';
import type { Actor, Caller, Core } from './context.js';
import { openDatabase } from './db/open.js';
import { EventBus } from './events.js';
import { resolveMigrationsDir } from './paths.js';
import { Access } from './services/access.js';
import { attachBackupHooks } from './services/backups.js';
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
  /** In process, as `actor` (default: the owner); `null` calls as nobody (public methods only). */
  call(method: string, input: unknown, actor?: Actor | null, caller?: Caller): Promise<CallResult>;
  /**
   * A transport's call: who it acts for is resolved from `caller` (its token, local or LAN) by
   * services/access.ts. Both the HTTP host and the IPC port go through here.
   */
  callFrom(method: string, input: unknown, caller: Caller): Promise<CallResult>;
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
  // The owner is read through `app`, which a restore (services/backups.ts) may point at another user.
  core.access = new Access(core, () => app.owner);
  const dispatch = createDispatcher(core, coreHandlers, {
    validateOutput: opts.validateOutput ?? process.env.CHEDANG_VALIDATE_OUTPUT === '1',
    ...(opts.log ? { log: opts.log } : {}),
  });
  let closed = false;
  let syncStarted = false;
  // While a restore swaps the database file (services/backups.ts), calls wait instead of meeting a
  // closed connection.
  let swapping: Promise<unknown> | null = null;
  const app: CoreApp = {
    core,
    owner,
    schemaVersion: opened.schemaVersion,
    backupFile: opened.backupFile,
    call: async (method, input, actor = app.owner, caller) => {
      while (swapping) await swapping.catch(() => {});
      return dispatch(method, input, actor, caller);
    },
    callFrom: async (method, input, caller) => {
      while (swapping) await swapping.catch(() => {});
      // The one request an unpaired LAN client may make: exchanging a pairing code for a token.
      if (caller.via === 'lan' && !caller.token && method === 'lan.pair') return dispatch(method, input, null, caller);
      const who = core.access.resolve(caller.token, caller.via, caller.ip);
      if (!who.ok) {
        // A session that ended (idle, restart, sign-out elsewhere) is forgotten by the transport that kept it.
        caller.bindSession?.(null);
        return {
          ok: false,
          status: 401,
          error: {
            code: 'unauthenticated',
            message: caller.token
              ? {
                  zh: '登录已失效或设备已被撤销，请重新登录或配对',
                  en: 'Session ended or device revoked; sign in or pair again',
                }
              : { zh: '需要先配对本设备', en: 'This device must be paired first' },
            fields: [],
          },
        };
      }
      return dispatch(method, input, who.actor, who.deviceId ? { ...caller, deviceId: who.deviceId } : caller);
    },
    actorFor: (userId) => {
      const u = findUser(core.db, userId);
      return u?.active ? { id: u.id, name: u.name, role: u.role } : undefined;
    },
    startSync: () => {
      syncStarted = true;
      core.sync.start();
    },
    close: () => {
      if (closed) return;
      closed = true;
      core.sync.stop();
      // Keep the planner's statistics fresh for the next start (cheap: see db/open.ts).
      try {
        core.sqlite.pragma('optimize');
      } catch {
        // A read-only or busy file keeps its old statistics; closing matters more.
      }
      core.sqlite.close();
    },
  };

  const migrationsDir = opts.migrationsDir ?? resolveMigrationsDir();
  const reopenWith = async () => {
    const o = await openDatabase({ dataDir: opts.dataDir, migrationsDir, now: () => clock.now() });
    core.sqlite = o.sqlite;
    core.db = o.db;
    app.owner = o.sqlite.transaction(() => {
      ensureShop(o.db, clock.now());
      return ensureOwner(o.db, clock.now());
    })();
    core.timezone = readShop(o.db).timezone;
    app.schemaVersion = o.schemaVersion;
    // The uploader holds statements of the old connection: a new one for the new file.
    core.sync = new Uploader({ core, secrets: core.secrets, log: (m) => log(m), ...opts.uploader });
    if (syncStarted) core.sync.start();
    return { schemaVersion: o.schemaVersion, migrated: o.migrated };
  };
  attachBackupHooks(core, {
    migrationsDir,
    log: (m) => log(m),
    reopen: (swap, undo) => {
      const job = (async () => {
        core.sync.stop();
        core.sqlite.close();
        try {
          swap();
          return await reopenWith();
        } catch (e) {
          undo();
          await reopenWith();
          throw e;
        }
      })();
      swapping = job;
      return job.finally(() => {
        swapping = null;
      });
    },
  });
  return app;
}
