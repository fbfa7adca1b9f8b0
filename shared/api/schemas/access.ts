/**
 * Who is calling and from where: sign-in with a PIN on the shop's PC (multi-user mode), devices on the
 * shop LAN paired with a one-time code, and the LAN switch. Tokens and PINs only ever travel inwards,
 * except the token handed out once by `auth.login` and `lan.pair`. See docs/users-and-lan.md.
 */
import { z } from 'zod';
import { ROLES } from '../../domain/enums.js';
import { Id, Millis, Name } from './common.js';

/** 4–6 digits: typed on a shared PC's keyboard or a phone's number pad. */
export const Pin = z.string().regex(/^\d{4,6}$/, 'PIN must be 4–6 digits');

/** single: one person, no sign-in (local callers act as the shop's manager); multi: everyone signs in. */
export const ACCESS_MODES = ['single', 'multi'] as const;
export const AccessMode = z.enum(ACCESS_MODES);

export const SessionUser = z.object({ id: Id, name: z.string(), role: z.enum(ROLES) });

export const Me = z.object({
  mode: AccessMode,
  /** `local`: this PC (Electron window or loopback browser); `lan`: a paired device. */
  via: z.enum(['local', 'lan']),
  /** null: nobody is signed in (multi-user mode, before sign-in). */
  user: SessionUser.nullable(),
  /** The paired device this call came from, if any. */
  device: z.object({ id: Id, name: z.string() }).nullable(),
});

export const SignInUser = z.object({
  id: Id,
  name: z.string(),
  role: z.enum(ROLES),
  hasPin: z.boolean(),
  /** Locked after too many wrong PINs until this instant (null: not locked). */
  lockedUntil: Millis.nullable(),
});

export const Login = z.strictObject({ userId: Id, pin: Pin });
export const LoginResult = z.object({
  /** Bearer token of the session; over IPC the window's channel keeps it and the renderer may ignore it. */
  token: z.string(),
  user: SessionUser,
  /** The session ends after this long without a call (renewed by every call). */
  idleTimeoutMs: z.int(),
});

export const SetMode = z.strictObject({ mode: AccessMode });
export const AccessSettings = z.object({ mode: AccessMode });

/** A PIN, or null to clear it (refused in multi-user mode: the user could no longer sign in). */
export const SetPin = z.strictObject({ id: Id, pin: Pin.nullable() });

export const EventsTicket = z.object({
  /** Single use, for `GET /api/events?ticket=…` (EventSource cannot send an Authorization header). */
  ticket: z.string(),
  expiresAt: Millis,
});

export const LAN_DEFAULT_PORT = 8765;

export const LanStatus = z.object({
  enabled: z.boolean(),
  /** The interface to listen on: 0.0.0.0 (all) or one of this machine's IPv4 addresses. */
  host: z.string(),
  port: z.int(),
  /** The LAN listener is up right now. */
  listening: z.boolean(),
  /** Why it is not, when it should be (port taken…). */
  error: z.object({ zh: z.string(), en: z.string() }).nullable(),
  /** This machine's LAN IPv4 addresses (what to type on the phone). */
  addresses: z.array(z.object({ name: z.string(), address: z.string() })),
  /** Full addresses to open on the phone, e.g. http://192.168.1.20:8765/ */
  urls: z.array(z.string()),
});

export const LanConfigure = z.strictObject({
  enabled: z.boolean(),
  port: z.int().min(1024).max(65535).optional(),
  host: z.ipv4().optional(),
});

export const PairingCodeCreate = z.strictObject({ userId: Id });
export const PairingCode = z.object({
  /** Six digits, shown on the desk, typed on the device. */
  code: z.string(),
  expiresAt: Millis,
  user: SessionUser,
});

export const Pair = z.strictObject({
  code: z.string().regex(/^\d{6}$/, 'six digits'),
  /** What the desk will call this device (e.g. 老李的手机). */
  name: Name(40),
});

export const Device = z.object({
  id: Id,
  name: z.string(),
  user: SessionUser,
  createdAt: Millis,
  lastSeenAt: Millis.nullable(),
  lastIp: z.string(),
  revokedAt: Millis.nullable(),
});

export const PairResult = z.object({
  /** The device's bearer token: shown once, stored on the device, only its hash in the shop database. */
  token: z.string(),
  device: Device,
});
