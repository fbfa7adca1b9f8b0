import { describe, expect, it, vi } from 'vitest';
import { CH } from '../preload/channels.js';

vi.mock('electron', () => ({}));

const { registerIpc, sendToApp, UNTRUSTED_SENDER } = await import('./ipc.js');
const { AppOrigin } = await import('./security.js');

const APP = 'http://127.0.0.1:5170';
type Handler = (event: unknown, ...args: unknown[]) => unknown;

const setup = () => {
  const handlers = new Map<string, Handler>();
  const ipcMain = { handle: (ch: string, h: Handler) => handlers.set(ch, h) };
  const origin = new AppOrigin();
  origin.set(`${APP}/`);
  const relay = { call: vi.fn(async (method: string) => ({ ok: true as const, value: method })) };
  const openExternal = vi.fn(async () => {});
  registerIpc(ipcMain as never, { origin, relay, coreState: () => ({ state: 'ready' }), openExternal });
  const sender = {
    print: vi.fn((_o: unknown, cb: (ok: boolean, reason: string) => void) => cb(true, '')),
    printToPDF: vi.fn(async (_options: unknown) => Buffer.from('%PDF-1.7')),
  };
  const invoke = (ch: string, url: string, ...args: unknown[]) =>
    Promise.resolve().then(() => handlers.get(ch)!({ senderFrame: { url }, sender }, ...args));
  return { handlers, relay, openExternal, sender, invoke };
};

describe('ipcMain handlers', () => {
  it('registers exactly the bridge’s channels', () => {
    expect([...setup().handlers.keys()].sort()).toEqual(
      [CH.call, CH.getCoreState, CH.print, CH.printToPdf, CH.openExternal].sort(),
    );
  });

  it('refuses every channel to frames outside the app, before doing anything', async () => {
    const s = setup();
    for (const url of ['data:text/html,x', 'http://127.0.0.1:5171/', 'https://evil.example/', 'file:///x'])
      for (const ch of s.handlers.keys())
        await expect(s.invoke(ch, url, { pageSize: 'A4' }), `${ch} from ${url}`).rejects.toThrow(UNTRUSTED_SENDER);
    expect(s.relay.call).not.toHaveBeenCalled();
    expect(s.sender.print).not.toHaveBeenCalled();
    expect(s.openExternal).not.toHaveBeenCalled();
  });

  it('relays calls from the app to the core', async () => {
    const s = setup();
    expect(await s.invoke(CH.call, `${APP}/x`, 'shop.get', { a: 1 })).toEqual({ ok: true, value: 'shop.get' });
    expect(s.relay.call).toHaveBeenCalledWith('shop.get', { a: 1 });
    expect(await s.invoke(CH.call, `${APP}/x`, 42, {})).toMatchObject({ ok: false, status: 400 });
    expect(await s.invoke(CH.getCoreState, `${APP}/`)).toEqual({ state: 'ready' });
  });

  it('prints with the dialog: A4, or 241 mm × 11 in in microns', async () => {
    const s = setup();
    await s.invoke(CH.print, `${APP}/`, { pageSize: 'A4' });
    await s.invoke(CH.print, `${APP}/`, { pageSize: '241mm', landscape: true });
    expect(s.sender.print.mock.calls.map((c) => c[0])).toEqual([
      { silent: false, printBackground: true, landscape: false, pageSize: 'A4' },
      { silent: false, printBackground: true, landscape: true, pageSize: { width: 241_000, height: 279_400 } },
    ]);
  });

  it('resolves when the user cancels the dialog, rejects when printing fails', async () => {
    const s = setup();
    s.sender.print.mockImplementationOnce((_o, cb) => cb(false, 'Print job canceled'));
    await expect(s.invoke(CH.print, `${APP}/`, { pageSize: 'A4' })).resolves.toBeUndefined();
    s.sender.print.mockImplementationOnce((_o, cb) => cb(false, 'Print job failed'));
    await expect(s.invoke(CH.print, `${APP}/`, { pageSize: 'A4' })).rejects.toThrow(/Print job failed/);
  });

  it('prints to PDF in inches and returns the bytes', async () => {
    const s = setup();
    const pdf = (await s.invoke(CH.printToPdf, `${APP}/`, { pageSize: '241mm' })) as Uint8Array;
    expect(pdf).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(pdf).toString()).toBe('%PDF-1.7');
    const opts = s.sender.printToPDF.mock.calls[0]![0] as { pageSize: { width: number; height: number } };
    expect(opts.pageSize.width).toBeCloseTo(9.488, 3);
    expect(opts.pageSize.height).toBeCloseTo(11, 6);
    await s.invoke(CH.printToPdf, `${APP}/`, { pageSize: 'A4' });
    expect(s.sender.printToPDF.mock.calls[1]![0]).toEqual({ printBackground: true, landscape: false, pageSize: 'A4' });
  });

  it('refuses unknown print options', async () => {
    const s = setup();
    for (const bad of [undefined, {}, { pageSize: 'Letter' }, { pageSize: 'A4', landscape: 'yes' }])
      await expect(s.invoke(CH.print, `${APP}/`, bad)).rejects.toThrow();
    expect(s.sender.print).not.toHaveBeenCalled();
  });

  it('opens only http(s) links externally', async () => {
    const s = setup();
    await s.invoke(CH.openExternal, `${APP}/`, 'https://www.example.com/help');
    expect(s.openExternal).toHaveBeenCalledWith('https://www.example.com/help');
    await expect(s.invoke(CH.openExternal, `${APP}/`, 'file:///C:/Windows/system32/calc.exe')).rejects.toThrow();
    await expect(s.invoke(CH.openExternal, `${APP}/`, 'javascript:alert(1)')).rejects.toThrow();
    expect(s.openExternal).toHaveBeenCalledTimes(1);
  });
});

describe('sendToApp', () => {
  it('pushes to every live window showing the app, and to nothing else', () => {
    const origin = new AppOrigin();
    origin.set(`${APP}/`);
    const wc = (url: string, destroyed = false) => ({
      getURL: () => url,
      isDestroyed: () => destroyed,
      send: vi.fn(),
    });
    const a = wc(`${APP}/customers`);
    const b = wc(`${APP}/work-orders`);
    const status = wc('data:text/html,starting');
    const gone = wc(`${APP}/`, true);
    const devtools = wc('devtools://devtools/bundled/inspector.html');
    const throwing = {
      ...wc(`${APP}/`),
      send: vi.fn(() => {
        throw new Error('Object has been destroyed');
      }),
    };
    const event = { type: 'changed', topics: ['customers'], method: 'customers.create', at: 1 };
    sendToApp([a, throwing, b, status, gone, devtools], origin, CH.event, event);
    expect(a.send).toHaveBeenCalledWith(CH.event, event);
    expect(b.send).toHaveBeenCalledWith(CH.event, event);
    for (const x of [status, gone, devtools]) expect(x.send).not.toHaveBeenCalled();
  });
});
