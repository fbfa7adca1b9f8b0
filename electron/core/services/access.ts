/**
 * 登录与局域网访问: who a call acts for, and how a caller proves it (docs/users-and-lan.md).
 *
 * - Single-user mode (a fresh shop): local callers — the Electron window, a browser on this PC over
 *   loopback — act as the shop's manager with no sign-in, exactly as before users had PINs.
 * - Multi-user mode (the manager turns it on once every active user has a PIN): local callers sign in
 *   with a PIN and get a session; nobody acts as the owner any more.
 * - The LAN listener (off by default) accepts only paired devices: a one-time six-digit code shown at
 *   the desk, then a random 32-byte bearer token bound to one user, stored hashed, revocable.
 *
 * Sessions, pairing codes and event-stream tickets live in memory: a restart of the core signs the
 * desk out and voids open codes, which is the safe direction. Devices, PINs and lockouts persist.
 */
import { createHash, randomBytes, randomInt, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import os from 'node:os';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { MethodOutput, ParsedInput } from '../../../shared/api/contract.js';
import { type ACCESS_MODES, LAN_DEFAULT_PORT } from '../../../shared/api/schemas/access.js';
import type { Bilingual } from '../../../shared/domain/issue.js';
import type { Actor, Caller, Core, Ctx } from '../context.js';
import { newId } from '../db/ids.js';
import { devices, settings, users } from '../db/schema.js';
import { DomainError, fail, notFound } from '../errors.js';
import { audit } from './audit.js';
import { findUser, userToApi } from './users.js';

type AccessModeT = (typeof ACCESS_MODES)[number];

/** Five wrong PINs are free (typos); then 30 s, doubling per further miss, at most 15 minutes. */
export const PIN_LOCK = { freeFailures: 5, firstLockMs: 30_000, maxLockMs: 15 * 60_000 } as const;
/** A desk session ends after 12 hours without a call (a shift); every call renews it. */
export const SESSION_IDLE_MS = 12 * 60 * 60_000;
/** A pairing code lives five minutes, works once, and dies after five wrong codes in its lifetime. */
export const PAIRING = { ttlMs: 5 * 60_000, attempts: 5 } as const;
/** Event-stream tickets: one use, one minute. */
export const TICKET_TTL_MS = 60_000;
/** How often a device's "last seen" is written (a write per request would cost an fsync each). */
const LAST_SEEN_EVERY_MS = 60_000;

/** scrypt cost: ~50 ms per check on a shop PC, 16 MiB of memory. */
const SCRYPT = { N: 16_384, r: 8, p: 1, keylen: 32 } as const;

const ACCESS_KEY = 'access';
const LAN_KEY = 'lan';

export interface LanSettings {
  enabled: boolean;
  host: string;
  port: number;
}
export const DEFAULT_LAN: LanSettings = { enabled: false, host: '0.0.0.0', port: LAN_DEFAULT_PORT };

export interface LanState {
  listening: boolean;
  error: Bilingual | null;
  /** The port actually bound (differs from the setting only for port 0 in tests). */
  port: number | null;
}

/** The second listener, supplied by the process that serves HTTP (serve.ts); absent in plain tests. */
export interface LanListener {
  apply(s: LanSettings): Promise<LanState>;
  state(): LanState;
}

export type Resolved = { ok: true; actor: Actor | null; deviceId?: string } | { ok: false };

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

// ---------------------------------------------------------------------------------------------- PINs

export const hashPin = (pin: string): string => {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
};

export const verifyPin = (pin: string, stored: string): Promise<boolean> => {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return Promise.resolve(false);
  const expected = Buffer.from(hash, 'base64');
  return new Promise((resolve) => {
    // Asynchronous: a PIN check must not stall every other caller of the core for 50 ms.
    scrypt(
      pin,
      Buffer.from(salt, 'base64'),
      expected.length,
      { N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 },
      (e, key) => resolve(!e && key.length === expected.length && timingSafeEqual(key, expected)),
    );
  });
};

const lockFor = (failures: number): number =>
  failures < PIN_LOCK.freeFailures
    ? 0
    : Math.min(PIN_LOCK.maxLockMs, PIN_LOCK.firstLockMs * 2 ** (failures - PIN_LOCK.freeFailures));

const secondsUntil = (at: number, now: number) => Math.max(1, Math.ceil((at - now) / 1000));

const lockedError = (until: number, now: number): never => {
  const s = secondsUntil(until, now);
  throw new DomainError(
    'rate_limited',
    { zh: `PIN 错误次数过多，请 ${s} 秒后再试`, en: `Too many wrong PINs; try again in ${s} s` },
    [
      {
        code: 'pin_locked',
        field: 'pin',
        message: { zh: `已锁定 ${s} 秒`, en: `locked for ${s} s` },
        severity: 'error',
      },
    ],
    s,
  );
};

// ------------------------------------------------------------------------------------------- service

interface PendingCode {
  code: string;
  userId: string;
  createdBy: Actor;
  expiresAt: number;
}

export class Access {
  private readonly sessions = new Map<string, { userId: string; idleUntil: number }>();
  private codes: PendingCode[] = [];
  private failedPairings = 0;
  private readonly tickets = new Map<string, { token: string | undefined; via: Caller['via']; expiresAt: number }>();
  private readonly lastSeenWritten = new Map<string, number>();
  private readonly revokeListeners = new Set<(deviceId: string) => void>();
  private modeCache: AccessModeT | null = null;
  /** Set by serve.ts; without it (tests, embedding) the LAN switch is saved but nothing listens. */
  lan: LanListener | null = null;

  private modeDb: unknown = null;

  private ownerNow: Actor | null = null;

  constructor(
    private readonly core: Core,
    /** The shop's built-in manager, who acts for local callers in single-user mode. */
    private readonly owner: () => Actor,
  ) {
    // The owner as they are now (renamed: the audit says the new name), re-read after any user change.
    core.events.on((e) => {
      if (e.topics.includes('users')) this.ownerNow = null;
    });
  }

  private currentOwner(): Actor {
    const o = this.owner();
    if (this.ownerNow?.id !== o.id) this.ownerNow = null;
    // A deactivated owner still acts for the single-user desk, as before users had PINs.
    this.ownerNow ??= (o.id ? this.activeActor(o.id) : undefined) ?? o;
    return this.ownerNow;
  }

  private now() {
    return this.core.clock.now();
  }

  private readSetting<T>(key: string, fallback: T): T {
    const row = this.core.db.select().from(settings).where(eq(settings.key, key)).get();
    return row ? { ...fallback, ...(row.value as T) } : fallback;
  }

  private writeSetting(key: string, value: unknown) {
    const at = this.now();
    this.core.db
      .insert(settings)
      .values({ key, value, updatedAt: at })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: at } })
      .run();
  }

  mode(): AccessModeT {
    // Cached per database connection: a restore brings another file with its own setting.
    if (this.modeDb !== this.core.db) {
      this.modeDb = this.core.db;
      this.modeCache = null;
    }
    this.modeCache ??= this.readSetting<{ mode: AccessModeT }>(ACCESS_KEY, { mode: 'single' }).mode;
    return this.modeCache;
  }

  /** The user behind an id, as an actor, if they may act at all (active). Read fresh: a role change counts at once. */
  private activeActor(userId: string): Actor | undefined {
    const u = findUser(this.core.db, userId);
    return u?.active ? { id: u.id, name: u.name, role: u.role } : undefined;
  }

  /**
   * Who a transport's caller is. No token: the owner on this PC in single-user mode, nobody in
   * multi-user mode, and a refusal on the LAN. A token: a desk session (this PC only) or a device.
   */
  resolve(token: string | undefined, via: Caller['via'], ip = ''): Resolved {
    if (!token) {
      if (via === 'lan') return { ok: false };
      return { ok: true, actor: this.mode() === 'single' ? this.currentOwner() : null };
    }
    const now = this.now();
    const h = sha256(token);
    if (via === 'local') {
      const s = this.sessions.get(h);
      if (s) {
        const actor = s.idleUntil > now ? this.activeActor(s.userId) : undefined;
        if (!actor) {
          this.sessions.delete(h);
          return { ok: false };
        }
        s.idleUntil = now + SESSION_IDLE_MS;
        return { ok: true, actor };
      }
    }
    const d = this.core.db
      .select()
      .from(devices)
      .where(and(eq(devices.tokenHash, h), isNull(devices.revokedAt)))
      .get();
    const actor = d ? this.activeActor(d.userId) : undefined;
    if (!d || !actor) return { ok: false };
    const last = this.lastSeenWritten.get(d.id) ?? 0;
    if (now - last >= LAST_SEEN_EVERY_MS) {
      this.lastSeenWritten.set(d.id, now);
      this.core.db.update(devices).set({ lastSeenAt: now, lastIp: ip }).where(eq(devices.id, d.id)).run();
    }
    return { ok: true, actor, deviceId: d.id };
  }

  onRevoke(l: (deviceId: string) => void): () => void {
    this.revokeListeners.add(l);
    return () => this.revokeListeners.delete(l);
  }

  // ------------------------------------------------------------------------------------- methods

  me(ctx: Ctx): MethodOutput<'auth.me'> {
    const deviceId = ctx.caller?.deviceId;
    const d = deviceId ? this.core.db.select().from(devices).where(eq(devices.id, deviceId)).get() : undefined;
    return {
      mode: this.mode(),
      via: ctx.caller?.via ?? 'local',
      user:
        ctx.anonymous || ctx.actor.id === null
          ? null
          : { id: ctx.actor.id, name: ctx.actor.name, role: ctx.actor.role },
      device: d ? { id: d.id, name: d.name } : null,
    };
  }

  signInUsers(): MethodOutput<'auth.users'> {
    const now = this.now();
    return this.core.db
      .select()
      .from(users)
      .where(eq(users.active, true))
      .orderBy(users.createdAt)
      .all()
      .map((u) => ({
        id: u.id,
        name: u.name,
        role: u.role,
        hasPin: u.pinHash !== '',
        lockedUntil: u.pinLockedUntil && u.pinLockedUntil > now ? u.pinLockedUntil : null,
      }));
  }

  async login(ctx: Ctx, input: ParsedInput<'auth.login'>): Promise<MethodOutput<'auth.login'>> {
    if (ctx.caller?.via === 'lan')
      fail(
        'forbidden',
        '局域网设备按配对时指定的用户使用，不能用 PIN 登录',
        'A LAN device acts as the user it was paired for; PIN sign-in is for this PC',
      );
    const wrong = (extra: { zh: string; en: string } = { zh: '', en: '' }): never =>
      fail('unauthenticated', `用户或 PIN 不正确${extra.zh}`, `Wrong user or PIN${extra.en}`, [
        { code: 'pin_wrong', field: 'pin', message: { zh: 'PIN 不正确', en: 'wrong PIN' }, severity: 'error' },
      ]);
    const u = findUser(this.core.db, input.userId);
    if (!u?.active) return wrong();
    if (!u.pinHash)
      fail(
        'validation_failed',
        `「${u.name}」还没有设置 PIN，请店长设置`,
        `${u.name} has no PIN yet; ask the manager`,
        [
          {
            code: 'pin_not_set',
            field: 'userId',
            message: { zh: '未设置 PIN', en: 'no PIN set' },
            severity: 'error',
          },
        ],
      );
    const before = this.now();
    if (u.pinLockedUntil && u.pinLockedUntil > before) lockedError(u.pinLockedUntil, before);

    const good = await verifyPin(input.pin, u.pinHash);
    const now = this.now();
    if (!good) {
      // Counted in the database, in one statement, so concurrent guesses cannot share a count.
      const row = this.core.sqlite
        .prepare('UPDATE users SET pin_failures = pin_failures + 1 WHERE id = ? RETURNING pin_failures')
        .get(u.id) as { pin_failures: number };
      const lock = lockFor(row.pin_failures);
      if (lock > 0) {
        this.core.db
          .update(users)
          .set({ pinLockedUntil: now + lock })
          .where(eq(users.id, u.id))
          .run();
        lockedError(now + lock, now);
      }
      const left = PIN_LOCK.freeFailures - row.pin_failures;
      return wrong({ zh: `，再错 ${left} 次将锁定`, en: `; ${left} more and it locks` });
    }
    const token = newToken();
    this.core.sqlite.transaction(() => {
      this.core.db.update(users).set({ pinFailures: 0, pinLockedUntil: null }).where(eq(users.id, u.id)).run();
      const actor = { id: u.id, name: u.name, role: u.role };
      audit({ ...ctx, actor }, 'session', u.id, null, { signedIn: true, via: ctx.caller?.via ?? 'local' });
    })();
    this.sessions.set(sha256(token), { userId: u.id, idleUntil: now + SESSION_IDLE_MS });
    ctx.caller?.bindSession?.(token);
    return { token, user: { id: u.id, name: u.name, role: u.role }, idleTimeoutMs: SESSION_IDLE_MS };
  }

  logout(ctx: Ctx): MethodOutput<'auth.logout'> {
    const token = ctx.caller?.token;
    if (token && this.sessions.delete(sha256(token)) && !ctx.anonymous)
      this.core.sqlite.transaction(() =>
        audit(ctx, 'session', ctx.actor.id ?? '', null, { signedIn: false, via: ctx.caller?.via ?? 'local' }),
      )();
    ctx.caller?.bindSession?.(null);
    return { ok: true };
  }

  eventsTicket(ctx: Ctx): MethodOutput<'auth.eventsTicket'> {
    const now = this.now();
    for (const [k, v] of this.tickets) if (v.expiresAt <= now) this.tickets.delete(k);
    const ticket = newToken();
    const expiresAt = now + TICKET_TTL_MS;
    this.tickets.set(ticket, { token: ctx.caller?.token, via: ctx.caller?.via ?? 'local', expiresAt });
    return { ticket, expiresAt };
  }

  /** One use: the stream opened with it resolves as the call that asked for it did. */
  redeemTicket(ticket: string, via: Caller['via'], ip = ''): Resolved {
    const t = this.tickets.get(ticket);
    if (!t) return { ok: false };
    this.tickets.delete(ticket);
    if (t.expiresAt <= this.now() || t.via !== via) return { ok: false };
    return this.resolve(t.token, via, ip);
  }

  settings(): MethodOutput<'auth.settings'> {
    return { mode: this.mode() };
  }

  /** Inside the dispatcher's write transaction. */
  setMode(ctx: Ctx, input: ParsedInput<'auth.setMode'>): MethodOutput<'auth.setMode'> {
    const before = this.mode();
    if (input.mode === 'multi') {
      const missing = this.core.db
        .select()
        .from(users)
        .where(and(eq(users.active, true), eq(users.pinHash, '')))
        .all();
      if (missing.length > 0)
        fail(
          'validation_failed',
          `开启多人模式前，每位在职用户都要有 PIN：${missing.map((u) => u.name).join('、')}`,
          `Every active user needs a PIN before multi-user mode: ${missing.map((u) => u.name).join(', ')}`,
          missing.map((u) => ({
            code: 'pin_not_set',
            field: `users.${u.id}`,
            message: { zh: `「${u.name}」未设置 PIN`, en: `${u.name} has no PIN` },
            severity: 'error' as const,
          })),
        );
    }
    this.writeSetting(ACCESS_KEY, { mode: input.mode });
    this.modeCache = null;
    if (before !== input.mode) audit(ctx, 'access', 'mode', { mode: before }, { mode: input.mode });
    return { mode: input.mode };
  }

  /** Inside the dispatcher's write transaction. */
  setPin(ctx: Ctx, input: ParsedInput<'users.setPin'>) {
    const before = findUser(this.core.db, input.id) ?? notFound({ zh: '用户', en: 'user' }, input.id);
    if (input.pin === null && this.mode() === 'multi' && before.active)
      fail(
        'conflict',
        '多人模式下不能清除在职用户的 PIN（该用户将无法登录）',
        'In multi-user mode an active user’s PIN cannot be cleared (they could not sign in)',
        [
          {
            code: 'pin_required',
            field: 'pin',
            message: { zh: '多人模式需要 PIN', en: 'multi-user mode needs a PIN' },
            severity: 'error',
          },
        ],
      );
    this.core.db
      .update(users)
      .set({
        pinHash: input.pin === null ? '' : hashPin(input.pin),
        pinFailures: 0,
        pinLockedUntil: null,
        updatedAt: this.now(),
      })
      .where(eq(users.id, input.id))
      .run();
    const after = findUser(this.core.db, input.id)!;
    // The audit says that the PIN changed, never the PIN or its hash.
    audit(ctx, 'user', input.id, { ...userToApi(before) }, { ...userToApi(after), pinChanged: true });
    return userToApi(after);
  }

  // ---------------------------------------------------------------------------------------- LAN

  lanSettings(): LanSettings {
    return this.readSetting<LanSettings>(LAN_KEY, DEFAULT_LAN);
  }

  lanStatus(): MethodOutput<'lan.status'> {
    const s = this.lanSettings();
    const state: LanState = this.lan?.state() ?? {
      listening: false,
      error: s.enabled
        ? { zh: '此进程没有局域网监听（仅在 npm run serve 或桌面程序中提供）', en: 'No LAN listener in this process' }
        : null,
      port: null,
    };
    const addresses = lanAddresses().filter((a) => s.host === '0.0.0.0' || a.address === s.host);
    const port = state.port ?? s.port;
    return {
      enabled: s.enabled,
      host: s.host,
      port: s.port,
      listening: state.listening,
      error: state.error,
      addresses,
      urls: addresses.map((a) => `http://${a.address}:${port}/`),
    };
  }

  async configureLan(ctx: Ctx, input: ParsedInput<'lan.configure'>): Promise<MethodOutput<'lan.configure'>> {
    const before = this.lanSettings();
    const after: LanSettings = {
      enabled: input.enabled,
      host: input.host ?? before.host,
      port: input.port ?? before.port,
    };
    this.core.sqlite.transaction(() => {
      this.writeSetting(LAN_KEY, after);
      audit(ctx, 'access', 'lan', before, after);
    })();
    this.core.events.emit({ type: 'changed', topics: ['lan'], method: ctx.method, at: this.now() });
    await this.lan?.apply(after);
    return this.lanStatus();
  }

  createPairingCode(ctx: Ctx, input: ParsedInput<'lan.createPairingCode'>): MethodOutput<'lan.createPairingCode'> {
    const u = findUser(this.core.db, input.userId);
    if (!u?.active) return notFound({ zh: '在职用户', en: 'active user' }, input.userId, 'userId');
    // One live code at a time: a new code voids the last, and the wrong-guess budget starts afresh.
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = this.now() + PAIRING.ttlMs;
    this.codes = [{ code, userId: u.id, createdBy: ctx.actor, expiresAt }];
    this.failedPairings = 0;
    return { code, expiresAt, user: { id: u.id, name: u.name, role: u.role } };
  }

  pair(ctx: Ctx, input: ParsedInput<'lan.pair'>): MethodOutput<'lan.pair'> {
    const now = this.now();
    this.codes = this.codes.filter((c) => c.expiresAt > now);
    const given = Buffer.from(input.code);
    const hit = this.codes.find((c) => timingSafeEqual(Buffer.from(c.code), given));
    if (!hit) {
      this.failedPairings++;
      // A six-digit code with five guesses in its lifetime: one chance in 200,000 per code shown.
      if (this.failedPairings >= PAIRING.attempts) this.codes = [];
      return fail(
        'unauthenticated',
        '配对码错误、已过期或已使用，请在前台重新生成',
        'Wrong, expired or used pairing code; generate a new one at the desk',
        [
          {
            code: 'pairing_code_invalid',
            field: 'code',
            message: { zh: '配对码无效', en: 'invalid code' },
            severity: 'error',
          },
        ],
      );
    }
    this.codes = this.codes.filter((c) => c !== hit);
    const u = findUser(this.core.db, hit.userId);
    if (!u?.active) return notFound({ zh: '在职用户', en: 'active user' }, hit.userId, 'code');
    const token = newToken();
    const id = newId();
    this.core.sqlite.transaction(() => {
      this.core.db
        .insert(devices)
        .values({
          id,
          name: input.name,
          userId: u.id,
          tokenHash: sha256(token),
          createdBy: hit.createdBy.id,
          createdAt: now,
          lastSeenAt: now,
          lastIp: ctx.caller?.ip ?? '',
        })
        .run();
      // The pairing is the manager's act (they chose the user and showed the code).
      audit({ ...ctx, actor: hit.createdBy }, 'device', id, null, {
        name: input.name,
        userId: u.id,
        userName: u.name,
        ip: ctx.caller?.ip ?? '',
      });
    })();
    this.lastSeenWritten.set(id, now);
    this.core.events.emit({ type: 'changed', topics: ['lan'], method: ctx.method, at: now });
    return { token, device: this.deviceById(id) };
  }

  private deviceById(id: string) {
    return this.listDevices(id)[0] ?? notFound({ zh: '设备', en: 'device' }, id);
  }

  listDevices(onlyId?: string): MethodOutput<'lan.devices'> {
    const rows = this.core.db
      .select({ d: devices, u: { id: users.id, name: users.name, role: users.role } })
      .from(devices)
      .innerJoin(users, eq(users.id, devices.userId))
      .where(onlyId ? eq(devices.id, onlyId) : sql`1`)
      .orderBy(desc(devices.createdAt))
      .all();
    return rows.map(({ d, u }) => ({
      id: d.id,
      name: d.name,
      user: u,
      createdAt: d.createdAt,
      lastSeenAt: d.lastSeenAt,
      lastIp: d.lastIp,
      revokedAt: d.revokedAt,
    }));
  }

  /** Inside the dispatcher's write transaction. */
  revokeDevice(ctx: Ctx, input: ParsedInput<'lan.revokeDevice'>) {
    const before = this.deviceById(input.id);
    if (before.revokedAt !== null) return before;
    this.core.db.update(devices).set({ revokedAt: this.now() }).where(eq(devices.id, input.id)).run();
    const after = this.deviceById(input.id);
    audit(ctx, 'device', input.id, before, after);
    // After the commit: close the device's event streams (its calls already fail from now on).
    setImmediate(() => {
      for (const l of this.revokeListeners) l(input.id);
    });
    return after;
  }
}

/** This machine's IPv4 addresses that a phone on the same network could reach. */
export function lanAddresses(): { name: string; address: string }[] {
  const out: { name: string; address: string }[] = [];
  for (const [name, list] of Object.entries(os.networkInterfaces()))
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push({ name, address: a.address });
  return out;
}
