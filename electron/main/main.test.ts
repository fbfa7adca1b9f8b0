/**
 * The wiring of main.ts with every Electron API mocked: single instance, the window's first status
 * page, the app loaded once the core is ready, a startup error shown (and never restarted), the
 * session guarded, IPC registered, a clean stop on quit.
 */
import { EventEmitter } from 'node:events';
import type { PassThrough } from 'node:stream';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const e = vi.hoisted(() => ({
  lock: true,
  app: null as unknown as EventEmitter & Record<string, unknown>,
  windows: [] as Array<EventEmitter & Record<string, unknown>>,
  children: [] as Array<EventEmitter & Record<string, unknown>>,
  handlers: new Map<string, unknown>(),
  contentsCreated: [] as unknown[],
  menu: null as unknown,
  session: {} as Record<string, unknown>,
  ready: null as unknown as () => void,
}));

vi.mock('electron', async () => {
  const { EventEmitter: EE } = await import('node:events');
  const { PassThrough: PT } = await import('node:stream');
  const app = Object.assign(new EE(), {
    isPackaged: true,
    requestSingleInstanceLock: () => e.lock,
    quit: vi.fn(),
    getPath: () => '/tmp/chedang-main-test-userdata',
    getVersion: () => '0.9.0',
    whenReady: () =>
      new Promise<void>((resolve) => {
        e.ready = resolve;
      }),
  });
  e.app = app as never;
  class BrowserWindow extends EE {
    url = '';
    destroyed = false;
    readonly webContents = Object.assign(new EE(), {
      getURL: () => this.url,
      isDestroyed: () => this.destroyed,
      send: vi.fn(),
      sendInputEvent: vi.fn(),
      reload: vi.fn(),
      loadURL: (u: string) => this.loadURL(u),
    });
    constructor(readonly options: Record<string, unknown>) {
      super();
      e.windows.push(this as never);
    }
    loadURL = vi.fn(async (u: string) => {
      this.url = u;
    });
    isDestroyed = () => this.destroyed;
    isMinimized = () => true;
    restore = vi.fn();
    show = vi.fn();
    focus = vi.fn();
    maximize = vi.fn();
    getNormalBounds = () => ({ x: 0, y: 0, width: 1366, height: 768 });
    isMaximized = () => false;
    static getAllWindows = () => e.windows;
    static getFocusedWindow = () => e.windows[0] ?? null;
  }
  const workArea = { x: 0, y: 0, width: 1920, height: 1040 };
  return {
    app,
    BrowserWindow,
    dialog: { showMessageBox: vi.fn(async () => ({})) },
    ipcMain: { handle: (ch: string, h: unknown) => e.handlers.set(ch, h) },
    MessageChannelMain: class {
      port1 = Object.assign(new EE(), { postMessage: vi.fn(), start: vi.fn(), close: vi.fn() });
      port2 = { tag: 'port2' };
    },
    Menu: {
      buildFromTemplate: (t: unknown) => ({ template: t }),
      setApplicationMenu: (m: unknown) => {
        e.menu = m;
      },
    },
    net: { isOnline: () => true },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: unknown) => {
          e.session.request = h;
        },
        setPermissionCheckHandler: (h: unknown) => {
          e.session.check = h;
        },
        webRequest: {
          onHeadersReceived: (h: unknown) => {
            e.session.headers = h;
          },
        },
      },
    },
    shell: { openExternal: vi.fn(async () => {}), openPath: vi.fn(async () => '') },
    safeStorage: { isEncryptionAvailable: () => true },
    screen: { getPrimaryDisplay: () => ({ workArea }), getDisplayMatching: () => ({ workArea }) },
    utilityProcess: {
      fork: vi.fn((modulePath: string, args: string[], options: unknown) => {
        const child = Object.assign(new EE(), {
          modulePath,
          args,
          options,
          stderr: new PT(),
          postMessage: vi.fn(),
          kill: vi.fn(() => true),
        });
        e.children.push(child as never);
        return child;
      }),
    },
    webContents: { getAllWebContents: () => e.windows.map((w) => w.webContents) },
  };
});

const boot = async (lock = true) => {
  vi.resetModules();
  e.lock = lock;
  e.windows.length = 0;
  e.children.length = 0;
  e.handlers.clear();
  // The mocked electron may be built afresh after resetModules; reset the one we hold if not.
  if (e.app) {
    e.app.removeAllListeners();
    (e.app.quit as ReturnType<typeof vi.fn>).mockClear();
  }
  await import('./main.js');
};
const started = async () => {
  e.ready();
  await vi.waitFor(() => expect(e.children).toHaveLength(1));
};
const win = () => e.windows[0]! as unknown as { url: string; loadURL: ReturnType<typeof vi.fn> };
const child = () => e.children[e.children.length - 1]!;

beforeEach(() => {
  vi.useRealTimers();
});

describe('main.ts', () => {
  it('quits at once when another Chedang already runs', async () => {
    await boot(false);
    expect(e.app.quit).toHaveBeenCalledOnce();
    expect(e.app.listenerCount('second-instance')).toBe(0);
  });

  it('brings its window forward when a second instance starts', async () => {
    await boot(true);
    expect(e.app.quit).not.toHaveBeenCalled();
    await started();
    e.app.emit('second-instance');
    const w = e.windows[0]! as unknown as Record<string, ReturnType<typeof vi.fn>>;
    expect(w.restore).toHaveBeenCalled();
    expect(w.focus).toHaveBeenCalled();
  });

  it('starts the core, shows the starting page, then the app once ready', async () => {
    await boot();
    await started();
    const c = child() as unknown as { args: string[]; modulePath: string; options: { stdio: unknown } };
    expect(c.args).toEqual(['--port', '0', '--secrets', 'parent', '--no-demo']);
    expect(c.modulePath.replace(/\\/g, '/')).toMatch(/core\/serve\.js$/);
    expect(c.options.stdio).toEqual(['ignore', 'inherit', 'pipe']);
    expect(decodeURIComponent(win().url)).toContain('车档正在启动');

    child().emit('message', { type: 'ready', url: 'http://127.0.0.1:5170' });
    expect(win().url).toBe('http://127.0.0.1:5170');
    expect(child().postMessage).toHaveBeenCalledWith({ type: 'port' }, [{ tag: 'port2' }]);

    // The session, IPC and menu are in place.
    expect(Object.keys(e.session).sort()).toEqual(['check', 'headers', 'request']);
    expect([...e.handlers.keys()]).toContain('chedang:call');
    expect((e.menu as { template: Array<{ label: string }> }).template[0]!.label).toBe('文件(&F)');
  });

  it('shows a startup error on a local page, with the data folder, and does not restart', async () => {
    await boot();
    await started();
    child().emit('message', {
      type: 'startup-error',
      code: 'data_dir_unwritable',
      message: { zh: '数据文件夹无法写入', en: 'The data folder is not writable' },
      action: { zh: '请检查文件夹权限', en: 'Check the folder permissions' },
    });
    (child().stderr as PassThrough).write('无法启动：数据文件夹无法写入\n');
    child().emit('exit', 2);
    const page = decodeURIComponent(win().url);
    expect(page).toMatch(/^data:text\/html/);
    expect(page).toContain('数据文件夹无法写入');
    expect(page).toContain('Check the folder permissions');
    expect(page).toContain('/tmp/chedang-main-test-userdata');
    expect(page).toContain('详细信息'); // the core's last words, folded
    await new Promise((r) => setTimeout(r, 1_200));
    expect(e.children).toHaveLength(1);
  });

  it('guards every new webContents, and stops the core cleanly on quit', async () => {
    await boot();
    await started();
    const wc = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    e.app.emit('web-contents-created', {}, wc);
    expect(wc.setWindowOpenHandler).toHaveBeenCalled();
    expect(wc.listenerCount('will-navigate')).toBe(1);

    const quit = { preventDefault: vi.fn() };
    e.app.emit('before-quit', quit);
    e.app.emit('before-quit', quit); // asked twice while the core stops: one shutdown request
    expect(quit.preventDefault).toHaveBeenCalledTimes(2);
    const shutdowns = (child().postMessage as ReturnType<typeof vi.fn>).mock.calls.filter(
      (c) => (c[0] as { type?: string }).type === 'shutdown',
    );
    expect(shutdowns).toHaveLength(1);
    child().emit('exit', 0);
    await vi.waitFor(() => expect(e.app.quit).toHaveBeenCalled());
    const last = { preventDefault: vi.fn() };
    e.app.emit('before-quit', last); // once the core is down, quitting goes ahead
    expect(last.preventDefault).not.toHaveBeenCalled();
  });
});
