/**
 * What every service function receives: the open database, the clock, and who is calling with which
 * method (for the audit log and role rules).
 */

import { localDate } from '../../shared/domain/dates.js';
import type { Role } from '../../shared/domain/enums.js';
import type { Clock } from './clock.js';
import type { Db, Sqlite } from './db/open.js';
import type { EventBus } from './events.js';
import type { Access } from './services/access.js';
import type { SecretStore } from './sync/secret-store.js';
import type { Uploader } from './sync/uploader.js';

export interface Actor {
  id: string | null;
  name: string;
  role: Role;
}

/**
 * Where a call came from, beyond who makes it: the auth methods need it (sign a session out, refuse a
 * PIN sign-in over the LAN), the audit of a pairing names the device's address.
 */
export interface Caller {
  /** `local`: this PC (IPC, loopback HTTP); `lan`: the authenticated LAN listener. */
  via: 'local' | 'lan';
  /** The bearer token presented (a session's, or a device's), to sign that session out. */
  token?: string;
  deviceId?: string;
  ip?: string;
  /** A transport that keeps the session itself (an IPC port) hears of sign-in and sign-out. */
  bindSession?: (token: string | null) => void;
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
  /** Sessions, pairing codes, device tokens and the LAN switch (services/access.ts). */
  access: Access;
}

export interface Ctx {
  core: Core;
  actor: Actor;
  method: string;
  /** Absent for in-process calls (tests, start-up flags), which count as local. */
  caller?: Caller;
  /** Nobody is signed in: only `public` methods run so, and `actor` is a placeholder. */
  anonymous?: boolean;
}

export const now = (ctx: Ctx): number => ctx.core.clock.now();
/** Today in the shop's own calendar (the archive's dates are shop-local). */
export const today = (ctx: Ctx): string => localDate(ctx.core.clock.now(), ctx.core.timezone);
