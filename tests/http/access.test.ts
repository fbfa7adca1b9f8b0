/**
 * Users, roles, sign-in and LAN access over real HTTP (docs/users-and-lan.md): a real core on a real
 * SQLite file, the loopback host as the desk uses it, and the LAN listener bound to 127.0.0.1 so its
 * authenticated path can be exercised here (exposure 'lan' treats every request as a LAN request).
 */
import fs from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../electron/core/context.js';
import { type HttpHost, startHttpHost } from '../../electron/core/http/server.js';
import { PAIRING, PIN_LOCK } from '../../electron/core/services/access.js';
import { contract, METHOD_NAMES, type MethodOutput } from '../../shared/api/contract.js';
import { ApiErrorSchema } from '../../shared/api/errors.js';
import type { Role } from '../../shared/domain/enums.js';
import { makeCore, type TestCore } from '../support/core.js';
import { callApi, type Reply, rawRequest } from '../support/http.js';

type User = MethodOutput<'users.create'>;

const expectError = (r: Reply, status: number, code: string) => {
  expect(r.status, r.text).toBe(status);
  const body = ApiErrorSchema.parse(r.json);
  expect(body.error.code).toBe(code);
  expect(body.error.message.zh.length).toBeGreaterThan(0);
  expect(body.error.message.en.length).toBeGreaterThan(0);
  return body.error;
};
const ok = <T>(r: Reply): T => {
  expect(r.status, r.text).toBe(200);
  return r.json as T;
};
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const actorOf = (u: User): Actor => ({ id: u.id, name: u.name, role: u.role });

// Generous limits for the main LAN host: these tests pair and call a lot from one address.
const LOOSE = { capacity: 100_000, perSecond: 100_000 };

let t: TestCore;
let local: HttpHost;
let lan: HttpHost;
let users: Record<Role, User>;
let tokens: Record<Role, string>;

/** A pairing code for `user`, made by the manager at the desk, and the device token it buys on the LAN. */
const pairDevice = async (user: User, name: string) => {
  // Through the desk's own HTTP path, as the desk does it (the owner, by their current name).
  const code = ok<MethodOutput<'lan.createPairingCode'>>(
    await callApi(local.url, 'lan.createPairingCode', { userId: user.id }),
  );
  const r = ok<MethodOutput<'lan.pair'>>(await callApi(lan.url, 'lan.pair', { code: code.code, name }));
  expect(r.device.user.id).toBe(user.id);
  return r;
};

beforeAll(async () => {
  t = await makeCore();
  local = await startHttpHost({ app: t.app, host: '127.0.0.1', port: 0, version: 'access-test' });
  lan = await startHttpHost({
    app: t.app,
    host: '127.0.0.1',
    port: 0,
    version: 'access-test',
    exposure: 'lan',
    rateLimit: LOOSE,
    pairingLimit: LOOSE,
  });
  const manager = await t.ok('users.update', { id: t.app.owner.id!, name: '王店长' });
  users = {
    manager,
    clerk: await t.ok('users.create', { name: '小王', role: 'clerk', pin: '1111' }),
    technician: await t.ok('users.create', { name: '老李', role: 'technician', pin: '2222' }),
  };
  tokens = {
    manager: (await pairDevice(users.manager, '店长电脑')).token,
    clerk: (await pairDevice(users.clerk, '前台二号机')).token,
    technician: (await pairDevice(users.technician, '老李的手机')).token,
  };
});
afterAll(async () => {
  await lan?.close();
  await local?.close();
  t?.close();
  if (t) fs.rmSync(t.dir, { recursive: true, force: true });
});

describe('the LAN listener', () => {
  it('answers nothing but the renderer and pairing without a token', async () => {
    expectError(await callApi(lan.url, 'shop.get', {}), 401, 'unauthenticated');
    expectError(await callApi(lan.url, 'auth.me', {}), 401, 'unauthenticated');
    expectError(await callApi(lan.url, 'auth.users', {}), 401, 'unauthenticated');
    expectError(await rawRequest(lan.url, { method: 'GET', path: '/api/health' }), 401, 'unauthenticated');
    expectError(await rawRequest(lan.url, { method: 'GET', path: '/api/openapi.json' }), 401, 'unauthenticated');
    expectError(await rawRequest(lan.url, { method: 'GET', path: '/api/events' }), 401, 'unauthenticated');
    // A wrong or malformed token is no better than none.
    expectError(await callApi(lan.url, 'shop.get', {}, bearer('A'.repeat(43))), 401, 'unauthenticated');
    expectError(await callApi(lan.url, 'shop.get', {}, { authorization: 'Basic abc' }), 401, 'unauthenticated');
    // The pairing page itself loads.
    const page = await rawRequest(lan.url, { method: 'GET', path: '/tech' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });

  it('acts as the paired user, with the roles of the contract', async () => {
    const me = ok<MethodOutput<'auth.me'>>(await callApi(lan.url, 'auth.me', {}, bearer(tokens.technician)));
    expect(me).toMatchObject({ mode: 'single', via: 'lan', user: { id: users.technician.id, role: 'technician' } });
    expect(me.device?.name).toBe('老李的手机');

    // The technician view's calls work; the desk's and the manager's do not.
    ok(await callApi(lan.url, 'workOrders.list', {}, bearer(tokens.technician)));
    expectError(await callApi(lan.url, 'customers.search', { q: '张' }, bearer(tokens.technician)), 403, 'forbidden');
    expectError(
      await callApi(lan.url, 'customers.create', { kind: 'person', name: '张三' }, bearer(tokens.technician)),
      403,
      'forbidden',
    );
    expectError(await callApi(lan.url, 'workOrders.settle', {}, bearer(tokens.technician)), 403, 'forbidden');
    // The clerk does desk work but not the manager's.
    ok(await callApi(lan.url, 'customers.search', { q: '张' }, bearer(tokens.clerk)));
    expectError(
      await callApi(lan.url, 'users.create', { name: 'x', role: 'clerk' }, bearer(tokens.clerk)),
      403,
      'forbidden',
    );
    expectError(await callApi(lan.url, 'lan.devices', {}, bearer(tokens.clerk)), 403, 'forbidden');
    ok(await callApi(lan.url, 'lan.devices', {}, bearer(tokens.manager)));
    // A LAN device cannot sign in as someone else with a PIN.
    expectError(
      await callApi(lan.url, 'auth.login', { userId: users.clerk.id, pin: '1111' }, bearer(tokens.technician)),
      403,
      'forbidden',
    );
  });

  it('walks every method for every role: 403 exactly when the contract does not declare the role', async () => {
    for (const role of ['manager', 'clerk', 'technician'] as const)
      for (const m of METHOD_NAMES) {
        // `[]` is no method's input: an allowed call stops at validation (400) and changes nothing.
        const r = await rawRequest(lan.url, {
          method: 'POST',
          path: `/api/${m}`,
          headers: { 'content-type': 'application/json', ...bearer(tokens[role]) },
          body: '[]',
        });
        const declared = (contract[m].roles as readonly Role[]).includes(role);
        expect(r.status === 403, `${role} → ${m}: ${r.status} ${r.text.slice(0, 120)}`).toBe(!declared);
        if (declared) expect(r.status, `${role} → ${m}`).toBe(400);
      }
  });

  it('names the device’s user in the audit log', async () => {
    const c = ok<MethodOutput<'customers.create'>>(
      await callApi(lan.url, 'customers.create', { kind: 'person', name: '审计客户' }, bearer(tokens.clerk)),
    );
    const log = await t.ok('audit.list', { entity: 'customer', entityId: c.id });
    expect(log.items[0]).toMatchObject({ userId: users.clerk.id, userName: '小王', method: 'customers.create' });
    // The pairing itself is on record as the manager's act, naming the device's user.
    const devices = await t.ok('lan.devices', {});
    const phone = devices.find((d) => d.name === '老李的手机')!;
    const pairing = await t.ok('audit.list', { entity: 'device', entityId: phone.id });
    expect(pairing.items[0]).toMatchObject({ userId: users.manager.id, userName: '王店长', method: 'lan.pair' });
    expect(JSON.stringify(pairing.items[0]!.after)).toContain('老李');
    expect(JSON.stringify(pairing)).not.toMatch(/token/i);
  });

  it('stops a revoked device at once: calls and its event stream', async () => {
    const spare = await pairDevice(users.technician, '备用手机');
    ok(await callApi(lan.url, 'workOrders.list', {}, bearer(spare.token)));
    // EventSource cannot send headers: a one-use ticket opens the stream.
    const ticket = ok<MethodOutput<'auth.eventsTicket'>>(
      await callApi(lan.url, 'auth.eventsTicket', {}, bearer(spare.token)),
    );
    const stream = await openStream(`${lan.url}/api/events?ticket=${ticket.ticket}`);
    expect(stream.status).toBe(200);
    expectError(
      await rawRequest(lan.url, { method: 'GET', path: `/api/events?ticket=${ticket.ticket}` }),
      401,
      'unauthenticated',
    );

    const revoked = await t.ok('lan.revokeDevice', { id: spare.device.id });
    expect(revoked.revokedAt).not.toBeNull();
    expectError(await callApi(lan.url, 'workOrders.list', {}, bearer(spare.token)), 401, 'unauthenticated');
    await stream.ended;
    // Revocation is final, in the database itself.
    expect(() =>
      t.app.core.sqlite.prepare('UPDATE devices SET revoked_at = NULL WHERE id = ?').run(spare.device.id),
    ).toThrow(/device_revocation_final/);
    expect(() => t.app.core.sqlite.prepare('DELETE FROM devices').run()).toThrow(/devices_append_only/);
    // The other devices carry on.
    ok(await callApi(lan.url, 'workOrders.list', {}, bearer(tokens.technician)));
  });

  it('stops a deactivated user’s devices, and a role change counts at once', async () => {
    const temp = await t.ok('users.create', { name: '临时工', role: 'clerk' });
    const dev = await pairDevice(temp, '临时工手机');
    ok(await callApi(lan.url, 'customers.search', { q: '张' }, bearer(dev.token)));
    await t.ok('users.update', { id: temp.id, role: 'technician' });
    expectError(await callApi(lan.url, 'customers.search', { q: '张' }, bearer(dev.token)), 403, 'forbidden');
    await t.ok('users.update', { id: temp.id, active: false });
    expectError(await callApi(lan.url, 'workOrders.list', {}, bearer(dev.token)), 401, 'unauthenticated');
  });
});

describe('pairing codes', () => {
  it('work once', async () => {
    const code = await t.ok('lan.createPairingCode', { userId: users.technician.id });
    expect(code.code).toMatch(/^\d{6}$/);
    ok(await callApi(lan.url, 'lan.pair', { code: code.code, name: '一号' }));
    expectError(await callApi(lan.url, 'lan.pair', { code: code.code, name: '二号' }), 401, 'unauthenticated');
  });

  it('expire after five minutes', async () => {
    const code = await t.ok('lan.createPairingCode', { userId: users.technician.id });
    t.clock.advance(PAIRING.ttlMs + 1);
    expectError(await callApi(lan.url, 'lan.pair', { code: code.code, name: '迟到' }), 401, 'unauthenticated');
  });

  it('die after five wrong guesses, and a new code voids the old one', async () => {
    const code = await t.ok('lan.createPairingCode', { userId: users.technician.id });
    const wrong = code.code === '000000' ? '000001' : '000000';
    for (let i = 0; i < PAIRING.attempts; i++) {
      const e = expectError(await callApi(lan.url, 'lan.pair', { code: wrong, name: '猜' }), 401, 'unauthenticated');
      expect(e.fields[0]!.code).toBe('pairing_code_invalid');
    }
    expectError(await callApi(lan.url, 'lan.pair', { code: code.code, name: '真' }), 401, 'unauthenticated');

    const first = await t.ok('lan.createPairingCode', { userId: users.technician.id });
    const second = await t.ok('lan.createPairingCode', { userId: users.technician.id });
    if (first.code !== second.code)
      expectError(await callApi(lan.url, 'lan.pair', { code: first.code, name: '旧码' }), 401, 'unauthenticated');
    ok(await callApi(lan.url, 'lan.pair', { code: second.code, name: '新码' }));
  });

  it('are made by the manager only', async () => {
    expectError(
      await callApi(lan.url, 'lan.createPairingCode', { userId: users.clerk.id }, bearer(tokens.clerk)),
      403,
      'forbidden',
    );
  });
});

describe('rate limits on the LAN', () => {
  it('answers 429 with Retry-After once an address’s bucket is empty, pairing sooner', async () => {
    const strict = await startHttpHost({
      app: t.app,
      host: '127.0.0.1',
      port: 0,
      version: 'x',
      exposure: 'lan',
      rateLimit: { capacity: 8, perSecond: 0.01 },
      pairingLimit: { capacity: 2, perSecond: 0.01 },
    });
    try {
      for (let i = 0; i < 2; i++)
        expectError(await callApi(strict.url, 'lan.pair', { code: '123456', name: 'x' }), 401, 'unauthenticated');
      const pairing = expectError(
        await callApi(strict.url, 'lan.pair', { code: '123456', name: 'x' }),
        429,
        'rate_limited',
      );
      expect(pairing.message.en).toMatch(/try again/);
      const statuses: number[] = [];
      let last: Reply | undefined;
      for (let i = 0; i < 8; i++) {
        last = await callApi(strict.url, 'workOrders.list', {}, bearer(tokens.technician));
        statuses.push(last.status);
      }
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses.at(-1)).toBe(429);
      expectError(last!, 429, 'rate_limited');
      expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
      // The loopback desk is never rate-limited.
      for (let i = 0; i < 20; i++) expect((await callApi(local.url, 'system.ping', {})).status).toBe(200);
    } finally {
      await strict.close();
    }
  });
});

describe('multi-user mode on this PC (loopback)', () => {
  it('needs a PIN for every active user before it can be turned on', async () => {
    const e = await t.err('auth.setMode', { mode: 'multi' });
    expect(e.status).toBe(422);
    expect(e.fields.some((f) => f.code === 'pin_not_set')).toBe(true);
    await t.ok('users.setPin', { id: users.manager.id, pin: '9999' });
    const listed = await t.ok('users.list', {});
    expect(listed.find((u) => u.id === users.manager.id)!.hasPin).toBe(true);
    expect(JSON.stringify(listed)).not.toMatch(/scrypt|pinHash/);
    // Only the manager may switch, and a clerk's session cannot.
    expect((await t.err('auth.setMode', { mode: 'multi' }, actorOf(users.clerk))).status).toBe(403);
    expect(await t.ok('auth.setMode', { mode: 'multi' })).toEqual({ mode: 'multi' });
  });

  it('asks for a session: no token → 401, sign-in with a PIN → the user', async () => {
    expectError(await callApi(local.url, 'shop.get', {}), 401, 'unauthenticated');
    expectError(await rawRequest(local.url, { method: 'GET', path: '/api/events' }), 401, 'unauthenticated');
    const me = ok<MethodOutput<'auth.me'>>(await callApi(local.url, 'auth.me', {}));
    expect(me).toEqual({ mode: 'multi', via: 'local', user: null, device: null });
    const pickList = ok<MethodOutput<'auth.users'>>(await callApi(local.url, 'auth.users', {}));
    expect(pickList.map((u) => u.name)).toEqual(expect.arrayContaining(['王店长', '小王', '老李']));

    const wrong = expectError(
      await callApi(local.url, 'auth.login', { userId: users.clerk.id, pin: '0000' }),
      401,
      'unauthenticated',
    );
    expect(wrong.fields[0]!.code).toBe('pin_wrong');
    const login = ok<MethodOutput<'auth.login'>>(
      await callApi(local.url, 'auth.login', { userId: users.clerk.id, pin: '1111' }),
    );
    expect(login.user).toEqual({ id: users.clerk.id, name: '小王', role: 'clerk' });
    expect(ok<MethodOutput<'auth.me'>>(await callApi(local.url, 'auth.me', {}, bearer(login.token))).user?.name).toBe(
      '小王',
    );
    ok(await callApi(local.url, 'customers.search', { q: '张' }, bearer(login.token)));
    expectError(await callApi(local.url, 'workOrders.reverse', {}, bearer(login.token)), 403, 'forbidden');
    // The audit names who signed in.
    const log = await t.ok('audit.list', { entity: 'session', entityId: users.clerk.id });
    expect(log.items[0]).toMatchObject({ userName: '小王', method: 'auth.login' });

    ok(await callApi(local.url, 'auth.logout', {}, bearer(login.token)));
    expectError(await callApi(local.url, 'customers.search', { q: '张' }, bearer(login.token)), 401, 'unauthenticated');
    // A session is good on this PC only: the LAN takes device tokens.
    const again = ok<MethodOutput<'auth.login'>>(
      await callApi(local.url, 'auth.login', { userId: users.clerk.id, pin: '1111' }),
    );
    expectError(await callApi(lan.url, 'customers.search', { q: '张' }, bearer(again.token)), 401, 'unauthenticated');
  });

  it('locks a user out after repeated wrong PINs, with a growing wait', async () => {
    const tech = users.technician.id;
    for (let i = 1; i < PIN_LOCK.freeFailures; i++)
      expectError(await callApi(local.url, 'auth.login', { userId: tech, pin: '9876' }), 401, 'unauthenticated');
    const locked = await callApi(local.url, 'auth.login', { userId: tech, pin: '9876' });
    expectError(locked, 429, 'rate_limited');
    expect(Number(locked.headers['retry-after'])).toBe(PIN_LOCK.firstLockMs / 1000);
    // Locked: even the right PIN is not checked.
    expectError(await callApi(local.url, 'auth.login', { userId: tech, pin: '2222' }), 429, 'rate_limited');
    const listed = ok<MethodOutput<'auth.users'>>(await callApi(local.url, 'auth.users', {}));
    expect(listed.find((u) => u.id === tech)!.lockedUntil).toBeGreaterThan(t.clock.now());

    t.clock.advance(PIN_LOCK.firstLockMs + 1);
    const twice = await callApi(local.url, 'auth.login', { userId: tech, pin: '9876' });
    expectError(twice, 429, 'rate_limited');
    expect(Number(twice.headers['retry-after'])).toBe((2 * PIN_LOCK.firstLockMs) / 1000);
    t.clock.advance(2 * PIN_LOCK.firstLockMs + 1);
    ok(await callApi(local.url, 'auth.login', { userId: tech, pin: '2222' }));
    // A good PIN resets the count.
    expectError(await callApi(local.url, 'auth.login', { userId: tech, pin: '9876' }), 401, 'unauthenticated');
  });

  it('refuses to clear an active user’s PIN in multi-user mode, and goes back to single-user', async () => {
    expect((await t.err('users.setPin', { id: users.clerk.id, pin: null })).status).toBe(409);
    const mgr = ok<MethodOutput<'auth.login'>>(
      await callApi(local.url, 'auth.login', { userId: users.manager.id, pin: '9999' }),
    );
    ok(await callApi(local.url, 'auth.setMode', { mode: 'single' }, bearer(mgr.token)));
    // Back to today's behaviour: the loopback caller is the owner again, without a token.
    expect(ok<MethodOutput<'auth.me'>>(await callApi(local.url, 'auth.me', {})).user?.id).toBe(users.manager.id);
    ok(await callApi(local.url, 'users.list', {}));
  });
});

/** Opens a server-sent event stream; `ended` settles when the server closes it. */
function openStream(url: string): Promise<{ status: number; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      const ended = new Promise<void>((done) => {
        res.on('end', () => done());
        res.on('close', () => done());
      });
      resolve({ status: res.statusCode ?? 0, ended });
    });
    req.on('error', reject);
  });
}
