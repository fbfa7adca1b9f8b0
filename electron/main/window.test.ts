import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  const created: Array<{ options: Record<string, unknown>; win: unknown }> = [];
  return { created };
});

vi.mock('electron', async () => {
  const { EventEmitter: EE } = await import('node:events');
  class BrowserWindow extends EE {
    maximize = vi.fn();
    show = vi.fn();
    constructor(readonly options: Record<string, unknown>) {
      super();
      fake.created.push({ options, win: this });
    }
    getNormalBounds = () => ({ x: 1, y: 2, width: 1100, height: 700 });
    isMaximized = () => false;
  }
  const workArea = { x: 0, y: 0, width: 1920, height: 1040 };
  return {
    BrowserWindow,
    screen: { getPrimaryDisplay: () => ({ workArea }), getDisplayMatching: () => ({ workArea }) },
  };
});

const { createMainWindow, keepVisible, pageFor, webPreferences } = await import('./window.js');
const { AppOrigin } = await import('./security.js');
const { statusPageUrl } = await import('./status-page.js');
const { writeWindowState, WINDOW_STATE_FILE } = await import('./window-state.js');

let dir = '';
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chedang-win-'));
  fake.created.length = 0;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const OPTS = () => ({
  preload: '/app/dist/electron/preload.cjs',
  version: '1.2.3',
  stateFile: path.join(dir, WINDOW_STATE_FILE),
  devTools: false,
});

describe('the main window', () => {
  it('is locked down: isolated, sandboxed, no Node, web security on, our preload only', () => {
    expect(webPreferences(OPTS())).toEqual({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
      additionalArguments: ['--chedang-version=1.2.3'],
    });
  });

  it('opens hidden at the remembered bounds, shows (maximised) when ready, and saves on close', () => {
    writeWindowState(OPTS().stateFile, { x: 40, y: 30, width: 1280, height: 720, maximized: true });
    createMainWindow(OPTS());
    const { options, win } = fake.created[0]! as {
      options: Record<string, unknown>;
      win: EventEmitter & { show: ReturnType<typeof vi.fn>; maximize: ReturnType<typeof vi.fn> };
    };
    expect(options).toMatchObject({ x: 40, y: 30, width: 1280, height: 720, show: false, title: '车档 Chedang' });
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.maximize).toHaveBeenCalledOnce();
    expect(win.show).toHaveBeenCalledOnce();
    win.emit('close');
    expect(JSON.parse(fs.readFileSync(OPTS().stateFile, 'utf8'))).toEqual({
      x: 1,
      y: 2,
      width: 1100,
      height: 700,
      maximized: false,
    });
  });
});

describe('pageFor: what the window shows for each core state', () => {
  const APP = 'http://127.0.0.1:5170/';
  const info = { dataDir: '/data' };
  const origin = () => {
    const o = new AppOrigin();
    o.set(APP);
    return o;
  };
  const status = (state: 'starting' | 'restarting') => statusPageUrl({ state }, info);
  const failed = {
    state: 'failed' as const,
    message: { zh: '数据文件夹无法写入', en: 'The data folder is not writable' },
    action: { zh: '请检查权限', en: 'Check permissions' },
  };

  it('loads the app once the core is ready, unless it is already on screen', () => {
    expect(pageFor(status('starting'), { state: 'ready' }, APP, origin(), info)).toBe(APP);
    expect(pageFor('', { state: 'ready' }, APP, origin(), info)).toBe(APP);
    expect(pageFor(`${APP}work-orders/1`, { state: 'ready' }, APP, origin(), info)).toBeNull();
  });

  it('reloads the app when a restarted core came back on another port', () => {
    const o = new AppOrigin();
    o.set('http://127.0.0.1:6000/');
    expect(pageFor(`${APP}customers`, { state: 'ready' }, 'http://127.0.0.1:6000/', o, info)).toBe(
      'http://127.0.0.1:6000/',
    );
  });

  it('shows the status page while starting or restarting, but leaves the app (it shows the state itself)', () => {
    expect(pageFor('', { state: 'starting' }, null, new AppOrigin(), info)).toBe(status('starting'));
    expect(pageFor(status('starting'), { state: 'restarting' }, APP, origin(), info)).toBe(status('restarting'));
    expect(pageFor(`${APP}customers`, { state: 'restarting' }, APP, origin(), info)).toBeNull();
  });

  it('always shows the failure page on failure', () => {
    expect(pageFor(`${APP}customers`, failed, APP, origin(), info)).toBe(statusPageUrl(failed, info));
    expect(pageFor('', failed, null, new AppOrigin(), info)).toBe(statusPageUrl(failed, info));
  });
});

describe('keepVisible', () => {
  const contents = () => {
    const wc = Object.assign(new EventEmitter(), {
      loadURL: vi.fn(() => Promise.resolve()),
      reload: vi.fn(),
    });
    return wc;
  };

  it('replaces a page that failed to load with the fallback page', () => {
    const wc = contents();
    keepVisible(wc as never, () => 'data:fallback');
    wc.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', 'http://127.0.0.1:5170/', true);
    expect(wc.loadURL).toHaveBeenCalledWith('data:fallback');
    wc.emit('did-fail-load', {}, -3, 'ERR_ABORTED', 'http://127.0.0.1:5170/', true);
    wc.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', 'http://127.0.0.1:5170/img.png', false);
    expect(wc.loadURL).toHaveBeenCalledTimes(1);
  });

  it('reloads a crashed renderer, but not in a loop', () => {
    const wc = contents();
    let t = 0;
    keepVisible(
      wc as never,
      () => 'data:fallback',
      () => t,
    );
    wc.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(wc.reload).toHaveBeenCalledTimes(1);
    t = 3_000;
    wc.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(wc.reload).toHaveBeenCalledTimes(1);
    t = 20_000;
    wc.emit('render-process-gone', {}, { reason: 'oom' });
    expect(wc.reload).toHaveBeenCalledTimes(2);
    wc.emit('render-process-gone', {}, { reason: 'clean-exit' });
    expect(wc.reload).toHaveBeenCalledTimes(2);
  });
});
