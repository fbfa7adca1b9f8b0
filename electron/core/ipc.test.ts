import fs from 'node:fs';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

describe('messageData', () => {
  it("unwraps Electron's {data, ports} message events and leaves plain values alone", () => {
    const call = { type: 'call', id: 1, method: 'shop.get', input: {} };
    expect(messageData({ data: call, ports: [] })).toBe(call);
    expect(messageData(call)).toBe(call);
    expect(messageData(null)).toBeNull();
  });
});
