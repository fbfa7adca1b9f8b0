import fs from 'node:fs';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES } from '../../shared/api/contract.js';
import type { Role } from '../../shared/domain/enums.js';
import { makeCore, type TestCore } from '../../tests/support/core.js';
import { type IpcReply, messageData, serveIpc } from './ipc.js';

let t: TestCore;
let channel: MessageChannel;
let main: MessagePort;
let replies: IpcReply[];
let waiters: Array<() => void>;

beforeEach(async () => {
  t = await makeCore();
  channel = new MessageChannel();
  main = channel.port1;
  replies = [];
  waiters = [];
  main.on('message', (m: IpcReply) => {
    replies.push(m);
    for (const w of waiters.splice(0)) w();
  });
});
afterEach(() => {
  channel.port1.close();
  t.close();
  fs.rmSync(t.dir, { recursive: true, force: true });
});

/** The next reply matching `pred` (already received or still to come). */
const next = (pred: (r: IpcReply) => boolean): Promise<IpcReply> =>
  new Promise((resolve) => {
    const look = () => {
      const hit = replies.find(pred);
      if (hit) resolve(hit);
      else waiters.push(look);
    };
    look();
  });
const resultOf = async (id: number) => {
  const r = await next((x) => x.type === 'result' && x.id === id);
  return (r as Extract<IpcReply, { type: 'result' }>).result;
};

describe('serveIpc over a real MessageChannel and a real core', () => {
  it('answers a call with the same result as app.call, as the owner', async () => {
    serveIpc(channel.port2, t.app);
    main.postMessage({ type: 'call', id: 1, method: 'shop.get', input: {} });
    const r = await resultOf(1);
    expect(r).toEqual(JSON.parse(JSON.stringify(await t.app.call('shop.get', {}))));
    expect(r.ok).toBe(true);

    main.postMessage({ type: 'call', id: 2, method: 'users.list', input: {} });
    expect((await resultOf(2)).ok).toBe(true); // a manager-only read: the actor is the owner
  });

  it('returns typed errors: invalid input, unknown method, malformed calls', async () => {
    serveIpc(channel.port2, t.app);
    main.postMessage({ type: 'call', id: 7, method: 'customers.create', input: { kind: 'nobody' } });
    const invalid = await resultOf(7);
    expect(invalid).toMatchObject({ ok: false, status: 400, error: { code: 'invalid_input' } });
    if (!invalid.ok) expect(invalid.error.fields.length).toBeGreaterThan(0);

    main.postMessage({ type: 'call', id: 8, method: 'no.such', input: {} });
    expect(await resultOf(8)).toMatchObject({ ok: false, status: 404, error: { code: 'unknown_method' } });

    main.postMessage({ type: 'call', id: 9, method: 42 });
    expect(await resultOf(9)).toMatchObject({ ok: false, status: 400, error: { code: 'invalid_input' } });

    // Noise without an id is ignored; the port keeps serving.
    main.postMessage('hello');
    main.postMessage({ type: 'other' });
    main.postMessage({ type: 'call', id: 10, method: 'shop.get', input: {} });
    expect((await resultOf(10)).ok).toBe(true);
    expect(replies.filter((r) => r.type === 'result').map((r) => (r as { id: number }).id)).toEqual([7, 8, 9, 10]);
  });

  it('forwards core events after a write, and results carry JSON values only', async () => {
    serveIpc(channel.port2, t.app);
    main.postMessage({ type: 'call', id: 1, method: 'customers.create', input: { kind: 'person', name: '张三' } });
    const created = await resultOf(1);
    expect(created.ok).toBe(true);
    const event = await next((r) => r.type === 'event');
    expect(event).toMatchObject({
      type: 'event',
      event: { type: 'changed', method: 'customers.create', topics: expect.arrayContaining(['customers']) },
    });
    // What HTTP would send: no undefined-valued keys survive.
    const json = JSON.stringify(created);
    expect(JSON.parse(json)).toEqual(created);
  });

  it('answers concurrent calls by id, whatever order they finish in', async () => {
    serveIpc(channel.port2, t.app);
    for (let id = 1; id <= 20; id++)
      main.postMessage({ type: 'call', id, method: id % 2 ? 'shop.get' : 'no.such', input: {} });
    for (let id = 1; id <= 20; id++) expect((await resultOf(id)).ok).toBe(id % 2 === 1);
  });

  it('stops forwarding events when stopped or when the port closes', async () => {
    const before = t.app.core.events.size;
    const stop = serveIpc(channel.port2, t.app);
    expect(t.app.core.events.size).toBe(before + 1);
    stop();
    expect(t.app.core.events.size).toBe(before);

    const other = new MessageChannel();
    serveIpc(other.port2, t.app);
    expect(t.app.core.events.size).toBe(before + 1);
    other.port1.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(t.app.core.events.size).toBe(before);
  });
});

describe('serveIpc in multi-user mode (docs/users-and-lan.md)', () => {
  let seq = 1000;
  const ask = async (method: string, input: unknown) => {
    const id = ++seq;
    main.postMessage({ type: 'call', id, method, input });
    return resultOf(id);
  };
  const multiUser = async () => {
    await t.ok('users.setPin', { id: t.app.owner.id!, pin: '9999' });
    const users = {
      manager: { id: t.app.owner.id!, pin: '9999' },
      clerk: { id: (await t.ok('users.create', { name: '小王', role: 'clerk', pin: '1111' })).id, pin: '1111' },
      technician: {
        id: (await t.ok('users.create', { name: '老李', role: 'technician', pin: '2222' })).id,
        pin: '2222',
      },
    };
    await t.ok('auth.setMode', { mode: 'multi' });
    return users;
  };

  it('acts as the owner in single-user mode, and needs a sign-in in multi-user mode', async () => {
    serveIpc(channel.port2, t.app);
    expect(await ask('auth.me', {})).toMatchObject({ ok: true, value: { mode: 'single', user: { role: 'manager' } } });
    const users = await multiUser();
    expect(await ask('shop.get', {})).toMatchObject({ ok: false, status: 401, error: { code: 'unauthenticated' } });
    expect(await ask('auth.me', {})).toMatchObject({ ok: true, value: { mode: 'multi', user: null } });
    expect(await ask('auth.login', { userId: users.clerk.id, pin: '0000' })).toMatchObject({ ok: false, status: 401 });

    // The port keeps the session: later calls on it act as the clerk without sending a token.
    expect(await ask('auth.login', { userId: users.clerk.id, pin: '1111' })).toMatchObject({ ok: true });
    expect(await ask('auth.me', {})).toMatchObject({ ok: true, value: { user: { name: '小王', role: 'clerk' } } });
    expect(await ask('customers.create', { kind: 'person', name: '张三' })).toMatchObject({ ok: true });
    const log = await t.ok('audit.list', { entity: 'customer' });
    expect(log.items[0]).toMatchObject({ userId: users.clerk.id, userName: '小王' });
    expect(await ask('users.create', { name: 'x', role: 'clerk' })).toMatchObject({ ok: false, status: 403 });

    // Another window (another port) is not signed in by this one.
    const other = new MessageChannel();
    serveIpc(other.port2, t.app);
    const reply = new Promise<IpcReply>((resolve) => other.port1.once('message', resolve));
    other.port1.postMessage({ type: 'call', id: 1, method: 'shop.get', input: {} });
    expect(await reply).toMatchObject({ result: { ok: false, status: 401 } });
    other.port1.close();

    // Sign-out (lock, switch user) ends it.
    expect(await ask('auth.logout', {})).toMatchObject({ ok: true });
    expect(await ask('shop.get', {})).toMatchObject({ ok: false, status: 401 });
  });

  it('walks every method for every role: 403 exactly when the contract does not declare the role', async () => {
    serveIpc(channel.port2, t.app);
    const users = await multiUser();
    for (const role of ['manager', 'clerk', 'technician'] as const) {
      expect(await ask('auth.login', { userId: users[role].id, pin: users[role].pin })).toMatchObject({ ok: true });
      for (const m of METHOD_NAMES) {
        // `[]` is no method's input: an allowed call stops at validation and changes nothing.
        const r = await ask(m, []);
        const declared = (contract[m].roles as readonly Role[]).includes(role);
        const status = r.ok ? 200 : r.status;
        expect(status === 403, `${role} → ${m}: ${status}`).toBe(!declared);
        if (declared) expect(status, `${role} → ${m}`).toBe(400);
      }
      expect(await ask('auth.logout', {})).toMatchObject({ ok: true });
    }
    // Signed out, only the public methods answer (with 400 here), everything else is 401.
    for (const m of METHOD_NAMES) {
      const r = await ask(m, []);
      const status = r.ok ? 200 : r.status;
      expect(status, m).toBe('public' in contract[m] && contract[m].public ? 400 : 401);
    }
  });
});

describe('messageData', () => {
  it("unwraps Electron's {data, ports} message events and leaves plain values alone", () => {
    const call = { type: 'call', id: 1, method: 'shop.get', input: {} };
    expect(messageData({ data: call, ports: [] })).toBe(call);
    expect(messageData(call)).toBe(call);
    expect(messageData(null)).toBeNull();
  });
});
