/**
 * What every service function receives: the open database, the clock, and who is calling with which
 * method (for the audit log and role rules).
 */

import { localDate } from '../../shared/domain/dates.js';
import type { Role } from '../../shared/domain/enums.js';
import type { Clock } from './clock.js';
import type { Db, Sqlite } from './db/open.js';
import type { EventBus } from './events.js';
import type { SecretStore } from './sync/secret-store.js';
import type { Uploader } from './sync/uploader.js';

export interface Actor {
  id: string | null;
  name: string;
  role: Role;
}

export interface Core {
  sqlite: Sqlite;
  db: Db;
  clock: Clock;
  events: EventBus;
  dataDir: string;
  /** The shop's timezone, read once and refreshed when the profile changes. */
  timezone: string;
  /** Where the archive password lives (never in the database). */
  secrets: SecretStore;
  /** The archive uploader; created with the core, started by the process that serves it. */
  sync: Uploader;
}

export interface Ctx {
  core: Core;
  actor: Actor;
  method: string;
}

export const now = (ctx: Ctx): number => ctx.core.clock.now();
/** Today in the shop's own calendar (the archive's dates are shop-local). */
export const today = (ctx: Ctx): string => localDate(ctx.core.clock.now(), ctx.core.timezone);
