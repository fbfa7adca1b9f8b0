import type { EventEmitter } from 'node:events';
import { describe, expect, it, type Mock, vi } from 'vitest';
import type { ChedangBridge } from '../../shared/api/bridge.js';
import { CH } from './channels.js';

const fake = vi.hoisted(() => ({
  exposed: [] as Array<[string, unknown]>,
  invoke: null as unknown as Mock<(ch: string, ...args: unknown[]) => Promise<unknown>>,
}));

vi.mock('electron', async () => {
  const { EventEmitter: EE } = await import('node:events');
  const ipcRenderer = new EE() as EventEmitter & { invoke: (ch: string, ...a: unknown[]) => Promise<unknown> };
  fake.invoke = vi.fn(async (ch: string, ...args: unknown[]): Promise<unknown> => {
    if (ch === 'chedang:get-core-state') return { state: 'starting' };
    if (ch === 'chedang:print-to-pdf') return new Uint8Array([37, 80, 68, 70]);
    if (ch === 'chedang:call') return { ok: true, value: args };
    if (ch === 'chedang:get-update') return { state: 'none' };
    if (ch === 'chedang:install-update') return { ok: false, busy: ['order-edits'] };
    return undefined;
  });
  ipcRenderer.invoke = fake.invoke;
  return {
    ipcRenderer,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.push([key, api]) },
  };
});

process.argv.push('--chedang-version=2.0.1');
await import('./preload.js');
const { ipcRenderer } = (await import('electron')) as unknown as { ipcRenderer: EventEmitter };
const bridge = fake.exposed[0]![1] as ChedangBridge;

/** Every member of ChedangBridge, checked against the interface at compile time. */
const MEMBERS: Record<keyof ChedangBridge, true> = {
  shell: true,
  version: true,
  call: true,
  onEvent: true,
  onCoreState: true,
  print: true,
  printToPdf: true,
  openExternal: true,
  setBusy: true,
  onUpdate: true,
  installUpdate: true,
};

describe('preload: window.chedang', () => {
  it('exposes one object, window.chedang, with exactly the ChedangBridge members', () => {
    expect(fake.exposed.map(([k]) => k)).toEqual(['chedang']);
    expect(Object.keys(bridge).sort()).toEqual(Object.keys(MEMBERS).sort());
    expect(bridge.shell).toBe('electron');
    expect(bridge.version).toBe('2.0.1');
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('leaks no ipcRenderer: only plain values and functions', () => {
    for (const [k, v] of Object.entries(bridge)) {
      expect(v, k).not.toBe(ipcRenderer);
      expect(['string', 'function']).toContain(typeof v);
    }
  });

  it('sends calls over the call channel', async () => {
    expect(await bridge.call('shop.get', { x: 1 })).toEqual({ ok: true, value: ['shop.get', { x: 1 }] });
    expect(fake.invoke).toHaveBeenCalledWith(CH.call, 'shop.get', { x: 1 });
  });

  it('hands listeners the payload only (never the IPC event), and unsubscribes', () => {
    const seen: unknown[][] = [];
    const off = bridge.onEvent((...args) => seen.push(args));
    const event = { type: 'changed', topics: ['customers'], method: 'customers.create', at: 1 };
    ipcRenderer.emit(CH.event, { sender: ipcRenderer }, event);
    expect(seen).toEqual([[event]]);
    off();
    ipcRenderer.emit(CH.event, { sender: ipcRenderer }, event);
    expect(seen).toHaveLength(1);
    expect(ipcRenderer.listenerCount(CH.event)).toBe(0);
  });

  it('tells a core-state listener the current state, then every change', async () => {
    const states: unknown[] = [];
    const off = bridge.onCoreState((s) => states.push(s));
    await vi.waitFor(() => expect(states).toEqual([{ state: 'starting' }]));
    ipcRenderer.emit(CH.coreState, {}, { state: 'ready' });
    expect(states).toEqual([{ state: 'starting' }, { state: 'ready' }]);
    off();
    ipcRenderer.emit(CH.coreState, {}, { state: 'restarting' });
    expect(states).toHaveLength(2);
  });

  it('lets a pushed state overtake the initial query', async () => {
    const states: unknown[] = [];
    const off = bridge.onCoreState((s) => states.push(s));
    ipcRenderer.emit(CH.coreState, {}, { state: 'ready' });
    await new Promise((r) => setTimeout(r, 10));
    expect(states).toEqual([{ state: 'ready' }]);
    off();
  });

  it('prints, prints to PDF and opens links through main', async () => {
    await expect(bridge.print({ pageSize: '241mm' })).resolves.toBeUndefined();
    expect(fake.invoke).toHaveBeenCalledWith(CH.print, { pageSize: '241mm' });
    expect(await bridge.printToPdf({ pageSize: 'A4' })).toEqual(new Uint8Array([37, 80, 68, 70]));
    expect(fake.invoke).toHaveBeenCalledWith(CH.printToPdf, { pageSize: 'A4' });
    await bridge.openExternal('https://example.com/');
    expect(fake.invoke).toHaveBeenCalledWith(CH.openExternal, 'https://example.com/');
  });

  it('reports unsaved order edits, follows the update status and asks to install it', async () => {
    await bridge.setBusy('order-edits', true);
    expect(fake.invoke).toHaveBeenCalledWith(CH.setBusy, 'order-edits', true);
    const seen: unknown[] = [];
    const off = bridge.onUpdate((s) => seen.push(s));
    await vi.waitFor(() => expect(seen).toEqual([{ state: 'none' }]));
    ipcRenderer.emit(CH.update, {}, { state: 'ready', version: '1.1.0', busy: [] });
    expect(seen).toHaveLength(2);
    off();
    expect(await bridge.installUpdate()).toEqual({ ok: false, busy: ['order-edits'] });
  });
});
