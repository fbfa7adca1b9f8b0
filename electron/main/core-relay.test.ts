import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BridgeEvent } from '../../shared/api/bridge.js';
import { makeCore, type TestCore } from '../../tests/support/core.js';
import { type IpcPort, serveIpc } from '../core/ipc.js';
import { CORE_FAILED, CORE_TIMEOUT, CoreRelay, LOST_IN_FLIGHT } from './core-relay.js';

/** A port that records what it is sent and answers only when told (wraps like MessagePortMain). */
class FakePort extends EventEmitter implements IpcPort {
  sent: unknown[] = [];
  started = false;
  closed = false;
  postMessage(m: unknown) {
    this.sent.push(m);
  }
  start() {
    this.started = true;
  }
  close() {
    this.closed = true;
  }
  reply(m: unknown) {
    this.emit('message', { data: m, ports: [] });
  }
}

describe('CoreRelay with a real core over a real MessageChannel', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
  });
  afterEach(() => {
    t.close();
    fs.rmSync(t.dir, { recursive: true, force: true });
  });

  it('relays calls to the core, results back, and core events to onEvent', async () => {
    const events: BridgeEvent[] = [];
    const relay = new CoreRelay((e) => events.push(e));
    const { port1, port2 } = new MessageChannel();
    serveIpc(port2, t.app);
    relay.attach(port1);

    const shop = await relay.call('shop.get', {});
    expect(shop).toEqual(JSON.parse(JSON.stringify(await t.app.call('shop.get', {}))));
    const bad = await relay.call('customers.create', { kind: 'person' });
    expect(bad).toMatchObject({ ok: false, status: 400, error: { code: 'invalid_input' } });

    const [a, b] = await Promise.all([
      relay.call('customers.create', { kind: 'person', name: '李四' }),
      relay.call('customers.create', { kind: 'person', name: '王五' }),
    ]);
    expect(a.ok && b.ok).toBe(true);
    await vi.waitFor(() => expect(events).toHaveLength(2));
    expect(events[0]).toMatchObject({ type: 'changed', method: 'customers.create' });
    port1.close();
  });

  it('holds calls made before the core is ready and sends them once it is', async () => {
    const relay = new CoreRelay(() => {});
    const early = relay.call('shop.get', {});
    const { port1, port2 } = new MessageChannel();
    serveIpc(port2, t.app);
    relay.attach(port1);
    expect((await early).ok).toBe(true);
    port1.close();
  });
});

describe('CoreRelay when the core goes away', () => {
  afterEach(() => vi.useRealTimers());

  it('answers a call in flight with "may or may not have been saved" when the core dies', async () => {
    const relay = new CoreRelay(() => {});
    const port = new FakePort();
    relay.attach(port);
    expect(port.started).toBe(true);
    const inFlight = relay.call('workOrders.settle', { id: 'x' });
    expect(port.sent).toEqual([{ type: 'call', id: 1, method: 'workOrders.settle', input: { id: 'x' } }]);
    relay.detach();
    expect(await inFlight).toEqual(LOST_IN_FLIGHT);
    expect(port.closed).toBe(true);
    expect(relay.connected).toBe(false);
  });

  it('lets calls wait through a restart and go to the new core', async () => {
    const relay = new CoreRelay(() => {});
    relay.attach(new FakePort());
    relay.detach();
    const waiting = relay.call('shop.get', {});
    const fresh = new FakePort();
    relay.attach(fresh);
    expect(fresh.sent).toHaveLength(1);
    const { id } = fresh.sent[0] as { id: number };
    fresh.reply({ type: 'result', id, result: { ok: true, value: 'shop' } });
    expect(await waiting).toEqual({ ok: true, value: 'shop' });
  });

  it('gives up on a waiting call after waitMs', async () => {
    vi.useFakeTimers();
    const relay = new CoreRelay(() => {}, 1_000);
    const waiting = relay.call('shop.get', {});
    vi.advanceTimersByTime(1_000);
    expect(await waiting).toEqual(CORE_TIMEOUT);
  });

  it('refuses at once, and fails waiting calls, when the core has failed for good', async () => {
    const relay = new CoreRelay(() => {});
    const waiting = relay.call('shop.get', {});
    relay.detach(true);
    expect(await waiting).toEqual(CORE_FAILED);
    expect(await relay.call('shop.get', {})).toEqual(CORE_FAILED);
  });

  it('ignores replies from a port it no longer uses, and replies for unknown ids', async () => {
    const events: BridgeEvent[] = [];
    const relay = new CoreRelay((e) => events.push(e));
    const old = new FakePort();
    relay.attach(old);
    const current = new FakePort();
    relay.attach(current);
    old.reply({ type: 'event', event: { type: 'changed', topics: [], method: 'x', at: 1 } });
    expect(events).toHaveLength(0);
    const call = relay.call('shop.get', {});
    current.reply({ type: 'result', id: 999, result: { ok: true, value: 'stray' } });
    current.reply('noise');
    current.reply({ type: 'result', id: (current.sent[0] as { id: number }).id, result: { ok: true, value: 1 } });
    expect(await call).toEqual({ ok: true, value: 1 });
  });

  it('answers input that cannot be cloned as invalid input', async () => {
    const relay = new CoreRelay(() => {});
    const { port1, port2 } = new MessageChannel();
    relay.attach(port1);
    const r = await relay.call('shop.get', { f: () => 1 });
    expect(r).toMatchObject({ ok: false, status: 400, error: { code: 'invalid_input' } });
    port1.close();
    port2.close();
  });
});
